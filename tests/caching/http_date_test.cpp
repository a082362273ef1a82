#include <kayako/caching/http_date.hpp>

#include <kayako/core/api_error.hpp>

#include "support/views.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

struct bad_date_row {
    std::string_view text;
    std::size_t offset;
};
// Every row is error::invalid_http_date at `offset`, the first byte that is wrong.
constexpr bad_date_row bad_dates[] = {
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

// ---- Boundaries (issue 12): every numeric range at its bound and one past, in every form ----

constexpr std::int64_t nov6_1994 = 784080000;  // 1994-11-06T00:00:00Z, a Sunday

// Each field of the time of day, at its largest value and one past, in each of the four forms
// (the fixed-position fast path and the general path see different forms).
TEST(HttpDate, TimeOfDayBoundsInEveryForm) {
    struct form {
        std::string_view prefix, suffix;
        std::size_t hour_offset;
    } const forms[] = {
        {"Sun, 06 Nov 1994 ", " GMT", 17},
        {"Sun, 06 Nov 1994 ", " +0000", 17},
        {"Sunday, 06-Nov-94 ", " GMT", 18},
        {"Sun Nov  6 ", " 1994", 11},
    };
    struct row {
        std::string_view time;
        std::optional<std::int64_t> seconds;  // since midnight; nothing: refused
        std::size_t wrong;                    // offset from the hour of the refused byte
    } const rows[] = {
        {"00:00:00", 0, 0},     {"23:59:59", 86399, 0}, {"23:59:60", 86400, 0},  // leap second
        {"24:00:00", {}, 0},    {"23:60:00", {}, 3},    {"23:59:61", {}, 6},
        {"99:00:00", {}, 0},    {"00:99:00", {}, 3},    {"00:00:99", {}, 6},
        {"0a:00:00", {}, 1},    {"00:0a:00", {}, 4},    {"00:00:0a", {}, 7},
        {"00:00:00:", {}, 8},   {"00.00:00", {}, 2},    {"00:00.00", {}, 5},
    };
    for (auto const& f : forms)
        for (auto const& r : rows) {
            std::string const text = std::string(f.prefix) + std::string(r.time) + std::string(f.suffix);
            SCOPED_TRACE(text);
            kayako::test::exact_buffer const exact(text);
            auto const d = parse_http_date(exact.view());
            if (r.seconds) {
                ASSERT_TRUE(d) << d.error().message();
                EXPECT_EQ(d->seconds, nov6_1994 + *r.seconds);
            } else {
                ASSERT_FALSE(d);
                EXPECT_EQ(d.error(), kayako::failure(error::invalid_http_date, f.hour_offset + r.wrong));
            }
        }
}

// Kayako's numeric zone (§9.1): hours 00-23 and minutes 00-59 either way, each bound and one past.
TEST(HttpDate, NumericZoneBounds) {
    struct row {
        std::string_view zone;
        std::optional<std::int64_t> east;  // seconds east of UTC
        std::size_t wrong;
    } const rows[] = {
        {"+0000", 0, 0},          {"-0000", 0, 0},          {"+2359", 86340, 0},     {"-2359", -86340, 0},
        {"+0059", 3540, 0},       {"+2300", 82800, 0},      {"+2400", {}, 27},       {"-2400", {}, 27},
        {"+0060", {}, 29},        {"-0060", {}, 29},        {"+9900", {}, 27},       {"+a000", {}, 27},
        {"+00a0", {}, 29},        {"+000", {}, 30},         {"+00000", {}, 31},      {"*0000", {}, 26},
    };
    for (auto const& r : rows) {
        std::string const text = "Sun, 06 Nov 1994 12:00:00 " + std::string(r.zone);
        SCOPED_TRACE(text);
        auto const d = parse_http_date(text);
        if (r.east) {
            ASSERT_TRUE(d);
            EXPECT_EQ(d->seconds, nov6_1994 + 12 * 3600 - *r.east);
        } else {
            ASSERT_FALSE(d);
            EXPECT_EQ(d.error(), kayako::failure(error::invalid_http_date, r.wrong));
        }
    }
    // The zone can carry a date past either end of the range: refused as a whole (offset 0).
    EXPECT_EQ(parse_http_date("Fri, 31 Dec 9999 23:59:59 -0001").error(), kayako::failure(error::invalid_http_date, 0));
    EXPECT_EQ(parse_http_date("Fri, 31 Dec 9999 23:59:59 +0001").value().seconds, kayako::http_date_max_seconds - 60);
    EXPECT_EQ(parse_http_date("Sat, 01 Jan 0000 00:01:00 +0001").value().seconds, kayako::http_date_min_seconds);
}

// Days of every month of a common year, a leap year, a leap century and a common century: the
// last day parses, the day after is refused at the day, day 00 too. Both paths: IMF-fixdate
// (fast) and asctime (general).
std::string padded(int value, std::size_t width) {
    std::string s = std::to_string(value);
    return std::string(width - s.size(), '0') + s;
}

TEST(HttpDate, EveryMonthLengthOnBothSides) {
    auto leap = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
    constexpr int lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    constexpr std::string_view months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::size_t checked = 0;
    for (int const year : {2023, 2024, 2000, 1900, 0, 9999}) {
        std::int64_t previous_last = 0;
        for (int m = 0; m < 12; ++m) {
            int const last = lengths[m] + (m == 1 && leap(year) ? 1 : 0);
            std::string const y = padded(year, 4);
            for (int day : {0, 1, last, last + 1}) {
                std::string const dd = padded(day, 2);
                std::string const imf = "Mon, " + std::string(dd) + " " + std::string(months[m]) + " " + y + " 00:00:00 GMT";
                std::string const asctime = "Mon " + std::string(months[m]) + " " + std::string(dd) + " 00:00:00 " + y;
                SCOPED_TRACE(imf);
                auto const a = parse_http_date(imf);
                auto const b = parse_http_date(asctime);
                bool const valid = day >= 1 && day <= last;
                ASSERT_EQ(bool(a), valid);
                ASSERT_EQ(bool(b), valid);
                ++checked;
                if (!valid) {
                    EXPECT_EQ(a.error(), kayako::failure(error::invalid_http_date, 5));
                    EXPECT_EQ(b.error(), kayako::failure(error::invalid_http_date, 8));
                    continue;
                }
                EXPECT_EQ(a->seconds, b->seconds);
                // Consecutive: the 1st of a month is the day after the last of the one before.
                if (day == 1 && m > 0) { EXPECT_EQ(a->seconds, previous_last + 86400); }
                if (day == last) previous_last = a->seconds;
                EXPECT_EQ(kayako::format_http_date(*a).view().substr(5, 11), std::string(dd) + " " + std::string(months[m]) + " " + y);
            }
        }
    }
    EXPECT_EQ(checked, 6u * 12u * 4u);
}

// Every day and month name, in each form; a wrong letter case or a near name is refused.
TEST(HttpDate, EveryNameInEveryForm) {
    constexpr std::string_view days[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    constexpr std::string_view long_days[7] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    constexpr std::string_view months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    http_date_options weekday;
    weekday.check_weekday = true;
    for (int d = 0; d < 7; ++d) {  // 1994-11-06 was a Sunday
        std::string const dd = "0" + std::to_string(6 + d);
        std::string const imf = std::string(days[d]) + ", " + dd.substr(dd.size() - 2) + " Nov 1994 08:49:37 GMT";
        std::string const rfc850 = std::string(long_days[d]) + ", " + dd.substr(dd.size() - 2) + "-Nov-94 08:49:37 GMT";
        SCOPED_TRACE(imf);
        EXPECT_EQ(parse_http_date(imf, weekday).value().seconds, rfc_example + d * 86400);
        EXPECT_EQ(parse_http_date(rfc850, weekday).value().seconds, rfc_example + d * 86400);
        std::string lower = imf;
        lower[0] = static_cast<char>(lower[0] + 32);
        EXPECT_EQ(parse_http_date(lower).error(), kayako::failure(error::invalid_http_date, 0));
    }
    for (int m = 0; m < 12; ++m) {
        std::string const imf = "Sun, 01 " + std::string(months[m]) + " 2023 00:00:00 GMT";
        SCOPED_TRACE(imf);
        auto const d = parse_http_date(imf);
        ASSERT_TRUE(d);
        EXPECT_EQ(kayako::format_http_date(*d).view().substr(8, 3), months[m]);
        std::string upper = imf;
        upper[9] = static_cast<char>(upper[9] - 32);  // `JAn`
        EXPECT_EQ(parse_http_date(upper).error(), kayako::failure(error::invalid_http_date, 8));
    }
}

// The fast path (a well-formed IMF-fixdate at fixed positions) answers exactly as the general
// parser, and takes every IMF-fixdate that is valid: a digit 0-9 at each digit position.
TEST(HttpDate, FastPathAgreesAndTakesEveryValidDigit) {
    http_date_options const defaults;
    std::string const base = "Sun, 06 Nov 1994 08:49:37 GMT";
    for (std::size_t const at : {5u, 6u, 12u, 13u, 14u, 15u, 17u, 18u, 20u, 21u, 23u, 24u})
        for (char digit = '0'; digit <= '9'; ++digit) {
            std::string text = base;
            text[at] = digit;
            SCOPED_TRACE(text);
            auto const fast = kayako::detail::parse_imf_fixdate_fast(text, defaults);
            auto const general = parse_http_date(text);
            ASSERT_EQ(fast.has_value(), general.has_value());
            if (fast) { EXPECT_EQ(*fast, *general); }
            if (!fast) { EXPECT_EQ(general.error().code, error::invalid_http_date); }
        }
    // ... and leaves to the general path every text with one byte that is not a digit at one
    // digit position (each position alone, every other byte value).
    for (std::size_t const at : {5u, 6u, 12u, 13u, 14u, 15u, 17u, 18u, 20u, 21u, 23u, 24u})
        for (int b = 0; b < 256; ++b) {
            if (b >= '0' && b <= '9') continue;
            std::string text = base;
            text[at] = static_cast<char>(b);
            ASSERT_FALSE(kayako::detail::parse_imf_fixdate_fast(text, defaults)) << "byte " << b << " at " << at;
            ASSERT_FALSE(parse_http_date(text)) << "byte " << b << " at " << at;
        }
    for (auto const& r : bad_dates) EXPECT_FALSE(kayako::detail::parse_imf_fixdate_fast(r.text, defaults)) << r.text;
    EXPECT_EQ(kayako::detail::parse_imf_fixdate_fast("Sat, 01 Jan 0000 00:00:00 GMT", defaults)->seconds, kayako::http_date_min_seconds);
    EXPECT_EQ(kayako::detail::parse_imf_fixdate_fast("Fri, 31 Dec 9999 23:59:59 GMT", defaults)->seconds, kayako::http_date_max_seconds);
    EXPECT_EQ(kayako::detail::parse_imf_fixdate_fast("Sun, 06 Nov 1994 23:59:60 GMT", defaults)->seconds, nov6_1994 + 86400);
    EXPECT_EQ(kayako::detail::parse_imf_fixdate_fast("Sun, 31 Dec 1994 00:00:00 GMT", defaults)->seconds, 788832000);
    // Every byte below '0' and above '9' at a digit position leaves the fast path, and is refused.
    for (int b = 0; b < 256; ++b) {
        if (b >= '0' && b <= '9') continue;
        std::string text = base;
        text[24] = static_cast<char>(b);
        EXPECT_FALSE(kayako::detail::parse_imf_fixdate_fast(text, defaults)) << b;
        EXPECT_EQ(parse_http_date(text).error(), kayako::failure(error::invalid_http_date, 24)) << b;
    }
}

// Every good and bad row on views into larger buffers: the answer is the one of the exact view.
TEST(HttpDate, ViewsIntoLargerBuffers) {
    std::vector<std::string_view> texts = {"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
                                           "Sun Nov  6 08:49:37 1994", "Sun, 06 Nov 1994 08:49:37 +0000", "S", ""};
    for (auto const& r : bad_dates) texts.push_back(r.text);
    for (std::string_view text : texts) {
        SCOPED_TRACE(text);
        kayako::test::exact_buffer const exact(text);
        auto const want = parse_http_date(exact.view());
        for (std::string_view tail : kayako::test::over_read_tails) {
            auto const got = parse_http_date(kayako::test::with_tail(text, tail).view());
            ASSERT_EQ(bool(got), bool(want)) << tail;
            if (got) { EXPECT_EQ(*got, *want); }
            else { EXPECT_EQ(got.error(), want.error()); }
        }
    }
    EXPECT_EQ(kayako::api_error_for(error::invalid_http_date), kayako::api_error_code::field_invalid);
}

// The 50-year rule at its edge in the past direction too: exactly 50 years back stays, a
// second more is the next century (RFC 9110 §5.6.7 "more than 50 years in the future").
TEST(HttpDate, Rfc850FiftyYearRuleBothDirections) {
    auto const now = parse_http_date("Sat, 28 Nov 2026 12:00:00 GMT").value().seconds;
    struct row {
        std::string_view text;
        std::string_view expect;
    } const rows[] = {
        {"Sunday, 28-Nov-76 11:59:59 GMT", "Sat, 28 Nov 2076 11:59:59 GMT"},
        {"Sunday, 27-Nov-76 12:00:01 GMT", "Fri, 27 Nov 2076 12:00:01 GMT"},
        {"Sunday, 28-Oct-76 23:00:00 GMT", "Wed, 28 Oct 2076 23:00:00 GMT"},
        {"Sunday, 28-Dec-76 00:00:00 GMT", "Tue, 28 Dec 1976 00:00:00 GMT"},
        {"Sunday, 28-Nov-77 00:00:00 GMT", "Mon, 28 Nov 1977 00:00:00 GMT"},
        {"Sunday, 28-Nov-75 23:59:59 GMT", "Thu, 28 Nov 2075 23:59:59 GMT"},
    };
    for (auto const& r : rows) {
        auto const d = parse_http_date(r.text, at(now));
        ASSERT_TRUE(d) << r.text;
        EXPECT_EQ(kayako::format_http_date(*d).view(), r.expect) << r.text;
    }
    // Without "now": 68 is the last year of the 2000s, 69 the first of the 1900s (POSIX %y).
    EXPECT_EQ(kayako::format_http_date(parse_http_date("Monday, 01-Jan-68 00:00:00 GMT").value()).view(),
              "Sun, 01 Jan 2068 00:00:00 GMT");
    EXPECT_EQ(kayako::format_http_date(parse_http_date("Monday, 31-Dec-99 00:00:00 GMT").value()).view(),
              "Fri, 31 Dec 1999 00:00:00 GMT");
}

}  // namespace
