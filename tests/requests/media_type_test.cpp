// Tests of media_type.hpp: Content-Type (RFC 9110 §8.3.1, §5.6.6) and the body encoding it
// selects (§2.1, §8.2).
#include <kayako/media_type.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using kayako::body_encoding;
using kayako::error;

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

}  // namespace
