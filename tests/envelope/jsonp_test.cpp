// Tests of jsonp.hpp (§13): callback validation (no script injection), wrapping, unwrapping.
#include <kayako/jsonp.hpp>

#include <kayako/api_error.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

using namespace kayako;

TEST(Jsonp, GoodCallbacks) {
    for (std::string_view cb : {"cb", "_", "$", "$.ajax_1", "jQuery1113_0123456789", "a.b.c", "A$9._x"}) {
        auto r = parse_jsonp_callback(cb);
        ASSERT_TRUE(r) << cb;
        EXPECT_EQ(*r, cb);
    }
    EXPECT_TRUE(parse_jsonp_callback(std::string(jsonp_callback_max_length, 'a')));
}

TEST(Jsonp, BadCallbacksAreFieldInvalid) {
    struct row {
        std::string callback;
        std::size_t offset;
    };
    row const rows[] = {
        {"", 0},
        {"1cb", 0},
        {"cb()", 2},
        {"alert(1)//", 5},
        {"cb;alert(1)", 2},
        {"a..b", 1},
        {"a.", 1},
        {".a", 0},
        {"a.1b", 1},
        {"cb ", 2},
        {" cb", 0},
        {"c-b", 1},
        {"cb\n", 2},
        {std::string("c\0b", 3), 1},
        {"caf\xc3\xa9", 3},
        {"a[0]", 1},
        {"</script>", 0},
        {std::string(jsonp_callback_max_length + 1, 'a'), jsonp_callback_max_length},
    };
    for (auto const& r : rows) {
        auto const f = parse_jsonp_callback(r.callback);
        ASSERT_FALSE(f) << r.callback;
        EXPECT_EQ(f.error().code, error::invalid_jsonp_callback);
        EXPECT_EQ(f.error().offset, r.offset) << r.callback;
        EXPECT_EQ(f.error().parameter, "_jsonp_callback");
        EXPECT_EQ(api_error_for(f.error()), api_error_code::field_invalid);  // 400 FIELD_INVALID
    }
}

TEST(Jsonp, Wrap) {
    std::string out;
    append_jsonp(out, "cb", R"({"status":404})");
    EXPECT_EQ(out, R"(cb({"status":404});)");
}

TEST(Jsonp, UnwrapBodies) {
    struct row {
        std::string_view body, callback, json;
        std::size_t offset;
    };
    row const rows[] = {
        {R"(cb({"status":404});)", "cb", R"({"status":404})", 3},
        {R"(cb({"status":404}))", "cb", R"({"status":404})", 3},
        {" a.b ( {} ) ; \n", "a.b", " {} ", 6},
        {"$(1)", "$", "1", 2},
    };
    for (auto const& r : rows) {
        auto const j = parse_jsonp_body(r.body);
        ASSERT_TRUE(j) << r.body;
        EXPECT_EQ(j->callback, r.callback);
        EXPECT_EQ(j->json, r.json);
        EXPECT_EQ(j->json_offset, r.offset);
    }
}

TEST(Jsonp, BadBodies) {
    struct row {
        std::string_view body;
        error code;
        std::size_t offset;
    };
    row const rows[] = {
        {"", error::invalid_jsonp_callback, 0},
        {"({});", error::invalid_jsonp_callback, 0},
        {"cb", error::unexpected_end, 2},
        {"cb{}", error::unexpected_character, 2},
        {"cb({}", error::unexpected_end, 5},
        {"cb(", error::unexpected_end, 3},
        {"cb({});x", error::unexpected_end, 8},
    };
    for (auto const& r : rows) {
        auto const j = parse_jsonp_body(r.body);
        ASSERT_FALSE(j) << r.body;
        EXPECT_EQ(j.error().code, r.code) << r.body;
        EXPECT_EQ(j.error().offset, r.offset) << r.body;
    }
}

}  // namespace
