// Benchmarks of §9 (caching and concurrency control) beside the C library: HTTP-date parsing
// against strptime + timegm, formatting against gmtime_r + strftime, and one full precondition
// evaluation with its heap allocations counted (the promise is none).
#include <kayako/caching/preconditions.hpp>
#include <kayako/caching/http_date.hpp>

#include "allocation_counter.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <ctime>
#include <string_view>
#include <utility>
#include <vector>

namespace {

// IMF-fixdate, the form both sides parse (strptime has no portable +0000 handling worth comparing).
constexpr char const* date_texts[] = {"Sun, 06 Nov 1994 08:49:37 GMT", "Thu, 10 Sep 2015 16:17:04 GMT",
                                      "Fri, 14 Aug 2015 18:39:41 GMT", "Sat, 28 Nov 2026 04:00:00 GMT"};
constexpr std::int64_t date_values[] = {784111777, 1441901824, 1439577581, 1795665600};

void http_date_parse_kayako(benchmark::State& state) {
    for (auto _ : state)
        for (char const* t : date_texts) benchmark::DoNotOptimize(kayako::parse_http_date(t));
    state.SetItemsProcessed(state.iterations() * 4);
}
BENCHMARK(http_date_parse_kayako)->Name("http_date_parse/kayako");

void http_date_parse_strptime(benchmark::State& state) {
    for (auto _ : state)
        for (char const* t : date_texts) {
            std::tm tm{};
            char const* rest = strptime(t, "%a, %d %b %Y %H:%M:%S GMT", &tm);
            benchmark::DoNotOptimize(rest);
            benchmark::DoNotOptimize(timegm(&tm));
        }
    state.SetItemsProcessed(state.iterations() * 4);
}
BENCHMARK(http_date_parse_strptime)->Name("http_date_parse/strptime");

void http_date_format_kayako(benchmark::State& state) {
    for (auto _ : state)
        for (auto s : date_values) benchmark::DoNotOptimize(kayako::format_http_date(kayako::http_date{s}));
    state.SetItemsProcessed(state.iterations() * 4);
}
BENCHMARK(http_date_format_kayako)->Name("http_date_format/kayako");

void http_date_format_strftime(benchmark::State& state) {
    char out[64];
    for (auto _ : state)
        for (auto s : date_values) {
            std::time_t const t = static_cast<std::time_t>(s);
            std::tm tm{};
            gmtime_r(&t, &tm);
            benchmark::DoNotOptimize(std::strftime(out, sizeof out, "%a, %d %b %Y %H:%M:%S GMT", &tm));
            benchmark::ClobberMemory();
        }
    state.SetItemsProcessed(state.iterations() * 4);
}
BENCHMARK(http_date_format_strftime)->Name("http_date_format/strftime");

// A browser-like GET revalidating with three tags and a date; the last tag matches ⇒ 304.
void preconditions_kayako(benchmark::State& state) {
    using fields = std::vector<std::pair<std::string_view, std::string_view>>;
    fields const request = {
        {"Host", "brewfictus.kayako.com"},
        {"Accept", "application/json"},
        {"Authorization", "Basic bm9ydG9uLmxvd0BleWVjbG91ZC5jb206QjJXd0hXVEp6STQ5Tk0="},
        {"If-None-Match",
         R"("35676ce12ba0543c84489f3c393f5491", W/"1653fb55ce4603b2f3def1903eb81333", "c5096115d7d05d842514f96831aa852f")"},
        {"If-Modified-Since", "Thu, 10 Sep 2015 16:17:04 +0000"},
        {"User-Agent", "kayako-proto-bench"},
    };
    kayako::pair_headers<fields> const headers(request);
    kayako::resource_validators resource;
    resource.etag = kayako::entity_tag{"c5096115d7d05d842514f96831aa852f", false};
    resource.last_modified = kayako::http_date{1441901824};
    auto const before = kayako_bench::allocations();
    for (auto _ : state) {
        auto r = kayako::evaluate_preconditions("GET", headers, resource);
        benchmark::DoNotOptimize(r);
    }
    state.counters["allocs/iter"] =
        benchmark::Counter(double(kayako_bench::allocations() - before) / double(state.iterations()));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(preconditions_kayako)->Name("preconditions/kayako");

}  // namespace
