// kayako-test-server-httplib — the same example server, flags and application on a second HTTP
// stack, cpp-httplib (httplib_server.cpp): the proof that the application is transport-neutral.
#include "httplib_server.hpp"
#include "server_main.hpp"

int main(int argc, char** argv) { return kayako_server::server_main(argc, argv, kayako_server::serve_httplib); }
