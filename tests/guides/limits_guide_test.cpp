// The code of docs/limits.md ("Limits and security"). Each `// [limits:NAME]` region is shown by
// the guide byte for byte (guide_snippets_test.cpp checks it); the tests below pin what the
// guide says each limit does at its boundary.
#include <kayako/proto.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace limits_guide {

// [limits:options]
// Tighter bounds than §21.14's defaults, for a server on small machines. Every limit has a
// typed error past it, named after the argument or parameter that crossed it: never a
// truncation, never a crash.
kayako::request_options small_server_limits() {
    kayako::request_options o;
    o.target.max_query_size = 2048;         // the query string, in bytes → FIELD_INVALID
    o.target.max_arguments = 100;           // arguments in the query → FIELD_INVALID
    o.target.max_ids = 100;                 // items of `ids` → FIELD_INVALID naming `ids`
    o.target.max_limit = 200;               // the largest page: `limit=201` → FIELD_INVALID naming `limit`
    o.parameters.max_json_size = 64 * 1024; // a JSON body, in bytes
    o.parameters.max_json_depth = 16;       // nesting of a JSON body
    o.parameters.max_list_items = 100;      // items of one list parameter
    o.max_render_depth = 16;                // nesting the renderer follows (`include`, §5.1)
    return o;
}
// [/limits:options]

}  // namespace limits_guide

namespace {

using headers = std::vector<std::pair<std::string_view, std::string_view>>;
using header_view = kayako::pair_headers<headers>;

std::string ids(int n) {
    std::string out = "/api/v1/notes?ids=";
    for (int i = 1; i <= n; ++i) out += (i > 1 ? "," : "") + std::to_string(i);
    return out;
}

TEST(LimitsGuide, LimitAtTheBoundAndJustPastIt) {
    auto const options = limits_guide::small_server_limits();
    headers const none;
    EXPECT_TRUE(kayako::read_request("GET", "/api/v1/notes?limit=200", header_view(none), "", options));
    auto past = kayako::read_request("GET", "/api/v1/notes?limit=201", header_view(none), "", options);
    ASSERT_FALSE(past);
    EXPECT_EQ(past.error().code, kayako::api_error_code::field_invalid);
    EXPECT_EQ(past.error().parameter, "limit");
}

TEST(LimitsGuide, IdsAtTheBoundAndJustPastIt) {
    auto const options = limits_guide::small_server_limits();
    headers const none;
    std::string const at = ids(100), over = ids(101);
    auto fine = kayako::read_request("GET", at, header_view(none), "", options);
    ASSERT_TRUE(fine);
    EXPECT_EQ(fine->arguments().id_count(), 100u);
    auto past = kayako::read_request("GET", over, header_view(none), "", options);
    ASSERT_FALSE(past);
    EXPECT_EQ(past.error().code, kayako::api_error_code::field_invalid);
    EXPECT_EQ(past.error().parameter, "ids");
}

TEST(LimitsGuide, QueryStringPastItsSize) {
    auto const options = limits_guide::small_server_limits();
    headers const none;
    std::string at = "/api/v1/notes?q=";
    at += std::string(2048 - 2, 'a');  // `q=` and 2,046 letters: 2,048 bytes of query
    EXPECT_TRUE(kayako::read_request("GET", at, header_view(none), "", options));
    std::string const over = at + "a";
    auto past = kayako::read_request("GET", over, header_view(none), "", options);
    ASSERT_FALSE(past);
    EXPECT_EQ(past.error().code, kayako::api_error_code::field_invalid);
}

TEST(LimitsGuide, JsonBodyPastItsDepth) {
    auto const options = limits_guide::small_server_limits();
    headers const json{{"Content-Type", "application/json"}};
    std::string deep = R"({"a":)" + std::string(16, '[') + std::string(16, ']') + "}";
    auto request = kayako::read_request("PUT", "/api/v1/notes/1", header_view(json), deep, options);
    ASSERT_TRUE(request);
    EXPECT_FALSE(request->body_parameters());
}

}  // namespace
