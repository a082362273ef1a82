// The peers' double vectors (§21.19): ulfjack/ryu `d2s_test.cc` and CPython `test_short_repr` /
// `floating_points.txt`, from ../shared/testdata/peers/urls-forms-json/doubles/. Each double,
// given by its bit pattern, is written in the shortest form that reads back to it, and reads back
// to the same bits from a JSON envelope (both readers), from a JSON body and from a form body.
#include <kayako/core/api_error.hpp>
#include <kayako/envelope/envelope_writer.hpp>
#include <kayako/envelope/envelope_metadata_parser.hpp>
#include <kayako/envelope/envelope_parser.hpp>
#include <kayako/request/parameters.hpp>

#include "support/testdata.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>

namespace {

using namespace kayako;
namespace json = boost::json;

double from_bits(std::string_view hex) {
    std::uint64_t bits = 0;
    auto const r = std::from_chars(hex.data(), hex.data() + hex.size(), bits, 16);
    EXPECT_TRUE(r.ec == std::errc{} && r.ptr == hex.data() + hex.size()) << hex;
    return std::bit_cast<double>(bits);
}

std::uint64_t bits_of(double d) { return std::bit_cast<std::uint64_t>(d); }

// A decimal number reduced to what it says, whatever its spelling: the sign, the significant
// digits without leading or trailing zeros, and the power of ten of the first of them. Ryu spells
// `2.9802322387695312E-8` and `-2.109808898695963E16`, JSON (and the library) needs
// `2.9802322387695312e-08` and `-2.109808898695963e+16`, and `1E15` is `1000000000000000.0`
// written positionally: the same digits and magnitude, so the same shortest form.
struct decimal {
    bool negative = false;
    std::string digits;  // "0" for zero
    int exponent = 0;    // value = 0.d1d2d3... × 10^(exponent + 1)
    friend bool operator==(decimal const&, decimal const&) = default;
    friend std::ostream& operator<<(std::ostream& os, decimal const& d) {
        return os << (d.negative ? "-" : "") << d.digits << " e" << d.exponent;
    }
};

decimal normalise(std::string_view text) {
    decimal d;
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) d.negative = text[i++] == '-';
    std::string mantissa;
    int point = -1;  // digits before the point
    for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
        if (text[i] == '.')
            point = static_cast<int>(mantissa.size());
        else
            mantissa += text[i];
    }
    if (point < 0) point = static_cast<int>(mantissa.size());
    int exponent = 0;
    if (i < text.size()) {
        std::string_view e = text.substr(i + 1);
        if (!e.empty() && e[0] == '+') e.remove_prefix(1);
        std::from_chars(e.data(), e.data() + e.size(), exponent);
    }
    std::size_t const first = mantissa.find_first_not_of('0');
    if (first == std::string::npos) {
        d.digits = "0";
        return d;
    }
    std::size_t const last = mantissa.find_last_not_of('0');
    d.digits = mantissa.substr(first, last - first + 1);
    d.exponent = point - static_cast<int>(first) - 1 + exponent;
    return d;
}

// The fewest significant digits with which C's correctly rounded `%.*e` reads back to `v`: an
// independent bound the shortest form may not exceed.
std::size_t printf_shortest_digits(double v) {
    for (int precision = 0; precision < 17; ++precision) {
        char buffer[40];
        std::snprintf(buffer, sizeof buffer, "%.*e", precision, v);
        if (std::strtod(buffer, nullptr) == v) return static_cast<std::size_t>(precision) + 1;
    }
    return 17;
}

// The written form of `v`: `data` of an envelope the library writes.
std::string written(double v) {
    json::value const data(v);
    envelope e;
    e.data = data;
    std::string const body = serialize_envelope(e);
    std::string_view const prefix = R"({"status":200,"data":)";
    EXPECT_EQ(body.substr(0, prefix.size()), prefix);
    EXPECT_EQ(body.back(), '}');
    return body.substr(prefix.size(), body.size() - prefix.size() - 1);
}

// Form encoding spells `+` as `%2B` (a raw `+` is a space).
std::string form_encoded(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '+')
            out += "%2B";
        else
            out += c;
    }
    return out;
}

// `text` (JSON number syntax) read by every reader of the library, each expected to give `bits`.
void expect_read_everywhere(std::string_view text, std::uint64_t bits) {
    SCOPED_TRACE(std::string("reading ") + std::string(text));
    std::string const body = R"({"status":200,"data":)" + std::string(text) + "}";
    auto const env = parse_envelope(body);
    ASSERT_TRUE(env) << env.error().message();
    ASSERT_TRUE(env->data().is_double());
    EXPECT_EQ(bits_of(env->data().get_double()), bits) << "parse_envelope";
    // The metadata reader keeps no double; it reads the same body alike (and would stop at one
    // too large for a double, as parse_envelope does).
    auto const meta = parse_envelope_metadata(body);
    ASSERT_TRUE(meta) << meta.error().message();
    EXPECT_TRUE(meta->has_data());

    auto const json_body = parameters::parse("application/json", R"({"v":)" + std::string(text) + "}");
    ASSERT_TRUE(json_body) << json_body.error();
    auto const from_json = json_body->get<double>("v");
    ASSERT_TRUE(from_json && *from_json) << "JSON body";
    EXPECT_EQ(bits_of(**from_json), bits) << "JSON body";

    auto const form_body = parameters::parse("application/x-www-form-urlencoded", "v=" + form_encoded(text));
    ASSERT_TRUE(form_body) << form_body.error();
    auto const from_form = form_body->get<double>("v");
    ASSERT_TRUE(from_form && *from_form) << "form body";
    EXPECT_EQ(bits_of(**from_form), bits) << "form body";
}

TEST(PeersDoubles, EveryVectorWrittenShortestAndReadBackToItsBits) {
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/urls-forms-json/doubles/double_vectors.json");
    json::value const doc = json::parse(test::read_file_bytes(path));
    json::array const& vectors = doc.as_array();
    ASSERT_EQ(vectors.size(), 1196u);
    std::size_t repr_checked = 0, ryu_checked = 0, source_checked = 0, deviations_checked = 0, read_checked = 0;
    for (json::value const& vector : vectors) {
        json::object const& v = vector.as_object();
        std::string_view const id = v.at("id").as_string();
        SCOPED_TRACE(std::string(id));
        double const value = from_bits(v.at("bits").as_string());
        std::uint64_t const bits = bits_of(value);
        std::string const text = written(value);

        if (auto const* deviation = v.if_contains("deviation")) {
            // NaN and the infinities have no JSON spelling (§21.19, json_writer.hpp): `null`.
            EXPECT_FALSE(std::isfinite(value));
            EXPECT_EQ(text, deviation->at("expected").as_string());
            ++deviations_checked;
            continue;
        }
        // Python's repr lays the shortest digits out as the library does (positional for
        // 1e-4 <= |v| < 1e16, else `d.ddde±XX`): the text itself, byte for byte.
        if (auto const* repr = v.if_contains("expected_repr")) {
            EXPECT_EQ(text, repr->as_string());
            ++repr_checked;
        }
        // Ryu always writes `dEx`: the same digits and magnitude, spelled apart (see `normalise`).
        if (auto const* ryu = v.if_contains("expected_ryu")) {
            EXPECT_EQ(normalise(text), normalise(ryu->as_string())) << text << " vs " << ryu->as_string();
            ++ryu_checked;
        }
        // No expected text: shortest means no more digits than the fewest that round-trip through
        // C's correctly rounded printf; the text read back is checked below.
        if (auto const* source = v.if_contains("source_text")) {
            decimal const d = normalise(text);
            EXPECT_LE(d.digits.size(), printf_shortest_digits(value)) << text;
            // The source's own spelling (`+164162E41`: JSON has no leading `+`) reads as the bits.
            std::string_view s = source->as_string();
            if (!s.empty() && s[0] == '+') s.remove_prefix(1);
            expect_read_everywhere(s, bits);
            ++source_checked;
        }
        // Always a double when read again (`3.0`, not `3`), and the same double everywhere.
        EXPECT_NE(text.find_first_of(".e"), std::string::npos) << text;
        expect_read_everywhere(text, bits);
        ++read_checked;
    }
    EXPECT_EQ(repr_checked, 50u);
    EXPECT_EQ(ryu_checked, 127u);
    EXPECT_EQ(source_checked, 1016u);
    EXPECT_EQ(deviations_checked, 3u);
    EXPECT_EQ(read_checked, 1193u);
}

// The issue's own examples (§21.19), pinned without the shared data.
TEST(PeersDoubles, IssueExamples) {
    EXPECT_EQ(written(-2.109808898695963e16), "-2.109808898695963e+16");
    EXPECT_EQ(written(2.9802322387695312e-08), "2.9802322387695312e-08");
    EXPECT_EQ(written(-6e-49), "-6e-49");
    expect_read_everywhere("-6e-49", bits_of(-6e-49));
    expect_read_everywhere("2.9802322387695312e-08", bits_of(2.9802322387695312e-08));
    expect_read_everywhere("-2.109808898695963e+16", bits_of(-2.109808898695963e16));
    // The layout's two boundaries (Python's repr), each at the limit and just past it.
    EXPECT_EQ(written(1e-4), "0.0001");
    EXPECT_EQ(written(9.999999999999999e-05), "9.999999999999999e-05");
    EXPECT_EQ(written(9999999999999998.0), "9999999999999998.0");
    EXPECT_EQ(written(1e16), "1e+16");
}

// §21.19: a number too large for a double is refused on every path, never read as infinity;
// one too small for a double reads as the nearest double, ±0, on every path alike.
TEST(PeersDoubles, TooLargeIsRefusedEverywhereTooSmallIsZero) {
    // JSON body: 400 FIELD_INVALID naming the top-level member that holds the number (as sent).
    struct row {
        std::string body;
        std::string_view parameter;
        std::string_view number;  // where the failure points
    };
    for (auto const& r : {row{R"({"a":1,"price":{"list":[1,1e400]}})", "price", "1e400"},
                          row{R"({"price":-1.7976931348623159e308})", "price", "-1.79"},  // just past the largest double
                          row{R"( {"a":"}","pr\u0069ce":[2e308]})", "pr\\u0069ce", "2e308"}}) {
        SCOPED_TRACE(r.body);
        auto const p = parameters::parse("application/json", r.body);
        ASSERT_FALSE(p);
        EXPECT_EQ(p.error().code, error::float_out_of_range);
        EXPECT_EQ(p.error().parameter, r.parameter);
        EXPECT_EQ(p.error().offset, r.body.find(r.number));
        EXPECT_EQ(api_error_for(p.error()), api_error_code::field_invalid);
    }
    // The largest double itself is read.
    auto const largest = parameters::parse("application/json", R"({"price":1.7976931348623157e308})");
    ASSERT_TRUE(largest);
    EXPECT_EQ(largest->get<double>("price").value(), std::numeric_limits<double>::max());
    // A number too large outside any object: not an object body, as before.
    auto const top = parameters::parse("application/json", "[1e400]");
    ASSERT_FALSE(top);
    EXPECT_EQ(top.error().code, error::invalid_json);
    EXPECT_EQ(top.error().offset, 0u);
    // Form body: refused when read, naming the parameter.
    auto const form = parameters::parse("application/x-www-form-urlencoded", "price=1e400");
    ASSERT_TRUE(form);
    auto const price = form->get<double>("price");
    ASSERT_FALSE(price);
    EXPECT_EQ(price.error().code, error::float_out_of_range);
    EXPECT_EQ(price.error().parameter, "price");

    // Too small: ±0 from a JSON body, a form body and an envelope alike.
    for (std::string_view text : {"1e-400", "-1e-400", "2.4703282292062327e-324"}) {
        SCOPED_TRACE(text);
        double const zero = text[0] == '-' ? -0.0 : 0.0;
        expect_read_everywhere(text, bits_of(zero));
    }
    expect_read_everywhere("2.4703282292062328e-324", bits_of(std::numeric_limits<double>::denorm_min()));
}

}  // namespace
