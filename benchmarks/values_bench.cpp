// Benchmarks of the §3 data types beside the C library's parsers of the same text.
#include <kayako/core/values.hpp>

#include <benchmark/benchmark.h>

#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <string>

namespace {

constexpr char const* integer_texts[] = {"0", "123", "-42", "1441118415", "9223372036854775807", "997"};
constexpr char const* iso_texts[] = {"2015-09-08T01:55:28+05:00", "2016-08-18T15:17:39+00:00", "2016-03-15T06:09:23Z"};

void integer_parse_kayako(benchmark::State& state) {
    for (auto _ : state)
        for (char const* t : integer_texts) benchmark::DoNotOptimize(kayako::parse_integer(t));
}
BENCHMARK(integer_parse_kayako)->Name("integer_parse/kayako");

void integer_parse_strtoll(benchmark::State& state) {
    for (auto _ : state)
        for (char const* t : integer_texts) {
            errno = 0;
            char* end = nullptr;
            benchmark::DoNotOptimize(std::strtoll(t, &end, 10));
            benchmark::DoNotOptimize(end);
        }
}
BENCHMARK(integer_parse_strtoll)->Name("integer_parse/strtoll");

void timestamp_parse_kayako(benchmark::State& state) {
    for (auto _ : state)
        for (char const* t : iso_texts) benchmark::DoNotOptimize(kayako::parse_timestamp(t));
}
BENCHMARK(timestamp_parse_kayako)->Name("timestamp_parse/kayako");

// strptime reads no `+05:00` zone portably: the peer parses the date-time and adds the zone by hand,
// which is the least a caller of the C library would write.
void timestamp_parse_strptime(benchmark::State& state) {
    for (auto _ : state)
        for (char const* t : iso_texts) {
            std::tm tm{};
            char const* rest = strptime(t, "%Y-%m-%dT%H:%M:%S", &tm);
            long offset = 0;
            if (rest && (*rest == '+' || *rest == '-'))
                offset = (rest[0] == '-' ? -1 : 1) * (std::atoi(rest + 1) * 60 + std::atoi(rest + 4));
            benchmark::DoNotOptimize(timegm(&tm) - offset * 60);
        }
}
BENCHMARK(timestamp_parse_strptime)->Name("timestamp_parse/strptime");

void base64_decode_kayako(benchmark::State& state) {
    std::string const plain(4096, 'x');
    std::string const encoded = kayako::encode_base64(plain);
    std::string out(kayako::base64_decoded_max_size(encoded.size()), '\0');
    for (auto _ : state) benchmark::DoNotOptimize(kayako::decode_base64(encoded, out.data()));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * encoded.size()));
}
BENCHMARK(base64_decode_kayako)->Name("base64_decode/kayako");

// The floor: copying the same bytes, the least any decoder must do.
void base64_decode_floor(benchmark::State& state) {
    std::string const encoded = kayako::encode_base64(std::string(4096, 'x'));
    std::string out(encoded.size(), '\0');
    for (auto _ : state) {
        std::copy(encoded.begin(), encoded.end(), out.begin());
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * encoded.size()));
}
BENCHMARK(base64_decode_floor)->Name("base64_decode/floor");

}  // namespace
