// multipart_parse: reading a multipart/form-data body that carries a 1 MiB file part and three
// small fields (§2.4, §8.3), against the floor of the work — one memchr-driven scan of the body
// for the delimiter, which any multipart reader must do. Reported as bytes/s and allocations.
#include <kayako/request/multipart_boundary.hpp>
#include <kayako/request/multipart_reader.hpp>

#include "allocation_counter.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

// A deterministic pseudo-random file (xorshift), so that `\n` and `-` occur as in real binaries.
std::string const& body_with_file() {
    static std::string const body = [] {
        std::string file(1 << 20, '\0');
        std::uint64_t x = 0x9E3779B97F4A7C15u;
        for (char& c : file) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            c = static_cast<char>(x >> 56);
        }
        std::string b;
        auto field = [&](std::string_view name, std::string_view value) {
            b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name);
            b.append("\"\r\n\r\n").append(value).append("\r\n");
        };
        field("name", "Caryn Pryor");
        field("is_boolean", "true");
        b.append("--").append(boundary);
        b.append("\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"coffee.png\"\r\n"
                 "Content-Type: image/png\r\nContent-Transfer-Encoding: binary\r\n\r\n");
        b.append(file).append("\r\n");
        field("option", "BAR");
        b.append("--").append(boundary).append("--\r\n");
        return b;
    }();
    return body;
}

void multipart_parse_kayako(benchmark::State& state) {
    std::string_view const body = body_with_file();
    auto const b = kayako::make_multipart_boundary(boundary);
    std::size_t const before = kayako_bench::allocations();
    for (auto _ : state) {
        kayako::multipart_reader reader(body, *b);
        kayako::multipart_part part;
        std::size_t bytes = 0;
        for (;;) {
            auto more = reader.next(part);
            if (!more || !*more) break;
            bytes += part.content.size();
        }
        benchmark::DoNotOptimize(bytes);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
    state.counters["allocs/iter"] =
        benchmark::Counter(double(kayako_bench::allocations() - before) / double(state.iterations()));
}
BENCHMARK(multipart_parse_kayako)->Name("multipart_parse/kayako");

// The floor: find every `CRLF--boundary` with std::string_view::find (memchr for the first byte,
// then a compare), and nothing else — no headers, no validation.
void multipart_parse_floor(benchmark::State& state) {
    std::string_view const body = body_with_file();
    std::string const delimiter = "\r\n--" + std::string(boundary);
    for (auto _ : state) {
        std::size_t count = 0;
        for (std::size_t at = body.find(delimiter); at != std::string_view::npos; at = body.find(delimiter, at + 1)) ++count;
        benchmark::DoNotOptimize(count);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(multipart_parse_floor)->Name("multipart_parse/floor");

}  // namespace
