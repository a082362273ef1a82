// Tests of multipart_builder.hpp: writing multipart/form-data bodies the way the Java SDK sends
// them (§2.4, §18), each read back by multipart_reader.hpp.
#include <kayako/request/multipart_builder.hpp>

#include <kayako/request/multipart_reader.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

using kayako::error;
using namespace std::string_view_literals;
using namespace std::string_literals;

TEST(MultipartBuilder, RoundTrip) {  // the Java SDK's encoding (§18)
    std::string const file = "binary\0\r\n--data"s;
    kayako::multipart_builder builder({.content_md5 = true});
    ASSERT_TRUE(builder.add_field("name", "Caryn Pryor"));
    ASSERT_TRUE(builder.add_list_item("array_items", "1"));
    ASSERT_TRUE(builder.add_list_item("array_items", "2"));
    ASSERT_TRUE(builder.add_field("quote\"d", "x"));
    ASSERT_TRUE(builder.add_file("files", "coffee.png", file, "image/png"));
    auto const out = builder.finish();
    EXPECT_EQ(out.content_type.rfind("multipart/form-data; boundary=kayako-", 0), 0u);
    auto form = kayako::parse_multipart(out.body, out.content_type, {.allow_bare_lf = false});
    ASSERT_TRUE(form) << form.error().message();
    ASSERT_EQ(form->size(), 5u);
    EXPECT_EQ((*form)[0].name, "name");
    EXPECT_EQ((*form)[0].content, "Caryn Pryor");
    EXPECT_EQ((*form)[1].name, "array_items[]");
    EXPECT_EQ((*form)[2].content, "2");
    EXPECT_EQ((*form)[3].name, "quote\"d");
    EXPECT_EQ((*form)[4].filename, "coffee.png");
    EXPECT_EQ((*form)[4].content_type, "image/png");
    EXPECT_EQ((*form)[4].content, file);
    EXPECT_FALSE((*form)[4].content_md5.empty());
    // Deterministic: the same parts give the same body.
    EXPECT_EQ(builder.finish().body, out.body);
}

TEST(MultipartBuilder, BoundaryNeverOccursInTheData) {
    // A file that contains the boundary the builder would pick first.
    kayako::multipart_builder probe;
    ASSERT_TRUE(probe.add_field("f", "x"));
    std::string const first_choice(probe.finish().content_type.substr(30));
    std::string const evil = "x\r\n--" + first_choice + "--\r\n";
    kayako::multipart_builder builder;
    ASSERT_TRUE(builder.add_field("f", evil));
    auto const out = builder.finish();
    std::string const boundary = out.content_type.substr(30);
    EXPECT_EQ(evil.find(boundary), std::string::npos);
    auto form = kayako::parse_multipart(out.body, out.content_type);
    ASSERT_TRUE(form);
    EXPECT_EQ((*form)[0].content, evil);
}

TEST(MultipartBuilder, RefusesHeaderInjection) {
    kayako::multipart_builder builder;
    auto crlf = builder.add_field("a\r\nX-Evil: 1", "v");
    ASSERT_FALSE(crlf);
    EXPECT_EQ(crlf.error().code, error::header_injection);
    EXPECT_EQ(crlf.error().offset, 1u);
    auto nul = builder.add_file("f", "a\0b"sv, "data");
    ASSERT_FALSE(nul);
    EXPECT_EQ(nul.error().code, error::header_injection);
    auto type = builder.add_file("f", "a", "data", "image/png\r\nX: y");
    ASSERT_FALSE(type);
    EXPECT_EQ(type.error().parameter, "Content-Type");
    auto bad_type = builder.add_file("f", "a", "data", "not a type");
    ASSERT_FALSE(bad_type);
    auto ctl = builder.add_field("a\x01", "v");
    ASSERT_FALSE(ctl);
    EXPECT_EQ(ctl.error().code, error::invalid_header);
    auto utf8 = builder.add_field("\xFF", "v");
    ASSERT_FALSE(utf8);
    EXPECT_EQ(utf8.error().code, error::invalid_utf8);
}

}  // namespace
