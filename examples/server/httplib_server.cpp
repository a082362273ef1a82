// kayako-test-server-httplib — the HTTP/1.1 transport on cpp-httplib 0.11 (Debian's
// libcpp-httplib-dev). cpp-httplib parses the request line and head, reads the body (Content-Length
// or chunked, through a ContentReader that stops at the body limit), routes, and writes the response; this adapter
// hands each request to the `application` exactly as the Beast transport does (http_server.cpp)
// and gives the same answers. Where cpp-httplib would decide differently, the adapter takes the
// decision back at the one place httplib lets it:
//
// - the connection loop and the socket stream are the adapter's (Server::process_and_close_socket
//   is virtual; httplib's own process_request still parses, reads and writes): so the head bound,
//   the idle, request and write timeouts, and the connection bounds with idle eviction are those
//   of transport_options, and a refused request closes its connection without reading further;
// - httplib knows ten methods and reads a body only for POST, PUT, PATCH and DELETE: the stream
//   presents every other method token to it as POST and the application gets the real one, so any
//   method works and no body is ever left unread to run as the next request;
// - the §21.23 framing check, the header bound and the body bound run before httplib reads a
//   byte of body (setup hook, Expect handler, pre-routing handler), and httplib's own errors
//   (400, 413, 414, 416) are answered by the application's `refuse` through the error handler;
// - httplib's extras are switched off per request: Range slicing, gzip/brotli of responses and
//   of request bodies (the application sees the bytes that were sent, as on Beast).
// docs/transport.md lists what still differs and why no adapter can change it.
#include "httplib_server.hpp"

#include "httplib_connection.hpp"

#include <kayako/request/framing.hpp>

#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cctype>
#include <climits>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <list>
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

using namespace httplib_adapter;

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool is_token(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_tchar); }

// A field value as RFC 9110 §5.5 allows it: no control characters but HTAB (Beast's bad_value).
bool is_field_value(std::string_view s) {
    return std::none_of(s.begin(), s.end(), [](char c) {
        auto const u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\t') || u == 0x7f;
    });
}

// ---- one request ---------------------------------------------------------------------------------

/// What the adapter knows of the request being served on this thread (httplib's handlers are
/// plain callbacks; one connection, and so one request at a time, per thread).
struct exchange_state {
    bounded_stream* stream = nullptr;
    std::string method;
    std::vector<std::pair<std::string, std::string>> headers;  // as sent (httplib's own taken out)
    std::string peer;
    std::optional<kayako::request_framing> framing;
    std::optional<std::pair<transport_failure, kayako::failure>> refusal;
    bool answered = false;     // res holds the application's answer: the error handler leaves it
    bool close_after = false;  // the connection ends after this response
};
thread_local exchange_state* current = nullptr;

/// The header fields as a kayako header source (kayako/request/headers.hpp).
struct field_list {
    std::vector<std::pair<std::string, std::string>> const& fields;
    template <class Visit>
    void operator()(std::string_view name, Visit&& visit) const {
        for (auto const& [n, v] : fields)
            if (iequals(n, name)) visit(std::string_view(v));
    }
};

class httplib_transport final : public httplib::Server {
public:
    httplib_transport(transport_options const& options, application& app)
        : options_(options), app_(app), registry_(options) {
        set_payload_max_length(options.body_limit);
        // Only the Keep-Alive header httplib writes reads these: the loop below enforces the timeout.
        set_keep_alive_timeout(std::max<time_t>(1, std::chrono::duration_cast<std::chrono::seconds>(options.idle_timeout).count()));
        set_keep_alive_max_count(keep_alive_max);
        new_task_queue = [this] { return new connection_threads(*this); };
        set_expect_100_continue_handler([this](httplib::Request const&, httplib::Response& res) {
            return current->refusal ? refuse(res) : 100;  // refused before the client sends the body
        });
        set_pre_routing_handler([this](httplib::Request const& req, httplib::Response& res) {
            if (current->refusal) return refuse(res), HandlerResponse::Handled;
            if (current->framing->body != kayako::body_framing::none) return HandlerResponse::Unhandled;
            answer(req, {}, res);  // nothing to read: httplib would wait for a body that never comes
            return HandlerResponse::Handled;
        });
        // Every request with a body arrives as one of these (see present_method), and is read here:
        // httplib 0.11 bounds a Content-Length body by set_payload_max_length but not a chunked one.
        auto const with_body = [this](httplib::Request const& req, httplib::Response& res,
                                      httplib::ContentReader const& read) {
            std::string body;
            bool too_large = false;
            bool const complete = read([&](char const* data, std::size_t size) {
                too_large = size > options_.body_limit - body.size();
                if (!too_large) body.append(data, size);
                return !too_large;
            });
            if (complete) return answer(req, body, res);
            // Past the limit, or a chunk httplib could not read (Beast's bad_chunk): refused, closed.
            if (too_large) current->refusal.emplace(transport_failure::body_too_large, body_over_limit());
            else current->refusal.emplace(transport_failure::bad_request, kayako::failure(kayako::error::invalid_framing));
            refuse(res);
        };
        Post(".*", with_body);
        Put(".*", with_body);
        Patch(".*", with_body);
        Delete(".*", with_body);
        set_error_handler(HandlerWithResponse(
            [this](httplib::Request const& req, httplib::Response& res) { return on_error(req, res); }));
    }

    /// The bound address, once bound.
    std::optional<sockaddr_storage> local_address() const {
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        if (::getsockname(svr_sock_, reinterpret_cast<sockaddr*>(&address), &length) != 0) return std::nullopt;
        return address;
    }
    /// httplib listens with a backlog of 5 (compiled in); Linux lets a listening socket raise it.
    void widen_backlog() { ::listen(svr_sock_, SOMAXCONN); }

private:
    static constexpr std::size_t keep_alive_max = 100'000;

    /// A thread per connection, as httplib's model is blocking. httplib hands each accepted socket
    /// to `enqueue`, which runs it at once on the accepting thread: process_and_close_socket admits
    /// it there, in accept order as the Beast listener does, and only an admitted connection gets a
    /// thread (`start`); so there are at most max_connections threads, plus evicted ones finishing.
    class connection_threads final : public httplib::TaskQueue {
    public:
        explicit connection_threads(httplib_transport& owner) : owner_(owner) { owner_.threads_ = this; }
        void enqueue(std::function<void()> fn) override { fn(); }
        void start(std::function<void()> serve) {
            std::lock_guard lock(mutex_);
            std::erase_if(threads_, [](worker& w) {
                if (!w.done->load()) return false;
                w.thread.join();
                return true;
            });
            auto done = std::make_shared<std::atomic<bool>>(false);
            threads_.push_back({std::thread([serve = std::move(serve), done] {
                                    serve();
                                    done->store(true);
                                }),
                                done});
        }
        void shutdown() override {
            owner_.registry_.stop_all();
            std::lock_guard lock(mutex_);
            for (auto& w : threads_) w.thread.join();
            threads_.clear();
            owner_.threads_ = nullptr;
        }

    private:
        struct worker {
            std::thread thread;
            std::shared_ptr<std::atomic<bool>> done;
        };
        httplib_transport& owner_;
        std::mutex mutex_;
        std::vector<worker> threads_;
    };

    // On the accepting thread: admission (evicting the longest-idle connection where a bound is
    // reached), then the connection's own thread runs the loop below in place of httplib's.
    bool process_and_close_socket(socket_t sock) override {
        auto slot = std::make_shared<connection_registry::entry>();
        slot->fd = sock;
        // httplib writes a head and then a body: without this, Nagle's algorithm holds the body
        // back until the client's delayed ACK of the head (40 ms a response on Linux).
        int const on = 1;
        ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        sockaddr_storage peer{};
        socklen_t length = sizeof peer;
        if (threads_ != nullptr && ::getpeername(sock, reinterpret_cast<sockaddr*>(&peer), &length) == 0) {
            slot->address = address_text(peer);
            registry_.enter(*slot);
            if (registry_.admit(*slot)) {
                registry_.set_idle(*slot, true);  // nothing received yet: the first to go
                threads_->start([this, slot] {
                    serve_connection(slot->fd, *slot);
                    end_connection(*slot);
                });
                return true;
            }
            registry_.leave(*slot);
        }
        ::close(sock);
        return true;
    }

    void end_connection(connection_registry::entry& slot) {
        registry_.leave(slot);
        ::shutdown(slot.fd, SHUT_WR);
        ::close(slot.fd);
    }

    void serve_connection(int sock, connection_registry::entry& slot) {
        bounded_stream stream(sock, options_, registry_, slot);
        for (std::size_t served = 1;; ++served) {
            exchange_state state;
            state.stream = &stream;
            state.peer = slot.address;
            current = &state;
            stream.begin_request();
            bool closed_by_httplib = false;
            bool const written = process_request(stream, served == keep_alive_max, closed_by_httplib,
                                                 [this](httplib::Request& req) { setup(req); });
            current = nullptr;
            if (!written) {
                // httplib gives up on a request line past the head bound without answering.
                if (stream.over_limit() && !state.answered) write_refusal(stream);
                if (stream.over_limit()) stream.drain();
                return;
            }
            if (state.close_after) {
                if (state.refusal || !state.answered) stream.drain();
                return;
            }
            // `closed_by_httplib` is not consulted: the framing check's close_after says the same
            // (Connection: close, HTTP/1.0) except that httplib reads only `Keep-Alive` spelled so.
            if (served == keep_alive_max) return;
        }
    }

    // The head is parsed and the body not yet read: what the application will see, and whether
    // the request may go on (Beast's on_head).
    void setup(httplib::Request& req) {
        exchange_state& s = *current;
        s.stream->end_head();
        s.method = s.stream->real_method().empty() ? req.method : s.stream->real_method();
        // The fields as sent, not httplib's decoded copy (which also holds its REMOTE_ADDR & co.).
        s.headers = s.stream->fields();
        bool wellformed = !s.stream->bad_line();
        for (auto const& [name, value] : s.headers) wellformed = wellformed && is_token(name) && is_field_value(value);
        if (!wellformed) {
            s.refusal.emplace(transport_failure::bad_request, kayako::failure(kayako::error::invalid_framing));
            return;
        }
        auto const version = req.version == "HTTP/1.0" ? kayako::http_version::http_1_0 : kayako::http_version::http_1_1;
        auto const framing = kayako::check_request_framing(field_list{s.headers}, version);
        if (!framing) {
            s.refusal.emplace(transport_failure::bad_request, framing.error());
            return;
        }
        s.framing = *framing;
        s.close_after = framing->close_after;
        if (framing->body == kayako::body_framing::content_length && framing->content_length > options_.body_limit)
            s.refusal.emplace(transport_failure::body_too_large, body_over_limit());
        // httplib's extras, which the Beast transport does not have: Range slicing of the answer
        // into 206, compressing the answer, decompressing the body. The application saw the fields.
        // And its reading of multipart bodies into parts, which leaves the body empty.
        req.ranges.clear();
        req.headers.erase("Accept-Encoding");
        req.headers.erase("Content-Encoding");
        req.headers.erase("Content-Type");
    }

    kayako::failure body_over_limit() const {
        bool const chunked = current->framing && current->framing->body == kayako::body_framing::chunked;
        return {kayako::error::too_long, options_.body_limit, chunked ? "Transfer-Encoding" : "Content-Length"};
    }

    void answer(httplib::Request const& req, std::string_view body, httplib::Response& res) {
        exchange_state& s = *current;
        request r;
        r.method = s.method;
        r.target = req.target;
        for (auto const& [name, value] : s.headers) r.headers.emplace_back(name, value);
        r.body = body;
        r.peer = s.peer;
        response out;
        {
            std::lock_guard lock(app_mutex_);
            out = app_.handle(r);
        }
        fill(req, std::move(out), res);
    }

    // The refusal set by setup(), into `res`; returns its status (for the Expect handler).
    int refuse(httplib::Response& res) {
        exchange_state& s = *current;
        auto const [why, detail] = *s.refusal;
        s.answered = true;
        s.close_after = true;
        response out;
        {
            std::lock_guard lock(app_mutex_);
            out = app_.refuse(why, detail);
        }
        fill_response(std::move(out), res, true);
        return res.status;
    }

    void fill(httplib::Request const& req, response out, httplib::Response& res) {
        exchange_state& s = *current;
        s.answered = true;
        // httplib writes `Connection: close` itself when the request said exactly that.
        fill_response(std::move(out), res, s.close_after && req.get_header_value("Connection") != "close");
    }

    static void fill_response(response out, httplib::Response& res, bool close) {
        res.status = static_cast<int>(out.status);
        for (auto& [name, value] : out.headers) {
            // The length is the transport's to write, as Beast's prepare_payload does.
            if (iequals(name, "Content-Length")) continue;
            res.set_header(name, value);
        }
        if (out.head_only) {
            res.set_header("Content-Length", std::to_string(out.body.size()));  // HEAD: the length, no body
        } else {
            res.body = std::move(out.body);
        }
        if (close) res.set_header("Connection", "close");
    }

    // httplib's own error answers (a malformed head, 413, 414, 416), replaced by the application's
    // refusal; an answer of the application's own (a 404, a 401) passes untouched.
    HandlerResponse on_error(httplib::Request const& req, httplib::Response& res) {
        exchange_state* s = current;
        if (s == nullptr || s->answered) return HandlerResponse::Unhandled;
        transport_failure why = transport_failure::bad_request;
        kayako::failure detail(kayako::error::invalid_framing);
        if (s->stream->over_limit() || s->stream->long_line() || res.status == 414) {
            why = transport_failure::header_too_large;  // 414: a request line past httplib's compiled 8 KiB
            detail = {};
        } else if (res.status == 413) {
            why = transport_failure::body_too_large;
            detail = body_over_limit();
        } else if (res.status == 416 && !req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
            // A Range httplib cannot parse, refused before routing: the application decides, as on Beast.
            httplib::Request copy = req;
            setup(copy);
            if (!s->refusal) {
                s->close_after = true;  // httplib's loop state after its own error is not ours to trust
                answer(req, {}, res);
                return HandlerResponse::Handled;
            }
        }
        if (!s->refusal) s->refusal.emplace(why, detail);
        refuse(res);
        if (req.get_header_value("Connection") == "close") res.headers.erase("Connection");
        return HandlerResponse::Handled;
    }

    // A refusal httplib gave no chance to answer (the request line alone outgrew the head bound).
    void write_refusal(bounded_stream& stream) {
        response out;
        {
            std::lock_guard lock(app_mutex_);
            out = app_.refuse(transport_failure::header_too_large, {});
        }
        std::string bytes = "HTTP/1.1 " + std::to_string(out.status) + " Request Header Fields Too Large\r\n";
        for (auto const& [name, value] : out.headers)
            if (!iequals(name, "Content-Length")) bytes += name + ": " + value + "\r\n";
        bytes += "Content-Length: " + std::to_string(out.body.size()) + "\r\nConnection: close\r\n\r\n" + out.body;
        stream.write(bytes.data(), bytes.size());
    }

    transport_options options_;
    application& app_;
    std::mutex app_mutex_;  // the application is single-threaded, as on the Beast transport
    connection_registry registry_;
    connection_threads* threads_ = nullptr;  // httplib's task queue, while listening
};

std::string url_of(sockaddr_storage const& address) {
    std::string host = address_text(address);
    if (address.ss_family == AF_INET6) host = "[" + host + "]";
    return "http://" + host + ":" + std::to_string(port_of(address));
}

}  // namespace

int serve_httplib(transport_options const& options, application& app,
                  std::function<void(std::string const& url)> const& on_listening) {
    // A thread per connection already (connection_threads, above): a pool of N threads would
    // only cap the connections served at once, which `--max-connections` does. Refused, not ignored.
    if (options.threads != 1) {
        std::cerr << "kayako-test-server-httplib: --threads " << options.threads
                  << ": cpp-httplib serves each connection on its own thread; only 1 is taken (the Beast server takes N)\n";
        return 2;
    }
    // SIGINT and SIGTERM go to one thread that stops the server (every thread started from here
    // on inherits the blocked mask); SIGUSR1 ends that thread if the server ends by itself.
    sigset_t signals;
    sigemptyset(&signals);
    for (int sig : {SIGINT, SIGTERM, SIGUSR1}) sigaddset(&signals, sig);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    httplib_transport server(options, app);
    bool const bound = options.port == 0 ? server.bind_to_any_port(options.host) > 0
                                         : server.bind_to_port(options.host, options.port);
    auto const local = bound ? server.local_address() : std::nullopt;
    if (!local) {
        std::cerr << "kayako-test-server: cannot listen on " << options.host << ':' << options.port << '\n';
        return 1;
    }
    server.widen_backlog();

    std::thread stopper([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        if (sig != SIGUSR1) server.stop();
    });
    on_listening(url_of(*local));
    server.listen_after_bind();
    pthread_kill(stopper.native_handle(), SIGUSR1);
    stopper.join();
    return 0;
}

}  // namespace kayako_server
