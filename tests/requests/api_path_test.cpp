// Tests of api_path.hpp: the API path of a target (§1, §2.5, §21.16), read through parse_target.
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

kayako::request_target parse_ok(std::string_view target, kayako::target_options const& options = {}) {
    auto r = kayako::parse_target(target, options);
    EXPECT_TRUE(r) << target << ": " << (r ? "" : r.error().message());
    return r ? *r : kayako::request_target{};
}

// ---- Paths (§1) ------------------------------------------------------------------------------

struct path_row {
    std::string target;
    std::string app, resource;
    std::optional<std::string> id;
    std::size_t segments;
    bool json, legacy;
};

class ApiPath : public ::testing::TestWithParam<path_row> {};

TEST_P(ApiPath, Parses) {
    auto const& row = GetParam();
    auto t = parse_ok(row.target);
    EXPECT_EQ(t.path().app(), row.app) << row.target;
    EXPECT_EQ(t.path().resource(), row.resource) << row.target;
    EXPECT_EQ(t.path().id(), row.id) << row.target;
    EXPECT_EQ(t.path().size(), row.segments) << row.target;
    EXPECT_EQ(t.path().json_suffix(), row.json) << row.target;
    EXPECT_EQ(t.path().legacy(), row.legacy) << row.target;
}

INSTANTIATE_TEST_SUITE_P(
    Rows, ApiPath,
    ::testing::Values(path_row{"/api/v1/tests", "", "tests", std::nullopt, 1, false, false},
                      path_row{"/api/v1/tests.json", "", "tests", std::nullopt, 1, true, false},
                      path_row{"/api/v1/tests/1", "", "tests", "1", 2, false, false},
                      path_row{"/api/v1/tests/99.json", "", "tests", "99", 2, true, false},
                      path_row{"/api/v1/tests/1/", "", "tests", "1", 2, false, false},
                      path_row{"/api/v1/base/user/1", "base", "user", "1", 2, false, false},  // §1 app
                      path_row{"/api/v1/base", "", "base", std::nullopt, 1, false, false},     // no resource after it
                      path_row{"/api/v1/cases/1/posts/2", "", "cases", "1", 4, false, false},
                      path_row{"/api/v1/locales/en-us", "", "locales", "en-us", 2, false, false},
                      path_row{"/api/v1/users/a%20b", "", "users", "a b", 2, false, false},
                      path_row{"/api/v1/users/a+b", "", "users", "a+b", 2, false, false},  // `+` is literal in paths
                      path_row{"/api/v1/conversations.json?limit=1", "", "conversations", std::nullopt, 1, true, false},
                      path_row{"https://brewfictus.kayako.com/api/v1/tests/99", "", "tests", "99", 2, false, false},
                      path_row{"/api/index.php?/v1/tests&_empty=false", "", "tests", std::nullopt, 1, false, true},
                      path_row{"/index.php?/v1/tests/5", "", "tests", "5", 2, false, true},
                      path_row{"/api/v1/tests#fragment", "", "tests", std::nullopt, 1, false, false},
                      // §21.16: runs of `/` are one separator (the Java SDK sends `//api/v1/...`).
                      path_row{"//api/v1/articles.json?_case=camel", "", "articles", std::nullopt, 1, true, false},
                      path_row{"/api/v1//tests/1", "", "tests", "1", 2, false, false},
                      path_row{"//api/v1//tests/1", "", "tests", "1", 2, false, false},
                      path_row{"///api///v1///tests///1///", "", "tests", "1", 2, false, false},
                      path_row{"/api//v1/base//user/1", "base", "user", "1", 2, false, false},
                      path_row{"http://support.kayako.com//api/v1/categories/1", "", "categories", "1", 2, false, false},
                      path_row{"//api//index.php?//v1//tests", "", "tests", std::nullopt, 1, false, true}));

TEST(ApiPath, CollapsedSlashesKeepOffsetsIntoTheTarget) {  // §21.16
    // A segment after a run of `/` still points into the target, and its errors say where.
    auto r = kayako::parse_target("//api//v1//tests//a%2Fb");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), failure(error::invalid_target, 18));
    auto t = parse_ok("//api/v1//te%73ts//x");
    EXPECT_EQ(t.path().resource(), "tests");
    EXPECT_EQ(t.path().id(), "x");
    // The path limit counts the slashes that are collapsed: they are bytes the server reads.
    kayako::target_options tight;
    tight.max_segments = 2;
    EXPECT_TRUE(kayako::parse_target("/api/v1//a//b//", tight));
    EXPECT_EQ(kayako::parse_target("/api/v1//a//b//c", tight).error(), failure(error::too_many_segments, 15));
}

TEST(ApiPath, LegacyFormKeepsArguments) {
    auto t = parse_ok("/api/index.php?/v1/tests&_empty=false&limit=3");
    EXPECT_FALSE(t.arguments().keep_empty());
    EXPECT_EQ(t.arguments().limit(), 3);
}

TEST(ApiPath, NumericId) {
    EXPECT_EQ(parse_ok("/api/v1/tests/42").path().numeric_id().value(), 42);
    EXPECT_EQ(parse_ok("/api/v1/tests/x").path().numeric_id().error().code, error::invalid_integer);
    EXPECT_EQ(parse_ok("/api/v1/tests").path().numeric_id().error().code, error::missing_parameter);
}

TEST(ApiPath, EveryByteInAResourceNameAndAnId) {  // §1, §2.5: names [A-Za-z0-9_]; ids anything decoded
    static constexpr char hex[] = "0123456789ABCDEF";
    for (int b = 0; b < 256; ++b) {
        char const c = static_cast<char>(b);
        bool const name_char = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || c == '_';
        if (c != '/' && c != '?' && c != '#' && c != '%') {
            auto const raw = kayako::parse_target(std::string("/api/v1/te") + c + "sts");
            if (name_char) {
                EXPECT_TRUE(raw) << b;
            } else {
                // A `\\` would split the segment: the segment is refused as a whole.
                EXPECT_EQ(raw.error(), failure(error::invalid_target, c == '\\' ? 8 : 10)) << b;
            }
        }
        std::string const escaped{'%', hex[b >> 4], hex[b & 15]};
        auto const encoded_name = kayako::parse_target("/api/v1/te" + escaped + "sts");
        if (name_char) {
            EXPECT_EQ(encoded_name.value().path().resource(), std::string("te") + c + "sts") << b;
        } else {
            EXPECT_FALSE(encoded_name) << b;
        }
        auto const id = kayako::parse_target("/api/v1/tests/a" + escaped + "b");
        bool const id_ok = b != 0 && b < 0x80 && c != '/' && c != '\\';
        if (id_ok) {
            EXPECT_EQ(id.value().path().id(), std::string("a") + c + "b") << b;
        } else {
            EXPECT_EQ(id.error().code, error::invalid_target) << b;
        }
    }
}

TEST(ApiPath, JsonSuffixAndAbsoluteFormAtTheirEdges) {  // §1
    EXPECT_EQ(parse_ok("/api/v1/a.json").path().resource(), "a");
    EXPECT_EQ(parse_ok("/api/v1/a.JSON").path().resource(), "a");
    EXPECT_EQ(parse_ok("/api/v1/tests/1.Json").path().id(), "1");
    EXPECT_TRUE(parse_ok("/api/v1/tests/1.Json").path().json_suffix());
    EXPECT_FALSE(parse_ok("/api/v1/tests/1json").path().json_suffix());
    EXPECT_EQ(parse_ok("/api/v1/tests/.jsonx").path().id(), ".jsonx");
    EXPECT_EQ(kayako::parse_target("/api/v1/tests/.JSON").error(), failure(error::invalid_target, 19));
    EXPECT_EQ(kayako::parse_target("/api/v1/a.jsonx").error(), failure(error::invalid_target, 9));
    EXPECT_EQ(parse_ok("HTTP://h/api/v1/a").path().resource(), "a");
    EXPECT_EQ(parse_ok("HttpS://h/api/v1/a").path().resource(), "a");
    EXPECT_EQ(parse_ok("http://h/api/v1/a").path().resource(), "a");
    for (std::string_view bad : {"http://", "https://", "http:/", "httpx://h/api/v1/a", "ftp://h/api/v1/a", "http:/h/api/v1/a"})
        EXPECT_EQ(kayako::parse_target(bad).error().code, error::invalid_target) << bad;
    EXPECT_EQ(parse_ok("/api/v1/base/x").path().app(), "base");
    EXPECT_EQ(parse_ok("/api/v1/Base/x").path().app(), "");  // apps are matched exactly
}

}  // namespace
