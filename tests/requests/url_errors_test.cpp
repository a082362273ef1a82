// Tests of the path's own errors (§1, §14, §15; statuses §21.12): the version segment
// (api_path.hpp), the segment limit, and the routes a server gives (api_routes.hpp) — each at
// its boundary, through parse_target, the legacy `index.php?/v1/` form and the typed request.
#include <kayako/request/api_routes.hpp>
#include <kayako/request/request_target.hpp>
#include <kayako/request/typed_request.hpp>

#include <kayako/core/api_error.hpp>

#include <gtest/gtest.h>

#include "support/views.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using kayako::api_error_code;
using kayako::error;
using kayako::failure;

constexpr std::string_view session_actions[] = {"ack"};
constexpr std::string_view user_actions[] = {"avatar"};
constexpr kayako::api_resource routes[] = {
    {"tests"},
    {"users", true, user_actions},
    {"session", false, session_actions},
};

kayako::target_options routed() {
    kayako::target_options o;
    o.routes = routes;
    return o;
}

struct url_row {
    std::string target;
    error code;  // error::empty_value: accepted
    std::size_t offset;
};

std::string describe(kayako::result<kayako::request_target> const& r) {
    return r ? std::string("accepted") : r.error().message();
}

class UrlErrors : public ::testing::TestWithParam<url_row> {};

TEST_P(UrlErrors, EachAtItsSegment) {
    auto const& row = GetParam();
    kayako::test::exact_buffer const exact(row.target);  // no reading past the target
    auto r = kayako::parse_target(exact.view(), routed());
    if (row.code == error::empty_value) {
        EXPECT_TRUE(r) << row.target << ": " << describe(r);
        return;
    }
    ASSERT_FALSE(r) << row.target;
    EXPECT_EQ(r.error(), failure(row.code, row.offset)) << row.target << ": " << describe(r);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, UrlErrors,
    ::testing::Values(
        // §14: the first segment after /api is the version: `v` and digits; only `v1` is served.
        url_row{"/api/v1/tests", error::empty_value, 0},
        url_row{"/api/tests", error::version_missing, 5},
        url_row{"/api/tests/1", error::version_missing, 5},
        url_row{"/api", error::version_missing, 4},
        url_row{"/api/", error::version_missing, 5},
        url_row{"/api/v", error::version_missing, 5},            // `v` without digits
        url_row{"/api/V1/tests", error::version_missing, 5},     // the reference writes `v`
        url_row{"/api/v1x/tests", error::version_missing, 5},
        url_row{"/api/1/tests", error::version_missing, 5},
        url_row{"/api/v2/tests", error::version_not_supported, 5},
        url_row{"/api/v0/tests", error::version_not_supported, 5},
        url_row{"/api/v01/tests", error::version_not_supported, 5},  // one spelling: `v1`
        url_row{"/api/v2", error::version_not_supported, 5},     // the version before the resource
        url_row{"//api//v2//tests", error::version_not_supported, 7},  // §21.16: runs of `/` are one
        url_row{"/api/v1", error::invalid_target, 7},            // a version, no resource: 404
        // §1: the legacy routing form reads its route by the same rules (offsets into the target).
        url_row{"/api/index.php?/v1/tests", error::empty_value, 0},
        url_row{"/api/index.php?/tests&a=1", error::version_missing, 16},
        url_row{"/api/index.php?/v2/tests", error::version_not_supported, 16},
        url_row{"/api/index.php?/v1/tests/1/frobnicate", error::action_not_available, 27},
        // §1: an app is a prefix; a listed resource after a first segment that is no app names a
        // missing app.
        url_row{"/api/v1/base/tests/1", error::empty_value, 0},
        url_row{"/api/v1/helpdesk/tests", error::app_not_found, 8},
        url_row{"/api/v1/helpdesk/tests/1", error::app_not_found, 8},
        url_row{"//api//v1//helpdesk//users", error::app_not_found, 11},
        url_row{"/api/v1/helpdesk/nothing", error::empty_value, 0},  // no listed resource: the server's 404
        url_row{"/api/v1/nothing/1/2/3", error::empty_value, 0},
        url_row{"/api/v1/base", error::empty_value, 0},          // `base` alone is a resource name
        // Actions: an item takes its listed actions, a singleton its own; nothing after them.
        url_row{"/api/v1/tests/1", error::empty_value, 0},
        url_row{"/api/v1/tests/1.json", error::empty_value, 0},
        url_row{"/api/v1/tests/1/frobnicate", error::action_not_available, 16},
        url_row{"/api/v1/tests/1/frobnicate.json", error::action_not_available, 16},
        url_row{"/api/v1/base/tests/1/x", error::action_not_available, 21},
        url_row{"/api/v1/users/1/avatar", error::empty_value, 0},
        url_row{"/api/v1/users/1/avatr", error::action_not_available, 16},
        url_row{"/api/v1/users/1/avatar/2", error::action_not_available, 23},
        url_row{"/api/v1/session", error::empty_value, 0},
        url_row{"/api/v1/session/ack.json", error::empty_value, 0},
        url_row{"/api/v1/session/ackk", error::action_not_available, 16},
        url_row{"/api/v1/session/ack/1", error::action_not_available, 20},
        url_row{"/api/v1/Tests/1/x", error::empty_value, 0}));   // names compare exactly: not a listed resource

TEST(UrlErrors, WithoutRoutesOnlyTheVersionAndTheCountAreChecked) {
    EXPECT_TRUE(kayako::parse_target("/api/v1/tests/1/frobnicate"));
    EXPECT_TRUE(kayako::parse_target("/api/v1/helpdesk/tests"));
    EXPECT_EQ(kayako::parse_target("/api/v3/tests").error().code, error::version_not_supported);
    auto const p = kayako::parse_target("/api/v1/tests/1");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->path().route(), nullptr);
}

TEST(UrlErrors, TheRouteReachedIsTheListsEntry) {
    auto const options = routed();
    auto const item = kayako::parse_target("/api/v1/base/users/7/avatar", options);
    ASSERT_TRUE(item);
    EXPECT_EQ(item->path().route(), &routes[1]);
    EXPECT_EQ(item->path().app(), "base");
    auto const other = kayako::parse_target("/api/v1/files/1", options);
    ASSERT_TRUE(other);
    EXPECT_EQ(other->path().route(), nullptr);  // not listed: the server routes it by hand
}

// URL_TOO_MANY_SEGMENTS: `max_segments` segments after /api/v1 pass (an app counts), one more
// fails at the first one too many, before any route is looked at.
TEST(UrlErrors, SegmentLimitAtItsBoundAndOnePast) {
    for (std::size_t limit : {std::size_t{1}, std::size_t{3}, std::size_t{16}, std::size_t{32}}) {
        kayako::target_options options = routed();
        options.max_segments = limit;
        std::string at_limit = "/api/v1/nothing";
        for (std::size_t i = 1; i < limit; ++i) at_limit += "/s";
        EXPECT_TRUE(kayako::parse_target(at_limit, options)) << limit;
        EXPECT_EQ(kayako::parse_target(at_limit + "/s", options).error(), failure(error::too_many_segments, at_limit.size() + 1))
            << limit;
        // Empty segments are no segments (§21.16).
        EXPECT_TRUE(kayako::parse_target(at_limit + "//", options)) << limit;
    }
    // The default, 16: a listed resource past it is URL_TOO_MANY_SEGMENTS, not an action error.
    std::string sixteen = "/api/v1/tests";
    for (int i = 1; i < 16; ++i) sixteen += "/s";
    EXPECT_EQ(kayako::parse_target(sixteen, routed()).error().code, error::action_not_available);
    EXPECT_EQ(kayako::parse_target(sixteen + "/s", routed()).error(), failure(error::too_many_segments, sixteen.size() + 1));
}

TEST(ApiRoutes, MatchOnSegments) {
    std::string_view const item[] = {"tests", "1"};
    auto r = kayako::match_api_route(item, false, routes);
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, &routes[0]);
    std::string_view const app_only[] = {"base"};
    EXPECT_EQ(kayako::match_api_route(app_only, true, routes).value(), nullptr);  // nothing after the app
    std::string_view const unknown_app[] = {"x", "session", "ack"};
    EXPECT_EQ(kayako::match_api_route(unknown_app, false, routes).error(), failure(error::app_not_found, 0));
    std::string_view const singleton_id[] = {"session", "1"};
    EXPECT_EQ(kayako::match_api_route(singleton_id, false, routes).error(), failure(error::action_not_available, 1));
    EXPECT_EQ(kayako::find_api_resource(routes, "users"), &routes[1]);
    EXPECT_EQ(kayako::find_api_resource(routes, "user"), nullptr);
    EXPECT_EQ(kayako::find_api_resource({}, "users"), nullptr);
}

// The typed request gives each its wire code and status (§15, §21.12), before it reads anything
// else of the request: a bad method or bad credentials on a bad URL are the URL's error.
TEST(UrlErrors, WireCodeAndStatusThroughTheTypedRequest) {
    using header_list = std::vector<std::pair<std::string, std::string>>;
    using header_view = kayako::pair_headers<header_list>;
    struct row {
        std::string_view target;
        api_error_code code;
        int status;
    };
    row const rows[] = {
        {"/api/tests", api_error_code::url_version_missing, 400},
        {"/api/v2/tests", api_error_code::version_not_supported, 400},
        {"/api/v1/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q", api_error_code::url_too_many_segments, 400},
        {"/api/v1/helpdesk/tests", api_error_code::app_not_found, 400},
        {"/api/v1/tests/1/frobnicate", api_error_code::resource_action_not_available, 400},
        {"/api/v1", api_error_code::url_resource_missing, 404},
    };
    kayako::request_options options;
    options.target.routes = routes;
    header_list const bad_credentials = {{"Authorization", "Digest x"}};
    for (auto const& r : rows) {
        SCOPED_TRACE(r.target);
        auto read = kayako::read_request("PATCH", r.target, header_view(bad_credentials), "", options);
        ASSERT_FALSE(read);
        EXPECT_EQ(read.error().code, r.code);
        EXPECT_EQ(read.error().status(), r.status);
        EXPECT_EQ(kayako::http_status(r.code), r.status);
        EXPECT_TRUE(read.error().parameter.empty());  // a URL error names no parameter
    }
}

}  // namespace
