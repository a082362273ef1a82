// kayako-test-server — the HTTP/1.1 transport on Boost.Beast: asynchronous, keep-alive, and
// bounded everywhere (head size, body size, connections, idle and slow clients), so that no
// client can crash it or make it grow. It knows nothing of the Kayako protocol: it hands each
// complete request to the `application` and writes back what that returns.
#include "http_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <array>
#include <iostream>
#include <memory>
#include <optional>
#include <utility>

namespace kayako_server {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

struct shared_state {
    transport_options options;
    application* app = nullptr;
    std::size_t connections = 0;  // one thread runs the io_context: no lock needed
};

class connection : public std::enable_shared_from_this<connection> {
public:
    connection(tcp::socket socket, std::shared_ptr<shared_state> state)
        : stream_(std::move(socket)),
          // The buffer holds at most one request head plus what arrives with it; bodies are moved
          // into the message as they come, so this bound is also the head bound.
          buffer_(state->options.header_limit + 64 * 1024),
          state_(std::move(state)) {
        ++state_->connections;
    }
    ~connection() { --state_->connections; }
    connection(connection const&) = delete;
    connection& operator=(connection const&) = delete;

    void start() { read_head(); }

private:
    void read_head() {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(state_->options.header_limit));
        parser_->body_limit(state_->options.body_limit);
        stream_.expires_after(state_->options.idle_timeout);
        http::async_read_header(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&connection::on_head, shared_from_this()));
    }

    void on_head(beast::error_code ec, std::size_t) {
        if (ec == http::error::header_limit) return refuse(transport_failure::header_too_large);
        // Beast checks a declared Content-Length against the body limit while reading the head.
        if (ec == http::error::body_limit) return refuse(transport_failure::body_too_large);
        if (ec) return close();  // end of stream, timeout, malformed HTTP: this connection only
        auto const& head = parser_->get();
        if (auto length = parser_->content_length(); length && *length > state_->options.body_limit)
            return refuse(transport_failure::body_too_large);
        stream_.expires_after(state_->options.request_timeout);  // the body must follow in time
        if (beast::iequals(head[http::field::expect], "100-continue")) {
            continue_ = {http::status::continue_, 11};
            http::async_write(stream_, continue_,
                              beast::bind_front_handler(&connection::on_continue, shared_from_this()));
            return;
        }
        read_body();
    }

    void on_continue(beast::error_code ec, std::size_t) {
        if (ec) return close();
        read_body();
    }

    void read_body() {
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&connection::on_body, shared_from_this()));
    }

    void on_body(beast::error_code ec, std::size_t) {
        if (ec == http::error::body_limit) return refuse(transport_failure::body_too_large);
        if (ec) return close();
        auto const& message = parser_->get();
        request r;
        r.method = message.method_string();
        r.target = message.target();
        for (auto const& field : message) r.headers.emplace_back(field.name_string(), field.value());
        r.body = message.body();
        send(state_->app->handle(r), !message.keep_alive());
    }

    // The rest of a refused request is never read, so the connection cannot be reused.
    void refuse(transport_failure why) { send(state_->app->refuse(why), true); }

    void send(response out, bool close_after) {
        response_ = {};
        response_.version(11);
        response_.result(out.status);
        for (auto& [name, value] : out.headers) response_.insert(name, value);
        if (out.head_only) {
            response_.content_length(out.body.size());
        } else {
            response_.body() = std::move(out.body);
            response_.prepare_payload();
        }
        response_.keep_alive(!close_after);
        stream_.expires_after(state_->options.write_timeout);
        http::async_write(stream_, response_,
                          beast::bind_front_handler(&connection::on_write, shared_from_this(), close_after));
    }

    void on_write(bool close_after, beast::error_code ec, std::size_t) {
        if (ec) return close();
        if (close_after) return drain_and_close();
        read_head();
    }

    // Closing a socket with unread input makes the kernel send a reset, and the client may lose
    // the response it has not read yet (a 413 for a body still being sent). So: stop sending,
    // then read and discard for a bounded time and size, then close.
    void drain_and_close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(std::chrono::seconds(2));
        drain_budget_ = 4 * state_->options.body_limit + 64 * 1024;
        drain();
    }

    void drain() {
        stream_.async_read_some(net::buffer(discard_),
                                [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                    if (ec || n >= self->drain_budget_) return self->close();
                                    self->drain_budget_ -= n;
                                    self->drain();
                                });
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.close();
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::shared_ptr<shared_state> state_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::string_body> response_;
    http::response<http::empty_body> continue_;
    std::array<char, 16 * 1024> discard_;
    std::size_t drain_budget_ = 0;
};

class listener : public std::enable_shared_from_this<listener> {
public:
    listener(net::io_context& io, tcp::acceptor acceptor, std::shared_ptr<shared_state> state)
        : acceptor_(std::move(acceptor)), retry_(io), state_(std::move(state)) {}

    void accept() {
        acceptor_.async_accept(beast::bind_front_handler(&listener::on_accept, shared_from_this()));
    }

    void stop() {
        beast::error_code ignored;
        acceptor_.close(ignored);
        retry_.cancel();
    }

private:
    void on_accept(beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
        if (ec) {  // e.g. out of file descriptors: back off instead of spinning
            retry_.expires_after(std::chrono::milliseconds(50));
            retry_.async_wait([self = shared_from_this()](beast::error_code e) {
                if (!e) self->accept();
            });
            return;
        }
        if (state_->connections >= state_->options.max_connections) {
            beast::error_code ignored;
            socket.close(ignored);  // bounded memory: refuse rather than queue
        } else {
            std::make_shared<connection>(std::move(socket), state_)->start();
        }
        accept();
    }

    tcp::acceptor acceptor_;
    net::steady_timer retry_;
    std::shared_ptr<shared_state> state_;
};

std::string url_of(tcp::endpoint const& endpoint) {
    auto const address = endpoint.address();
    std::string host = address.to_string();
    if (address.is_v6()) host = "[" + host + "]";
    return "http://" + host + ":" + std::to_string(endpoint.port());
}

}  // namespace

int serve(transport_options const& options, application& app,
          std::function<void(std::string const& url)> const& on_listening) {
    net::io_context io(1);
    auto state = std::make_shared<shared_state>();
    state->options = options;
    state->app = &app;

    beast::error_code ec;
    tcp::resolver resolver(io);
    auto const endpoints = resolver.resolve(options.host, std::to_string(options.port),
                                            tcp::resolver::numeric_service | tcp::resolver::passive, ec);
    if (ec || endpoints.empty()) {
        std::cerr << "kayako-test-server: cannot resolve " << options.host << ": " << ec.message() << '\n';
        return 1;
    }
    tcp::endpoint const endpoint = endpoints.begin()->endpoint();
    tcp::acceptor acceptor(io);
    if (acceptor.open(endpoint.protocol(), ec) || acceptor.set_option(net::socket_base::reuse_address(true), ec) ||
        acceptor.bind(endpoint, ec) || acceptor.listen(net::socket_base::max_listen_connections, ec)) {
        std::cerr << "kayako-test-server: cannot listen on " << options.host << ':' << options.port << ": "
                  << ec.message() << '\n';
        return 1;
    }
    auto const local = acceptor.local_endpoint(ec);
    auto server = std::make_shared<listener>(io, std::move(acceptor), state);
    server->accept();

    net::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) {
        server->stop();
        io.stop();
    });

    on_listening(url_of(local));
    io.run();
    return 0;
}

}  // namespace kayako_server
