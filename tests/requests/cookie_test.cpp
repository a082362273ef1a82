// Tests of cookie.hpp (RFC 6265 §4.2, §5.4). The session cookie of read_credentials (§11.8) is
// tested with the other credentials, in auth_test.cpp.
#include <kayako/request/cookie.hpp>

#include <kayako/core/api_error.hpp>

#include "support/views.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using kayako::error;
using headers_t = std::vector<std::pair<std::string, std::string>>;
using pairs = std::vector<std::pair<std::string, std::string>>;

pairs cookies_of(std::string_view field_value) {
    pairs out;
    kayako::for_each_cookie(field_value, [&](std::string_view n, std::string_view v) { out.emplace_back(n, v); });
    return out;
}

struct cookie_row {
    std::string_view field_value;
    pairs cookies;
};

class CookieRows : public ::testing::TestWithParam<cookie_row> {};

TEST_P(CookieRows, ReadsEachPair) {
    EXPECT_EQ(cookies_of(GetParam().field_value), GetParam().cookies) << GetParam().field_value;
}

INSTANTIATE_TEST_SUITE_P(
    Rows, CookieRows,
    ::testing::Values(
        cookie_row{"SID=31d4d96e407aad42; lang=en-US", {{"SID", "31d4d96e407aad42"}, {"lang", "en-US"}}},  // RFC 6265 §3.1
        cookie_row{"a=1;b=2", {{"a", "1"}, {"b", "2"}}},                          // no space after ';'
        cookie_row{"  a = 1 ;\tb=2\t", {{"a", "1"}, {"b", "2"}}},                 // spaces and tabs trimmed
        cookie_row{"a=\"quoted value\"", {{"a", "quoted value"}}},                 // DQUOTEs dropped
        cookie_row{"a=\"", {{"a", "\""}}},                                         // one quote is a value
        cookie_row{"a=b=c", {{"a", "b=c"}}},                                       // first '=' splits
        cookie_row{"a=", {{"a", ""}}},                                             // empty value kept
        cookie_row{"", {}},                                                        // empty field
        cookie_row{";;; ;", {}},                                                   // empty pieces
        cookie_row{"flag; a=1", {{"a", "1"}}},                                     // no '=': not a pair
        cookie_row{"=1; a=2", {{"a", "2"}}},                                       // no name: skipped
        cookie_row{"A=1; a=2", {{"A", "1"}, {"a", "2"}}}));                        // names are case-sensitive

TEST(FindCookie, OverEveryLine) {  // RFC 9113 §8.2.3: HTTP/2 may split the field
    headers_t const h = {{"Cookie", "a=1; sid=abc"}, {"cookie", "b=2"}, {"COOKIE", "sid=abc"}};
    auto sid = kayako::find_cookie(kayako::pair_headers(h), "sid");
    ASSERT_TRUE(sid);
    EXPECT_EQ(*sid, "abc");
    auto b = kayako::find_cookie(kayako::pair_headers(h), "b");
    ASSERT_TRUE(b);
    EXPECT_EQ(*b, "2");
    auto none = kayako::find_cookie(kayako::pair_headers(h), "SID");
    ASSERT_TRUE(none);
    EXPECT_FALSE(*none);
}

TEST(FindCookie, TwoDifferentValuesAreInconsistent) {  // §11.9
    headers_t const h = {{"Cookie", "sid=abc; sid=def"}};
    auto sid = kayako::find_cookie(kayako::pair_headers(h), "sid");
    ASSERT_FALSE(sid);
    EXPECT_EQ(sid.error().code, error::parameters_inconsistent);
    EXPECT_EQ(sid.error().parameter, "sid");
}

// RFC 6265 §4.1.1: cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE ). The quotes go
// whatever is between them, nothing included: `""` is the empty value, not two quotes.
TEST(CookieQuotes, EmptyQuotedValueIsEmpty) {
    struct row {
        std::string_view field_value;
        pairs cookies;
    } const rows[] = {
        {"a=\"\"", {{"a", ""}}},
        {"a=\"\"; b=1", {{"a", ""}, {"b", "1"}}},
        {"a= \"\" ", {{"a", ""}}},
        {"a=\"x\"", {{"a", "x"}}},
        {"a=\"\"\"", {{"a", "\""}}},      // three quotes: the outer two go
        {"a=\"\"\"\"", {{"a", "\"\""}}},  // four: two remain
        {"a=\"", {{"a", "\""}}},          // one quote cannot be a pair
        {"a=x\"", {{"a", "x\""}}},        // a quote at one end only stays
        {"a=\"x", {{"a", "\"x"}}},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.field_value);
        EXPECT_EQ(cookies_of(r.field_value), r.cookies);
    }
    headers_t const h = {{"Cookie", "sid=\"\""}};
    auto const sid = kayako::find_cookie(kayako::pair_headers(h), "sid");
    ASSERT_TRUE(sid);
    ASSERT_TRUE(*sid);
    EXPECT_EQ(**sid, "");
    // The quoted and the bare spelling of one value are one value, not two (§11.9).
    headers_t const both = {{"Cookie", "sid=\"abc\""}, {"Cookie", "sid=abc"}};
    EXPECT_EQ(kayako::find_cookie(kayako::pair_headers(both), "sid").value(), "abc");
}

// Every row read from a view into a larger buffer gives what the exact view gives.
TEST(CookieQuotes, ViewsIntoLargerBuffers) {
    for (std::string_view value : {"a=\"\"", "a=\"", "a=1;b=2", "a=1;", "a", "a=", "=", ";", "  a = \"x\" ", "a=b=c"}) {
        SCOPED_TRACE(value);
        kayako::test::exact_buffer const exact(value);
        pairs const want = cookies_of(exact.view());
        for (std::string_view tail : kayako::test::over_read_tails)
            EXPECT_EQ(cookies_of(kayako::test::with_tail(value, tail).view()), want) << tail;
    }
    EXPECT_EQ(cookies_of(std::string_view("a=\"x\"").substr(0, 4)), (pairs{{"a", "\"x"}}));
}

TEST(FindCookie, WireCodeOfTwoValues) {  // §11.9: PARAMETERS_INCONSISTENT
    headers_t const h = {{"Cookie", "sid=a"}, {"Cookie", "sid=b"}};
    auto const sid = kayako::find_cookie(kayako::pair_headers(h), "sid");
    ASSERT_FALSE(sid);
    EXPECT_EQ(sid.error(), kayako::failure(error::parameters_inconsistent, kayako::failure::no_offset, "sid"));
    EXPECT_EQ(kayako::api_error_for(sid.error()), kayako::api_error_code::parameters_inconsistent);
    headers_t const same = {{"Cookie", "sid=a; sid=a"}};
    EXPECT_EQ(kayako::find_cookie(kayako::pair_headers(same), "sid").value(), "a");
}

}  // namespace
