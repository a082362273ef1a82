// kayako-test-server — the example server on the Boost.Beast transport (http_server.cpp). The
// flags and the application are server_main.cpp's, shared with kayako-test-server-httplib.
#include "http_server.hpp"
#include "server_main.hpp"

int main(int argc, char** argv) { return kayako_server::server_main(argc, argv, kayako_server::serve); }
