// Tests of jsonp.hpp (§13): callback validation (no script injection), wrapping, unwrapping.
#include <kayako/envelope/jsonp.hpp>

#include <kayako/core/api_error.hpp>

#include "support/views.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

using namespace kayako;
using namespace std::string_literals;

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

// §13: a callback is `[A-Za-z_$][A-Za-z0-9_$]*` joined by `.`. Every byte as the first
// character and as a later one.
TEST(Jsonp, EveryByteAtTheStartAndInside) {
    std::size_t starts = 0, parts = 0;
    for (int b = 0; b < 256; ++b) {
        SCOPED_TRACE(b);
        char const c = static_cast<char>(b);
        bool const start = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$';
        bool const part = start || (c >= '0' && c <= '9');
        starts += start;
        parts += part;
        std::string const first(1, c), later = "a"s + c, after_dot = "a."s + c;
        kayako::test::exact_buffer const exact_first(first), exact_later(later);
        EXPECT_EQ(bool(parse_jsonp_callback(exact_first.view())), start);
        EXPECT_EQ(bool(parse_jsonp_callback(exact_later.view())), part);
        EXPECT_EQ(bool(parse_jsonp_callback(after_dot)), start);
        if (!start) { EXPECT_EQ(parse_jsonp_callback(first).error(), failure(error::invalid_jsonp_callback, 0, "_jsonp_callback")); }
        if (!part) { EXPECT_EQ(parse_jsonp_callback(later).error(), failure(error::invalid_jsonp_callback, 1, "_jsonp_callback")); }
        // A body with that byte before the callback: only JSON whitespace may come first.
        bool const space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        std::string const body = c + "cb(1)"s;
        auto const j = parse_jsonp_body(body);
        EXPECT_EQ(bool(j), space || start);
        if (space) { EXPECT_EQ(j->callback, "cb"); }
        // And after the closing parenthesis, before and after the optional `;` (another `)` just
        // moves the end of the JSON text: the JSON parser refuses `1)` later).
        auto const trailing = parse_jsonp_body("cb(1)"s + c);
        EXPECT_EQ(bool(trailing), space || c == ';' || c == ')');
        EXPECT_EQ(bool(parse_jsonp_body("cb(1);"s + c)), space || c == ')');
    }
    EXPECT_EQ(starts, 54u);
    EXPECT_EQ(parts, 64u);
    // The length limit counts dots too: 128 characters pass, 129 fail at 128.
    std::string path = "a";
    while (path.size() + 2 <= jsonp_callback_max_length) path += ".a";
    ASSERT_EQ(path.size(), jsonp_callback_max_length - 1);
    EXPECT_TRUE(parse_jsonp_callback(path + "b"));
    EXPECT_EQ(parse_jsonp_callback(path + "bc").error(),
              failure(error::invalid_jsonp_callback, jsonp_callback_max_length, "_jsonp_callback"));
}

// Every parser of jsonp.hpp on views into larger buffers: the answer is the one of the exact view.
TEST(Jsonp, ViewsIntoLargerBuffers) {
    for (std::string_view text : {"cb", "a.b", "a.", "a", "$", "cb(1);", "cb(1)", "cb(", "cb", " cb ( {} ) ; ", "cb()", ")",
                                  "a.b(1)", "cb({});x", ""}) {
        SCOPED_TRACE(text);
        kayako::test::exact_buffer const exact(text);
        auto const callback = parse_jsonp_callback(exact.view());
        auto const body = parse_jsonp_body(exact.view());
        for (std::string_view tail : kayako::test::over_read_tails) {
            kayako::test::with_tail const longer(text, tail);
            auto const c = parse_jsonp_callback(longer.view());
            ASSERT_EQ(bool(c), bool(callback)) << tail;
            if (!c) { EXPECT_EQ(c.error(), callback.error()); }
            auto const b = parse_jsonp_body(longer.view());
            ASSERT_EQ(bool(b), bool(body)) << tail;
            if (b) {
                EXPECT_EQ(b->callback, body->callback);
                EXPECT_EQ(b->json, body->json);
                EXPECT_EQ(b->json_offset, body->json_offset);
            } else {
                EXPECT_EQ(b.error(), body.error());
            }
        }
    }
    // The JSON between the parentheses, exactly: `;` and whitespace around the `)` are not part of it.
    auto const j = parse_jsonp_body("cb( [1] )\n;\n");
    ASSERT_TRUE(j);
    EXPECT_EQ(j->json, " [1] ");
    EXPECT_EQ(parse_jsonp_body("cb();").value().json, "");
    EXPECT_EQ(parse_jsonp_body("cb(;").error(), failure(error::unexpected_end, 3));
}

}  // namespace
