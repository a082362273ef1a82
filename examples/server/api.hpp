// kayako-test-server — the Kayako application: routing, storage and the protocol (through
// kayako-proto) for `/api/v1/tests` (§16), `/api/v1/users/:id` and sessions (§10, §11).
#ifndef KAYAKO_EXAMPLES_API_HPP
#define KAYAKO_EXAMPLES_API_HPP

#include "exchange.hpp"
#include "store.hpp"

#include <kayako/api_error.hpp>
#include <kayako/error.hpp>

#include <optional>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kayako {
class entity_tag_text;
}

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

    /// Why a request stops: a catalogue error and the parameter — or parameters — it names
    /// (owned, since failures name parameters by views into the request's parsed pieces).
    /// Nothing: carry on.
    struct problem {
        kayako::api_error_code code;
        std::string parameter;
        std::vector<std::string> parameters;  ///< `ONE_FIELD_EXPECTED` names all it weighed
    };
    using outcome = std::optional<problem>;

private:
    struct exchange;  // one request's state, defined in api.cpp

    outcome run(exchange& x);
    outcome authenticate(exchange& x);
    outcome preconditions(exchange& x, kayako::entity_tag_text const& tag, std::int64_t modified);
    outcome tests(exchange& x);
    outcome list_tests(exchange& x);
    outcome create_test(exchange& x);
    outcome show_test(exchange& x, test_item const& item);
    kayako::result<kayako::entity_tag_text> test_entity_tag(test_item const& item) const;
    outcome users(exchange& x);
    response finish(exchange& x);

    application_options options_;
    std::string base_url_ = "http://127.0.0.1:8080";
    test_store tests_;
    directory directory_;
    session_store sessions_;
};

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_API_HPP
