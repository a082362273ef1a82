// The library's own JSON reader (detail/json_reader.hpp), which the metadata reader and typed
// decoding (§4.3) run on: RFC 8259 exactly as Boost.JSON reads it with the library's options
// (§21.14 nesting limit), the values Boost.JSON hands over (§21.19: doubles correctly rounded),
// and on invalid text Boost.JSON's own error and offset, so that `parse_envelope` (a Boost.JSON
// DOM) and these readers report a broken body alike.
#include <kayako/detail/json_reader.hpp>

#include <boost/json/error.hpp>
#include <gtest/gtest.h>

#include "support/json_events.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace {

using kayako::detail::read_json;
namespace json = boost::json;

struct outcome {
    std::size_t consumed;
    boost::system::error_code ec;
    kayako::test::json_events r;
};
outcome read(std::string_view text, std::size_t max_depth = 64, std::size_t stop_at = 0) {
    outcome o{0, {}, kayako::test::json_events(stop_at)};
    o.consumed = read_json(text, max_depth, o.r, o.ec);
    return o;
}

std::string only_string(std::string_view text) {
    auto o = read(text);
    EXPECT_FALSE(o.ec) << text;
    if (o.r.events.size() != 1 || o.r.events[0].rfind("s:", 0) != 0) return "<not one string>";
    return o.r.events[0].substr(2);
}

TEST(JsonReader, ReadsEveryKindOfValueInOrder) {
    auto o = read(R"( {"a":[1,-2,3.5,true,false,null,"x"],"b":{},"c":[]} )");
    EXPECT_FALSE(o.ec);
    EXPECT_EQ(o.consumed, 52u);  // the whitespace after the value is read too
    std::vector<std::string> const want{"{",      "k:a",   "[",    "i:1@1", "i:-2@-2", "d@3.5", "true", "false",
                                        "null",   "s:x",   "]7",   "k:b",   "{",       "}0",    "k:c",  "[",
                                        "]0",     "}3"};
    EXPECT_EQ(o.r.events, want);
}

TEST(JsonReader, TextAfterTheValueIsLeftToTheCaller) {
    auto o = read("[1] x");
    EXPECT_FALSE(o.ec);
    EXPECT_EQ(o.consumed, 4u);  // Boost.JSON's `write_some` stops there too: `extra_data` is the caller's
    o = read("01");
    EXPECT_FALSE(o.ec);
    EXPECT_EQ(o.consumed, 1u);
}

// Every escape of RFC 8259 §7, surrogate pairs as one code point.
TEST(JsonReader, UnescapesEveryEscape) {
    EXPECT_EQ(only_string(R"("\"\\\/\b\f\n\r\t")"), "\"\\/\b\f\n\r\t");
    EXPECT_EQ(only_string(R"("\u0041\u00e9\u20AC")"), "A\xc3\xa9\xe2\x82\xac");
    EXPECT_EQ(only_string(R"("\u0000")"), std::string(1, '\0'));
    EXPECT_EQ(only_string(R"("a\ud83d\ude00b")"), "a\xf0\x9f\x98\x80" "b");  // U+1F600
    EXPECT_EQ(only_string(R"("\uDBFF\uDFFF")"), "\xf4\x8f\xbf\xbf");          // U+10FFFF, the last
    EXPECT_EQ(only_string("\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \x7f\""), "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \x7f");
    // Long strings cross the 16-byte scan with escapes and UTF-8 on every side of a block.
    std::string text = "\"", want;
    for (int i = 0; i < 40; ++i) {
        text += "abcdefghijklmno\\n\xc3\xa9";
        want += "abcdefghijklmno\n\xc3\xa9";
    }
    text += "\"";
    EXPECT_EQ(only_string(text), want);
}

TEST(JsonReader, StringsWithoutEscapesAreViewsOfTheText) {
    std::string const text = R"({"plain":"a\nb"})";
    auto o = read(text);
    ASSERT_EQ(o.r.strings.size(), 2u);
    EXPECT_EQ(o.r.strings[0].data(), text.data() + 2);                     // the key: in the text
    EXPECT_NE(o.r.strings[1].data(), text.data() + 10);                    // unescaped elsewhere
}

// Integers as Boost.JSON hands them over: int64, then uint64 above INT64_MAX, then double.
TEST(JsonReader, IntegersAtTheirLimitsAndOnePast) {
    auto events = [](std::string_view text) { return read(text).r.events; };
    using v = std::vector<std::string>;
    EXPECT_EQ(events("9223372036854775807"), v{"i:9223372036854775807@9223372036854775807"});
    EXPECT_EQ(events("9223372036854775808"), v{"u:9223372036854775808@9223372036854775808"});
    EXPECT_EQ(events("18446744073709551615"), v{"u:18446744073709551615@18446744073709551615"});
    EXPECT_EQ(events("18446744073709551616"), v{"d@18446744073709551616"});
    EXPECT_EQ(events("-9223372036854775808"), v{"i:-9223372036854775808@-9223372036854775808"});
    EXPECT_EQ(events("-9223372036854775809"), v{"d@-9223372036854775809"});
    EXPECT_EQ(events("-0"), v{"i:0@-0"});  // as Boost.JSON: the integer 0
    EXPECT_EQ(events("0"), v{"i:0@0"});
    auto o = read("[18446744073709551616,-9223372036854775809,123456789012345678901234567890]");
    ASSERT_EQ(o.r.doubles.size(), 3u);
    EXPECT_EQ(o.r.doubles[0], 18446744073709551616.0);
    EXPECT_EQ(o.r.doubles[1], -9223372036854775809.0);
    EXPECT_EQ(o.r.doubles[2], 123456789012345678901234567890.0);
}

// Doubles are the nearest to their text (§21.19), also where Boost.JSON 1.81 is off by an ulp.
TEST(JsonReader, DoublesAreCorrectlyRounded) {
    auto one = [](std::string_view text) {
        auto o = read(text);
        EXPECT_FALSE(o.ec) << text;
        return o.r.doubles.size() == 1 ? o.r.doubles[0] : std::nan("");
    };
    EXPECT_EQ(one("-6e-49"), -6e-49);
    EXPECT_EQ(one("0.1"), 0.1);
    EXPECT_EQ(one("1E+2"), 100.0);
    EXPECT_EQ(one("1e-2"), 0.01);
    EXPECT_EQ(one("2.2250738585072011e-308"), 2.2250738585072011e-308);
    EXPECT_EQ(one("4.9e-324"), std::numeric_limits<double>::denorm_min());
    EXPECT_EQ(one("1.7976931348623157e308"), std::numeric_limits<double>::max());
    EXPECT_TRUE(std::signbit(one("-0.0")));
    EXPECT_TRUE(std::signbit(one("-0e5")));
    // Beyond a double: ±infinity (the readers stop there); below: ±0.
    EXPECT_EQ(one("1e400"), std::numeric_limits<double>::infinity());
    EXPECT_EQ(one("-1.8e308"), -std::numeric_limits<double>::infinity());
    EXPECT_EQ(one("1e-400"), 0.0);
    EXPECT_FALSE(std::signbit(one("1e-400")));
    EXPECT_TRUE(std::signbit(one("-0.00001e-400")));
    EXPECT_EQ(one("0.000000000000000000000000000001e330"), 1e300);
    EXPECT_EQ(one("100000000000000000000000000000e-330"), 1e-301);
    EXPECT_EQ(one("0e99999999"), 0.0);
}

// RFC 8259 §9: a nesting limit. `max_depth` containers are read; one more is `too_deep` at its
// bracket, as Boost.JSON reports it.
TEST(JsonReader, DepthLimitAtTheLimitAndOnePast) {
    EXPECT_FALSE(read("[[[1]]]", 3).ec);
    EXPECT_FALSE(read(R"({"a":{"b":[]}})", 3).ec);
    auto o = read("[[[[1]]]]", 3);
    EXPECT_EQ(o.ec, json::error::too_deep);
    EXPECT_EQ(o.consumed, 3u);
    o = read(R"({"a":{"b":[{}]}})", 3);
    EXPECT_EQ(o.ec, json::error::too_deep);
    EXPECT_EQ(o.consumed, 11u);
    // Past the reader's 64 inline levels.
    std::string deep(200, '[');
    deep += std::string(200, ']');
    EXPECT_FALSE(read(deep, 200).ec);
    o = read(deep, 199);
    EXPECT_EQ(o.ec, json::error::too_deep);
    EXPECT_EQ(o.consumed, 199u);
}

// A handler that returns false stops the read where Boost.JSON stops: a container's bracket, a
// string's closing quote, a number's end, a literal's first byte.
TEST(JsonReader, AHandlerStopsTheReadWhereBoostJsonStops) {
    std::string_view const text = R"([{"key":"v\n"},12.5,true,"s"])";
    struct stop {
        std::size_t event;
        std::size_t offset;
    };
    for (stop s : {stop{1, 0}, stop{2, 1}, stop{3, 6}, stop{4, 12}, stop{5, 13}, stop{6, 19}, stop{7, 20}, stop{8, 27},
                   stop{9, 28}}) {
        auto o = read(text, 64, s.event);
        EXPECT_EQ(o.ec, json::error::exception) << s.event;
        EXPECT_EQ(o.consumed, s.offset) << s.event;
        EXPECT_EQ(o.r.events.size(), s.event);
    }
}

// Invalid text: the error and the offset are Boost.JSON's (what `parse_envelope` reports).
TEST(JsonReader, BadInputsGiveBoostJsonsErrorsAndOffsets) {
    struct bad {
        std::string_view text;
        json::error ec;
        std::size_t offset;
    };
    using e = json::error;
    bad const table[] = {
        {"", e::incomplete, 0},
        {"   ", e::incomplete, 3},
        {"{", e::incomplete, 1},
        {"[1,", e::incomplete, 3},
        {"\"abc", e::incomplete, 4},
        {"tru", e::incomplete, 3},
        {"trux", e::syntax, 0},
        {"nul", e::incomplete, 3},
        {"fals", e::incomplete, 4},
        {"[1,]", e::syntax, 3},
        {"{\"a\":1,}", e::syntax, 7},
        {"{\"a\" 1}", e::syntax, 5},
        {"{1:2}", e::syntax, 1},
        {"[1 2]", e::syntax, 3},
        {"[01]", e::syntax, 2},
        {"-", e::incomplete, 1},
        {"-x", e::syntax, 1},
        {"1.", e::syntax, 2},  // a digit must follow
        {"1.e5", e::syntax, 2},
        {"1e", e::incomplete, 2},
        {"1e+", e::syntax, 3},
        {"[.5]", e::syntax, 1},
        {"[+1]", e::syntax, 1},
        {"1e2147483648", e::exponent_overflow, 11},
        {"'a'", e::syntax, 0},
        {"/* c */ 1", e::syntax, 0},
        {"\"a\x01\"", e::syntax, 2},              // a control character
        {"\"a\x1f\"", e::syntax, 2},
        {"\"\\x\"", e::syntax, 2},                // no such escape
        {"\"\\u12x4\"", e::expected_hex_digit, 5},
        {"\"\\udc00\"", e::illegal_trailing_surrogate, 7},  // a trailing surrogate alone
        {"\"\\ud800\"xxxxxxx", e::syntax, 7},              // a leading one alone
        {"\"\\ud800\\u0041\"xx", e::illegal_trailing_surrogate, 9},
        {"\"\xc0\x80\"", e::syntax, 1},           // an overlong NUL
        {"\"\xe0\x80\x80\"", e::syntax, 1},       // an overlong form
        {"\"\xed\xa0\x80\"", e::syntax, 1},       // a surrogate in UTF-8
        {"\"\xf4\x90\x80\x80\"", e::syntax, 1},   // above U+10FFFF
        {"\"\xf5\x80\x80\x80\"", e::syntax, 1},
        {"\"\x80\"", e::syntax, 1},               // a continuation byte first
        {"\"\xc3\"", e::syntax, 1},               // a lead byte without its continuation
        {"\"\xe2\x82", e::incomplete, 3},         // truncated by the end of the text
    };
    for (bad const& b : table) {
        auto o = read(b.text);
        EXPECT_EQ(o.ec, b.ec) << b.text << ": " << o.ec.message();
        EXPECT_EQ(o.consumed, b.offset) << b.text;
        auto const boost = kayako::detail::locate_json_syntax_error(b.text, 64);
        EXPECT_EQ(o.ec, boost.ec) << b.text;
        EXPECT_EQ(o.consumed, boost.offset) << b.text;
    }
}

// The same text read with escapes and control characters on both sides of a 16-byte block.
TEST(JsonReader, AControlCharacterIsFoundWhereverItIs) {
    for (std::size_t at = 1; at < 40; ++at) {
        std::string text(41, 'a');
        text[0] = '"';
        text[40] = '"';
        text[at] = '\n';
        auto o = read(text);
        EXPECT_EQ(o.ec, json::error::syntax) << at;
        EXPECT_EQ(o.consumed, at);
    }
}

}  // namespace
