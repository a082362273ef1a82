// Tests of media_type.hpp: Content-Type (RFC 9110 §8.3.1, §5.6.6) and the body encoding it
// selects (§2.1, §8.2).
#include <kayako/request/media_type.hpp>

#include "support/views.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using kayako::body_encoding;
using kayako::error;

// Calls `check` with `text` at the very end of a heap block and followed by each tail that changes
// the answer if read (tests/support/views.hpp).
void for_each_view(std::string_view text, std::function<void(std::string_view)> const& check) {
    {
        kayako::test::exact_buffer const exact(text);
        check(exact.view());
    }
    for (std::string_view tail : kayako::test::over_read_tails) {
        SCOPED_TRACE(testing::PrintToString(std::string(tail)));
        kayako::test::with_tail const longer(text, tail);
        check(longer.view());
    }
}

struct good_media_type {
    std::string_view text, type, subtype;
    std::vector<std::pair<std::string, std::string>> parameters;  // name, unescaped value
};

TEST(MediaType, ParsesGoodValues) {
    good_media_type const rows[] = {
        {"application/json", "application", "json", {}},
        {"  application/json  ", "application", "json", {}},
        {"Application/JSON; charset=UTF-8", "Application", "JSON", {{"charset", "UTF-8"}}},
        // §2.4: the reference quotes the boundary.
        {R"(multipart/form-data; boundary="1modcYGLAATJpapo8jhD4UwHbF5asu4u")", "multipart", "form-data",
         {{"boundary", "1modcYGLAATJpapo8jhD4UwHbF5asu4u"}}},
        {"multipart/form-data;boundary=abc", "multipart", "form-data", {{"boundary", "abc"}}},
        {"text/plain ; a=1 ;b=\"x y\"", "text", "plain", {{"a", "1"}, {"b", "x y"}}},
        {R"(text/plain; q="quoted \" value")", "text", "plain", {{"q", "quoted \" value"}}},
        {R"(text/plain; q="back\\slash")", "text", "plain", {{"q", "back\\slash"}}},
        {"text/plain;;a=1;", "text", "plain", {{"a", "1"}}},
        {"application/json;", "application", "json", {}},  // empty parameters (RFC 9110 §5.6.6)
        {R"(text/plain; e="")", "text", "plain", {{"e", ""}}},
        {"image/svg+xml", "image", "svg+xml", {}},
        // Whitespace around `=`, as browsers, Go and jshttp read it (§21.21).
        {"text/plain; charset =utf-8", "text", "plain", {{"charset", "utf-8"}}},
        {"text/plain; charset= \"utf-8\"", "text", "plain", {{"charset", "utf-8"}}},
        {"text/plain; a\t=\t1 ; b = 2", "text", "plain", {{"a", "1"}, {"b", "2"}}},
    };
    for (auto const& row : rows) {
        SCOPED_TRACE(row.text);
        auto m = kayako::parse_media_type(row.text);
        ASSERT_TRUE(m) << m.error().message();
        EXPECT_EQ(m->type, row.type);
        EXPECT_EQ(m->subtype, row.subtype);
        std::vector<std::pair<std::string, std::string>> got;
        for (auto const& p : m->parameters()) got.emplace_back(std::string(p.name), p.text());
        EXPECT_EQ(got, row.parameters);
        for_each_view(row.text, [&](std::string_view v) {  // read inside a larger buffer: the same
            auto again = kayako::parse_media_type(v);
            ASSERT_TRUE(again) << again.error().message();
            EXPECT_EQ(again->type, row.type);
            EXPECT_EQ(again->subtype, row.subtype);
            std::vector<std::pair<std::string, std::string>> again_got;
            for (auto const& p : again->parameters()) again_got.emplace_back(std::string(p.name), p.text());
            EXPECT_EQ(again_got, row.parameters);
        });
    }
}

TEST(MediaType, TypeAndParameterNamesAreCaseBlind) {
    auto m = kayako::parse_media_type("MULTIPART/Form-Data; BOUNDARY=xyz");
    ASSERT_TRUE(m);
    EXPECT_TRUE(m->is("multipart", "form-data"));
    auto b = m->parameter("boundary");
    ASSERT_TRUE(b);
    EXPECT_EQ(b->value, "xyz");
    EXPECT_FALSE(b->quoted);
    EXPECT_FALSE(m->parameter("charset"));
}

struct bad_media_type {
    std::string_view text;
    error code;
    std::size_t offset;
};

TEST(MediaType, RefusesBadValuesWithOffsets) {
    using namespace std::string_view_literals;
    bad_media_type const rows[] = {
        {"", error::empty_value, 0},
        {"   ", error::empty_value, 3},
        {"application", error::unexpected_end, 11},
        {"application/", error::unexpected_end, 12},
        {"/json", error::unexpected_character, 0},
        {"application /json", error::unexpected_character, 11},
        {"application/json; charset", error::unexpected_end, 25},
        {"application/json; charset =", error::unexpected_end, 27},
        {"application/json; charset = ;", error::unexpected_character, 28},
        {"application/json; charset=", error::unexpected_end, 26},
        {"application/json; q=\"open", error::unexpected_end, 25},
        {"application/json; q=\"a\\", error::unexpected_end, 23},
        {"application/json x", error::unexpected_character, 17},
        {"application/json; a=1 b=2", error::unexpected_character, 22},
        {"application/json; a=\"x\"y", error::unexpected_character, 23},
        {"application/j\0son"sv, error::nul_byte, 13},
        {"application/json; a=\"\0\""sv, error::nul_byte, 21},
        {"application/json; a=\"\x01\""sv, error::unexpected_character, 21},
        {"application/json; a=1; A=2", error::duplicate, 23},
        {"multipart/form-data; boundary=a; boundary=b", error::duplicate, 33},
        {"text/pl\xC3\xA4in", error::unexpected_character, 7},
    };
    for (auto const& row : rows) {
        SCOPED_TRACE(testing::PrintToString(std::string(row.text)));
        auto m = kayako::parse_media_type(row.text);
        ASSERT_FALSE(m);
        EXPECT_EQ(m.error().code, row.code) << m.error().message();
        EXPECT_EQ(m.error().offset, row.offset);
        for_each_view(row.text, [&](std::string_view v) {
            auto again = kayako::parse_media_type(v);
            ASSERT_FALSE(again);
            EXPECT_EQ(again.error(), m.error());
        });
    }
}

TEST(MediaType, Limits) {
    std::string long_value = "text/plain; a=" + std::string(2000, 'x');
    auto m = kayako::parse_media_type(long_value);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().code, error::too_long);

    std::string many = "text/plain";
    for (int i = 0; i < 17; ++i) many += "; p" + std::to_string(i) + "=1";
    auto n = kayako::parse_media_type(many);
    ASSERT_FALSE(n);
    EXPECT_EQ(n.error().code, error::too_many);
    EXPECT_TRUE(kayako::parse_media_type(many, {.max_size = 1024, .max_parameters = 17}));
}

TEST(MediaType, SelectsTheBodyEncoding) {  // §2.1, §8.2
    struct row {
        std::optional<std::string_view> header;
        body_encoding expected;
    } const rows[] = {
        {std::nullopt, body_encoding::form},  // §1: the default encoding
        {"application/x-www-form-urlencoded", body_encoding::form},
        {"application/x-www-form-urlencoded; charset=UTF-8", body_encoding::form},
        {"application/json", body_encoding::json},
        {"APPLICATION/JSON; charset=utf-8", body_encoding::json},
        {"multipart/form-data; boundary=x", body_encoding::multipart},
        {"multipart/mixed; boundary=x", body_encoding::raw},
        {"image/png", body_encoding::raw},  // TV-FU-2
        {"application/octet-stream", body_encoding::raw},
        {"application/vnd.api+json", body_encoding::raw},
    };
    for (auto const& r : rows) {
        auto e = kayako::body_encoding_of(r.header);
        ASSERT_TRUE(e);
        EXPECT_EQ(*e, r.expected) << r.header.value_or("(none)");
    }
    auto bad = kayako::body_encoding_of(std::optional<std::string_view>("json"));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().parameter, "Content-Type");
    EXPECT_EQ(bad.error().code, error::unexpected_end);
}

// ---------------------------------------------------------------------------------------------
// Every rule at its bounds (issue 12).
// ---------------------------------------------------------------------------------------------

constexpr std::string_view rfc9110_tchars = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// RFC 9110 §5.6.2, every byte: type, subtype, parameter name and token value are tokens. A byte
// that is not a tchar is refused where it stands (NUL as `nul_byte`).
TEST(MediaType, TokensByteByByte) {
    std::size_t tchars = 0;
    for (int byte = 0; byte < 256; ++byte) {
        SCOPED_TRACE(byte);
        char const c = static_cast<char>(byte);
        bool const tchar = rfc9110_tchars.find(c) != std::string_view::npos;
        tchars += tchar;
        std::string const s(1, c);
        struct place {
            std::string text;
            std::size_t at;  // where the byte stands
        } const places[] = {{"a" + s + "b/c", 1}, {"a/b" + s + "c", 3}, {"a/b; n" + s + "m=1", 6}, {"a/b; n=v" + s + "w", 8}};
        for (auto const& p : places) {
            SCOPED_TRACE(p.text);
            auto m = kayako::parse_media_type(p.text);
            ASSERT_EQ(static_cast<bool>(m), tchar);
            if (m) continue;
            if (byte == 0) {
                EXPECT_EQ(m.error().code, error::nul_byte);
            }
            if (byte != ' ' && byte != '\t' && byte != '/' && byte != ';' && byte != '=') {  // these end a token well
                EXPECT_EQ(m.error().offset, p.at);
            }
        }
        if (tchar) {
            std::string const text = "a" + s + "b/c" + s + "d; e" + s + "f=g" + s + "h";
            auto m = kayako::parse_media_type(text);
            ASSERT_TRUE(m);
            EXPECT_EQ(m->type, "a" + s + "b");
            EXPECT_EQ(m->subtype, "c" + s + "d");
            EXPECT_EQ(m->parameter("e" + s + "f")->value, "g" + s + "h");
        }
    }
    EXPECT_EQ(tchars, 77u);
}

// RFC 9110 §5.6.4, every byte in a quoted value (qdtext, obs-text) and after a backslash
// (quoted-pair: HTAB, SP, VCHAR, obs-text).
TEST(MediaType, QuotedStringsByteByByte) {
    for (int byte = 0; byte < 256; ++byte) {
        SCOPED_TRACE(byte);
        std::string const c(1, static_cast<char>(byte));
        bool const qdtext = byte == '\t' || byte == ' ' || byte == 0x21 || (byte >= 0x23 && byte <= 0x5B) ||
                            (byte >= 0x5D && byte <= 0x7E) || byte >= 0x80;
        std::string const plain_text = "a/b; q=\"x" + c + "y\"";
        auto plain = kayako::parse_media_type(plain_text);
        ASSERT_EQ(static_cast<bool>(plain), qdtext || byte == '\\');
        if (plain) {
            EXPECT_EQ(plain->parameter("q")->text(), byte == '\\' ? "xy" : "x" + c + "y");
        } else {
            EXPECT_EQ(plain.error().code, byte == 0 ? error::nul_byte : error::unexpected_character);
            EXPECT_EQ(plain.error().offset, byte == '"' ? 10u : 9u);
        }
        bool const pair_char = byte == '\t' || (byte >= 0x20 && byte <= 0x7E) || byte >= 0x80;
        std::string const pair_text = "a/b; q=\"x\\" + c + "y\"";
        auto pair = kayako::parse_media_type(pair_text);
        ASSERT_EQ(static_cast<bool>(pair), pair_char);
        if (pair) {
            EXPECT_EQ(pair->parameter("q")->text(), "x" + c + "y");
            EXPECT_TRUE(pair->parameter("q")->escaped);
        } else {
            EXPECT_EQ(pair.error().code, byte == 0 ? error::nul_byte : error::unexpected_character);
            EXPECT_EQ(pair.error().offset, 10u);
        }
    }
}

// RFC 9110 §5.6.3: OWS is SP and HTAB only, around the value and the `;` and `=` of parameters.
TEST(MediaType, OptionalWhitespaceByteByByte) {
    for (int byte = 1; byte < 256; ++byte) {
        SCOPED_TRACE(byte);
        std::string const w(1, static_cast<char>(byte));
        bool const ows = byte == ' ' || byte == '\t';
        for (std::string const& text : {w + "a/b", "a/b" + w, "a/b" + w + ";c=d", "a/b;" + w + "c=d", "a/b;c" + w + "=d",
                                        "a/b;c=" + w + "d"}) {
            SCOPED_TRACE(testing::PrintToString(text));
            auto m = kayako::parse_media_type(text);
            if (ows) {
                ASSERT_TRUE(m) << m.error().message();
                EXPECT_EQ(m->type, "a");
                EXPECT_EQ(m->subtype, "b");
            } else if (rfc9110_tchars.find(static_cast<char>(byte)) == std::string_view::npos && byte != ';' && byte != '=' && byte != '/') {
                EXPECT_FALSE(m);
            }
        }
    }
}

// Limits: the value's size (counted before trimming) and its parameter count, at the limit and
// one past, default and set.
TEST(MediaType, LimitsAtTheirBounds) {
    kayako::media_type_options const defaults;
    EXPECT_EQ(defaults.max_size, 1024u);
    EXPECT_EQ(defaults.max_parameters, 16u);
    for (std::size_t max : {1024u, 12u}) {
        SCOPED_TRACE(max);
        std::string const at = "a/" + std::string(max - 4, 'b') + "  ";
        ASSERT_EQ(at.size(), max);
        EXPECT_TRUE(kayako::parse_media_type(at, {.max_size = max}));
        auto past = kayako::parse_media_type(at + " ", {.max_size = max});
        ASSERT_FALSE(past);
        EXPECT_EQ(past.error().code, error::too_long);
        EXPECT_EQ(past.error().offset, max);
        auto encoding = kayako::body_encoding_of(std::optional<std::string_view>(at + " "), {.max_size = max});
        ASSERT_FALSE(encoding);
        EXPECT_EQ(encoding.error().code, error::too_long);
        EXPECT_EQ(encoding.error().parameter, "Content-Type");
    }
    for (std::size_t max : {16u, 0u, 1u}) {
        SCOPED_TRACE(max);
        std::string text = "a/b";
        for (std::size_t i = 0; i < max; ++i) text += "; p" + std::to_string(i) + "=1";
        EXPECT_TRUE(kayako::parse_media_type(text, {.max_size = 1024, .max_parameters = max}));
        std::string const past = text + "; q=1";
        auto refused = kayako::parse_media_type(past, {.max_size = 1024, .max_parameters = max});
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, error::too_many);
        EXPECT_EQ(refused.error().offset, past.size() - 3);
    }
}

}  // namespace
