// Tests of <kayako/core/values.hpp>: the data types of §3, each with its vectors and a table of bad input.
#include <kayako/core/values.hpp>

#include <gtest/gtest.h>

#include "support/views.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>
#include <vector>

namespace {

using kayako::error;
using kayako::failure;

// Bad input: the text, the error, the offset it must name.
struct bad_row {
    std::string_view text;
    error code;
    std::size_t offset;
};

template <class Parse>
void expect_bad(Parse parse, bad_row const& row) {
    auto const r = parse(row.text);
    ASSERT_FALSE(r.has_value()) << "accepted: \"" << row.text << '"';
    EXPECT_EQ(r.error().code, row.code) << '"' << row.text << "\": " << r.error().message();
    EXPECT_EQ(r.error().offset, row.offset) << '"' << row.text << "\": " << r.error().message();
}

std::string overlong(std::size_t n, char c) { return std::string(n, c); }

// ---------------------------------------------------------------------------------------------
// Booleans — §3, TV-DT-2
// ---------------------------------------------------------------------------------------------

TEST(Boolean, AcceptsTrueFalseInAnyCaseAndOneZero) {
    for (std::string_view t : {"true", "TRUE", "True", "tRuE", "1"}) EXPECT_EQ(kayako::parse_boolean(t), true) << t;
    for (std::string_view f : {"false", "FALSE", "False", "fAlSe", "0"}) EXPECT_EQ(kayako::parse_boolean(f), false) << f;
}

TEST(Boolean, BadInput) {
    bad_row const rows[] = {
        {"", error::empty_value, 0},         {"yes", error::invalid_boolean, 0},
        {"no", error::invalid_boolean, 0},   {"2", error::invalid_boolean, 0},
        {"01", error::invalid_boolean, 0},   {"-1", error::invalid_boolean, 0},
        {" true", error::invalid_boolean, 0}, {"true ", error::invalid_boolean, 0},
        {"truee", error::invalid_boolean, 0}, {"t", error::invalid_boolean, 0},
        {"on", error::invalid_boolean, 0},   {std::string_view("true\0", 5), error::invalid_boolean, 0},
        {"\xC3\xA9", error::invalid_boolean, 0},
    };
    for (auto const& row : rows) expect_bad(kayako::parse_boolean, row);
    std::string const long_text = overlong(10000, 't');
    expect_bad(kayako::parse_boolean, {long_text, error::invalid_boolean, 0});
}

// ---------------------------------------------------------------------------------------------
// Integers — §3: digits with an optional leading minus; overflow is an error, not a wrap
// ---------------------------------------------------------------------------------------------

TEST(Integer, ParsesSixtyFourBitsExactly) {
    EXPECT_EQ(kayako::parse_integer("123"), 123);
    EXPECT_EQ(kayako::parse_integer("-42"), -42);
    EXPECT_EQ(kayako::parse_integer("0"), 0);
    EXPECT_EQ(kayako::parse_integer("-0"), 0);
    EXPECT_EQ(kayako::parse_integer("007"), 7);
    EXPECT_EQ(kayako::parse_integer("9223372036854775807"), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(kayako::parse_integer("-9223372036854775808"), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(kayako::parse_integer("1441118415"), 1441118415);  // TV-REQ-1's date as an integer
}

TEST(Integer, RangeChecksSmallerTypes) {
    EXPECT_EQ(kayako::parse_integer<std::uint8_t>("255"), 255);
    EXPECT_EQ(kayako::parse_integer<std::int32_t>("-2147483648"), std::numeric_limits<std::int32_t>::min());
    EXPECT_EQ(kayako::parse_integer<std::uint64_t>("18446744073709551615"), std::numeric_limits<std::uint64_t>::max());
    EXPECT_EQ(kayako::parse_integer<unsigned>("-0"), 0u);
    expect_bad(kayako::parse_integer<std::uint8_t>, {"256", error::integer_out_of_range, 0});
    expect_bad(kayako::parse_integer<std::int32_t>, {"2147483648", error::integer_out_of_range, 0});
    expect_bad(kayako::parse_integer<unsigned>, {"-1", error::integer_out_of_range, 0});
    expect_bad(kayako::parse_integer<std::uint64_t>, {"18446744073709551616", error::integer_out_of_range, 0});
}

TEST(Integer, BadInput) {
    std::string const huge = "1" + overlong(400, '0');
    bad_row const rows[] = {
        {"", error::empty_value, 0},
        {"-", error::invalid_integer, 1},
        {"+1", error::invalid_integer, 0},
        {" 1", error::invalid_integer, 0},
        {"1 ", error::invalid_integer, 1},
        {"12a", error::invalid_integer, 2},
        {"1.5", error::invalid_integer, 1},
        {"1e3", error::invalid_integer, 1},
        {"0x10", error::invalid_integer, 1},
        {"--1", error::invalid_integer, 1},
        {"1,2", error::invalid_integer, 1},
        {std::string_view("1\0" "2", 3), error::invalid_integer, 1},
        {"\xD9\xA3", error::invalid_integer, 0},  // ARABIC-INDIC DIGIT THREE is not a digit here
        {"9223372036854775808", error::integer_out_of_range, 0},
        {"-9223372036854775809", error::integer_out_of_range, 0},
        {"99999999999999999999", error::integer_out_of_range, 0},
        {huge, error::integer_out_of_range, 0},
    };
    for (auto const& row : rows) expect_bad(kayako::parse_integer<std::int64_t>, row);
}

// ---------------------------------------------------------------------------------------------
// Floats — §3: digits with a `.` separator and an optional leading `-`
// ---------------------------------------------------------------------------------------------

TEST(Float, ParsesDecimalNumbers) {
    EXPECT_EQ(kayako::parse_float("1.5"), 1.5);
    EXPECT_EQ(kayako::parse_float("1.23"), 1.23);
    EXPECT_EQ(kayako::parse_float("-0.25"), -0.25);
    EXPECT_EQ(kayako::parse_float("3"), 3.0);
    EXPECT_EQ(kayako::parse_float("0.000134"), 0.000134);  // TV-SO-3's generation_time
    EXPECT_EQ(kayako::parse_float("1e3"), 1000.0);       // exponents as JSON writes them
    EXPECT_EQ(kayako::parse_float("2.5E-1"), 0.25);
    EXPECT_EQ(kayako::parse_float("1e+2"), 100.0);
    EXPECT_EQ(kayako::parse_float("1.7976931348623157e308"), std::numeric_limits<double>::max());
}

TEST(Float, BadInput) {
    bad_row const rows[] = {
        {"", error::empty_value, 0},     {"-", error::invalid_float, 1},
        {".5", error::invalid_float, 0}, {"5.", error::invalid_float, 2},
        {"+1.5", error::invalid_float, 0}, {"1,5", error::invalid_float, 1},
        {"1.5.2", error::invalid_float, 3}, {"inf", error::invalid_float, 0},
        {"nan", error::invalid_float, 0},  {"NaN", error::invalid_float, 0},
        {"0x1p3", error::invalid_float, 1}, {"1e", error::invalid_float, 2},
        {"1e+", error::invalid_float, 3},  {" 1.5", error::invalid_float, 0},
        {"1.5 ", error::invalid_float, 3}, {std::string_view("1.5\0", 4), error::invalid_float, 3},
        {"1e400", error::float_out_of_range, 0}, {"-1e400", error::float_out_of_range, 0},
    };
    for (auto const& row : rows) expect_bad(kayako::parse_float, row);
    std::string const overlong_number = "1" + overlong(400, '0');  // 1e400 written out
    expect_bad(kayako::parse_float, {overlong_number, error::float_out_of_range, 0});
    std::string const overlong_fraction = "0." + overlong(5000, '1');  // long but in range: read, rounded
    EXPECT_NEAR(kayako::parse_float(overlong_fraction).value(), 0.1111111111, 1e-9);
}

// ---------------------------------------------------------------------------------------------
// Timestamps — §3: ISO-8601 with Z or ±hh:mm, or Unix seconds; TV-DT-5, TV-REQ-1/2
// ---------------------------------------------------------------------------------------------

// The formatters (timestamps here, HTTP dates in http_date.hpp) turn days into dates with the
// division-free conversion; it must agree with the general one on every day it is used for.
TEST(CivilDates, FastConversionAgreesOnEveryDayOfTheYears0To9999) {
    using kayako::detail::civil_from_days;
    using kayako::detail::civil_from_days_since_year_0;
    constexpr std::uint32_t days_in_10000_years = 3652425;
    for (std::uint32_t n = 0; n < days_in_10000_years; ++n) {
        auto const fast = civil_from_days_since_year_0(n);
        auto const general = civil_from_days(static_cast<std::int64_t>(n) - kayako::detail::days_from_year_0_to_epoch);
        ASSERT_EQ(fast.year, general.year) << n;
        ASSERT_EQ(fast.month, general.month) << n;
        ASSERT_EQ(fast.day, general.day) << n;
    }
    static_assert(civil_from_days_since_year_0(0).year == 0 && civil_from_days_since_year_0(0).month == 1);
    static_assert(civil_from_days_since_year_0(59).month == 2 && civil_from_days_since_year_0(59).day == 29);  // year 0 is leap
    static_assert(civil_from_days_since_year_0(days_in_10000_years - 1).year == 9999);
    static_assert(civil_from_days_since_year_0(days_in_10000_years - 1).day == 31);
}

TEST(Timestamp, ReadsTheObservedSpellings) {
    struct row {
        std::string_view text;
        std::int64_t seconds;
        std::int32_t offset;
    };
    row const rows[] = {
        {"2015-09-08T01:55:28+05:00", 1441659328, 300},  // §3's request example
        {"2015-08-04T06:20:32+05:00", 1438651232, 300},
        {"2016-08-18T15:17:39+00:00", 1471533459, 0},
        {"2016-03-15T06:09:23Z", 1458022163, 0},
        {"2015-09-01T14:45:04+05:00", 1441100704, 300},  // TV-REQ-2
        {"2015-09-01T14:45:04Z", 1441118704, 0},         // TV-REQ-3
        {"2015-09-09T19:58:13Z", 1441828693, 0},         // TV-DT-5
        {"1441828693", 1441828693, 0},                   // TV-DT-5, Unix form
        {"1441118415", 1441118415, 0},                   // TV-REQ-1 = 2015-09-01T14:40:15Z
        {"0", 0, 0},
        {"-86400", -86400, 0},
        {"2015-09-08T01:55:28-03:30", 1441689928, -210},
        {"2015-09-08T01:55:28+0530", 1441657528, 330},   // basic-format offset
        {"2015-09-08t01:55:28z", 1441677328, 0},         // RFC 3339 allows lower case
        {"2015-09-08T01:55:28.987654Z", 1441677328, 0},  // fractions are read and dropped
        {"2016-02-29T00:00:00Z", 1456704000, 0},         // leap day
        {"2000-02-29T23:59:59Z", 951868799, 0},
        {"1970-01-01T00:00:00Z", 0, 0},
        {"0001-01-01T00:00:00Z", kayako::timestamp_min_seconds, 0},
        {"9999-12-31T23:59:59Z", kayako::timestamp_max_seconds, 0},
    };
    for (auto const& r : rows) {
        auto const t = kayako::parse_timestamp(r.text);
        ASSERT_TRUE(t.has_value()) << r.text << ": " << t.error().message();
        EXPECT_EQ(t->seconds, r.seconds) << r.text;
        EXPECT_EQ(t->offset_minutes, r.offset) << r.text;
    }
    EXPECT_EQ(kayako::parse_timestamp("1441828693"), kayako::parse_timestamp("2015-09-09T19:58:13Z"));
}

TEST(Timestamp, DefaultIsTheUnixEpochInUtc) {  // §3: a value-initialised timestamp is a real instant
    kayako::timestamp const t{};
    EXPECT_EQ(t.seconds, 0);
    EXPECT_EQ(t.offset_minutes, 0);
    EXPECT_EQ(kayako::format_timestamp(t), "1970-01-01T00:00:00+00:00");
}

TEST(Timestamp, FormatsAsIso8601InItsOwnOffset) {
    EXPECT_EQ(kayako::format_timestamp({1441828693, 0}), "2015-09-09T19:58:13+00:00");
    EXPECT_EQ(kayako::format_timestamp({1441659328, 300}), "2015-09-08T01:55:28+05:00");
    EXPECT_EQ(kayako::format_timestamp({1441689928, -210}), "2015-09-08T01:55:28-03:30");
    EXPECT_EQ(kayako::format_timestamp({0, 0}), "1970-01-01T00:00:00+00:00");
    EXPECT_EQ(kayako::format_timestamp({-1, 0}), "1969-12-31T23:59:59+00:00");
    EXPECT_EQ(kayako::format_timestamp({kayako::timestamp_min_seconds, 0}), "0001-01-01T00:00:00+00:00");
    EXPECT_EQ(kayako::format_timestamp({kayako::timestamp_max_seconds, 0}), "9999-12-31T23:59:59+00:00");
    // Out-of-range values are clamped, odd offsets written as UTC: the output is always valid.
    EXPECT_EQ(kayako::format_timestamp({std::numeric_limits<std::int64_t>::max(), 0}), "9999-12-31T23:59:59+00:00");
    EXPECT_EQ(kayako::format_timestamp({0, 100000}), "1970-01-01T00:00:00+00:00");
    EXPECT_EQ(kayako::format_timestamp({kayako::timestamp_max_seconds, 60}), "9999-12-31T23:59:59+00:00");
}

TEST(Timestamp, RoundTripsThroughItsFormat) {
    // A day inside the range at both ends, so that every offset still writes a year 1..9999.
    for (std::int64_t s = kayako::timestamp_min_seconds + 86400; s < kayako::timestamp_max_seconds - 86400;
         s += 86399 * 997 + 13) {
        for (std::int32_t offset : {0, 330, -600}) {
            std::string const text = kayako::format_timestamp({s, offset});
            auto const back = kayako::parse_timestamp(text);
            ASSERT_TRUE(back.has_value()) << text;
            EXPECT_EQ(back->seconds, s) << text;
            EXPECT_EQ(back->offset_minutes, offset) << text;
        }
    }
}

TEST(Timestamp, BadInput) {
    bad_row const rows[] = {
        {"", error::empty_value, 0},
        {"yesterday", error::invalid_timestamp, 0},
        {"2015-09-08", error::invalid_timestamp, 10},            // a date names no instant
        {"2015-09-08T01:55:28", error::invalid_timestamp, 19},   // no zone
        {"2015-09-08 01:55:28Z", error::invalid_timestamp, 10},
        {"2015/09/08T01:55:28Z", error::invalid_timestamp, 4},
        {"15-09-08T01:55:28Z", error::invalid_timestamp, 2},
        {"2015-9-08T01:55:28Z", error::invalid_timestamp, 6},
        {"2015-09-08T1:55:28Z", error::invalid_timestamp, 12},
        {"2015-09-08T01:55Z", error::invalid_timestamp, 16},
        {"2015-09-08T01:55:28.Z", error::invalid_timestamp, 20},
        {"2015-09-08T01:55:28+5:00", error::invalid_timestamp, 21},
        {"2015-09-08T01:55:28+05:0", error::invalid_timestamp, 24},  // ends where a digit is due
        {"2015-09-08T01:55:28+05:00 ", error::invalid_timestamp, 25},
        {"2015-09-08T01:55:28ZZ", error::invalid_timestamp, 20},
        {"2015-09-08T01:55:28 GMT", error::invalid_timestamp, 19},
        {std::string_view("2015-09-08T01:55:28\0", 20), error::invalid_timestamp, 19},
        {"2015-13-08T01:55:28Z", error::timestamp_out_of_range, 0},
        {"2015-00-08T01:55:28Z", error::timestamp_out_of_range, 0},
        {"2015-02-29T01:55:28Z", error::timestamp_out_of_range, 8},  // not a leap year
        {"1900-02-29T01:55:28Z", error::timestamp_out_of_range, 8},
        {"2015-04-31T01:55:28Z", error::timestamp_out_of_range, 8},
        {"2015-09-00T01:55:28Z", error::timestamp_out_of_range, 8},
        {"2015-09-08T24:00:00Z", error::timestamp_out_of_range, 11},
        {"2015-09-08T01:60:28Z", error::timestamp_out_of_range, 11},
        {"2015-09-08T01:55:60Z", error::timestamp_out_of_range, 11},  // no leap seconds
        {"2015-09-08T01:55:28+24:00", error::timestamp_out_of_range, 19},
        {"2015-09-08T01:55:28+05:60", error::timestamp_out_of_range, 19},
        {"0000-01-01T00:00:00Z", error::timestamp_out_of_range, 0},
        {"0001-01-01T00:00:00+01:00", error::timestamp_out_of_range, 0},  // before year 1 in UTC
        {"9999-12-31T23:59:59-01:00", error::timestamp_out_of_range, 0},
        {"253402300800", error::timestamp_out_of_range, 0},
        {"-62135596801", error::timestamp_out_of_range, 0},
        {"99999999999999999999999", error::timestamp_out_of_range, 0},
        {"-", error::invalid_timestamp, 0},
        {"1441828693.5", error::invalid_timestamp, 4},
        {"+1441828693", error::invalid_timestamp, 0},
    };
    for (auto const& row : rows) expect_bad(kayako::parse_timestamp, row);
    std::string const overlong_unix = overlong(1000, '9');
    expect_bad(kayako::parse_timestamp, {overlong_unix, error::timestamp_out_of_range, 0});
    std::string const overlong_iso = "2015-09-08T01:55:28." + overlong(1000, '9') + "Z";  // fraction dropped
    EXPECT_EQ(kayako::parse_timestamp(overlong_iso).value().seconds, 1441677328);
}

// ---------------------------------------------------------------------------------------------
// Binary — §3 base64; TV-DT-1
// ---------------------------------------------------------------------------------------------

TEST(Base64, DecodesTheVectors) {
    EXPECT_EQ(kayako::decode_base64(std::string_view("4pi6"))->bytes, "\xE2\x98\xBA");  // TV-DT-1: ☺
    EXPECT_EQ(kayako::decode_base64(std::string_view("Q2FyeW4gUHJ5b3I="))->bytes, "Caryn Pryor");
    // RFC 4648 §10.
    struct row {
        std::string_view plain, encoded;
    };
    row const rfc[] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},         {"foo", "Zm9v"},
                       {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
    for (auto const& r : rfc) {
        EXPECT_EQ(kayako::encode_base64(r.plain), r.encoded);
        auto const d = kayako::decode_base64(r.encoded);
        ASSERT_TRUE(d.has_value()) << r.encoded;
        EXPECT_EQ(d->bytes, r.plain);
    }
}

TEST(Base64, RoundTripsEveryByte) {
    std::string all;
    for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
    for (std::size_t n = 0; n <= all.size(); n += 7) {
        std::string const plain = all.substr(0, n);
        std::string const encoded = kayako::encode_base64(plain);
        EXPECT_EQ(encoded.size(), kayako::base64_encoded_size(n));
        auto const back = kayako::decode_base64(encoded);
        ASSERT_TRUE(back.has_value());
        EXPECT_EQ(back->bytes, plain);
    }
}

TEST(Base64, DecodesIntoACallerBuffer) {
    char out[kayako::base64_decoded_max_size(16)];
    auto const n = kayako::decode_base64("Q2FyeW4gUHJ5b3I=", out);
    ASSERT_TRUE(n.has_value());
    EXPECT_EQ(std::string_view(out, *n), "Caryn Pryor");
}

TEST(Base64, BadInputIsStrict) {
    bad_row const rows[] = {
        {"Q2FyeW4gUHJ5b3I", error::invalid_base64, 12},   // unpadded
        {"Zg=", error::invalid_base64, 0},
        {"Z", error::invalid_base64, 0},
        {"Zg==Zg==", error::invalid_base64, 2},           // padding in the middle
        {"Zm9v\nYmFy", error::invalid_base64, 8},         // length not a multiple of 4 (9)
        {"Zm9v YmF", error::invalid_base64, 4},           // whitespace
        {"Zm9-", error::invalid_base64, 3},               // URL-safe alphabet
        {"Zm9_", error::invalid_base64, 3},
        {"Zh==", error::invalid_base64, 1},               // non-zero unused bits
        {"Zm9=", error::invalid_base64, 2},
        {"====", error::invalid_base64, 0},
        {"Z===", error::invalid_base64, 1},
        {std::string_view("Zm9\0", 4), error::invalid_base64, 3},
        {"Zm9\xC3", error::invalid_base64, 3},
        {"Q2FyeW4gUHJ5b3I=\r\n", error::invalid_base64, 16},
    };
    auto decode = [](std::string_view t) { return kayako::decode_base64(t); };
    for (auto const& row : rows) expect_bad(decode, row);
    std::string const overlong_bad = overlong(100000, 'A') + "!AAA";  // the bad character far in
    expect_bad(decode, {overlong_bad, error::invalid_base64, 100000});
}

// ---------------------------------------------------------------------------------------------
// Options — §3: case-insensitive, normalised to upper case; TV-DT-3
// ---------------------------------------------------------------------------------------------

constexpr std::string_view test_options[] = {"FOO", "BAR", "ANY", "NONE"};  // §16.1

TEST(Option, NormalisesToTheCanonicalSpelling) {
    EXPECT_EQ(kayako::parse_option("bar", test_options), "BAR");  // TV-DT-3
    EXPECT_EQ(kayako::parse_option("BAR", test_options), "BAR");
    EXPECT_EQ(kayako::parse_option("None", test_options), "NONE");
    EXPECT_EQ(kayako::parse_option_index("any", test_options), 2u);
    static_assert(kayako::parse_option("foo", test_options).value() == "FOO");
}

TEST(Option, BadInput) {
    bad_row const rows[] = {
        {"", error::empty_value, 0},     {"BAZ", error::invalid_option, 0},
        {"BA", error::invalid_option, 0}, {"BARR", error::invalid_option, 0},
        {" BAR", error::invalid_option, 0}, {"B\xC3\x84R", error::invalid_option, 0},
        {std::string_view("BAR\0", 4), error::invalid_option, 0},
    };
    auto parse = [](std::string_view t) { return kayako::parse_option(t, test_options); };
    for (auto const& row : rows) expect_bad(parse, row);
    std::string const overlong_option = overlong(1000, 'B');
    expect_bad(parse, {overlong_option, error::invalid_option, 0});
}

// ---------------------------------------------------------------------------------------------
// Arrays as comma lists — §3, TV-DT-4
// ---------------------------------------------------------------------------------------------

TEST(CommaList, SplitsWithoutAllocating) {
    std::vector<std::string_view> items;
    std::vector<std::size_t> offsets;
    kayako::comma_list const list("1,22,,333");
    for (auto it = list.begin(); it != list.end(); ++it) {
        items.push_back(*it);
        offsets.push_back(it.offset());
    }
    EXPECT_EQ(items, (std::vector<std::string_view>{"1", "22", "", "333"}));
    EXPECT_EQ(offsets, (std::vector<std::size_t>{0, 2, 5, 6}));
    EXPECT_EQ(list.size(), 4u);
    EXPECT_EQ(kayako::comma_list("").size(), 0u);
    EXPECT_EQ(kayako::comma_list("").begin(), kayako::comma_list("").end());
    EXPECT_EQ(kayako::comma_list(",").size(), 2u);
}

TEST(ParseList, ReadsTypedItems) {
    EXPECT_EQ(kayako::parse_list<std::int64_t>("1,2,3").value(), (std::vector<std::int64_t>{1, 2, 3}));  // TV-DT-4
    EXPECT_EQ(kayako::parse_list<bool>("true,0,FALSE").value(), (std::vector<bool>{true, false, false}));
    EXPECT_EQ(kayako::parse_list<std::string_view>("a,b").value(), (std::vector<std::string_view>{"a", "b"}));
    EXPECT_TRUE(kayako::parse_list<std::int64_t>("").value().empty());
}

TEST(ParseList, BadItemsSayWhere) {
    auto const bad_item = kayako::parse_list<std::int64_t>("1,2,x3");
    ASSERT_FALSE(bad_item);
    EXPECT_EQ(bad_item.error(), failure(error::invalid_integer, 4));
    auto const empty_item = kayako::parse_list<std::int64_t>("1,,3");
    ASSERT_FALSE(empty_item);
    EXPECT_EQ(empty_item.error(), failure(error::empty_value, 2));
    auto const trailing = kayako::parse_list<std::int64_t>("1,2,");
    ASSERT_FALSE(trailing);
    EXPECT_EQ(trailing.error(), failure(error::empty_value, 4));
    auto const spaced = kayako::parse_list<std::int64_t>("1, 2");
    ASSERT_FALSE(spaced);
    EXPECT_EQ(spaced.error(), failure(error::invalid_integer, 2));
    auto const overflow = kayako::parse_list<std::int32_t>("1,99999999999");
    ASSERT_FALSE(overflow);
    EXPECT_EQ(overflow.error(), failure(error::integer_out_of_range, 2));
}

TEST(ParseList, EnforcesItsItemLimit) {
    std::string many = "1";
    for (int i = 0; i < 1000; ++i) many += ",1";  // 1,001 items
    auto const r = kayako::parse_list<std::int64_t>(many);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::too_many);
    EXPECT_EQ(kayako::parse_list<std::int64_t>(many, 1001).value().size(), 1001u);
}

// ---------------------------------------------------------------------------------------------
// Boundaries (issue 12): every character class over all 256 bytes, every numeric range at its
// bound and one past, and every parser fed views into larger buffers.
// ---------------------------------------------------------------------------------------------

bool is_ascii_digit(int b) { return b >= '0' && b <= '9'; }
bool is_ascii_letter(int b) { return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z'); }
std::string byte_string(int b) { return std::string(1, static_cast<char>(b)); }

// The same answer for the text alone, at the very end of a heap block (ASan sees an over-read),
// and followed by tails that would change the answer if read.
template <class Parse>
void expect_same_through_views(Parse parse, std::string_view text) {
    auto const expected = parse(text);
    kayako::test::exact_buffer const exact(text);
    EXPECT_TRUE(parse(exact.view()) == expected) << "exact buffer: \"" << text << '"';
    for (std::string_view tail : kayako::test::over_read_tails) {
        kayako::test::with_tail const tailed(text, tail);
        EXPECT_TRUE(parse(tailed.view()) == expected) << '"' << text << "\" followed by \"" << tail << '"';
    }
}

TEST(Boolean, EveryByteAloneAndInEveryPosition) {  // §3: true/false in any case, 1/0
    for (int b = 0; b < 256; ++b) {
        auto const r = kayako::parse_boolean(byte_string(b));
        if (b == '1' || b == '0') {
            EXPECT_EQ(r, b == '1') << b;
        } else {
            EXPECT_EQ(r.error(), failure(error::invalid_boolean, 0)) << b;
        }
    }
    for (std::string_view word : {"true", "false"}) {
        for (std::size_t at = 0; at < word.size(); ++at) {
            for (int b = 0; b < 256; ++b) {
                std::string text(word);
                text[at] = static_cast<char>(b);
                bool const same_letter = b == word[at] || b == word[at] - 'a' + 'A';
                auto const r = kayako::parse_boolean(text);
                EXPECT_EQ(r.has_value(), same_letter) << word << ' ' << at << ' ' << b;
                if (r) {
                    EXPECT_EQ(*r, word == "true");
                }
            }
        }
    }
}

// Every integral type at its minimum and maximum, and one past each (§3: overflow is an error).
template <class T>
void expect_integer_range(std::string_view below_min, std::string_view above_max) {
    SCOPED_TRACE(typeid(T).name());
    constexpr T lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
    EXPECT_EQ(kayako::parse_integer<T>(std::to_string(lo)), lo);
    EXPECT_EQ(kayako::parse_integer<T>(std::to_string(hi)), hi);
    EXPECT_EQ(kayako::parse_integer<T>(std::to_string(hi - 1)), hi - 1);
    EXPECT_EQ(kayako::parse_integer<T>(std::string(below_min)).error(), failure(error::integer_out_of_range, 0)) << below_min;
    EXPECT_EQ(kayako::parse_integer<T>(std::string(above_max)).error(), failure(error::integer_out_of_range, 0)) << above_max;
    // digits10 nines always fit (the fast path); one more nine never does.
    std::string const nines(static_cast<std::size_t>(std::numeric_limits<T>::digits10), '9');
    EXPECT_EQ(kayako::parse_integer<T>(nines), static_cast<T>(std::stoull(nines))) << nines;
    EXPECT_EQ(kayako::parse_integer<T>(nines + "9").error(), failure(error::integer_out_of_range, 0)) << nines;
    if constexpr (std::is_signed_v<T>) {
        EXPECT_EQ(kayako::parse_integer<T>("-" + nines), static_cast<T>(-std::stoll(nines))) << nines;
        EXPECT_EQ(kayako::parse_integer<T>("-" + nines + "9").error(), failure(error::integer_out_of_range, 0)) << nines;
    }
}

TEST(Integer, EveryTypeAtItsBoundsAndOnePast) {
    expect_integer_range<std::int8_t>("-129", "128");
    expect_integer_range<std::uint8_t>("-1", "256");
    expect_integer_range<std::int16_t>("-32769", "32768");
    expect_integer_range<std::uint16_t>("-1", "65536");
    expect_integer_range<std::int32_t>("-2147483649", "2147483648");
    expect_integer_range<std::uint32_t>("-1", "4294967296");
    expect_integer_range<std::int64_t>("-9223372036854775809", "9223372036854775808");
    expect_integer_range<std::uint64_t>("-1", "18446744073709551616");
}

TEST(Integer, UnsignedReadsMinusZeroOnly) {  // "-0" is zero; any other negative is out of range
    for (std::string_view zero : {"-0", "-00", "-0000000000000000000000"}) EXPECT_EQ(kayako::parse_integer<unsigned>(zero), 0u) << zero;
    for (std::string_view negative : {"-1", "-10", "-01", "-100", "-0000000000000000000001"})
        EXPECT_EQ(kayako::parse_integer<unsigned>(negative).error(), failure(error::integer_out_of_range, 0)) << negative;
    EXPECT_EQ(kayako::parse_integer<unsigned>("-1x").error(), failure(error::invalid_integer, 2));
}

TEST(Integer, EveryByteInEveryPositionOfBothPaths) {  // §3: only decimal digits, a leading '-'
    // "1?2" is read by the fast path, a 19-digit text by the general one.
    for (std::string_view pattern : {"1?2", "?", "100000000000000000?"}) {
        std::size_t const at = pattern.find('?');
        for (int b = 0; b < 256; ++b) {
            std::string text(pattern);
            text[at] = static_cast<char>(b);
            auto const r = kayako::parse_integer<std::int64_t>(text);
            if (is_ascii_digit(b)) {
                ASSERT_TRUE(r) << text;
                EXPECT_EQ(*r, std::stoll(text)) << text;
            } else if (b == '-' && at == 0) {
                EXPECT_EQ(r.error(), failure(error::invalid_integer, 1)) << text;
            } else {
                EXPECT_EQ(r.error(), failure(error::invalid_integer, at)) << b << " in " << pattern;
            }
        }
    }
}

TEST(Float, EveryByteAfterEachPartOfTheGrammar) {  // §3: -?digits(.digits)?([eE][+-]?digits)?
    struct row {
        std::string_view prefix, suffix;
        std::string_view also_accepted;  // bytes other than digits that complete the number
    };
    row const rows[] = {{"", "", ""}, {"1", "", ""}, {"1.", "", ""}, {"1e", "", ""},
                        {"1e", "1", "+-"}, {"", "1", "-"}, {"1", "5", ".eE"}, {"1.5", "2", "eE"}};
    for (auto const& r : rows) {
        for (int b = 0; b < 256; ++b) {
            std::string const text = std::string(r.prefix) + static_cast<char>(b) + std::string(r.suffix);
            bool const accepted = is_ascii_digit(b) || r.also_accepted.find(static_cast<char>(b)) != std::string_view::npos;
            auto const got = kayako::parse_float(text);
            EXPECT_EQ(got.has_value(), accepted) << '"' << r.prefix << "\" " << b << " \"" << r.suffix << '"';
            if (!accepted) {
                EXPECT_EQ(got.error().code, error::invalid_float) << text;
            }
        }
    }
}

TEST(Float, RangeAtBothEnds) {  // §21.19: the nearest double; overflow refused, underflow is ±0
    EXPECT_EQ(kayako::parse_float("1.7976931348623157e308"), std::numeric_limits<double>::max());
    EXPECT_EQ(kayako::parse_float("1.7976931348623158e308"), std::numeric_limits<double>::max());  // rounds down
    EXPECT_EQ(kayako::parse_float("1.797693134862316e308").error(), failure(error::float_out_of_range, 0));
    EXPECT_EQ(kayako::parse_float("-1.797693134862316e308").error(), failure(error::float_out_of_range, 0));
    EXPECT_EQ(kayako::parse_float("4.9406564584124654e-324"), std::numeric_limits<double>::denorm_min());
    EXPECT_EQ(kayako::parse_float("2.2250738585072014e-308"), std::numeric_limits<double>::min());
    // The magnitude is read from the digits and the exponent together, on both sides of 1.
    struct row {
        std::string_view text;
        bool overflows;
    };
    row const rows[] = {{"10e307", false}, {"100e307", true},  {"0.01e310", false}, {"0.001e312", true},
                        {"1e-400", false}, {"0.001e-400", false}, {"1000e-330", false}, {"1e400", true},
                        {"1E+400", true},  {"9e308", true},      {"0.0000000001e318", false}, {"0.1e310", true}};
    for (auto const& r : rows) {
        auto const v = kayako::parse_float(r.text);
        if (r.overflows) {
            EXPECT_EQ(v.error(), failure(error::float_out_of_range, 0)) << r.text;
        } else {
            ASSERT_TRUE(v) << r.text;
            EXPECT_TRUE(std::isfinite(*v)) << r.text;
        }
    }
    EXPECT_EQ(kayako::parse_float("1e-400"), 0.0);
    EXPECT_TRUE(std::signbit(kayako::parse_float("-1e-400").value()));
    EXPECT_FALSE(std::signbit(kayako::parse_float("1e-400").value()));
    EXPECT_EQ(kayako::parse_float("1e-99999999999999999999"), 0.0);  // an exponent past any integer
    EXPECT_EQ(kayako::parse_float("1e99999999999999999999").error(), failure(error::float_out_of_range, 0));
}

TEST(Timestamp, UnixSecondsAtTheBoundsAndEveryLength) {  // §3: years 0001..9999
    EXPECT_EQ(kayako::parse_timestamp("253402300799").value().seconds, kayako::timestamp_max_seconds);
    EXPECT_EQ(kayako::parse_timestamp("-62135596800").value().seconds, kayako::timestamp_min_seconds);
    EXPECT_EQ(kayako::parse_timestamp("-0").value().seconds, 0);
    // Up to 15 digits are read (leading zeros included); more are out of range whatever they say.
    EXPECT_EQ(kayako::parse_timestamp("000000000000001").value().seconds, 1);
    EXPECT_EQ(kayako::parse_timestamp("-000000000000001").value().seconds, -1);
    EXPECT_EQ(kayako::parse_timestamp("0000000000000001").error(), failure(error::timestamp_out_of_range, 0));
    EXPECT_EQ(kayako::parse_timestamp("999999999999999").error(), failure(error::timestamp_out_of_range, 0));
    for (int b = 0; b < 256; ++b) {  // a non-digit anywhere makes it an ISO text, which this is not
        std::string text = "14418286" + byte_string(b) + "3";
        auto const r = kayako::parse_timestamp(text);
        EXPECT_EQ(r.has_value(), is_ascii_digit(b)) << b;
    }
}

TEST(Timestamp, EveryDayOfEveryMonthAtItsEnd) {  // §3: real dates only, leap years included
    for (int year : {1, 4, 100, 400, 1900, 2000, 2015, 2016, 2100, 9999}) {
        for (int month = 1; month <= 12; ++month) {
            bool const leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            int const last = month == 2 ? (leap ? 29 : 28) : (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
            char text[32];
            std::snprintf(text, sizeof text, "%04d-%02d-%02dT00:00:00Z", year, month, last);
            ASSERT_TRUE(kayako::parse_timestamp(text)) << text;
            std::snprintf(text, sizeof text, "%04d-%02d-%02dT00:00:00Z", year, month, last + 1);
            EXPECT_EQ(kayako::parse_timestamp(text).error(), failure(error::timestamp_out_of_range, 8)) << text;
            std::snprintf(text, sizeof text, "%04d-%02d-01T00:00:00Z", year, month);
            EXPECT_TRUE(kayako::parse_timestamp(text)) << text;
        }
    }
    for (int year = 1; year <= 9999; ++year) {  // February 29th exactly in leap years
        char text[32];
        std::snprintf(text, sizeof text, "%04d-02-29T12:00:00Z", year);
        bool const leap = year % 400 == 0 || (year % 100 != 0 && year % 4 == 0);
        ASSERT_EQ(kayako::parse_timestamp(text).has_value(), leap) << text;
    }
}

TEST(Timestamp, EveryFieldAtItsBoundAndOnePast) {  // §3
    struct row {
        std::string_view text;
        std::int64_t seconds;  // -1: out of range
        std::size_t offset;
    };
    row const rows[] = {
        {"2015-01-08T00:00:00Z", 1420675200, 0},           {"2015-12-08T00:00:00Z", 1449532800, 0},
        {"2015-09-01T23:59:59Z", 1441151999, 0},           {"2015-09-01T00:00:00+23:59", 1441065600 - 1439 * 60, 0},
        {"2015-09-01T00:00:00-23:59", 1441065600 + 1439 * 60, 0}, {"2015-09-01T00:00:00-2359", 1441065600 + 1439 * 60, 0},
        {"2015-09-01T00:00:00+00:59", 1441065600 - 59 * 60, 0},
        {"2015-09-01T00:00:00-24:00", -1, 19},             {"2015-09-01T00:00:00-00:60", -1, 19},
        {"2015-09-01T24:00:00Z", -1, 11},                  {"2015-09-01T23:60:00Z", -1, 11},
        {"2015-09-01T23:59:60Z", -1, 11},                  {"0001-01-01T00:00:00Z", kayako::timestamp_min_seconds, 0},
        {"0001-01-01T00:00:00-00:01", kayako::timestamp_min_seconds + 60, 0},
        {"0001-01-01T00:00:00+00:01", -1, 0},              {"9999-12-31T23:59:59+00:01", kayako::timestamp_max_seconds - 60, 0},
        {"9999-12-31T23:59:59-00:01", -1, 0},              {"2015-09-01T00:00:00.5+01:00", 1441062000, 0},
    };
    for (auto const& r : rows) {
        auto const t = kayako::parse_timestamp(r.text);
        if (r.seconds == -1) {
            EXPECT_EQ(t.error(), failure(error::timestamp_out_of_range, r.offset)) << r.text;
        } else {
            ASSERT_TRUE(t) << r.text << ": " << t.error().message();
            EXPECT_EQ(t->seconds, r.seconds) << r.text;
        }
    }
    EXPECT_EQ(kayako::parse_timestamp("2015-09-01T00:00:00-23:59")->offset_minutes, -1439);
    EXPECT_EQ(kayako::parse_timestamp("2015-09-01T00:00:00+23:59")->offset_minutes, 1439);
}

TEST(Timestamp, EveryByteInEveryPosition) {  // §3: each character class of the ISO form
    std::string_view const good = "2015-11-18T11:15:18.5+05:30";
    for (std::size_t at = 0; at < good.size(); ++at) {
        for (int b = 0; b < 256; ++b) {
            std::string text(good);
            text[at] = static_cast<char>(b);
            auto const r = kayako::parse_timestamp(text);
            char const expected = good[at];
            bool const same_class = is_ascii_digit(expected) ? is_ascii_digit(b)
                                    : expected == 'T'         ? (b == 'T' || b == 't')
                                    : expected == '+'         ? (b == '+' || b == '-')
                                                              : b == expected;
            if (same_class) {
                EXPECT_TRUE(r || r.error().code == error::timestamp_out_of_range) << text;
            } else if (at == 0 && (is_ascii_digit(b) || b == '-')) {
                EXPECT_FALSE(r) << text;  // read as Unix seconds, then as ISO: refused either way
            } else if ((at == 19 && (b == 'Z' || b == 'z' || b == '+' || b == '-')) ||
                       (at == 21 && (b == 'Z' || b == 'z' || is_ascii_digit(b))) || (at == 24 && is_ascii_digit(b))) {
                EXPECT_FALSE(r) << text;  // a zone too early, or a longer fraction or offset: refused further on
            } else {
                ASSERT_FALSE(r) << text;
                EXPECT_EQ(r.error().code, error::invalid_timestamp) << text;
                EXPECT_EQ(r.error().offset, at) << text;
            }
        }
    }
    for (int b = 0; b < 256; ++b) {  // the zone itself
        auto const r = kayako::parse_timestamp("2015-11-18T11:15:18" + byte_string(b));
        EXPECT_EQ(r.has_value(), b == 'Z' || b == 'z') << b;
    }
}

TEST(Timestamp, FormatsEveryOffsetBoundAndClamp) {
    using kayako::format_timestamp;
    EXPECT_EQ(format_timestamp({0, 1439}), "1970-01-01T23:59:00+23:59");
    EXPECT_EQ(format_timestamp({0, 1440}), "1970-01-01T00:00:00+00:00");   // past ±23:59: UTC
    EXPECT_EQ(format_timestamp({0, -1439}), "1969-12-31T00:01:00-23:59");
    EXPECT_EQ(format_timestamp({0, -1440}), "1970-01-01T00:00:00+00:00");
    EXPECT_EQ(format_timestamp({0, -1}), "1969-12-31T23:59:00-00:01");
    EXPECT_EQ(format_timestamp({59, 0}), "1970-01-01T00:00:59+00:00");
    EXPECT_EQ(format_timestamp({86399, 0}), "1970-01-01T23:59:59+00:00");
    EXPECT_EQ(format_timestamp({-86400, 0}), "1969-12-31T00:00:00+00:00");
    EXPECT_EQ(format_timestamp({-86401, 0}), "1969-12-30T23:59:59+00:00");
    EXPECT_EQ(format_timestamp({kayako::timestamp_min_seconds - 1, 0}), "0001-01-01T00:00:00+00:00");  // clamped
    EXPECT_EQ(format_timestamp({std::numeric_limits<std::int64_t>::min(), 0}), "0001-01-01T00:00:00+00:00");
    EXPECT_EQ(format_timestamp({kayako::timestamp_max_seconds + 1, 0}), "9999-12-31T23:59:59+00:00");
    EXPECT_EQ(format_timestamp({kayako::timestamp_min_seconds, 60}), "0001-01-01T01:00:00+01:00");
    EXPECT_EQ(format_timestamp({kayako::timestamp_min_seconds, -1}), "0001-01-01T00:00:00+00:00");  // year 0: UTC
    EXPECT_EQ(format_timestamp({kayako::timestamp_max_seconds, -60}), "9999-12-31T22:59:59-01:00");
    EXPECT_EQ(format_timestamp({kayako::timestamp_max_seconds - 60, 1}), "9999-12-31T23:59:59+00:01");
    EXPECT_EQ(format_timestamp({951782400, 0}), "2000-02-29T00:00:00+00:00");
    EXPECT_EQ(format_timestamp({1456790399, 0}), "2016-02-29T23:59:59+00:00");
    EXPECT_EQ(format_timestamp({1456790400, 0}), "2016-03-01T00:00:00+00:00");
    EXPECT_EQ(kayako::timestamp_length, format_timestamp({0, 0}).size());
    EXPECT_TRUE((kayako::timestamp{5, 60} == kayako::timestamp{5, -60}));  // the same instant
    EXPECT_FALSE((kayako::timestamp{5, 0} == kayako::timestamp{6, 0}));
}

TEST(CivilDates, DaysFromCivilInvertsEveryDay) {  // the conversion parse_timestamp uses
    for (std::int64_t z = kayako::timestamp_min_seconds / 86400; z <= kayako::timestamp_max_seconds / 86400; ++z) {
        auto const d = kayako::detail::civil_from_days(z);
        ASSERT_EQ(kayako::detail::days_from_civil(d.year, d.month, d.day), z) << d.year << '-' << d.month << '-' << d.day;
    }
}

TEST(Base64, EveryByteInEveryPositionOfAGroup) {  // RFC 4648 §4: the standard alphabet only
    auto in_alphabet = [](int b) { return is_ascii_letter(b) || is_ascii_digit(b) || b == '+' || b == '/'; };
    for (std::size_t at = 0; at < 4; ++at) {
        for (int b = 0; b < 256; ++b) {
            std::string text = "QUFBQUFB";  // "AAAAAA"
            text[4 + at] = static_cast<char>(b);
            auto const r = kayako::decode_base64(std::string_view(text));
            if (in_alphabet(b)) {
                ASSERT_TRUE(r) << text;
                EXPECT_EQ(kayako::encode_base64(r->bytes), text);
            } else if (b == '=' && at == 3) {
                EXPECT_EQ(r.error(), failure(error::invalid_base64, 6)) << text;  // "QUF=": its unused bits are not zero
            } else {
                EXPECT_EQ(r.error(), failure(error::invalid_base64, 4 + at)) << text;
            }
        }
    }
}

TEST(Base64, UnusedBitsOfTheLastCharacterMustBeZero) {  // strict: one spelling per byte string
    std::string_view const alphabet = kayako::detail::base64_alphabet;
    for (std::size_t v = 0; v < 64; ++v) {
        // "Q?==": 12 bits, the low 4 of `?` unused; "QU?=": 18 bits, the low 2 of `?` unused.
        std::string const one = std::string("Q") + alphabet[v] + "==";
        auto const r1 = kayako::decode_base64(std::string_view(one));
        if (v % 16 == 0) {
            ASSERT_TRUE(r1) << one;
            EXPECT_EQ(r1->bytes, std::string(1, static_cast<char>(16 << 2 | v >> 4))) << one;
        } else {
            EXPECT_EQ(r1.error(), failure(error::invalid_base64, 1)) << one;
        }
        std::string const two = std::string("QU") + alphabet[v] + "=";
        auto const r2 = kayako::decode_base64(std::string_view(two));
        if (v % 4 == 0) {
            ASSERT_TRUE(r2) << two;
            EXPECT_EQ(r2->bytes, (std::string{'A', static_cast<char>(4 << 4 | v >> 2)})) << two;
        } else {
            EXPECT_EQ(r2.error(), failure(error::invalid_base64, 2)) << two;
        }
    }
}

TEST(Base64, EveryLengthAndPaddingPosition) {
    for (std::size_t n = 0; n <= 12; ++n) {
        std::string const text(n, 'A');
        auto const r = kayako::decode_base64(std::string_view(text));
        if (n % 4 == 0) {
            ASSERT_TRUE(r) << n;
            EXPECT_EQ(r->bytes, std::string(n / 4 * 3, '\0'));
        } else {
            EXPECT_EQ(r.error(), failure(error::invalid_base64, n - n % 4)) << n;
        }
        EXPECT_EQ(kayako::base64_decoded_max_size(n), n / 4 * 3);
        EXPECT_EQ(kayako::base64_encoded_size(n), (n + 2) / 3 * 4);
        EXPECT_EQ(kayako::encode_base64(std::string(n, 'x')).size(), kayako::base64_encoded_size(n));
    }
    // '=' only in the last two places of the last group.
    for (std::string_view bad : {"=AAA", "A=AA", "AA=A", "A===", "AAAA=AAA", "AA==AAAA"}) {
        auto const r = kayako::decode_base64(bad);
        EXPECT_FALSE(r) << bad;
    }
    EXPECT_EQ(kayako::decode_base64(std::string_view("AA==")).value().bytes, std::string(1, '\0'));
    EXPECT_EQ(kayako::decode_base64(std::string_view("AAA=")).value().bytes, std::string(2, '\0'));
    EXPECT_EQ(kayako::encode_base64(std::string_view("\xFF\xFF\xFF\xFF", 4)), "/////w==");
    EXPECT_EQ(kayako::decode_base64(std::string_view("/////w==")).value().bytes, "\xFF\xFF\xFF\xFF");
    EXPECT_EQ(kayako::decode_base64(std::string_view("////")).value().bytes, "\xFF\xFF\xFF");
}

TEST(Option, EveryByteAgainstEveryLetter) {  // §3: options in any letter case
    std::vector<std::string> letters;
    for (char c = 'A'; c <= 'Z'; ++c) letters.emplace_back(1, c);
    letters.emplace_back("_");
    std::vector<std::string_view> const allowed(letters.begin(), letters.end());
    for (int b = 0; b < 256; ++b) {
        auto const r = kayako::parse_option_index(byte_string(b), allowed);
        if (b >= 'A' && b <= 'Z') {
            EXPECT_EQ(r, static_cast<std::size_t>(b - 'A')) << b;
        } else if (b >= 'a' && b <= 'z') {
            EXPECT_EQ(r, static_cast<std::size_t>(b - 'a')) << b;
        } else if (b == '_') {
            EXPECT_EQ(r, 26u);
        } else {
            EXPECT_EQ(r.error(), failure(error::invalid_option, 0)) << b;
        }
    }
    EXPECT_EQ(kayako::parse_option("nonE", test_options), "NONE");  // the last allowed value
    EXPECT_EQ(kayako::parse_option("NON", test_options).error(), failure(error::invalid_option, 0));
    EXPECT_EQ(kayako::parse_option("NONEE", test_options).error(), failure(error::invalid_option, 0));
}

TEST(CommaList, EdgesOfTheList) {  // §3 TV-DT-4
    auto items = [](std::string_view text) {
        std::vector<std::pair<std::string_view, std::size_t>> out;
        kayako::comma_list const list(text);
        for (auto it = list.begin(); it != list.end(); ++it) out.emplace_back(*it, it.offset());
        EXPECT_EQ(out.size(), list.size()) << text;
        return out;
    };
    using v = std::vector<std::pair<std::string_view, std::size_t>>;
    EXPECT_EQ(items("a"), (v{{"a", 0}}));
    EXPECT_EQ(items("a,"), (v{{"a", 0}, {"", 2}}));
    EXPECT_EQ(items(",a"), (v{{"", 0}, {"a", 1}}));
    EXPECT_EQ(items(",,"), (v{{"", 0}, {"", 1}, {"", 2}}));
    EXPECT_EQ(items("ab,cd"), (v{{"ab", 0}, {"cd", 3}}));
    EXPECT_TRUE(items("").empty());
}

TEST(ParseList, ExactlyMaxItemsPassAndOneMoreFails) {  // §21.14
    for (std::size_t max : {0u, 1u, 2u, 5u}) {
        std::string text;
        for (std::size_t i = 0; i < max; ++i) text += (i ? ",7" : "7");
        EXPECT_EQ(kayako::parse_list<int>(text, max).value().size(), max) << max;
        text += max ? ",7" : "7";
        EXPECT_EQ(kayako::parse_list<int>(text, max).error(), failure(error::too_many, 0)) << max;
    }
    std::string thousand = "1";
    for (int i = 1; i < 1000; ++i) thousand += ",1";
    EXPECT_EQ(kayako::parse_list<int>(thousand).value().size(), 1000u);  // the default limit, exactly
}

TEST(ValueParsers, GiveTheSameAnswerForViewsIntoLargerBuffers) {  // no parser reads past its view
    std::string_view const booleans[] = {"", "1", "0", "true", "FALSE", "tru", "fals", "t", "2", "10"};
    for (auto t : booleans) expect_same_through_views([](std::string_view s) { return kayako::parse_boolean(s); }, t);
    std::string_view const integers[] = {"", "-", "0", "1", "-1", "12", "123456789012345678", "1234567890123456789",
                                         "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1x", "007"};
    for (auto t : integers) {
        expect_same_through_views([](std::string_view s) { return kayako::parse_integer<std::int64_t>(s); }, t);
        expect_same_through_views([](std::string_view s) { return kayako::parse_integer<std::uint8_t>(s); }, t);
        expect_same_through_views([](std::string_view s) { return kayako::parse_integer<unsigned>(s); }, t);
    }
    std::string_view const floats[] = {"", "-", "1", "1.", "1.5", "1e", "1e+", "1e5", "-0.25", "1e400", "1e-400", "1.7976931348623157e308", "x"};
    for (auto t : floats) expect_same_through_views([](std::string_view s) { return kayako::parse_float(s); }, t);
    std::string_view const timestamps[] = {"",  "0", "-", "1441828693", "253402300799", "2015-09-08T01:55:28Z",
                                           "2015-09-08T01:55:28+05:00", "2015-09-08T01:55:28+0530", "2015-09-08T01:55:28.9Z",
                                           "2015-09-08T01:55:28.", "2015-09-08T01:55:28+05", "2015-09-08T01:55:28+05:3",
                                           "2015-09-08T01:55:2", "2015-09-08T01:55", "2015-09-08T", "2015-09-08", "2015-09", "2015"};
    for (auto t : timestamps) expect_same_through_views([](std::string_view s) { return kayako::parse_timestamp(s); }, t);
    std::string_view const base64[] = {"", "Zg==", "Zm8=", "Zm9v", "Zg=", "Zg", "Z", "4pi6", "Zh==", "Zm9v!"};
    for (auto t : base64) expect_same_through_views([](std::string_view s) { return kayako::decode_base64(s); }, t);
    std::string_view const options[] = {"", "BAR", "bar", "BA", "NON", "NONE", "x"};
    for (auto t : options) expect_same_through_views([](std::string_view s) { return kayako::parse_option(s, test_options); }, t);
    std::string_view const lists[] = {"", "1", "1,2", "1,", ",1", "1,,2", "1,x"};
    for (auto t : lists) expect_same_through_views([](std::string_view s) { return kayako::parse_list<std::int64_t>(s); }, t);
}

// ---------------------------------------------------------------------------------------------
// The customisation point
// ---------------------------------------------------------------------------------------------

struct celsius {
    double degrees;
};

}  // namespace

template <>
struct kayako::value_parser<celsius> {
    static kayako::result<celsius> parse(std::string_view s) noexcept {
        if (s.empty() || s.back() != 'C') return kayako::failure(kayako::error::unexpected_character, s.size());
        auto d = kayako::parse_float(s.substr(0, s.size() - 1));
        if (!d) return d.error();
        return celsius{*d};
    }
};

namespace {

TEST(ParseValue, DispatchesOnTheType) {
    EXPECT_EQ(kayako::parse_value<bool>("TRUE"), true);
    EXPECT_EQ(kayako::parse_value<std::int64_t>("-5"), -5);
    EXPECT_EQ(kayako::parse_value<std::uint16_t>("65535"), 65535);
    EXPECT_EQ(kayako::parse_value<double>("1.5"), 1.5);
    EXPECT_EQ(kayako::parse_value<kayako::timestamp>("1441828693")->seconds, 1441828693);
    EXPECT_EQ(kayako::parse_value<kayako::binary>("4pi6")->bytes, "\xE2\x98\xBA");
    EXPECT_EQ(kayako::parse_value<std::string>("as is"), "as is");
    EXPECT_EQ(kayako::parse_value<celsius>("21.5C")->degrees, 21.5);
    EXPECT_EQ(kayako::parse_value<celsius>("21.5").error().code, error::unexpected_character);
    EXPECT_EQ(kayako::parse_list<celsius>("1C,2C").value().size(), 2u);
    static_assert(noexcept(kayako::parse_value<bool>("1")));
    static_assert(!kayako::parsable_value<std::vector<int>>);
}

}  // namespace
