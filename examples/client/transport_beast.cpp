// kayako-client — the Boost.Beast transport: plain HTTP/1.1, one exchange per connection
// (`Connection: close`), kept in this translation unit because Beast is heavy to compile.
#include "transport.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <exception>

namespace kayako_client {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

// What a failed write or read means: the timer, the body limit, a malformed answer, or the line.
transport_error on_the_way(beast::error_code const& ec) {
    if (ec == beast::error::timeout) return {transport_failure::timeout, ec.message()};
    if (ec == http::error::body_limit) return {transport_failure::too_large, ec.message()};
    if (ec.category() == http::make_error_code(http::error::bad_version).category())
        return {transport_failure::protocol, ec.message()};
    return {transport_failure::io, ec.message()};
}

class beast_transport final : public transport {
public:
    explicit beast_transport(transport_options options) : options_(std::move(options)) {}

    bool supports(std::string_view scheme) const noexcept override { return scheme == "http"; }

    exchange_result exchange(http_request const& request) noexcept override {
        if (!supports(request.scheme))
            return transport_error{transport_failure::unsupported,
                                   request.scheme + "://: the Beast transport speaks plain HTTP (use --transport curl)"};
        try {
            return exchange_plain(request);
        } catch (std::exception const& e) {  // a request Beast refuses to write (a bad method, a CR in a header)
            return transport_error{transport_failure::io, e.what()};
        }
    }

private:
    exchange_result exchange_plain(http_request const& request) {
        net::io_context io;
        tcp::resolver resolver(io);
        beast::tcp_stream stream(io);
        beast::error_code ec;
        auto const endpoints = resolver.resolve(request.host, request.port, ec);
        if (ec) return transport_error{transport_failure::resolve, request.host + ": " + ec.message()};
        stream.expires_after(options_.timeout);
        stream.connect(endpoints, ec);
        if (ec == beast::error::timeout) return transport_error{transport_failure::timeout, "connect: " + ec.message()};
        if (ec) return transport_error{transport_failure::connect, ec.message()};

        http::request<http::string_body> out;
        out.version(11);
        out.method_string(request.method);
        out.target(request.target);
        out.set(http::field::host, request.host + ":" + request.port);
        out.set(http::field::user_agent, options_.user_agent);
        for (auto const& [name, value] : request.headers) out.insert(name, value);
        out.body() = request.body;
        if (!request.body.empty() || request.method == "POST" || request.method == "PUT") out.prepare_payload();
        out.keep_alive(false);
        stream.expires_after(options_.timeout);
        http::write(stream, out, ec);
        if (ec) return on_the_way(ec);

        beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(options_.body_limit);
        parser.skip(request.method == "HEAD");  // a HEAD response has no body whatever it declares
        stream.expires_after(options_.timeout);
        http::read(stream, buffer, parser, ec);
        if (ec) return on_the_way(ec);
        auto& in = parser.get();

        http_response r;
        r.status = static_cast<int>(in.result_int());
        r.reason = std::string(in.reason());
        for (auto const& field : in) r.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
        r.body = std::move(in.body());
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        return r;
    }

    transport_options options_;
};

}  // namespace

std::unique_ptr<transport> make_beast_transport(transport_options const& options) {
    return std::make_unique<beast_transport>(options);
}

}  // namespace kayako_client
