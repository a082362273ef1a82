// kayako-test-server — one HTTP exchange as plain data, so that the Kayako application
// (api.cpp) never sees Boost.Beast and the transport (http_server.cpp) never sees the protocol.
#ifndef KAYAKO_EXAMPLES_EXCHANGE_HPP
#define KAYAKO_EXAMPLES_EXCHANGE_HPP

#include <kayako/core/error.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kayako_server {

/// A header field as it arrived: views into the transport's own message (no copies).
using header_field = std::pair<std::string_view, std::string_view>;

/// A request as the transport received it. Every view points into the transport's message and
/// stays valid for the duration of the call that receives it.
struct request {
    std::string_view method;  ///< the request-line method token, as sent ("GET", "PATCH", ...)
    std::string_view target;  ///< the request-target, as sent
    std::vector<header_field> headers;
    std::string_view body;
    std::string_view peer;  ///< the client's address, from the socket ("127.0.0.1", "::1"); may be empty
};

/// A response for the transport to send. `head_only` responses carry the length of `body` in
/// Content-Length but send no body (HEAD, RFC 9110 §9.3.2).
struct response {
    unsigned status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    bool head_only = false;
};

/// Reasons the transport refuses a request before the application sees it.
enum class transport_failure {
    body_too_large,    ///< the declared or received body is larger than the body limit
    header_too_large,  ///< the request head is larger than the header limit
    /// The head is not HTTP/1.x, or its framing is refused (§21.23: `kayako::check_request_framing`);
    /// the failure passed along names the header (Transfer-Encoding, Content-Length, Host) when
    /// there is one. 400, and the connection closes: where the next request starts is unknown.
    bad_request,
};

/// What the transport calls: the application behind it.
class application {
public:
    virtual ~application() = default;
    virtual response handle(request const& r) = 0;
    /// `detail` says what the library found, for `bad_request`; for `body_too_large` it names the
    /// header that framed the body (`Content-Length` or `Transfer-Encoding`); empty otherwise.
    virtual response refuse(transport_failure why, kayako::failure const& detail) = 0;
};

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_EXCHANGE_HPP
