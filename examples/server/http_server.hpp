// kayako-test-server — the HTTP/1.1 transport (Boost.Beast), kept in one translation unit.
#ifndef KAYAKO_EXAMPLES_HTTP_SERVER_HPP
#define KAYAKO_EXAMPLES_HTTP_SERVER_HPP

#include "exchange.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace kayako_server {

/// Every bound the transport enforces, so that no client can make it grow without limit.
struct transport_options {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;                         ///< 0: an ephemeral port
    std::size_t header_limit = 16 * 1024;               ///< request line + header fields
    std::size_t body_limit = 1024 * 1024;               ///< §21.14: form body 1 MiB
    /// Past it a newcomer takes the slot of the longest-idle connection (one waiting for a request
    /// head with nothing received); with none idle it is accepted and closed at once.
    std::size_t max_connections = 1024;
    /// The same per client address (its own longest-idle connection goes first); 0: no bound.
    std::size_t max_connections_per_address = 128;
    std::chrono::milliseconds idle_timeout{15'000};     ///< waiting for the next request head
    std::chrono::milliseconds request_timeout{30'000};  ///< a whole request once its head began
    std::chrono::milliseconds write_timeout{30'000};    ///< a whole response
    /// Threads running the transport (`--threads`). Connections are served in parallel; the
    /// calls into the application are serialized (one at a time), so that its state needs no
    /// locks of its own. The cpp-httplib transport runs a thread per connection and takes 1 only.
    std::size_t threads = 1;
};

/// Listens, serves `app` until SIGINT or SIGTERM, then returns 0 (or 1 if it could not listen).
/// With `options.threads` > 1 the calls into `app` still come one at a time.
/// Once listening it calls `on_listening` with the URL ("http://127.0.0.1:8080").
int serve(transport_options const& options, application& app,
          std::function<void(std::string const& url)> const& on_listening);

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_HTTP_SERVER_HPP
