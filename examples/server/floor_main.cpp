// kayako-floor-server — what serving costs with no protocol work at all: the same Beast transport
// as kayako-test-server (http_server.cpp), answering each target it knows with the exact response
// kayako-test-server gave for it, prepared once at start. scripts/bench-server.sh runs both under
// wrk and reports the ratio: what a server built on the library pays for the protocol.
//
//   kayako-floor-server [--host 127.0.0.1] [--port 8080] [--threads N] [--target PATH]...
//   (default targets: /api/v1/tests/1 and /api/v1/tests?count=45&_empty=false)
// Any other target gets an empty 404.
#include "api.hpp"
#include "http_server.hpp"

#include <charconv>
#include <iostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

using namespace kayako_server;

/// Serves prepared responses by exact target. The prepared ones are copied per request, as the
/// transport takes its response by value: the same copy the real server's body makes.
class floor_application final : public application {
public:
    void prepare(std::string target, response answer) { answers_.emplace(std::move(target), std::move(answer)); }

    response handle(request const& r) override {
        if (auto it = answers_.find(r.target); it != answers_.end()) return it->second;
        return response{404, {}, {}, false};
    }
    response refuse(transport_failure, kayako::failure const&) override { return response{400, {}, {}, false}; }

private:
    struct transparent_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, response, transparent_hash, std::equal_to<>> answers_;
};

}  // namespace

int main(int argc, char** argv) {
    transport_options transport;
    transport.max_connections_per_address = 0;  // a benchmark sends everything from one address
    std::vector<std::string> targets;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string_view const flag = argv[i], value = argv[i + 1];
        if (flag == "--host") {
            transport.host = std::string(value);
        } else if (flag == "--port") {
            auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), transport.port);
            if (ec != std::errc{} || end != value.data() + value.size()) {
                std::cerr << "kayako-floor-server: bad port " << value << '\n';
                return 2;
            }
        } else if (flag == "--threads") {  // as kayako-test-server's: the same transport, the same threads
            auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), transport.threads);
            if (ec != std::errc{} || end != value.data() + value.size() || transport.threads < 1 || transport.threads > 256) {
                std::cerr << "kayako-floor-server: bad thread count " << value << '\n';
                return 2;
            }
        } else if (flag == "--target") {
            targets.emplace_back(value);
        } else {
            std::cerr << "kayako-floor-server: unknown option " << flag << '\n';
            return 2;
        }
    }
    if (argc % 2 == 0) {
        std::cerr << "usage: kayako-floor-server [--host ADDRESS] [--port N] [--threads N] [--target PATH]...\n";
        return 2;
    }
    if (targets.empty()) targets = {"/api/v1/tests/1", "/api/v1/tests?count=45&_empty=false"};

    application_options options;
    options.rate_limit = 0;
    kayako_application real(options);
    floor_application floor;
    return serve(transport, floor, [&](std::string const& url) {
        // The real server's answers, made once with the URL the floor is reached at, so that
        // `resource_url` and links are the bytes kayako-test-server on the same port would send.
        real.set_base_url(url);
        for (auto const& target : targets) {
            request r;
            r.method = "GET";
            r.target = target;
            r.headers = {{"Host", "127.0.0.1"}};
            r.peer = "127.0.0.1";
            floor.prepare(target, real.handle(r));
        }
        std::cout << "kayako-floor-server listening on " << url << std::endl;
    });
}
