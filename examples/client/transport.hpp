// kayako-client — one HTTP/1.1 exchange over a fresh connection (Boost.Beast, kept in one
// translation unit). No protocol here: method, target, headers and body go out as given.
#ifndef KAYAKO_EXAMPLES_CLIENT_TRANSPORT_HPP
#define KAYAKO_EXAMPLES_CLIENT_TRANSPORT_HPP

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kayako_client {

using header_list = std::vector<std::pair<std::string, std::string>>;

struct http_request {
    std::string host;
    std::string port;
    std::string method;
    std::string target;
    header_list headers;
    std::string body;
};

struct http_response {
    int status = 0;
    std::string reason;
    header_list headers;
    std::string body;
};

struct transport_options {
    std::chrono::milliseconds timeout{30'000};
    std::size_t body_limit = 64 * 1024 * 1024;
};

/// Sends `request` and reads the response; on failure, nothing and a message in `error`.
std::optional<http_response> exchange(http_request const& request, transport_options const& options, std::string& error);

}  // namespace kayako_client

#endif  // KAYAKO_EXAMPLES_CLIENT_TRANSPORT_HPP
