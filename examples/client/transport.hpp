// kayako-client — the HTTP the client needs, behind one small interface: a request goes out, a
// response or a typed failure comes back. No protocol here: the method, target, headers and body
// go out as the application built them, and the response comes back as it arrived — every header
// (several `Set-Cookie` stay several), no redirect followed, no cookie kept, no body decoded.
//
// Two implementations: Boost.Beast (transport_beast.cpp, plain HTTP, one connection per
// exchange) and libcurl (transport_curl.cpp, HTTP and HTTPS, one easy handle for the whole run so
// that its connection is kept alive). docs/client-transport.md says what a third must do.
#ifndef KAYAKO_EXAMPLES_CLIENT_TRANSPORT_HPP
#define KAYAKO_EXAMPLES_CLIENT_TRANSPORT_HPP

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace kayako_client {

using header_list = std::vector<std::pair<std::string, std::string>>;

/// One request: where it goes (`scheme://host:port`) and what it says.
struct http_request {
    std::string scheme = "http";  ///< `http` or `https`
    std::string host;
    std::string port;
    std::string method;  ///< any token: sent as given
    std::string target;  ///< origin-form, already encoded: sent as given (no dot-segment removal)
    header_list headers;  ///< sent in this order; the transport adds only Host, framing and User-Agent
    std::string body;     ///< framed with Content-Length when not empty, and always for POST and PUT
};

/// One response, as it arrived.
struct http_response {
    int status = 0;
    std::string reason;
    header_list headers;  ///< in arrival order, repeated fields kept apart
    std::string body;     ///< empty for HEAD, whatever Content-Length says
};

/// What went wrong when no response arrived.
enum class transport_failure {
    unsupported,  ///< the transport cannot reach this scheme (Beast and `https`)
    resolve,      ///< the host name did not resolve
    connect,      ///< no connection (refused, unreachable)
    tls,          ///< the TLS handshake failed or the server's certificate is not trusted
    timeout,      ///< connecting, sending or waiting for the answer took longer than allowed
    too_large,    ///< the response body is over `transport_options::body_limit`
    protocol,     ///< the answer is not HTTP/1.1 the transport can read
    io,           ///< anything else on the way (reset connection, local resource)
};

/// A failure with what the transport saw, for the user.
struct transport_error {
    transport_failure what = transport_failure::io;
    std::string detail;

    /// "could not connect: Connection refused" and the like.
    [[nodiscard]] std::string message() const;
};

/// A response or the reason there is none; never an exception.
class exchange_result {
public:
    exchange_result(http_response response) : value_(std::move(response)) {}  // NOLINT: implicit on purpose
    exchange_result(transport_error error) : value_(std::move(error)) {}      // NOLINT: implicit on purpose

    [[nodiscard]] bool has_response() const noexcept { return value_.index() == 0; }
    explicit operator bool() const noexcept { return has_response(); }
    /// The response; only when `has_response()`.
    [[nodiscard]] http_response& response() noexcept { return *std::get_if<http_response>(&value_); }
    [[nodiscard]] http_response const& response() const noexcept { return *std::get_if<http_response>(&value_); }
    /// The failure; only when not `has_response()`.
    [[nodiscard]] transport_error const& error() const noexcept { return *std::get_if<transport_error>(&value_); }

private:
    std::variant<http_response, transport_error> value_;
};

/// What every transport honours.
struct transport_options {
    std::chrono::milliseconds timeout{30'000};  ///< for connecting, and for each wait on the peer
    std::size_t body_limit = 64 * 1024 * 1024;  ///< a longer response body is `too_large`
    std::string user_agent = "kayako-client/0.1";
    std::string ca_file;  ///< `--cacert FILE`: the CA certificates (PEM) trusted for HTTPS, as curl's CURLOPT_CAINFO
};

/// An HTTP client: one exchange at a time, for the whole run (a transport may keep connections).
class transport {
public:
    virtual ~transport() = default;
    /// Sends `request` and reads its response. Every failure is a `transport_error`.
    virtual exchange_result exchange(http_request const& request) noexcept = 0;
    /// Whether `scheme` (`http`, `https`) can be reached at all.
    [[nodiscard]] virtual bool supports(std::string_view scheme) const noexcept = 0;
};

/// The transports this build has, by the name `--transport` takes.
enum class transport_kind { beast, curl };

/// `beast` or `curl` as a kind; nothing for another name.
std::optional<transport_kind> parse_transport_kind(std::string_view name);

/// Whether this build has libcurl (`--transport curl`).
bool has_curl_transport() noexcept;

/// A transport of `kind`; nothing, with a message in `problem`, when this build lacks it or it
/// cannot start (libcurl's global setup failed).
std::unique_ptr<transport> make_transport(transport_kind kind, transport_options const& options, std::string& problem);

/// Plain HTTP/1.1 over Boost.Beast, a fresh connection per exchange (transport_beast.cpp).
std::unique_ptr<transport> make_beast_transport(transport_options const& options);

/// HTTP/1.1 and HTTPS over libcurl, one easy handle (and its kept-alive connection) for the run
/// (transport_curl.cpp). Defined only when `has_curl_transport()`; nothing and a message when
/// libcurl cannot start.
std::unique_ptr<transport> make_curl_transport(transport_options const& options, std::string& problem);

}  // namespace kayako_client

#endif  // KAYAKO_EXAMPLES_CLIENT_TRANSPORT_HPP
