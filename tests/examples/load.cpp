// kayako-load — a bounded load run for the end-to-end suite: C connections, each sending R
// keep-alive requests in turn, every response checked (status, envelope status, the item's id).
// Exit status 0 only if every response was right.
//
//   kayako-load HOST PORT CONNECTIONS REQUESTS
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <atomic>
#include <charconv>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

std::atomic<long> good{0}, bad{0};

void run_connection(std::string const& host, std::string const& port, int requests, int which) {
    try {
        net::io_context io;
        tcp::resolver resolver(io);
        beast::tcp_stream stream(io);
        stream.connect(resolver.resolve(host, port));
        beast::flat_buffer buffer;
        for (int i = 0; i < requests; ++i) {
            // Alternate between one item and a page of the collection; both must be exact.
            long const id = 1 + (which * requests + i) % 1000;
            bool const one = i % 2 == 0;
            std::string const target = one ? "/api/v1/tests/" + std::to_string(id) : "/api/v1/tests?count=20&limit=5";
            http::request<http::empty_body> req{http::verb::get, target, 11};
            req.set(http::field::host, host);
            req.set(http::field::accept, "application/json");
            http::write(stream, req);
            http::response<http::string_body> res;
            http::read(stream, buffer, res);
            std::string const& body = res.body();
            bool ok = res.result_int() == 200 && res[http::field::content_type].starts_with("application/json") &&
                      res["X-API-Version"] == "1" && body.starts_with("{\"status\":200");
            if (one)
                ok = ok && body.find("\"id\":" + std::to_string(id) + ",") != std::string::npos &&
                     body.find("\"name\":\"Test " + std::to_string(id) + "\"") != std::string::npos;
            else
                ok = ok && body.find("\"total_count\":20") != std::string::npos &&
                     body.find("\"next_url\":") != std::string::npos;
            (ok ? good : bad)++;
            if (!ok && bad < 5) std::cerr << "bad response to " << target << ": " << res.result_int() << ' ' << body.substr(0, 300) << '\n';
        }
    } catch (std::exception const& e) {
        std::cerr << "connection " << which << ": " << e.what() << '\n';
        ++bad;
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::cerr << "usage: kayako-load HOST PORT CONNECTIONS REQUESTS\n";
        return 2;
    }
    std::string const host = argv[1], port = argv[2];
    int const connections = std::atoi(argv[3]), requests = std::atoi(argv[4]);
    std::vector<std::thread> threads;
    for (int c = 0; c < connections; ++c) threads.emplace_back(run_connection, host, port, requests, c);
    for (auto& t : threads) t.join();
    long const expected = static_cast<long>(connections) * requests;
    std::cout << "load: " << good << " of " << expected << " responses correct, " << bad << " wrong\n";
    return good == expected && bad == 0 ? 0 : 1;
}
