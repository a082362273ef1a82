// kayako-test-server-httplib — the same application on a second, very different HTTP stack:
// cpp-httplib (thread per connection, blocking sockets, its own parser and response writer).
// docs/transport.md compares it with the Beast transport (http_server.hpp).
#ifndef KAYAKO_EXAMPLES_HTTPLIB_SERVER_HPP
#define KAYAKO_EXAMPLES_HTTPLIB_SERVER_HPP

#include "exchange.hpp"
#include "http_server.hpp"  // transport_options: the same bounds for both transports

#include <functional>
#include <string>

namespace kayako_server {

/// `serve` on cpp-httplib: listens, serves `app` until SIGINT or SIGTERM, then returns 0 (1 if it
/// could not listen); calls `on_listening` with the URL once listening. Every bound of `options`
/// is honoured (head and body size, connections in all and per address with idle eviction,
/// idle/request/write timeouts); calls into `app` are serialized, as on the Beast transport.
/// `options.threads` other than 1 is refused (returns 2): every connection has its own thread.
int serve_httplib(transport_options const& options, application& app,
                  std::function<void(std::string const& url)> const& on_listening);

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_HTTPLIB_SERVER_HPP
