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
        {"attachment; foo=1; FOO=2", error::duplicate, 19},  // any parameter, known or not (§21.21)
        {"attachment; filename*=''a; filename*=UTF-8''b", error::duplicate, 27},
        {"attachment; filename =", error::unexpected_end, 22},
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

// §21.21, one rule a row: the file name a header gives (nullopt: none).
TEST(ContentDisposition, FileNamesAsBrowsersAndTc2231ReadThem) {
    struct row {
        std::string_view text;
        std::optional<std::string_view> filename;
        bool part_header = false;  // read as the header of a multipart part
    } const rows[] = {
        // optional whitespace around `=` and `;`, empty parameters ignored
        {"attachment; filename = \"a.txt\"", "a.txt"},
        {"attachment ;filename=a.txt;;", "a.txt"},
        {"attachment;\tfilename*\t=\tUTF-8''a.txt", "a.txt"},
        // a well-formed filename* wins, whatever the order, quoted too
        {"attachment; filename*=UTF-8''%C3%A4.txt; filename=a.txt", "\xC3\xA4.txt"},
        {"attachment; filename=a.txt; filename*=\"utf-8'de'%C3%A4.txt\"", "\xC3\xA4.txt"},
        {"attachment; filename*=ISO-8859-1''%E4.txt", "\xC3\xA4.txt"},
        // malformed filename*: ignored, `filename` used
        {"attachment; filename=a.txt; filename*=''b.txt", "a.txt"},             // no charset
        {"attachment; filename=a.txt; filename*=UTF-8'b.txt", "a.txt"},          // one quote
        {"attachment; filename=a.txt; filename*=UTF-8''b%.txt", "a.txt"},        // bad `%`
        {"attachment; filename=a.txt; filename*=UTF-8''b%4", "a.txt"},           // cut `%`
        {"attachment; filename=a.txt; filename*=KOI8-R''b.txt", "a.txt"},        // unknown charset
        {"attachment; filename=a.txt; filename*=UTF-8''%E4.txt", "a.txt"},       // mismatched charset
        {"attachment; filename=a.txt; filename *=UTF-8''b.txt", "a.txt"},        // whitespace in the name
        {"attachment; filename=a.txt; filename*=\"UTF-8''b c.txt\"", "a.txt"},   // whitespace in the value
        {"attachment; filename=a.txt; filename*=UTF-8''b%00.txt", "a.txt"},      // U+0000
        {"attachment; filename=a.txt; filename*=UTF-8''b%1F.txt", "a.txt"},      // U+001F
        {"attachment; filename=a.txt; filename*=UTF-8''b%7F.txt", "a.txt"},      // U+007F
        {"attachment; filename=a.txt; filename*=UTF-8''b%C2%80.txt", "a.txt"},   // U+0080
        {"attachment; filename=a.txt; filename*=UTF-8''b%C2%9F.txt", "a.txt"},   // U+009F
        {"attachment; filename=a.txt; filename*=ISO-8859-1''b%9F.txt", "a.txt"}, // U+009F
        {"attachment; filename*=UTF-8''b%C2%A0.txt", "b\xC2\xA0.txt"},           // U+00A0: not a control
        {"attachment; filename*=UTF-8''b%20.txt", "b .txt"},                     // U+0020: not a control
        {"attachment; filename*=UTF-8''%ZZ", std::nullopt},                      // nothing to fall back to
        // raw bytes: UTF-8 when valid, ISO-8859-1 otherwise
        {"attachment; filename=\"\xC3\xA4.txt\"", "\xC3\xA4.txt"},
        {"attachment; filename=\"\xE4.txt\"", "\xC3\xA4.txt"},
        {"attachment; filename=\"\xFF\xC3\xA4\"", "\xC3\xBF\xC3\x83\xC2\xA4"},
        // backslashes: HTTP header fields escape every character, part headers only `"` and `\`
        {R"(attachment; filename="C:\dev\a.txt")", "C:deva.txt"},
        {R"(form-data; filename="C:\dev\a.txt")", R"(C:\dev\a.txt)", true},
        {R"(form-data; filename="a\"b\\c\d")", R"(a"b\c\d)", true},
        {R"(form-data; filename="a\\")", R"(a\)", true},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(testing::PrintToString(std::string(r.text)));
        kayako::content_disposition_options options;
        options.literal_backslashes = r.part_header;
        auto d = kayako::parse_content_disposition(r.text, options);
        ASSERT_TRUE(d) << d.error().message();
        EXPECT_EQ(d->has_filename(), r.filename.has_value());
        if (r.filename) {
            EXPECT_EQ(d->filename_text(), *r.filename);
        }
        std::string room(d->filename_size_bound(), '?');  // the allocation-free writer agrees
        EXPECT_EQ(std::string_view(room.data(), d->write_filename(room.data())), d->filename_text());
    }
    auto ignored = kayako::parse_content_disposition("attachment; filename*=UTF-8''%FF");
    ASSERT_TRUE(ignored);
    EXPECT_TRUE(ignored->filename_ext_ignored);
    EXPECT_FALSE(ignored->filename_ext);
    auto q = kayako::parse_content_disposition("attachment; x=\"1\"; Y=2");
    ASSERT_TRUE(q);
    ASSERT_TRUE(q->parameter("y"));
    EXPECT_EQ(q->parameter("y")->value, "2");
    EXPECT_EQ(q->parameter("x")->value_offset, 5u);  // offsets of `parameters()` are into parameters_text
}

}  // namespace
