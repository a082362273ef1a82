// Form encoding (§2.2, §21.1): one typical create-a-case form body of about 300 bytes, built into a
// reused string; and the path segments of a typical target (RFC 3986 §3.3).
//
// form_encode/kayako    — kayako::append_form_field per field (PHP `urlencode` rules; since issue
//                          #13 through boost::urls::encode: 0.84–1.0× the hand-written loop's time).
// form_encode/boost_url — urls::encode called directly with the same set and `space_as_plus`: the
//                          floor, so the wrapper's own cost shows.
// path_segment_encode/* — the hand-written segment encoder, kept: Boost.URL's two-pass encode with
//                          `unreserved_chars` (the same bytes) measured 1.14× its time.
#include <kayako/detail/percent_encoding.hpp>
#include <kayako/request/form.hpp>

#include <boost/url/encode.hpp>
#include <boost/url/grammar/alnum_chars.hpp>
#include <boost/url/grammar/lut_chars.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <string>
#include <string_view>
#include <utility>

namespace {

using field = std::pair<std::string_view, std::string_view>;

constexpr std::array<field, 6> typical_fields{{
    {"subject", "Printer on floor 3 won't print + shows \"paper jam\""},
    {"contents", "Hi team, since Monday the printer (HP 4250, asset #1182) says: paper jam, tray 2. "
                 "We've opened every tray; nothing is stuck. Could someone take a look? Thanks!"},
    {"channel", "MAIL"},
    {"requester_id", "1441"},
    {"tags", "printer,hardware,floor-3"},
    {"field_values[location]", "Zürich / HQ"},
}};

constexpr boost::urls::grammar::lut_chars php_form_chars =
    boost::urls::grammar::lut_chars(boost::urls::grammar::alnum_chars) + "-_.";

void append_boost_encoded(std::string& out, std::string_view text) {
    boost::urls::encoding_opts const opts(/*space_as_plus=*/true);
    std::size_t const start = out.size();
    std::size_t const n = boost::urls::encoded_size(text, php_form_chars, opts);
    out.resize(start + n);
    boost::urls::encode(out.data() + start, n, text, php_form_chars, opts);
}

void form_encode_kayako(benchmark::State& state) {
    std::string out;
    std::size_t bytes = 0;
    for (auto _ : state) {
        out.clear();
        for (auto const& [name, value] : typical_fields) kayako::append_form_field(out, name, value);
        benchmark::DoNotOptimize(out.data());
        bytes += out.size();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(form_encode_kayako)->Name("form_encode/kayako");

void form_encode_boost_url(benchmark::State& state) {
    std::string out;
    std::size_t bytes = 0;
    for (auto _ : state) {
        out.clear();
        for (auto const& [name, value] : typical_fields) {
            if (!out.empty()) out += '&';
            append_boost_encoded(out, name);
            out += '=';
            append_boost_encoded(out, value);
        }
        benchmark::DoNotOptimize(out.data());
        bytes += out.size();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(form_encode_boost_url)->Name("form_encode/boost_url");

// path_segment_encode/*: the segments of a typical target built by target_builder (RFC 3986 §3.3).
constexpr std::array<std::string_view, 4> typical_segments{{"cases", "1441", "notes", "Report Q3/2015 (final).pdf"}};

void path_segment_encode_kayako(benchmark::State& state) {
    std::string out;
    for (auto _ : state) {
        out.clear();
        for (std::string_view segment : typical_segments) {
            out += '/';
            kayako::detail::append_path_segment_encoded(out, segment);
        }
        benchmark::DoNotOptimize(out.data());
    }
}
BENCHMARK(path_segment_encode_kayako)->Name("path_segment_encode/kayako");

void path_segment_encode_boost_url(benchmark::State& state) {
    std::string out;
    for (auto _ : state) {
        out.clear();
        for (std::string_view segment : typical_segments) {
            out += '/';
            std::size_t const start = out.size();
            std::size_t const n = boost::urls::encoded_size(segment, boost::urls::unreserved_chars);
            out.resize(start + n);
            boost::urls::encode(out.data() + start, n, segment, boost::urls::unreserved_chars);
        }
        benchmark::DoNotOptimize(out.data());
    }
}
BENCHMARK(path_segment_encode_boost_url)->Name("path_segment_encode/boost_url");

}  // namespace
