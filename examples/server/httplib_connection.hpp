// kayako-test-server-httplib's connections (httplib_server.cpp): the bounds on how many are
// served at once, in all and per client address (`connection_registry`), and the socket stream
// httplib reads and writes through (`bounded_stream`), which keeps the transport's deadlines and
// watches each request head as httplib reads it. Included by httplib_server.cpp only.
#ifndef KAYAKO_EXAMPLES_HTTPLIB_CONNECTION_HPP
#define KAYAKO_EXAMPLES_HTTPLIB_CONNECTION_HPP

#include "http_server.hpp"  // transport_options

#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <climits>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kayako_server::httplib_adapter {

using clock = std::chrono::steady_clock;

/// Compiled into libcpp-httplib.so (CPPHTTPLIB_HEADER_MAX_LENGTH): a longer head line is its 400.
constexpr std::size_t httplib_line_limit = 8192;

inline bool is_tchar(char c) {
    static constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           extra.find(c) != std::string_view::npos;
}

inline std::string address_text(sockaddr_storage const& address) {
    std::array<char, INET6_ADDRSTRLEN> text{};
    void const* raw = address.ss_family == AF_INET6
                          ? static_cast<void const*>(&reinterpret_cast<sockaddr_in6 const&>(address).sin6_addr)
                          : static_cast<void const*>(&reinterpret_cast<sockaddr_in const&>(address).sin_addr);
    if (inet_ntop(address.ss_family, raw, text.data(), text.size()) == nullptr) return {};
    return text.data();
}

inline int port_of(sockaddr_storage const& address) {
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

}  // namespace kayako_server::httplib_adapter

#endif  // KAYAKO_EXAMPLES_HTTPLIB_CONNECTION_HPP
