// The peers' HTTP-date suites, read in place from ../shared/testdata (§9.1, §21.7; RFC 9110
// §5.6.7):
//
//   go-http-parsetime.json   Go net/http header_test.go parseTimeTests
//   undici-http-date.json    nodejs/undici test/utils/date.js: IMF-fixdate, RFC 850, asctime
//
// A valid date parses to the vector's Unix seconds (and formats back to an IMF-fixdate that reads
// as the same instant); an invalid one is a typed error at an offset inside the text.
#include <kayako/caching/http_date.hpp>

#include <gtest/gtest.h>

#include "support/testdata.hpp"

#include <boost/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using kayako::error;
using kayako::http_date;
using kayako::http_date_options;
using kayako::parse_http_date;

// A vector the specification deliberately answers differently, with the library's own result.
struct date_deviation {
    std::string_view in;
    std::string_view section;
    std::int64_t library_seconds;  // the library accepts these dates: the instant it reads
    std::string_view why;
};

// RFC 9110 §5.6.7 defines `second = 2DIGIT` with the range 00-60 ("leap second"), and §21.7
// follows RFC 9110; undici refuses 60. The library reads it as the second after :59, as POSIX
// time does (02:00:60 is 02:01:00).
constexpr date_deviation undici_deviations[] = {
    {"Mon Jan  1 02:00:60 2024", "§21.7, RFC 9110 §5.6.7", 1704074460, "second 60 is a leap second in RFC 9110's grammar"},
};

date_deviation const* find_date_deviation(std::string_view in) {
    for (auto const& d : undici_deviations)
        if (d.in == in) return &d;
    return nullptr;
}

// Checks one vector under the options every server uses (the defaults), with a clock for the
// 50-year rule, and under two stricter ones: weekday checked (every valid vector names the right
// day), obsolete forms refused.
void check_date(std::string_view in, bool valid, std::int64_t unix_seconds, std::string_view group) {
    auto const parsed = parse_http_date(in);
    if (!valid) {
        ASSERT_FALSE(parsed.has_value()) << "read as " << parsed->seconds;
        EXPECT_TRUE(parsed.error().code == error::invalid_http_date || parsed.error().code == error::empty_value)
            << parsed.error().message();
        EXPECT_TRUE(parsed.error().has_offset());
        EXPECT_LE(parsed.error().offset, in.size());
        return;
    }
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message();
    EXPECT_EQ(parsed->seconds, unix_seconds);
    // What the library emits for it (§21.7) reads back as the same instant.
    EXPECT_EQ(parse_http_date(kayako::format_http_date(*parsed).view()).value(), *parsed);

    // RFC 9110 §5.6.7's 50-year rule for two-digit years, with "now" at the suites' newest date
    // (2024-12-11T23:20:57Z), reads the RFC 850 dates as the POSIX window does (the default).
    http_date_options dated;
    dated.now = http_date{1733959257};
    EXPECT_EQ(parse_http_date(in, dated).value(), *parsed);

    http_date_options weekday_checked;
    weekday_checked.check_weekday = true;
    EXPECT_EQ(parse_http_date(in, weekday_checked).value(), *parsed);

    http_date_options modern_only;
    modern_only.accept_obsolete = false;
    bool const obsolete = group == "RFC850" || group == "asctime";
    EXPECT_EQ(parse_http_date(in, modern_only).has_value(), !obsolete);
}

TEST(PeersGoParseTime, EveryVector) {  // §21.7
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/http-headers/go-http-parsetime.json");
    auto const doc = boost::json::parse(kayako::test::read_file_bytes(path));
    auto const& vectors = doc.at("vectors").as_array();
    ASSERT_EQ(vectors.size(), 6u);

    std::size_t checked = 0, valid = 0;
    for (auto const& item : vectors) {
        auto const& v = item.as_object();
        std::string_view const in = v.at("in").as_string();
        SCOPED_TRACE(in);
        bool const is_valid = v.at("valid").as_bool();
        std::int64_t const seconds = is_valid ? v.at("unix").to_number<std::int64_t>() : 0;
        // Go's table does not name the form; the obsolete ones are recognised by their shape.
        std::string_view const group = in.find('-') != std::string_view::npos && in.find(',') != std::string_view::npos
                                           ? "RFC850"
                                           : in.find(',') == std::string_view::npos ? "asctime" : "IMF-fixdate";
        check_date(in, is_valid, seconds, group);
        valid += is_valid;
        ++checked;
    }
    EXPECT_EQ(checked, vectors.size());
    EXPECT_EQ(valid, 3u);
}

TEST(PeersUndiciHttpDate, EveryVector) {  // §21.7
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/http-headers/undici-http-date.json");
    auto const doc = boost::json::parse(kayako::test::read_file_bytes(path));
    auto const& vectors = doc.at("vectors").as_array();
    ASSERT_EQ(vectors.size(), 226u);

    std::size_t checked = 0, valid = 0, deviations_seen = 0;
    for (auto const& item : vectors) {
        auto const& v = item.as_object();
        std::string_view const in = v.at("in").as_string();
        std::string_view const group = v.at("group").as_string();
        SCOPED_TRACE(std::string(group) + ": " + std::string(in));
        bool const is_valid = v.at("valid").as_bool();
        if (auto const* dev = find_date_deviation(in)) {
            ++deviations_seen;
            EXPECT_FALSE(is_valid) << "not a deviation any more: " << dev->why;
            check_date(in, true, dev->library_seconds, group);
        } else {
            check_date(in, is_valid, is_valid ? v.at("unix").to_number<std::int64_t>() : 0, group);
        }
        valid += is_valid;
        ++checked;
    }
    EXPECT_EQ(checked, vectors.size());
    EXPECT_EQ(valid, 169u);
    EXPECT_EQ(deviations_seen, std::size(undici_deviations));
}

}  // namespace
