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

using clock = std::chrono::steady_clock;

/// Compiled into libcpp-httplib.so (CPPHTTPLIB_HEADER_MAX_LENGTH): a longer head line is its 400.
constexpr std::size_t httplib_line_limit = 8192;

bool is_tchar(char c) {
    static constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           extra.find(c) != std::string_view::npos;
}

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

std::string address_text(sockaddr_storage const& address) {
    std::array<char, INET6_ADDRSTRLEN> text{};
    void const* raw = address.ss_family == AF_INET6
                          ? static_cast<void const*>(&reinterpret_cast<sockaddr_in6 const&>(address).sin6_addr)
                          : static_cast<void const*>(&reinterpret_cast<sockaddr_in const&>(address).sin_addr);
    if (inet_ntop(address.ss_family, raw, text.data(), text.size()) == nullptr) return {};
    return text.data();
}

int port_of(sockaddr_storage const& address) {
    return ntohs(address.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6 const&>(address).sin6_port
                                               : reinterpret_cast<sockaddr_in const&>(address).sin_port);
}

// ---- connection bounds ---------------------------------------------------------------------------

/// The connections being served, counted in all and per client address, with the idle ones (waiting
/// for a request head, nothing received) oldest first: the same policy as the Beast transport's
/// listener — a newcomer past a bound takes the slot of the longest-idle connection (its address's
/// own first), and is refused only when none is idle. Connections live on their own threads, so
/// everything is under one mutex; another thread's socket is only ever shut down, never closed
/// (its owner closes it after leaving the registry).
class connection_registry {
public:
    struct entry {
        int fd = -1;
        std::string address;
        bool counted = false;
        std::list<entry*>::iterator in_server, in_peer;
        bool idle = false;
    };

    explicit connection_registry(transport_options const& options) : options_(options) {}

    /// Admits `e` (fd and address set), evicting the longest-idle connection where a bound is reached.
    bool admit(entry& e) {
        std::lock_guard lock(mutex_);
        if (stopping_) return false;
        auto const bound = options_.max_connections_per_address;
        if (auto it = peers_.find(e.address); bound != 0 && it != peers_.end() && it->second.count >= bound &&
                                              !evict_longest_idle(it->second.idle))
            return false;
        if (connections_ >= options_.max_connections && !evict_longest_idle(idle_)) return false;
        ++connections_;
        ++peers_[e.address].count;
        e.counted = true;
        return true;
    }

    /// Listed as idle (waiting for a head with nothing received) or not.
    void set_idle(entry& e, bool idle) {
        std::lock_guard lock(mutex_);
        if (!e.counted || e.idle == idle) return;
        if (idle) {
            e.in_server = idle_.insert(idle_.end(), &e);
            e.in_peer = peers_[e.address].idle.insert(peers_[e.address].idle.end(), &e);
        } else {
            unlist(e);
        }
        e.idle = idle;
    }

    /// Gives the slot back (once: eviction may have done it already).
    void release(entry& e) {
        std::lock_guard lock(mutex_);
        release_locked(e);
    }

    /// Shuts every connection down (SIGTERM): each thread wakes and ends its connection.
    void stop_all() {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (auto* e : all_) ::shutdown(e->fd, SHUT_RDWR);
    }

    void enter(entry& e) {
        std::lock_guard lock(mutex_);
        all_.push_back(&e);
        if (stopping_) ::shutdown(e.fd, SHUT_RDWR);
    }
    void leave(entry& e) {
        std::lock_guard lock(mutex_);
        release_locked(e);
        all_.erase(std::find(all_.begin(), all_.end(), &e));
    }

private:
    struct peer_state {
        std::size_t count = 0;
        std::list<entry*> idle;
    };

    void unlist(entry& e) {
        if (!e.idle) return;
        idle_.erase(e.in_server);
        peers_[e.address].idle.erase(e.in_peer);
        e.idle = false;
    }

    void release_locked(entry& e) {
        if (!e.counted) return;
        unlist(e);
        e.counted = false;
        --connections_;
        if (auto it = peers_.find(e.address); it != peers_.end() && --it->second.count == 0) peers_.erase(it);
    }

    // Part of a head has arrived on a listed connection that has not noticed yet: not idle after all.
    static bool has_input(entry const& e) {
        int pending = 0;
        return ::ioctl(e.fd, FIONREAD, &pending) == 0 && pending > 0;
    }

    bool evict_longest_idle(std::list<entry*>& idle) {
        while (!idle.empty()) {
            entry& oldest = *idle.front();
            if (has_input(oldest)) {
                unlist(oldest);
                continue;
            }
            release_locked(oldest);  // its slot is the newcomer's now, not when its thread notices
            ::shutdown(oldest.fd, SHUT_RDWR);
            return true;
        }
        return false;
    }

    transport_options const& options_;
    std::mutex mutex_;
    std::size_t connections_ = 0;
    std::list<entry*> idle_;
    std::unordered_map<std::string, peer_state> peers_;
    std::vector<entry*> all_;
    bool stopping_ = false;
};

// ---- the socket stream ---------------------------------------------------------------------------

/// httplib's view of one connection: a buffered socket with the transport's deadlines, which
/// watches the request head as httplib reads it (httplib reads a head a byte at a time): its size
/// against the header limit, lines httplib would skip or refuse silently, and the method token.
class bounded_stream final : public httplib::Stream {
public:
    bounded_stream(int fd, transport_options const& options, connection_registry& registry,
                   connection_registry::entry& slot)
        : fd_(fd), options_(options), registry_(registry), slot_(slot) {}

    enum class phase { waiting, head, body };

    /// A new request may begin: the idle timeout runs until its first byte.
    void begin_request() {
        phase_ = phase::waiting;
        deadline_ = clock::now() + options_.idle_timeout;
        writing_ = false;
        head_bytes_ = 0;
        line_bytes_ = 0;
        line_has_colon_ = false;
        first_line_ = true;
        previous_ = 0;
        over_limit_ = long_line_ = bad_line_ = false;
        real_method_.clear();
        line_.clear();
        fields_.clear();
        if (pos_ == end_) registry_.set_idle(slot_, true);
    }
    /// httplib has parsed the head: what follows is body, within the same request deadline.
    void end_head() { phase_ = phase::body; }

    bool over_limit() const { return over_limit_; }      ///< the head outgrew transport_options::header_limit
    bool long_line() const { return long_line_; }        ///< a head line outgrew httplib's compiled limit
    bool bad_line() const { return bad_line_; }          ///< a bare LF, or a field line without ':'
    std::string const& real_method() const { return real_method_; }  ///< set when presented as POST
    /// The head's field lines as sent, in order: httplib's own copy URL-decodes every value
    /// (`%41` reads `A`), drops fields with an empty value and sorts them by name.
    std::vector<std::pair<std::string, std::string>> const& fields() const { return fields_; }

    bool is_readable() const override { return pos_ != end_ || wait(POLLIN, deadline_); }
    bool is_writable() const override { return wait(POLLOUT, write_deadline()); }

    ssize_t read(char* out, std::size_t size) override {
        if (size == 0) return 0;
        if (!prefix_.empty()) {  // the method presented to httplib in place of the real one
            std::size_t const n = std::min(size, prefix_.size());
            std::copy_n(prefix_.data(), n, out);
            prefix_.erase(0, n);
            return static_cast<ssize_t>(n);
        }
        if (pos_ == end_ && !fill()) return -1;
        if (pos_ == end_) return 0;  // end of stream
        if (phase_ == phase::waiting) {
            phase_ = phase::head;
            deadline_ = clock::now() + options_.request_timeout;  // the whole request from its first byte
            registry_.set_idle(slot_, false);
            if (!present_method()) return -1;
            if (!prefix_.empty()) return read(out, size);
        }
        std::size_t const n = std::min(size, end_ - pos_);
        if (phase_ == phase::head && !watch_head(n)) return -1;
        std::copy_n(buffer_.data() + pos_, n, out);
        pos_ += n;
        return static_cast<ssize_t>(n);
    }

    ssize_t write(char const* data, std::size_t size) override {
        if (!writing_) {  // the write timeout bounds a whole response
            writing_ = true;
            write_started_ = clock::now();
        }
        std::size_t sent = 0;
        while (sent < size) {
            if (!wait(POLLOUT, write_deadline())) return -1;
            ssize_t const n = ::send(fd_, data + sent, size - sent, MSG_NOSIGNAL);
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            if (n <= 0) return -1;
            sent += static_cast<std::size_t>(n);
        }
        return static_cast<ssize_t>(size);
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override { endpoint(::getpeername, ip, port); }
    void get_local_ip_and_port(std::string& ip, int& port) const override { endpoint(::getsockname, ip, port); }
    socket_t socket() const override { return fd_; }

    /// After a refusal: stop sending, then read and discard for a bounded time and size before
    /// closing, so that the kernel does not reset the connection under the unread answer.
    void drain() {
        ::shutdown(fd_, SHUT_WR);
        auto const until = clock::now() + std::chrono::seconds(2);
        std::size_t budget = 4 * options_.body_limit + 64 * 1024;
        while (budget != 0 && wait(POLLIN, until)) {
            ssize_t const n = ::recv(fd_, buffer_.data(), buffer_.size(), 0);
            if (n <= 0) return;
            budget -= std::min(budget, static_cast<std::size_t>(n));
        }
    }

private:
    clock::time_point write_deadline() const { return write_started_ + options_.write_timeout; }

    bool wait(short events, clock::time_point until) const {
        for (;;) {
            auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(until - clock::now()).count();
            if (left <= 0) return false;
            pollfd p{fd_, events, 0};
            int const ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, INT_MAX)));
            if (ready < 0 && errno == EINTR) continue;
            return ready > 0;
        }
    }

    // More bytes into the buffer, within the current deadline; false on timeout or error.
    bool fill() {
        if (pos_ == end_) pos_ = end_ = 0;
        if (end_ == buffer_.size()) return true;
        for (;;) {
            if (!wait(POLLIN, deadline_)) return false;
            ssize_t const n = ::recv(fd_, buffer_.data() + end_, buffer_.size() - end_, 0);
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            if (n < 0) return false;
            end_ += static_cast<std::size_t>(n);
            return true;
        }
    }

    // httplib refuses methods outside its list of ten before it reads the head, and reads a body
    // only for POST, PUT, PATCH and DELETE: any other method token is presented to it as POST (the
    // application gets the real one), so that every method's head and body are read alike.
    bool present_method() {
        auto const token_end = [&] {
            auto const first = buffer_.begin() + static_cast<std::ptrdiff_t>(pos_);
            return std::find_if(first, buffer_.begin() + static_cast<std::ptrdiff_t>(end_),
                                [](char c) { return !is_tchar(c); });
        };
        // The token is complete at its first non-token byte; a longer one is not a method we keep.
        while (token_end() == buffer_.begin() + static_cast<std::ptrdiff_t>(end_) && end_ - pos_ < 64) {
            if (end_ == buffer_.size()) std::copy(buffer_.begin() + static_cast<std::ptrdiff_t>(pos_),
                                                  buffer_.begin() + static_cast<std::ptrdiff_t>(end_), buffer_.begin()),
                                        end_ -= pos_, pos_ = 0;
            std::size_t const before = end_;
            if (!fill() || end_ == before) return false;
        }
        auto const stop = token_end();
        if (stop == buffer_.begin() + static_cast<std::ptrdiff_t>(end_) || *stop != ' ') return true;  // httplib's 400
        std::string_view const method(buffer_.data() + pos_, static_cast<std::size_t>(stop - buffer_.begin()) - pos_);
        if (method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE") return true;
        real_method_ = method;
        prefix_ = "POST";
        head_bytes_ += method.size();
        line_bytes_ += method.size();
        previous_ = method.back();
        pos_ += method.size();
        return true;
    }

    // Every head byte handed to httplib: the head bound, and what httplib would accept silently.
    bool watch_head(std::size_t n) {
        head_bytes_ += n;
        if (head_bytes_ > options_.header_limit) {
            over_limit_ = true;
            return false;
        }
        for (std::size_t i = pos_; i < pos_ + n; ++i) {
            char const c = buffer_[i];
            if (c == '\n') {
                // httplib skips a line that ends in a bare LF and one without ':'; Beast refuses both.
                if (previous_ != '\r') bad_line_ = true;
                if (!first_line_ && line_bytes_ > 1 && !line_has_colon_) bad_line_ = true;
                if (!first_line_) note_field();
                first_line_ = false;
                line_.clear();
                line_bytes_ = 0;
                line_has_colon_ = false;
            } else {
                if (++line_bytes_ > httplib_line_limit) long_line_ = true;
                if (c == ':') line_has_colon_ = true;
                if (line_.size() < httplib_line_limit) line_.push_back(c);
            }
            previous_ = c;
        }
        return true;
    }

    // A complete field line (the blank line ending the head is none): name and trimmed value.
    void note_field() {
        auto const colon = line_.find(':');
        if (colon == std::string::npos) return;  // bad_line_ already, or the blank line
        auto const first = line_.find_first_not_of(" \t", colon + 1);
        auto const last = line_.find_last_not_of(" \t\r");
        fields_.emplace_back(line_.substr(0, colon),
                             first == std::string::npos || last < first ? std::string() : line_.substr(first, last - first + 1));
    }

    template <class Query>
    void endpoint(Query query, std::string& ip, int& port) const {
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        if (query(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) return;
        ip = address_text(address);
        port = port_of(address);
    }

    int fd_;
    transport_options const& options_;
    connection_registry& registry_;
    connection_registry::entry& slot_;
    std::array<char, 16 * 1024> buffer_{};
    std::size_t pos_ = 0, end_ = 0;
    phase phase_ = phase::waiting;
    clock::time_point deadline_{};
    clock::time_point write_started_{};
    bool writing_ = false;
    std::size_t head_bytes_ = 0, line_bytes_ = 0;
    bool line_has_colon_ = false, first_line_ = true;
    char previous_ = 0;
    bool over_limit_ = false, long_line_ = false, bad_line_ = false;
    std::string real_method_, prefix_;
    std::string line_;  // the head line being read (up to httplib's line limit)
    std::vector<std::pair<std::string, std::string>> fields_;
};

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
