// kayako-test-server — the Kayako application: routing, storage and the protocol (through
// kayako-proto) for `/api/v1/tests` (§16), `/api/v1/users/:id` and sessions (§10, §11).
#ifndef KAYAKO_EXAMPLES_API_HPP
#define KAYAKO_EXAMPLES_API_HPP

#include "exchange.hpp"
#include "store.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace kayako_server {

struct application_options {
    std::size_t initial_items = 1000;    ///< Test items 1..N at start
    std::size_t max_items = 100'000;     ///< creating past this is refused
    std::size_t max_sessions = 10'000;   ///< the least recently used session goes first
    std::int64_t session_lifetime = 3600;  ///< seconds of inactivity before a session is gone
    std::size_t body_limit = 1024 * 1024;
};

class kayako_application final : public application {
public:
    explicit kayako_application(application_options const& options);
    /// The absolute URL the server is reached at; resource URLs and links start with it.
    void set_base_url(std::string url) { base_url_ = std::move(url); }

    response handle(request const& r) override;
    response refuse(transport_failure why) override;

private:
    struct exchange;  // one request's state, defined in api.cpp
    response handle_tests(exchange& x);
    response handle_users(exchange& x);

    application_options options_;
    std::string base_url_ = "http://127.0.0.1:8080";
    test_store tests_;
    directory directory_;
    session_store sessions_;
};

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_API_HPP
