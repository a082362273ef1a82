#include <kayako/http_date.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace std::string_literals;
using kayako::error;
using kayako::http_date;
using kayako::http_date_options;
using kayako::parse_http_date;

constexpr std::int64_t rfc_example = 784111777;  // 1994-11-06T08:49:37Z

http_date_options at(std::int64_t now) {
    http_date_options o;
    o.now = http_date{now};
    return o;
}

// RFC 9110 §5.6.7 (the three forms of the same instant) and the forms Kayako sends (§9.1, §21.7).
TEST(HttpDate, ParsesEveryAcceptedForm) {
    struct row {
        std::string_view text;
        std::int64_t seconds;
    };
    constexpr row rows[] = {
        {"Sun, 06 Nov 1994 08:49:37 GMT", rfc_example},     // IMF-fixdate
        {"Sunday, 06-Nov-94 08:49:37 GMT", rfc_example},    // obsolete RFC 850 format
        {"Sun Nov  6 08:49:37 1994", rfc_example},          // ANSI C's asctime() format
        {"Sun, 06 Nov 1994 08:49:37 +0000", rfc_example},   // numeric zone
        {"Fri, 14 Aug 2015 18:39:41 +0000", 1439577581},    // §9.1 Last-Modified
        {"Thu, 10 Sep 2015 16:17:04 +0000", 1441901824},    // TV-INTRO-2 Expires
        {"Thu, 10 Sep 2015 16:17:04 GMT", 1441901824},      // TV-INTRO-2 Date
        {"Fri, 14 Aug 2015 20:39:41 +0200", 1439577581},    // other zones convert to UTC
        {"Fri, 14 Aug 2015 17:09:41 -0130", 1439577581},
        {"Fri, 14 Aug 2015 18:39:41 -0000", 1439577581},
        {"Thu, 01 Jan 1970 00:00:00 GMT", 0},
        {"Wed, 31 Dec 1969 23:59:59 GMT", -1},
        {"Tue, 29 Feb 2000 00:00:00 GMT", 951782400},       // leap day of a leap century
        {"Sat, 01 Jan 0000 00:00:00 GMT", kayako::http_date_min_seconds},
        {"Fri, 31 Dec 9999 23:59:59 GMT", kayako::http_date_max_seconds},
        {"Thu Nov 16 08:49:37 1994", rfc_example + 10 * 86400},  // two-digit asctime day
        {"Sun, 06 Nov 1994 08:49:60 GMT", rfc_example + 23},      // leap second: POSIX counting
        {"Sun, 06 Nov 1994 23:59:59 GMT", rfc_example + 54622},
    };
    for (auto const& r : rows) {
        auto const d = parse_http_date(r.text);
        ASSERT_TRUE(d) << r.text << ": " << d.error().message();
        EXPECT_EQ(d->seconds, r.seconds) << r.text;
    }
}

TEST(HttpDate, FormatsImfFixdate) {
    struct row {
        std::int64_t seconds;
        std::string_view text;
    };
    constexpr row rows[] = {
        {rfc_example, "Sun, 06 Nov 1994 08:49:37 GMT"},
        {1441901824, "Thu, 10 Sep 2015 16:17:04 GMT"},  // §21.7 example
        {0, "Thu, 01 Jan 1970 00:00:00 GMT"},
        {-1, "Wed, 31 Dec 1969 23:59:59 GMT"},
        {951782400, "Tue, 29 Feb 2000 00:00:00 GMT"},
        {kayako::http_date_min_seconds, "Sat, 01 Jan 0000 00:00:00 GMT"},
        {kayako::http_date_max_seconds, "Fri, 31 Dec 9999 23:59:59 GMT"},
        {kayako::http_date_max_seconds + 1, "Fri, 31 Dec 9999 23:59:59 GMT"},  // clamped
        {INT64_MIN, "Sat, 01 Jan 0000 00:00:00 GMT"},
        {INT64_MAX, "Fri, 31 Dec 9999 23:59:59 GMT"},
    };
    for (auto const& r : rows) EXPECT_EQ(kayako::format_http_date(http_date{r.seconds}).view(), r.text) << r.seconds;
    std::string out = "Date: ";
    kayako::append_http_date(out, http_date{rfc_example});
    EXPECT_EQ(out, "Date: Sun, 06 Nov 1994 08:49:37 GMT");
    static_assert(kayako::format_http_date(http_date{0}).view() == "Thu, 01 Jan 1970 00:00:00 GMT");
}

TEST(HttpDate, FormatThenParseIsTheIdentityAcrossTheRange) {
    // Steps of 0.9 days and a prime number of seconds reach every weekday, month and time of day.
    for (std::int64_t s = kayako::http_date_min_seconds; s <= kayako::http_date_max_seconds; s += 77777 * 1009) {
        auto const text = kayako::format_http_date(http_date{s});
        auto const back = parse_http_date(text.view(), [] {
            http_date_options o;
            o.check_weekday = true;  // the formatter writes the right day name
            return o;
        }());
        ASSERT_TRUE(back) << text.view();
        ASSERT_EQ(back->seconds, s) << text.view();
    }
}

// RFC 9110 §5.6.7: a two-digit year that looks more than 50 years ahead is in the past century.
TEST(HttpDate, Rfc850FiftyYearRule) {
    auto const now = parse_http_date("Sat, 28 Nov 2026 12:00:00 GMT").value().seconds;
    struct row {
        std::string_view text;
        std::string_view expect;
    };
    constexpr row rows[] = {
        {"Sunday, 06-Nov-94 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT"},
        {"Sunday, 28-Nov-26 12:00:00 GMT", "Sat, 28 Nov 2026 12:00:00 GMT"},  // now itself
        {"Sunday, 28-Nov-76 12:00:00 GMT", "Sat, 28 Nov 2076 12:00:00 GMT"},  // exactly 50 years ahead
        {"Sunday, 28-Nov-76 12:00:01 GMT", "Sun, 28 Nov 1976 12:00:01 GMT"},  // one second more
        {"Sunday, 29-Nov-76 00:00:00 GMT", "Mon, 29 Nov 1976 00:00:00 GMT"},
        {"Sunday, 01-Jan-00 00:00:00 GMT", "Sat, 01 Jan 2000 00:00:00 GMT"},
        {"Sunday, 31-Dec-99 23:59:59 GMT", "Fri, 31 Dec 1999 23:59:59 GMT"},
        {"Sunday, 29-Feb-00 00:00:00 GMT", "Tue, 29 Feb 2000 00:00:00 GMT"},
    };
    for (auto const& r : rows) {
        auto const d = parse_http_date(r.text, at(now));
        ASSERT_TRUE(d) << r.text;
        EXPECT_EQ(kayako::format_http_date(*d).view(), r.expect) << r.text;
    }
    // Far in the future the same digits mean another century: now = 2090 makes "10" 2110.
    auto const later = parse_http_date("Sun, 01 Jan 2090 00:00:00 GMT").value().seconds;
    EXPECT_EQ(kayako::format_http_date(parse_http_date("Friday, 01-Jan-10 00:00:00 GMT", at(later)).value()).view(),
              "Wed, 01 Jan 2110 00:00:00 GMT");
    EXPECT_EQ(kayako::format_http_date(parse_http_date("Friday, 01-Jan-50 00:00:00 GMT", at(later)).value()).view(),
              "Sat, 01 Jan 2050 00:00:00 GMT");
    // 29 Feb of a year that the rule puts in 1900 does not exist.
    auto const in_1850 = parse_http_date("Sat, 01 Jun 1850 00:00:00 GMT").value().seconds;
    auto const no_leap = parse_http_date("Thursday, 29-Feb-00 00:00:00 GMT", at(in_1850));
    ASSERT_FALSE(no_leap);
    EXPECT_EQ(no_leap.error(), kayako::failure(error::invalid_http_date, 10));
}

TEST(HttpDate, Rfc850WithExtremeNowIsOutOfRangeNotOverflow) {
    for (std::int64_t now : {INT64_MIN, INT64_MAX, std::int64_t{-62167219200 - 86400}}) {
        auto const d = parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", at(now));
        ASSERT_FALSE(d) << now;
        EXPECT_EQ(d.error(), kayako::failure(error::invalid_http_date, 0)) << now;
    }
    // Within range at the edges: 9999 and 0000 still resolve.
    auto const near_end = parse_http_date("Sat, 01 Jan 9990 00:00:00 GMT").value().seconds;
    EXPECT_EQ(kayako::format_http_date(parse_http_date("Friday, 31-Dec-99 23:59:59 GMT", at(near_end)).value()).view(),
              "Fri, 31 Dec 9999 23:59:59 GMT");
}

TEST(HttpDate, Rfc850WithoutNowUsesThePosixWindow) {
    struct row {
        std::string_view text;
        std::string_view expect;
    };
    constexpr row rows[] = {
        {"Sunday, 06-Nov-94 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT"},
        {"Monday, 01-Jan-69 00:00:00 GMT", "Wed, 01 Jan 1969 00:00:00 GMT"},
        {"Monday, 31-Dec-68 00:00:00 GMT", "Mon, 31 Dec 2068 00:00:00 GMT"},
        {"Monday, 01-Jan-00 00:00:00 GMT", "Sat, 01 Jan 2000 00:00:00 GMT"},
    };
    for (auto const& r : rows)
        EXPECT_EQ(kayako::format_http_date(parse_http_date(r.text).value()).view(), r.expect) << r.text;
}

struct bad_row {
    std::string_view text;
    std::size_t offset;
};
// Every row is error::invalid_http_date at `offset`, the first byte that is wrong.
constexpr bad_row bad_dates[] = {
    {"Sun, 06 Nov 1994 08:49:37 gmt", 26},   // names are case-sensitive
    {"sun, 06 Nov 1994 08:49:37 GMT", 0},
    {"SUN, 06 Nov 1994 08:49:37 GMT", 1},
    {"Sun, 06 nov 1994 08:49:37 GMT", 8},
    {"Sun, 6 Nov 1994 08:49:37 GMT", 6},     // IMF-fixdate has a two-digit day
    {"Sun,06 Nov 1994 08:49:37 GMT", 4},
    {"Sun, 06 Nov 1994 08:49:37 GMT ", 29},  // trailing bytes (trim OWS first)
    {" Sun, 06 Nov 1994 08:49:37 GMT", 0},
    {"Sun, 06 Nov 1994 08:49:37", 25},
    {"Sun, 06 Nov 1994 08:49:37 UTC", 26},
    {"Sun, 06 Nov 1994 08:49 GMT", 22},
    {"Sun, 06 Nov 94 08:49:37 GMT", 14},
    {"Sun, 06 Nov 19944 08:49:37 GMT", 16},
    {"Sun, 31 Nov 1994 08:49:37 GMT", 5},    // 30 days hath November
    {"Sun, 00 Nov 1994 08:49:37 GMT", 5},
    {"Sun, 29 Feb 1900 08:49:37 GMT", 5},    // not a leap year
    {"Sun, 06 Nov 1994 24:00:00 GMT", 17},
    {"Sun, 06 Nov 1994 08:60:37 GMT", 20},
    {"Sun, 06 Nov 1994 08:49:61 GMT", 23},
    {"Sun, 06 Nov 1994 8:49:37 GMT", 18},
    {"Sun, 06 Nov 1994 08-49-37 GMT", 19},
    {"Sun, 06 Nov 1994 08:49:37 +2400", 27}, // numeric zone out of range
    {"Sun, 06 Nov 1994 08:49:37 +0060", 29},
    {"Sun, 06 Nov 1994 08:49:37 +00", 29},
    {"Sun, 06 Nov 1994 08:49:37 +00000", 31},
    {"Sun, 06 Nov 1994 08:49:37 0000", 26},
    {"Sat, 01 Jan 0000 00:00:00 +0001", 0},  // before year 0000
    {"Sunday, 06-Nov-1994 08:49:37 GMT", 17},
    {"Sunday, 06 Nov 94 08:49:37 GMT", 10},
    {"Sunday, 06-Nov-94 08:49:37 +0000", 27}, // RFC 850 dates are GMT only
    {"Sunday 06-Nov-94 08:49:37 GMT", 6},
    {"Sundae, 06-Nov-94 08:49:37 GMT", 5},
    {"Sun Nov 6 08:49:37 1994", 9},          // asctime pads a one-digit day with a space
    {"Sun Nov  6 08:49:37 94", 22},
    {"Sun Nov  6 08:49:37 1994 GMT", 24},
    {"Sun Nov  x 08:49:37 1994", 9},
    {"1994-11-06T08:49:37Z", 0},             // ISO-8601 is a body format (§3), not an HTTP date
    {"784111777", 0},
    {"Sun", 3},
    {"Sun,", 4},
};

TEST(HttpDate, RejectsBadDatesWithOffsets) {
    for (auto const& r : bad_dates) {
        auto const d = parse_http_date(r.text);
        ASSERT_FALSE(d) << r.text << " parsed as " << d->seconds;
        EXPECT_EQ(d.error().code, error::invalid_http_date) << r.text;
        EXPECT_EQ(d.error().offset, r.offset) << r.text;
    }
}

TEST(HttpDate, RejectsEmptyAndNul) {
    auto const empty = parse_http_date("");
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error(), kayako::failure(error::empty_value, 0));
    auto const nul = parse_http_date("Sun, 06\0Nov 1994 08:49:37 GMT"s);
    ASSERT_FALSE(nul);
    EXPECT_EQ(nul.error(), kayako::failure(error::invalid_http_date, 7));
    auto const trailing_nul = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT\0"s);
    ASSERT_FALSE(trailing_nul);
    EXPECT_EQ(trailing_nul.error(), kayako::failure(error::invalid_http_date, 29));
    auto const long_input = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT" + std::string(100000, ' '));
    ASSERT_FALSE(long_input);
    EXPECT_EQ(long_input.error().offset, 29u);
}

TEST(HttpDate, Options) {
    http_date_options no_zone;
    no_zone.accept_numeric_zone = false;
    auto const zone = parse_http_date("Fri, 14 Aug 2015 18:39:41 +0000", no_zone);
    ASSERT_FALSE(zone);
    EXPECT_EQ(zone.error(), kayako::failure(error::invalid_http_date, 26));
    EXPECT_TRUE(parse_http_date("Fri, 14 Aug 2015 18:39:41 GMT", no_zone));

    http_date_options modern;
    modern.accept_obsolete = false;
    EXPECT_TRUE(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT", modern));
    EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", modern).error(), kayako::failure(error::invalid_http_date, 3));
    EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994", modern).error(), kayako::failure(error::invalid_http_date, 3));
    EXPECT_EQ(parse_http_date("Tuesday, 06-Nov-94 08:49:37 GMT", modern).error(),
              kayako::failure(error::invalid_http_date, 3));

    http_date_options weekday;
    weekday.check_weekday = true;
    EXPECT_TRUE(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT", weekday));
    EXPECT_TRUE(parse_http_date("Fri, 14 Aug 2015 18:39:41 +0000", weekday));
    EXPECT_TRUE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", weekday));
    EXPECT_TRUE(parse_http_date("Sun Nov  6 08:49:37 1994", weekday));
    for (auto text : {"Mon, 06 Nov 1994 08:49:37 GMT", "Monday, 06-Nov-94 08:49:37 GMT", "Mon Nov  6 08:49:37 1994"}) {
        EXPECT_EQ(parse_http_date(text, weekday).error(), kayako::failure(error::invalid_http_date, 0)) << text;
        EXPECT_TRUE(parse_http_date(text)) << text;  // by default a wrong day name is tolerated
    }
}

TEST(HttpDate, TruncatesFinerClocksToSeconds) {  // RFC 9110 §13.2.2 compares at second precision
    using namespace std::chrono;
    EXPECT_EQ(http_date::from(sys_time<milliseconds>(milliseconds(784111777999))).seconds, rfc_example);
    EXPECT_EQ(http_date::from(sys_time<nanoseconds>(nanoseconds(784111777000000000))).seconds, rfc_example);
    EXPECT_EQ(http_date::from(sys_time<milliseconds>(milliseconds(-500))).seconds, -1);  // floor, not toward 0
    EXPECT_EQ(http_date{rfc_example}.time_point().time_since_epoch().count(), rfc_example);
    EXPECT_LT(http_date{1}, http_date{2});
}

static_assert(noexcept(parse_http_date("")));
static_assert(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").value().seconds == rfc_example);

}  // namespace
