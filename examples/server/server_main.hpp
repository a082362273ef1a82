// kayako-test-server — everything but the transport: the flags, the application and its CORS
// wrapper, the banner. Each executable is `server_main(argc, argv, <its transport's serve>)`.
#ifndef KAYAKO_EXAMPLES_SERVER_MAIN_HPP
#define KAYAKO_EXAMPLES_SERVER_MAIN_HPP

#include "exchange.hpp"
#include "http_server.hpp"  // transport_options (the header itself is free of Beast)

#include <functional>
#include <string>

namespace kayako_server {

/// A transport's entry point: listens with `options`, serves the application until SIGINT or
/// SIGTERM and returns 0 (1 if it could not listen), calling `on_listening` with the base URL once
/// it listens. `serve` (http_server.hpp, Beast) and `serve_httplib` (httplib_server.hpp) are two.
using serve_function = int (*)(transport_options const& options, application& app,
                               std::function<void(std::string const& url)> const& on_listening);

/// Parses the flags (`--help` lists them), builds the Kayako application behind CORS and runs it
/// on `serve`; prints `kayako-test-server listening on URL` once listening (the e2e driver waits
/// for that line). Returns the process exit status: 2 for a bad flag, else what `serve` returns.
int server_main(int argc, char** argv, serve_function serve);

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_SERVER_MAIN_HPP
