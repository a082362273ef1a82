// Tests of cookie.hpp (RFC 6265 §4.2, §5.4) and of the session cookie in read_credentials
// (§11.8, §11.9).
#include <kayako/cookie.hpp>

#include <kayako/auth.hpp>

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

kayako::result<kayako::request_credentials> read(headers_t const& h, kayako::auth_arguments const& a = {}) {
    kayako::auth_options options;
    options.session_cookie = "kayako_session";
    return kayako::read_credentials(kayako::pair_headers(h), a, options);
}

TEST(SessionCookie, CountsAsTheSession) {  // §11.8
    headers_t const cookie = {{"Cookie", "theme=dark; kayako_session=S1"}};  // the result views it
    auto c = read(cookie);
    ASSERT_TRUE(c) << c.error().message();
    EXPECT_EQ(c->session_id, "S1");
    // With a header or argument that agrees.
    EXPECT_TRUE(read({{"Cookie", "kayako_session=S1"}, {"X-Session-ID", "S1"}}));
    EXPECT_TRUE(read({{"Cookie", "kayako_session=S1"}}, {.session_id = "S1"}));
    // Not read without its name.
    headers_t const h = {{"Cookie", "kayako_session=S1"}};
    auto unnamed = kayako::read_credentials(kayako::pair_headers(h));
    ASSERT_TRUE(unnamed);
    EXPECT_FALSE(unnamed->session_id);
}

TEST(SessionCookie, BadOrInconsistent) {  // §11.9
    struct row {
        std::string_view what;
        headers_t headers;
        kayako::auth_arguments arguments;
        error code;
        std::string_view parameter;
    };
    row const rows[] = {
        {"cookie vs header", {{"Cookie", "kayako_session=S1"}, {"X-Session-ID", "S2"}}, {}, error::parameters_inconsistent,
         "kayako_session"},
        {"cookie vs argument", {{"Cookie", "kayako_session=S1"}}, {.session_id = "S2"}, error::parameters_inconsistent,
         "kayako_session"},
        {"two cookies", {{"Cookie", "kayako_session=S1"}, {"Cookie", "kayako_session=S2"}}, {},
         error::parameters_inconsistent, "kayako_session"},
        {"empty cookie", {{"Cookie", "kayako_session="}}, {}, error::empty_value, "kayako_session"},
        {"control byte", {{"Cookie", "kayako_session=S\x01"}}, {}, error::invalid_header, "kayako_session"},
        {"quoted space", {{"Cookie", "kayako_session=\"S 1\""}}, {}, error::invalid_header, "kayako_session"},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.what);
        auto c = read(r.headers, r.arguments);
        ASSERT_FALSE(c);
        EXPECT_EQ(c.error().code, r.code) << c.error().message();
        EXPECT_EQ(c.error().parameter, r.parameter);
    }
}

}  // namespace
