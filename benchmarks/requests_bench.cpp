// Requests: parsing request targets into typed arguments, and decoding form bodies, beside
// Boost.URL and beside a floor (the least work that gives the same strings, untyped).
//
// query_parse/*: one typical Kayako GET target of about 200 bytes.
//   kayako    — parse_target into a reused request_target: path checked and decoded, every
//               documented argument typed and validated (fields, include, _case, _empty, limit,
//               offset, ids), then read back.
//   boost_url — urls::parse_origin_form, then decoded iteration over params() (what a server on
//               Boost.URL does before any typing).
//   floor     — split at `?`, `&`, `=` and percent-decode into a reused buffer; no typing, no
//               validation, no UTF-8 checks.
// form_decode/*: form bodies of 1 KiB and 64 KiB, every field decoded.
//   kayako    — form_reader over a reused buffer (lenient WHATWG decoding, UTF-8 checked).
//   boost_url — urls::params_view over the body, decoded iteration.
// Counters: allocs/iter (heap allocations per iteration), bytes/s.
#include <kayako/request/form.hpp>
#include <kayako/request/request_target.hpp>

#include "allocation_counter.hpp"

#include <benchmark/benchmark.h>
#include <boost/url/parse.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/url_view.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view typical_target =
    "/api/v1/cases.json?fields=id%2Csubject%2Cstatus%2Crequester%28full_name%2Cemails%29%2Cupdated_at"
    "&include=user%2Cteam%2Ccase_status%2Ccase_priority&_case=camel&_empty=false&limit=50&offset=100"
    "&ids=1001,1002,1003,1004,1005,1006,1007,1008";

void report_allocations(benchmark::State& state, std::size_t before) {
    state.counters["allocs/iter"] =
        benchmark::Counter(double(kayako_bench::allocations() - before) / double(state.iterations()));
}

void query_parse_kayako(benchmark::State& state) {
    kayako::request_target target;
    std::size_t const before = kayako_bench::allocations();
    for (auto _ : state) {
        auto ok = target.assign(typical_target);
        benchmark::DoNotOptimize(ok);
        auto const& args = target.arguments();
        std::int64_t sum = args.limit() + args.offset() + static_cast<std::int64_t>(args.letter_case()) + args.keep_empty();
        for (std::int64_t id : args.ids()) sum += id;
        benchmark::DoNotOptimize(sum);
        benchmark::DoNotOptimize(args.fields());
        benchmark::DoNotOptimize(args.include());
        benchmark::DoNotOptimize(target.path().resource());
    }
    report_allocations(state, before);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * typical_target.size()));
}
BENCHMARK(query_parse_kayako)->Name("query_parse/kayako");

void query_parse_boost_url(benchmark::State& state) {
    std::size_t const before = kayako_bench::allocations();
    for (auto _ : state) {
        auto url = boost::urls::parse_origin_form(typical_target);
        benchmark::DoNotOptimize(url);
        std::size_t total = 0;
        for (auto const& segment : url->segments()) total += segment.size();
        for (auto const& param : url->params()) {  // decoded key and value
            total += param.key.size() + param.value.size();
            benchmark::DoNotOptimize(param);
        }
        benchmark::DoNotOptimize(total);
    }
    report_allocations(state, before);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * typical_target.size()));
}
BENCHMARK(query_parse_boost_url)->Name("query_parse/boost_url");

// The floor: the least code that yields the decoded strings, untyped and unchecked.
int floor_hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
std::size_t floor_decode(std::string_view in, char* out) {
    char* const start = out;
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%' && i + 2 < in.size() && floor_hex(in[i + 1]) >= 0 && floor_hex(in[i + 2]) >= 0) {
            c = static_cast<char>(floor_hex(in[i + 1]) * 16 + floor_hex(in[i + 2]));
            i += 2;
        }
        *out++ = c;
    }
    return static_cast<std::size_t>(out - start);
}

void query_parse_floor(benchmark::State& state) {
    std::vector<char> buffer(typical_target.size());
    std::size_t const before = kayako_bench::allocations();
    for (auto _ : state) {
        std::string_view const query = typical_target.substr(typical_target.find('?') + 1);
        std::size_t used = 0, total = 0;
        std::size_t pos = 0;
        while (pos <= query.size()) {
            std::size_t amp = query.find('&', pos);
            if (amp == std::string_view::npos) amp = query.size();
            std::string_view const piece = query.substr(pos, amp - pos);
            std::size_t const eq = piece.find('=');
            std::size_t const n = floor_decode(piece.substr(0, eq), buffer.data() + used);
            used += n;
            std::size_t const m = eq == std::string_view::npos ? 0 : floor_decode(piece.substr(eq + 1), buffer.data() + used);
            used += m;
            total += n + m;
            pos = amp + 1;
        }
        benchmark::DoNotOptimize(buffer.data());
        benchmark::DoNotOptimize(total);
    }
    report_allocations(state, before);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * typical_target.size()));
}
BENCHMARK(query_parse_floor)->Name("query_parse/floor");

// ---- form bodies ------------------------------------------------------------------------------

std::string make_form_body(std::size_t size) {
    // Fields as Kayako clients send them: plain numbers, `+` spaces, escapes, `[]` arrays, UTF-8.
    static constexpr std::string_view fields[] = {
        "name=Caryn+Pryor", "integer_number=123", "float_number=1.5", "date=2015-09-01T14%3A45%3A04%2B05%3A00",
        "is_boolean=true", "array_items%5B%5D=1", "array_items%5B%5D=2", "option=BAR",
        "binary_data=Q2FyeW4gUHJ5b3I%3D", "contents=Hello%2C+world%21+Caf%C3%A9+%E2%98%BA", "tags=a,b,c"};
    std::string body;
    for (std::size_t i = 0; body.size() < size; ++i) {
        if (!body.empty()) body += '&';
        body += fields[i % std::size(fields)];
    }
    body.resize(size);
    if (body.back() == '%') body.back() = 'x';
    return body;
}

void form_decode_kayako(benchmark::State& state) {
    std::string const body = make_form_body(static_cast<std::size_t>(state.range(0)));
    kayako::form_options options;
    options.max_fields = 1u << 20;
    std::vector<char> buffer(kayako::form_reader::buffer_size(body));
    std::size_t const before = kayako_bench::allocations();
    for (auto _ : state) {
        kayako::form_reader reader(body, buffer, options);
        kayako::form_field field;
        std::size_t total = 0;
        while (reader.next(field).value()) total += field.name.size() + field.value.size();
        benchmark::DoNotOptimize(total);
    }
    report_allocations(state, before);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(form_decode_kayako)->Name("form_decode/kayako")->Arg(1024)->Arg(64 * 1024);

void form_decode_boost_url(benchmark::State& state) {
    std::string const body = make_form_body(static_cast<std::size_t>(state.range(0)));
    std::size_t const before = kayako_bench::allocations();
    for (auto _ : state) {
        boost::urls::params_view params(body);  // space_as_plus: form decoding
        std::size_t total = 0;
        for (auto const& param : params) total += param.key.size() + param.value.size();
        benchmark::DoNotOptimize(total);
    }
    report_allocations(state, before);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(form_decode_boost_url)->Name("form_decode/boost_url")->Arg(1024)->Arg(64 * 1024);

}  // namespace
