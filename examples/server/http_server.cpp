// kayako-test-server — the HTTP/1.1 transport on Boost.Beast: asynchronous, keep-alive, and
// bounded everywhere (head size, body size, connections, idle and slow clients), so that no
// client can crash it or make it grow. It knows nothing of the Kayako protocol: it hands each
// complete request to the `application` and writes back what that returns. Of the library it
// uses only the HTTP framing check (kayako/request/framing.hpp, §21.23), before it reads any body.
#include "http_server.hpp"

#include <kayako/request/framing.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
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
#include <boost/intrusive/list.hpp>

#include <sys/ioctl.h>

#include <array>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kayako_server {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

class connection;

/// A request head as a kayako header source (kayako/request/headers.hpp): Beast's own field lines, in the
/// order received, no copies.
struct beast_head {
    http::fields const& lines;
    template <class Visit>
    void operator()(std::string_view name, Visit&& visit) const {
        auto const [first, last] = lines.equal_range(beast::string_view(name.data(), name.size()));
        for (auto it = first; it != last; ++it) visit(std::string_view(it->value()));
    }
};

kayako::http_version version_of(http::request_header<> const& head) {
    // HTTP/1.2 and later minors speak as 1.1 (RFC 9112 §2.5); Beast reads only HTTP/d.d.
    return head.version() >= 11 ? kayako::http_version::http_1_1 : kayako::http_version::http_1_0;
}

/// A Beast error that says the request's bytes are not HTTP/1.x, as the failure its 400 carries;
/// nothing for the others (end of stream, timeouts, limits), which are not the request's fault or
/// have their own answer. Beast runs some framing checks of its own while it reads the head, before
/// ours can: those name the header as the library would (`partial` is the head read so far).
std::optional<kayako::failure> malformed(beast::error_code ec, http::fields const& partial) {
    auto framing = [](std::string_view header) { return kayako::failure(kayako::error::invalid_framing, kayako::failure::no_offset, header); };
    if (ec == http::error::bad_transfer_encoding) return framing("Transfer-Encoding");  // after Content-Length, or twice
    if (ec == http::error::bad_content_length || ec == http::error::multiple_content_length)
        // After `Transfer-Encoding: chunked` it is the conflict of RFC 9112 §6.1, which names Transfer-Encoding.
        return framing(partial.count(http::field::transfer_encoding) != 0 ? "Transfer-Encoding" : "Content-Length");
    for (http::error e : {http::error::bad_line_ending, http::error::bad_method, http::error::bad_target,
                          http::error::bad_version, http::error::bad_field, http::error::bad_value,
                          http::error::bad_chunk, http::error::bad_chunk_extension, http::error::bad_obs_fold})
        if (ec == e) return kayako::failure(kayako::error::invalid_framing);
    return std::nullopt;
}

// A connection's places in the idle lists: while it waits for a request head, oldest first, so
// that the longest-idle one is at the front when a newcomer needs its slot (O(1) either way).
struct idle_links {
    boost::intrusive::list_member_hook<> in_server;  // shared_state::idle
    boost::intrusive::list_member_hook<> in_peer;    // peer_state::idle
    connection* owner = nullptr;
};
using server_idle_list = boost::intrusive::list<
    idle_links, boost::intrusive::member_hook<idle_links, boost::intrusive::list_member_hook<>, &idle_links::in_server>>;
using peer_idle_list = boost::intrusive::list<
    idle_links, boost::intrusive::member_hook<idle_links, boost::intrusive::list_member_hook<>, &idle_links::in_peer>>;

// One client address's connections; forgotten when it has none, so the table holds at most
// `max_connections` addresses.
struct peer_state {
    std::size_t connections = 0;
    peer_idle_list idle;
};

// With `--threads N`, N threads run the io_context: each connection's handlers run on its own
// strand (one at a time, in order), the listener's on the io_context (one accept at a time).
// What connections share is under `slots` (the counts, the idle lists, the address table: short
// critical sections, taken twice a request) and the application under `serialized` (it keeps no
// locks of its own). A connection touches another only to evict it, under `slots`: it looks at
// its socket's kernel queue, gives its slot away, and posts its close to the victim's strand.
struct shared_state {
    transport_options options;
    application* app = nullptr;
    std::mutex slots;
    std::size_t connections = 0;  // under `slots`
    server_idle_list idle;        // under `slots`
    std::unordered_map<net::ip::address, peer_state> peers;  // under `slots`
    std::mutex serialized;        // every call into `app`
};

class connection : public std::enable_shared_from_this<connection> {
public:
    /// The caller holds `state->slots`.
    connection(tcp::socket socket, net::ip::address peer, std::shared_ptr<shared_state> state)
        : native_(socket.native_handle()),
          stream_(std::move(socket)),
          // The buffer holds at most one request head plus what arrives with it; bodies are moved
          // into the message as they come, so this bound is also the head bound.
          buffer_(state->options.header_limit + 64 * 1024),
          state_(std::move(state)),
          peer_(peer),
          peer_text_(peer.to_string()),
          // unordered_map keeps its elements in place: this stays valid until the entry is erased,
          // which happens only once every connection of the address has released its slot.
          peer_slot_(&state_->peers[peer_]) {
        ++state_->connections;
        ++peer_slot_->connections;
        links_.owner = this;
    }
    ~connection() {
        std::lock_guard lock(state_->slots);
        release_slot();
    }
    connection(connection const&) = delete;
    connection& operator=(connection const&) = delete;

    void start() { read_head(); }
    /// The connection's strand.
    beast::tcp_stream::executor_type executor() { return stream_.get_executor(); }

    /// Closes the longest-idle connection of `idle` (the server's or one address's list) to make
    /// room for a newcomer; false if none is idle. One found to have received part of a head since
    /// it was listed is not idle after all: it leaves the list and the next is tried (each leaves
    /// once per listing, so this is O(1) amortized). The caller holds `slots`.
    template <class IdleList>
    static bool close_longest_idle(IdleList& idle) {
        while (!idle.empty()) {
            connection& oldest = *idle.front().owner;
            if (oldest.has_input()) {
                oldest.unlist_idle();
                continue;
            }
            // Its slot is free now, not when its cancelled read completes: the newcomer needs it.
            // The close itself runs on its own strand (it may be another thread's); one whose last
            // owner is already gone is in its destructor, waiting for `slots`: nothing to close.
            // (The handler takes the only extra reference: were it the last one here, the
            // destructor would run under `slots`, which it takes.)
            auto victim = oldest.weak_from_this().lock();
            oldest.release_slot();
            if (victim) {
                auto const strand = victim->stream_.get_executor();
                net::post(strand, [v = std::move(victim)] { v->close(); });
            }
            return true;
        }
        return false;
    }

private:
    // The caller holds `slots` for these three.
    void list_idle() {
        state_->idle.push_back(links_);
        peer_slot_->idle.push_back(links_);
    }

    void unlist_idle() {
        if (!links_.in_server.is_linked()) return;
        state_->idle.erase(state_->idle.iterator_to(links_));
        peer_slot_->idle.erase(peer_slot_->idle.iterator_to(links_));
    }

    // Part of a request head has arrived. A listed connection's buffer is empty (it is listed
    // only so, and its first bytes are committed only after it has left the list: on_first_bytes),
    // so only the kernel's queue is asked — through the descriptor number, since the socket
    // object belongs to the connection's strand. (Once that has closed the descriptor, the
    // answer is about nothing, and the connection is leaving anyway.)
    bool has_input() const noexcept {
        int queued = 0;
        return ::ioctl(native_, FIONREAD, &queued) == 0 && queued > 0;
    }

    // Gives the connection's place in the counts back, once (eviction, then the destructor).
    void release_slot() {
        if (!counted_) return;
        counted_ = false;
        unlist_idle();
        --state_->connections;
        if (--peer_slot_->connections == 0) state_->peers.erase(peer_);
        peer_slot_ = nullptr;
    }

    void read_head() {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(state_->options.header_limit));
        parser_->body_limit(state_->options.body_limit);
        stream_.expires_after(state_->options.idle_timeout);
        // Idle until a request head arrives, and so the first to go when slots run short; a
        // pipelined head already in the buffer is not waited for. The wait is a read of our own,
        // so that the buffer stays empty while listed (has_input); the head is then parsed from
        // what it read, with no further read when that was all of it.
        if (buffer_.size() == 0) {
            std::lock_guard lock(state_->slots);
            if (counted_) list_idle();
            stream_.async_read_some(buffer_.prepare(first_read),
                                    beast::bind_front_handler(&connection::on_first_bytes, shared_from_this()));
            return;
        }
        read_rest_of_head();
    }

    void on_first_bytes(beast::error_code ec, std::size_t n) {
        {
            std::lock_guard lock(state_->slots);
            unlist_idle();
        }
        buffer_.commit(n);
        if (ec) return close();  // end of stream, timeout, evicted: this connection only
        read_rest_of_head();
    }

    void read_rest_of_head() {
        http::async_read_header(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&connection::on_head, shared_from_this()));
    }

    void on_head(beast::error_code ec, std::size_t) {
        if (ec == http::error::header_limit) return refuse(transport_failure::header_too_large);
        // Beast checks a declared Content-Length against the body limit while reading the head.
        if (ec == http::error::body_limit) return refuse(transport_failure::body_too_large, body_over_limit());
        if (auto bad = malformed(ec, parser_->get())) return refuse(transport_failure::bad_request, *bad);
        if (ec) return close();  // end of stream, timeout: this connection only
        auto const& head = parser_->get();
        // §21.23, before a byte of body is read: a body that two readers could frame differently
        // would run as the next request. A refused head closes the connection unread.
        auto const framing = kayako::check_request_framing(beast_head{head}, version_of(head));
        if (!framing) return refuse(transport_failure::bad_request, framing.error());
        close_after_ = framing->close_after;
        if (auto length = parser_->content_length(); length && *length > state_->options.body_limit)
            return refuse(transport_failure::body_too_large, body_over_limit());
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
        if (ec == http::error::body_limit) return refuse(transport_failure::body_too_large, body_over_limit());
        if (auto bad = malformed(ec, parser_->get())) return refuse(transport_failure::bad_request, *bad);  // a bad chunk
        if (ec) return close();
        auto const& message = parser_->get();
        request r;
        r.method = message.method_string();
        r.target = message.target();
        for (auto const& field : message) r.headers.emplace_back(field.name_string(), field.value());
        r.body = message.body();
        r.peer = peer_text_;
        response out;
        {
            std::lock_guard lock(state_->serialized);
            out = state_->app->handle(r);
        }
        send(std::move(out), !message.keep_alive() || close_after_);
    }

    // What a body past the limit is named by (§21.14): the header that declared its size, or the
    // chunked framing that carried it. (Beast refuses a declared length before the head is done.)
    kayako::failure body_over_limit() const {
        bool const declared = !parser_ || !parser_->is_header_done() || parser_->content_length().has_value();
        return {kayako::error::too_long, state_->options.body_limit, declared ? "Content-Length" : "Transfer-Encoding"};
    }

    // The rest of a refused request is never read, so the connection cannot be reused.
    void refuse(transport_failure why, kayako::failure const& detail = {}) {
        response out;
        {
            std::lock_guard lock(state_->serialized);
            out = state_->app->refuse(why, detail);
        }
        send(std::move(out), true);
    }

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

    // The next request is read only once this response is written. A client that pipelines
    // requests but does not read the responses therefore stops being read from: its response
    // waits in the socket, its further requests wait in the kernel's buffers (our buffer holds at
    // most one head's worth), no work is queued for it, and the write timeout closes it.
    // Pipelined requests are still answered, in order, one at a time.
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

    // The first read of a head: one read takes a whole small request (head and body) at once.
    static constexpr std::size_t first_read = 8 * 1024;

    int const native_;  // the socket's descriptor, for has_input on another thread
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::shared_ptr<shared_state> state_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::string_body> response_;
    http::response<http::empty_body> continue_;
    std::array<char, 16 * 1024> discard_;
    std::size_t drain_budget_ = 0;
    bool close_after_ = false;  // the request's framing says the connection ends with this response
    net::ip::address peer_;
    std::string peer_text_;  // request::peer views it
    peer_state* peer_slot_;  // this address's entry in shared_state::peers, while counted_
    idle_links links_;
    bool counted_ = true;  // holds a slot in shared_state's counts (under `slots`)
};

class listener : public std::enable_shared_from_this<listener> {
public:
    listener(net::io_context& io, tcp::acceptor acceptor, std::shared_ptr<shared_state> state)
        : acceptor_(std::move(acceptor)), retry_(io), state_(std::move(state)) {}

    void accept() {
        // With several threads each connection has its own strand, so that its handlers still
        // run one at a time; with one thread that is already so (and a strand costs ~20,000
        // instructions a request: measured under callgrind).
        net::any_io_executor const executor =
            state_->options.threads > 1 ? net::any_io_executor(net::make_strand(acceptor_.get_executor()))
                                        : acceptor_.get_executor();
        acceptor_.async_accept(executor, beast::bind_front_handler(&listener::on_accept, shared_from_this()));
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
        beast::error_code ignored;
        auto const peer = socket.remote_endpoint(ec);
        std::shared_ptr<connection> admitted;
        if (!ec) {
            std::lock_guard lock(state_->slots);
            if (make_room(peer.address())) admitted = std::make_shared<connection>(std::move(socket), peer.address(), state_);
        }
        if (admitted) {
            // start() runs on the connection's strand, as all its handlers do.
            net::post(admitted->executor(), [admitted] { admitted->start(); });
        } else {
            socket.close(ignored);  // bounded memory: refuse rather than queue
        }
        accept();
    }

    // Room for a newcomer from `address`: a client at its own bound gives up its longest-idle
    // connection, and a full server the longest-idle connection of anyone, so that silent
    // sockets cannot keep others out; refused only when nothing that would go is idle. The
    // caller holds `slots`.
    bool make_room(net::ip::address const& address) {
        auto const& o = state_->options;
        if (o.max_connections_per_address != 0) {
            auto it = state_->peers.find(address);
            if (it != state_->peers.end() && it->second.connections >= o.max_connections_per_address &&
                !connection::close_longest_idle(it->second.idle))
                return false;
        }
        return state_->connections < o.max_connections || connection::close_longest_idle(state_->idle);
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
    net::io_context io(static_cast<int>(options.threads));
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
    signals.async_wait([&](beast::error_code, int) { io.stop(); });

    on_listening(url_of(local));
    std::vector<std::thread> others;
    for (std::size_t i = 1; i < options.threads; ++i) others.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& t : others) t.join();
    server->stop();  // every thread has returned: nothing else touches the acceptor
    return 0;
}

}  // namespace kayako_server
