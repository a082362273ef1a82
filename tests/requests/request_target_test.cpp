// Tests of request_target.hpp: whole targets, their failures with offsets into the target, and
// every target_options limit (§1, §21.14, RFC 9112 §3.2).
#include <kayako/request/request_target.hpp>

#include <kayako/core/api_error.hpp>

#include <gtest/gtest.h>

#include "support/views.hpp"

#include <cstdint>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using kayako::error;
using kayako::failure;

kayako::request_target parse_target_ok(std::string_view target, kayako::target_options const& options = {}) {
    auto r = kayako::parse_target(target, options);
    EXPECT_TRUE(r) << target << ": " << (r ? "" : r.error().message());
    return r ? *r : kayako::request_target{};
}

struct bad_target_row {
    std::string target;
    error code;
    std::size_t offset;
};

class BadTarget : public ::testing::TestWithParam<bad_target_row> {};

TEST_P(BadTarget, ExactErrorAndOffset) {
    auto const& row = GetParam();
    auto r = kayako::parse_target(row.target);
    ASSERT_FALSE(r) << row.target;
    EXPECT_EQ(r.error().code, row.code) << row.target;
    EXPECT_EQ(r.error().offset, row.offset) << row.target;
}

INSTANTIATE_TEST_SUITE_P(
    Rows, BadTarget,
    ::testing::Values(bad_target_row{"", error::invalid_target, 0},
                      bad_target_row{"tests", error::invalid_target, 0},
                      bad_target_row{"/", error::invalid_target, 0},
                      bad_target_row{"/v1/tests", error::invalid_target, 0},        // missing /api
                      bad_target_row{"/apiv1/tests", error::invalid_target, 0},
                      bad_target_row{"/api", error::version_missing, 4},  // §14: no version
                      bad_target_row{"/api/v1", error::invalid_target, 7},
                      bad_target_row{"/api/v1/", error::invalid_target, 8},
                      bad_target_row{"/api/v2/tests", error::version_not_supported, 5},    // §14: wrong version
                      bad_target_row{"/api/V1/tests", error::version_missing, 5},  // `v` and digits only
                      bad_target_row{"/api/v10/tests", error::version_not_supported, 5},
                      bad_target_row{"//", error::invalid_target, 0},
                      bad_target_row{"//api", error::version_missing, 5},            // §21.16: `//` is `/`
                      bad_target_row{"/api//", error::version_missing, 6},
                      bad_target_row{"//api//v2/tests", error::version_not_supported, 7},
                      bad_target_row{"/api/v1//", error::invalid_target, 9},        // only empty segments
                      bad_target_row{"/api/v1/tests/../users", error::invalid_target, 14},
                      bad_target_row{"/api/v1/tests/%2e%2E", error::invalid_target, 14},
                      bad_target_row{"/api/v1/tests/a%2Fb", error::invalid_target, 14},  // smuggled slash
                      bad_target_row{"/api/v1/tests/a%5Cb", error::invalid_target, 14},
                      bad_target_row{"/api/v1/tests/a%00", error::invalid_target, 15},   // NUL
                      bad_target_row{"/api/v1/tests/%FF", error::invalid_target, 14},    // invalid UTF-8
                      bad_target_row{"/api/v1/tests/%4", error::invalid_target, 14},     // truncated escape
                      bad_target_row{"/api/v1/tests&_empty=false", error::invalid_target, 13},  // doc erratum, §20.9
                      bad_target_row{"/api/v1/te%20sts", error::invalid_target, 8},
                      bad_target_row{"/api/v1/.json", error::invalid_target, 13},
                      bad_target_row{"/api/index.php?v1/tests", error::invalid_target, 15},
                      bad_target_row{"/api/index.php", error::invalid_target, std::string_view::npos + 1},
                      bad_target_row{"https://host", error::invalid_target, 12},
                      bad_target_row{"/api/v1/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q", error::too_many_segments, 40}));

TEST(BadTarget, OverlongQueryAndPath) {  // §21.14: query 8 KiB
    std::string target = "/api/v1/tests?a=" + std::string(8192 - 2, 'x');
    EXPECT_TRUE(kayako::parse_target(target));
    target += 'x';
    auto r = kayako::parse_target(target);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), failure(error::too_long, 14 + 8192, "a"));  // §21.14: naming the argument
    std::string path = "/api/v1/" + std::string(9000, 'a');
    EXPECT_EQ(kayako::parse_target(path).error().code, error::too_long);
}

// ---- Boundaries (issue 12) -------------------------------------------------------------------

// What a target parses to, as text, or its failure: equal summaries for equal parses.
std::string target_summary(std::string_view target, kayako::target_options const& options = {}) {
    auto r = kayako::parse_target(target, options);
    if (!r) return "error " + r.error().message();
    auto const& p = r->path();
    std::string out = "app=" + std::string(p.app()) + (p.json_suffix() ? " json" : "") + (p.legacy() ? " legacy" : "");
    for (std::size_t i = 0; i < p.size(); ++i) out += " /" + std::string(p.segment(i));
    auto const& a = r->arguments();
    for (std::size_t i = 0; i < a.size(); ++i)
        out += " " + std::string(a[i].name) + "=" + std::string(a[i].value) + "@" + std::to_string(a[i].offset);
    out += " limit=" + std::to_string(a.limit()) + " offset=" + std::to_string(a.offset()) + " ids=";
    for (std::int64_t id : a.ids()) out += std::to_string(id) + ",";
    return out;
}

TEST(TargetViews, SameAnswerForViewsIntoLargerBuffers) {  // no parser reads past its view
    std::vector<std::string> const targets{
        "", "/", "/api", "/api/", "/api/v1", "/api/v1/", "/api/v1/t", "/api/v1/tests", "/api/v1/tests.json", "/api/v1/tests/1",
        "/api/v1/tests/1.json", "/api/v1/tests?", "/api/v1/tests?a", "/api/v1/tests?a=", "/api/v1/tests?a=1", "/api/v1/tests?limit=5",
        "/api/v1/tests?limit=100", "/api/v1/tests?ids=1,2", "/api/v1/tests?ids=1,", "/api/v1/tests?ids=12345678901234567",
        "/api/v1/tests?offset=9", "/api/v1/tests?_case=camel", "/api/v1/tests?_case=came", "/api/v1/tests?a=%4", "/api/v1/tests?a=%",
        "/api/v1/tests/%4", "/api/v1/tests/a%2", "/api/index.php?/v1/tests", "/api/index.php?/v1/tests&limit=2", "http://h/api/v1/x",
        "/api/v1/tests#", "/api/v1/tests?since=144182869", "/api/v1/tests?since=2015-09-08T01:55:28Z", "/api/v1/tests?_empty=fals",
        "/api/v1/tests?a=" + std::string(20, 'x') + "%4", "/api/v1/" + std::string(20, 'x') + "%4"};
    kayako::target_options strict;
    strict.strict = true;
    for (auto const& target : targets) {
        for (auto const& options : {kayako::target_options{}, strict}) {
            std::string const expected = target_summary(target, options);
            kayako::test::exact_buffer const exact(target);
            EXPECT_EQ(target_summary(exact.view(), options), expected) << target;
            for (std::string_view tail : kayako::test::over_read_tails) {
                kayako::test::with_tail const tailed(target, tail);
                EXPECT_EQ(target_summary(tailed.view(), options), expected) << target << " + " << tail;
            }
        }
    }
}

TEST(Limits, EveryTargetOptionAtItsBoundAndOnePast) {  // §21.14, every target_options field
    // max_path_size: the route after `/api`.
    std::string const route_at_limit = "/api/v1/" + std::string(8192 - 4, 'a');
    EXPECT_TRUE(kayako::parse_target(route_at_limit));
    EXPECT_EQ(kayako::parse_target(route_at_limit + "a").error(), failure(error::too_long, 4 + 8192));
    kayako::target_options small;
    small.max_path_size = 10;
    EXPECT_EQ(parse_target_ok("/api/v1/abcdef", small).path().resource(), "abcdef");
    EXPECT_EQ(kayako::parse_target("/api/v1/abcdefg", small).error(), failure(error::too_long, 14));
    // max_segments: 16 by default, and never more than the 32 a path holds.
    std::string sixteen = "/api/v1";
    for (int i = 0; i < 16; ++i) sixteen += "/s";
    EXPECT_EQ(parse_target_ok(sixteen).path().size(), 16u);
    EXPECT_EQ(kayako::parse_target(sixteen + "/s").error(), failure(error::too_many_segments, sixteen.size() + 1));
    kayako::target_options one;
    one.max_segments = 1;
    EXPECT_EQ(parse_target_ok("/api/v1/a", one).path().size(), 1u);
    EXPECT_EQ(kayako::parse_target("/api/v1/a/b", one).error(), failure(error::too_many_segments, 10));
    kayako::target_options many;
    many.max_segments = 100;
    std::string thirty_two = "/api/v1";
    for (int i = 0; i < 32; ++i) thirty_two += "/s" + std::to_string(i);
    auto const full = parse_target_ok(thirty_two, many);
    EXPECT_EQ(full.path().size(), 32u);
    EXPECT_EQ(full.path().segment(31), "s31");
    EXPECT_EQ(kayako::parse_target(thirty_two + "/x", many).error(), failure(error::too_many_segments, thirty_two.size() + 1));
    // max_query_size.
    kayako::target_options tiny;
    tiny.max_query_size = 5;
    EXPECT_TRUE(kayako::parse_query("a=123", tiny));
    EXPECT_EQ(kayako::parse_query("a=1234", tiny).error(), failure(error::too_long, 5, "a"));
    EXPECT_EQ(kayako::parse_target("/api/v1/t?a=1234", tiny).error(), failure(error::too_long, 10 + 5, "a"));
    // max_arguments.
    kayako::target_options two;
    two.max_arguments = 2;
    EXPECT_EQ(kayako::parse_query("a=1&&b=2&", two).value().size(), 2u);
    EXPECT_EQ(kayako::parse_query("a=1&b=2&c", two).error(), failure(error::too_many, 8, "c"));
    // max_ids, in both forms and mixed.
    kayako::target_options three;
    three.max_ids = 3;
    for (std::string_view ok : {"ids=1,2,3", "ids[]=1&ids[]=2&ids[]=3", "ids=1,2&ids[]=3", "ids=1&ids=2,3"})
        EXPECT_EQ(kayako::parse_query(ok, three).value().id_count(), 3u) << ok;
    for (std::string_view over : {"ids=1,2,3,4", "ids[]=1&ids[]=2&ids[]=3&ids[]=4", "ids=1,2&ids[]=3&ids=4", "ids=1,2,3&ids=5"}) {
        auto const r = kayako::parse_query(over, three);
        ASSERT_FALSE(r) << over;
        EXPECT_EQ(r.error().code, error::too_many) << over;
        EXPECT_EQ(r.error().parameter, "ids") << over;
    }
}

}  // namespace
