// Benchmarks of the envelope (§4): reading a response beside plain Boost.JSON parsing of the same
// bytes into the same kind of memory resource, the metadata-only reader, and writing beside
// Boost.JSON's serializer of an equivalent value.
#include <kayako/envelope/envelope_writer.hpp>
#include <kayako/envelope/envelope_metadata_parser.hpp>
#include <kayako/envelope/envelope_parser.hpp>

#include "allocation_counter.hpp"
#include "envelope_bodies.hpp"

#include <benchmark/benchmark.h>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <string>
#include <string_view>

namespace {

using envelope_bodies::collection_body;

constexpr std::string_view error_body =
    R"({"status":400,"errors":[{"code":"FIELD_REQUIRED","parameter":"email","message":"This action requires the field to be specified","more_info":"https://developer.kayako.com/api/v1/reference/errors/FIELD_REQUIRED"}],"notifications":[{"type":"ERROR","message":"Please enter your email address","sticky":false}]})";

// A page of 20 measurements (~6 KB) where most values are doubles: the number reader's own cost
// (§21.19: every double is read again from its text, correctly rounded).
std::string const& numbers_body() {
    static std::string const body = [] {
        std::string s = R"({"status":200,"data":[)";
        for (int i = 1; i <= 20; ++i) {
            if (i > 1) s += ',';
            std::string const n = std::to_string(i);
            s += R"({"id":)" + n + R"(,"latitude":51.50735)" + n + R"(,"longitude":-0.1277)" + n +
                 R"(,"rating":4.)" + n + R"(,"score":0.873124)" + n + R"(,"amount":1234.5)" + n +
                 R"(,"ratio":2.9802322387695312e-08,"tiny":-6e-49,"big":-2.109808898695963e+16,)"
                 R"("samples":[0.1,0.2,0.30000000000000004,1.5,2.25,1e+100],"resource_type":"measurement"})";
        }
        s += R"(],"resource":"measurement","offset":0,"limit":20,"total_count":20})";
        return s;
    }();
    return body;
}

std::string_view body_for(benchmark::State const& state) {
    switch (state.range(0)) {
    case 0: return collection_body();
    case 1: return error_body;
    default: return numbers_body();
    }
}

void label(benchmark::State& state, std::string_view body, std::size_t allocations_before) {
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
    state.SetLabel(state.range(0) == 0 ? "collection 20 items" : state.range(0) == 1 ? "error envelope" : "20 items of doubles");
    state.counters["allocs/iter"] = benchmark::Counter(
        double(kayako_bench::allocations() - allocations_before) / double(state.iterations()));
}

// Both parsers get a fresh monotonic resource over the same stack buffer each time.
void envelope_parse_kayako(benchmark::State& state) {
    std::string_view const body = body_for(state);
    alignas(16) static unsigned char buffer[64 * 1024];
    auto const before = kayako_bench::allocations();
    for (auto _ : state) {
        boost::json::monotonic_resource mr(buffer, sizeof buffer);
        auto r = kayako::parse_envelope(body, {}, &mr);
        benchmark::DoNotOptimize(r);
    }
    label(state, body, before);
}
BENCHMARK(envelope_parse_kayako)->Name("envelope_parse/kayako")->Arg(0)->Arg(1)->Arg(2);

void envelope_parse_boost_json(benchmark::State& state) {
    std::string_view const body = body_for(state);
    alignas(16) static unsigned char buffer[64 * 1024];
    auto const before = kayako_bench::allocations();
    for (auto _ : state) {
        boost::json::monotonic_resource mr(buffer, sizeof buffer);
        boost::system::error_code ec;
        auto v = boost::json::parse(body, ec, &mr);
        benchmark::DoNotOptimize(v);
    }
    label(state, body, before);
}
BENCHMARK(envelope_parse_boost_json)->Name("envelope_parse/boost_json")->Arg(0)->Arg(1)->Arg(2);

void envelope_meta_kayako(benchmark::State& state) {
    std::string_view const body = body_for(state);
    auto const before = kayako_bench::allocations();
    for (auto _ : state) {
        auto r = kayako::parse_envelope_metadata(body);
        benchmark::DoNotOptimize(r);
    }
    label(state, body, before);
}
BENCHMARK(envelope_meta_kayako)->Name("envelope_meta/kayako")->Arg(0)->Arg(1)->Arg(2);

// Writing: the envelope of the same page (data as a DOM), and the equivalent json::value.
void envelope_write_kayako(benchmark::State& state) {
    std::string_view const body = body_for(state);
    auto const parsed = kayako::parse_envelope(body).value();
    kayako::envelope const e = parsed.to_envelope();
    auto const before = kayako_bench::allocations();
    for (auto _ : state) {
        std::string out = kayako::serialize_envelope(e);
        benchmark::DoNotOptimize(out);
    }
    label(state, body, before);
}
BENCHMARK(envelope_write_kayako)->Name("envelope_write/kayako")->Arg(0)->Arg(1);

void envelope_write_boost_json(benchmark::State& state) {
    std::string_view const body = body_for(state);
    boost::json::value const v = boost::json::parse(body);
    auto const before = kayako_bench::allocations();
    for (auto _ : state) {
        std::string out = boost::json::serialize(v);
        benchmark::DoNotOptimize(out);
    }
    label(state, body, before);
}
BENCHMARK(envelope_write_boost_json)->Name("envelope_write/boost_json")->Arg(0)->Arg(1);

}  // namespace
