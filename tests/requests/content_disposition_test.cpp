// Tests of content_disposition.hpp: Content-Disposition (RFC 6266, RFC 8187) as raw uploads
// (§8.2) and multipart parts (§8.3) send it.
#include <kayako/content_disposition.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

namespace {

using kayako::error;

TEST(ContentDisposition, ReadsUploadForms) {
    // TV-FU-2 (§8.2)
    auto d = kayako::parse_content_disposition(R"(attachment; name="avatar"; filename="coffee.png")");
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->is("ATTACHMENT"));
    ASSERT_TRUE(d->name && d->filename);
    EXPECT_EQ(d->name->value, "avatar");
    EXPECT_EQ(d->filename->value, "coffee.png");
    EXPECT_FALSE(d->filename_ext);

    auto e = kayako::parse_content_disposition("form-data; name=files[]; filename=\"a \\\"b\\\".png\"; x=1");
    EXPECT_FALSE(e);  // `[` is not a token character: such a name must be quoted
    auto f = kayako::parse_content_disposition("form-data; name=\"files[]\"; filename=\"a \\\"b\\\".png\"; x=1");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->filename->text(), "a \"b\".png");

    auto g = kayako::parse_content_disposition("attachment; filename*=UTF-8''caf%C3%A9.png; filename=cafe.png");
    ASSERT_TRUE(g);
    ASSERT_TRUE(g->filename_ext);
    auto decoded = kayako::decode_extended_value(g->filename_ext->value);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, "caf\xC3\xA9.png");
}

TEST(ContentDisposition, RefusesBadValues) {
    using namespace std::string_view_literals;
    struct row {
        std::string_view text;
        error code;
        std::size_t offset;
    } const rows[] = {
        {"", error::empty_value, 0},
        {"; name=a", error::unexpected_character, 0},
        {"attachment; filename=\"a", error::unexpected_end, 23},
        {"attachment; name=a; NAME=b", error::duplicate, 20},
        {"attachment; filename=a; filename=b", error::duplicate, 24},
        {"attachment; name=\"a\0\""sv, error::nul_byte, 19},
        {"attachment name=a", error::unexpected_character, 11},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(testing::PrintToString(std::string(r.text)));
        auto d = kayako::parse_content_disposition(r.text);
        ASSERT_FALSE(d);
        EXPECT_EQ(d.error().code, r.code) << d.error().message();
        EXPECT_EQ(d.error().offset, r.offset);
    }
}

TEST(ContentDisposition, ExtendedValues) {  // RFC 8187
    struct row {
        std::string_view text;
        std::optional<std::string> decoded;
        error code = error::empty_value;
    } const rows[] = {
        {"UTF-8''%e2%82%ac%20rates", "\xE2\x82\xAC rates"},
        {"utf-8'en'a.png", "a.png"},
        {"ISO-8859-1''%A3", "\xC2\xA3"},
        {"UTF-16''a", std::nullopt, error::invalid_header},
        {"UTF-8''%FF", std::nullopt, error::invalid_utf8},
        {"UTF-8''%00", std::nullopt, error::nul_byte},
        {"UTF-8''%4", std::nullopt, error::invalid_percent_escape},
        {"UTF-8''a b", std::nullopt, error::unexpected_character},
        {"UTF-8'a.png", std::nullopt, error::unexpected_end},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.text);
        auto d = kayako::decode_extended_value(r.text);
        if (r.decoded) {
            ASSERT_TRUE(d) << d.error().message();
            EXPECT_EQ(*d, *r.decoded);
        } else {
            ASSERT_FALSE(d);
            EXPECT_EQ(d.error().code, r.code);
        }
    }
}

}  // namespace
