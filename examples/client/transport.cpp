#include "transport.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace kayako_client {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

std::optional<http_response> exchange(http_request const& request, transport_options const& options, std::string& error) {
    try {
        net::io_context io;
        tcp::resolver resolver(io);
        beast::tcp_stream stream(io);
        stream.expires_after(options.timeout);
        stream.connect(resolver.resolve(request.host, request.port));

        http::request<http::string_body> out;
        out.version(11);
        out.method_string(request.method);
        out.target(request.target);
        out.set(http::field::host, request.host + ":" + request.port);
        out.set(http::field::user_agent, "kayako-client/0.1");
        for (auto const& [name, value] : request.headers) out.insert(name, value);
        out.body() = request.body;
        if (!request.body.empty() || request.method == "POST" || request.method == "PUT") out.prepare_payload();
        out.keep_alive(false);
        stream.expires_after(options.timeout);
        http::write(stream, out);

        beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(options.body_limit);
        parser.skip(request.method == "HEAD");  // a HEAD response has no body whatever it declares
        stream.expires_after(options.timeout);
        http::read(stream, buffer, parser);
        auto& in = parser.get();

        http_response r;
        r.status = static_cast<int>(in.result_int());
        r.reason = std::string(in.reason());
        for (auto const& field : in) r.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
        r.body = std::move(in.body());
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        return r;
    } catch (std::exception const& e) {
        error = e.what();
        return std::nullopt;
    }
}

}  // namespace kayako_client
