// Tests of multipart.hpp: multipart/form-data bodies (§2.4, §8.3; RFC 7578, RFC 2046 §5.1),
// reading and writing.
#include <kayako/multipart.hpp>

#include <kayako/content_md5.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using kayako::error;
using namespace std::string_view_literals;
using namespace std::string_literals;

constexpr std::string_view tv_boundary = "1modcYGLAATJpapo8jhD4UwHbF5asu4u";
constexpr std::string_view tv_content_type = R"(multipart/form-data; boundary="1modcYGLAATJpapo8jhD4UwHbF5asu4u")";

// TV-REQ-3 (§2.4), with CRLF line breaks; `newline` swaps them for the reference's bare LF.
std::string tv_req_3(std::string_view newline = "\r\n") {
    std::string body;
    auto part = [&](std::string_view name, std::string_view value) {
        body += "--";
        body += tv_boundary;
        body += newline;
        body += "Content-Disposition: form-data; name=\"";
        body += name;
        body += "\"";
        body += newline;
        body += newline;
        body += value;
        body += newline;
    };
    part("name", "Caryn Pryor");
    part("integer_number", "123");
    part("float_number", "1.5");
    part("date", "2015-09-01T14:45:04Z");
    part("is_boolean", "1");
    part("array_items[]", "1");
    part("array_items[]", "2");
    body += "--";
    body += tv_boundary;
    body += "--";
    body += newline;
    return body;
}

std::vector<std::pair<std::string, std::string>> names_and_contents(kayako::multipart_form const& form) {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto const& p : form) out.emplace_back(std::string(p.name), std::string(p.content));
    return out;
}

std::vector<std::pair<std::string, std::string>> const tv_req_3_parts = {
    {"name", "Caryn Pryor"}, {"integer_number", "123"}, {"float_number", "1.5"}, {"date", "2015-09-01T14:45:04Z"},
    {"is_boolean", "1"},     {"array_items[]", "1"},    {"array_items[]", "2"},
};

TEST(Multipart, BoundaryQuotedOrNot) {  // §2.4
    auto quoted = kayako::parse_multipart_boundary(tv_content_type);
    ASSERT_TRUE(quoted);
    EXPECT_EQ(quoted->value(), tv_boundary);
    EXPECT_EQ(quoted->delimiter(), std::string("\r\n--") + std::string(tv_boundary));
    auto plain = kayako::parse_multipart_boundary("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->value(), "----WebKitFormBoundary7MA4YWxkTrZu0gW");
    auto spaced = kayako::parse_multipart_boundary(R"(multipart/form-data; boundary="a b:c")");
    ASSERT_TRUE(spaced);
    EXPECT_EQ(spaced->value(), "a b:c");
}

TEST(Multipart, BadBoundaries) {
    struct row {
        std::string_view content_type;
        error code;
    } const rows[] = {
        {"multipart/form-data", error::missing_boundary},
        {"multipart/form-data; boundary=\"\"", error::missing_boundary},
        {"multipart/form-data; boundary=\"ends in space \"", error::missing_boundary},
        {"multipart/form-data; boundary=\"semi;colon\"", error::missing_boundary},
        {"multipart/form-data; boundary=\"x\\\"y\"", error::missing_boundary},
        {"multipart/form-data; boundary=01234567890123456789012345678901234567890123456789012345678901234567890",
         error::missing_boundary},  // 71 characters
        {"application/json; boundary=x", error::invalid_content_type},
        {"multipart/form-data; boundary=", error::unexpected_end},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.content_type);
        auto b = kayako::parse_multipart_boundary(r.content_type);
        ASSERT_FALSE(b);
        EXPECT_EQ(b.error().code, r.code);
        EXPECT_EQ(b.error().parameter, "Content-Type");
    }
    EXPECT_TRUE(kayako::make_multipart_boundary(std::string(70, 'a')));
}

TEST(Multipart, ReadsTvReq3WithCrlfAndBareLf) {  // TV-REQ-3, §20.9
    for (std::string_view newline : {"\r\n"sv, "\n"sv}) {
        std::string const body = tv_req_3(newline);
        auto form = kayako::parse_multipart(body, tv_content_type);
        ASSERT_TRUE(form) << form.error().message();
        EXPECT_EQ(names_and_contents(*form), tv_req_3_parts);
        // Zero copy: contents are views into the body.
        for (auto const& p : *form) {
            EXPECT_GE(p.content.data(), body.data());
            EXPECT_LE(p.content.data() + p.content.size(), body.data() + body.size());
            EXPECT_FALSE(p.is_file());
        }
        ASSERT_NE(form->find("ArrayItems"), nullptr);
        EXPECT_EQ(form->find("arrayItems")->content, "2");  // §2.5, last one
        EXPECT_EQ(form->find("missing"), nullptr);
    }
}

TEST(Multipart, StrictCrlfRefusesBareLf) {
    std::string const body = tv_req_3("\n");
    kayako::multipart_options strict;
    strict.allow_bare_lf = false;
    auto form = kayako::parse_multipart(body, tv_content_type, strict);
    ASSERT_FALSE(form);
    // The opening delimiter is at 0; its bare LF is at 34.
    EXPECT_EQ(form.error().code, error::invalid_multipart);
    EXPECT_EQ(form.error().offset, 34u);
    EXPECT_TRUE(kayako::parse_multipart(tv_req_3(), tv_content_type, strict));
}

TEST(Multipart, FilesPartsHeadersPreambleEpilogue) {  // TV-FU-3, §8.3
    std::string const png1 = "\x89PNG\r\n\x1a\n--not-the-boundary\r\n-- bin\0ary"s;
    std::string const png2 = "second";
    std::string body = "This is the preamble.\r\n"
                       "--XyZ  \r\n"  // transport padding
                       "content-disposition: form-data; filename=\"coffee.png\"\r\n"
                       "Content-Type: image/png\r\n"
                       "Content-Transfer-Encoding: binary\r\n"
                       "Content-Length: " + std::to_string(png1.size()) + "\r\n"
                       "Content-MD5: " + kayako::format_content_md5(kayako::md5_of(png1)) + "\r\n"
                       "X-Unknown: ignored\r\n"
                       "\r\n" + png1 + "\r\n"
                       "--XyZ\r\n"
                       "Content-Disposition: form-data; name=\"files[]\"; filename=\"cappuccino.png\"\r\n"
                       "Content-Type: image/png\r\n"
                       "Content-MD5: " + kayako::format_md5_hex(kayako::md5_of(png2)) + "\r\n"
                       "\r\n" + png2 + "\r\n"
                       "--XyZ--\r\nThis is the epilogue.\r\n--XyZ\r\n";
    auto form = kayako::parse_multipart(body, "multipart/form-data; boundary=XyZ");
    ASSERT_TRUE(form) << form.error().message();
    ASSERT_EQ(form->size(), 2u);
    auto const& a = (*form)[0];
    EXPECT_FALSE(a.has_name);
    EXPECT_TRUE(a.is_file());
    EXPECT_EQ(a.filename, "coffee.png");
    EXPECT_EQ(a.content_type, "image/png");
    EXPECT_EQ(a.transfer_encoding, "binary");
    EXPECT_EQ(a.content, png1);
    EXPECT_EQ(body.substr(a.content_offset, png1.size()), png1);
    auto const& b = (*form)[1];
    EXPECT_EQ(b.name, "files[]");
    EXPECT_EQ(b.filename, "cappuccino.png");
    EXPECT_EQ(b.content, png2);
}

TEST(Multipart, EmptyFormAndEmptyParts) {
    auto none = kayako::parse_multipart("--b--\r\n", "multipart/form-data; boundary=b");
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
    auto empty_value = kayako::parse_multipart("--b\r\nContent-Disposition: form-data; name=x\r\n\r\n\r\n--b--",
                                               "multipart/form-data; boundary=b");
    ASSERT_TRUE(empty_value) << empty_value.error().message();
    ASSERT_EQ(empty_value->size(), 1u);
    EXPECT_EQ((*empty_value)[0].content, "");
}

TEST(Multipart, QuotedPairsInNamesAreResolvedAndOwned) {
    std::string body = "--b\r\nContent-Disposition: form-data; name=\"a\\\"q\\\"\"; filename=\"x\\\\y.txt\"\r\n\r\nv\r\n--b--";
    auto form = kayako::parse_multipart(body, "multipart/form-data; boundary=b");
    ASSERT_TRUE(form) << form.error().message();
    kayako::multipart_form moved = std::move(*form);
    EXPECT_EQ(moved[0].name, "a\"q\"");
    EXPECT_EQ(moved[0].filename, "x\\y.txt");
}

TEST(Multipart, ChecksumIsChecked) {  // §8.3, §21.10
    std::string const good_hex = kayako::format_md5_hex(kayako::md5_of("data"));
    auto body = [](std::string_view md5) {
        return "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.bin\"\r\nContent-MD5: " + std::string(md5) +
               "\r\n\r\ndata\r\n--b--\r\n";
    };
    EXPECT_TRUE(kayako::parse_multipart(body(good_hex), "multipart/form-data; boundary=b"));
    std::string upper = good_hex;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_TRUE(kayako::parse_multipart(body(upper), "multipart/form-data; boundary=b"));

    std::string const wrong = body(kayako::format_md5_hex(kayako::md5_of("other")));
    auto bad = kayako::parse_multipart(wrong, "multipart/form-data; boundary=b");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, error::checksum_mismatch);
    EXPECT_EQ(bad.error().parameter, "f");
    EXPECT_EQ(bad.error().offset, wrong.find("\r\n\r\ndata") + 4);

    kayako::multipart_options unchecked;
    unchecked.verify_checksums = false;
    EXPECT_TRUE(kayako::parse_multipart(wrong, "multipart/form-data; boundary=b", unchecked));

    auto malformed = kayako::parse_multipart(body("xyz"), "multipart/form-data; boundary=b");
    ASSERT_FALSE(malformed);
    EXPECT_EQ(malformed.error().code, error::invalid_header);
    EXPECT_EQ(malformed.error().parameter, "Content-MD5");
}

struct bad_body {
    std::string_view what;
    std::string body;
    error code;
    std::size_t offset;
    std::string_view parameter = {};
};

TEST(Multipart, BadBodies) {
    std::string const cd = "Content-Disposition: form-data; name=\"a\"\r\n";
    bad_body const rows[] = {
        {"empty body", "", error::unexpected_end, 0},
        {"no delimiter at all", "just text", error::unexpected_end, 9},
        {"boundary never closes", "--b\r\n" + cd + "\r\nvalue", error::unexpected_end, 54},
        {"closing delimiter cut", "--b\r\n" + cd + "\r\nv\r\n--b", error::unexpected_end, 55},
        {"part without headers", "--b\r\n\r\nvalue\r\n--b--", error::invalid_multipart, 5, "Content-Disposition"},
        {"missing Content-Disposition", "--b\r\nContent-Type: text/plain\r\n\r\nv\r\n--b--", error::invalid_multipart, 5,
         "Content-Disposition"},
        {"not form-data", "--b\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n--b--", error::invalid_header, 26,
         "Content-Disposition"},
        {"junk after boundary", "--bx\r\n" + cd + "\r\nv\r\n--b--", error::invalid_multipart, 3},
        {"headers never end", "--b\r\n" + cd, error::unexpected_end, 47},
        {"header without colon", "--b\r\nContent-Disposition form-data\r\n\r\nv\r\n--b--", error::invalid_multipart, 24},
        {"obs-fold", "--b\r\n" + cd + " folded\r\n\r\nv\r\n--b--", error::invalid_multipart, 47},
        {"NUL in header value", "--b\r\nContent-Disposition: form-data; name=\"a\0\"\r\n\r\nv\r\n--b--"s, error::nul_byte, 44, "Content-Disposition"},
        {"NUL in header name", "--b\r\nContent\0Type: x\r\n"s + cd + "\r\nv\r\n--b--", error::nul_byte, 12},
        {"invalid UTF-8 in name", "--b\r\nContent-Disposition: form-data; name=\"\xC3\x28\"\r\n\r\nv\r\n--b--",
         error::invalid_utf8, 37, "Content-Disposition"},
        {"duplicate disposition", "--b\r\n" + cd + cd + "\r\nv\r\n--b--", error::duplicate, 47, "Content-Disposition"},
        {"duplicate name parameter", "--b\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nv\r\n--b--",
         error::duplicate, 45, "Content-Disposition"},
        {"base64 transfer encoding", "--b\r\n" + cd + "Content-Transfer-Encoding: base64\r\n\r\ndg==\r\n--b--",
         error::invalid_header, 74, "Content-Transfer-Encoding"},
        {"wrong Content-Length", "--b\r\n" + cd + "Content-Length: 5\r\n\r\nv\r\n--b--", error::invalid_multipart, 63,
         "Content-Length"},
        {"bad Content-Length", "--b\r\n" + cd + "Content-Length: -1\r\n\r\nv\r\n--b--", error::integer_out_of_range, 63,
         "Content-Length"},
        {"huge Content-Length", "--b\r\n" + cd + "Content-Length: 99999999999999999999999\r\n\r\nv\r\n--b--",
         error::integer_out_of_range, 63, "Content-Length"},
        {"bad part Content-Type", "--b\r\n" + cd + "Content-Type: image\r\n\r\nv\r\n--b--", error::unexpected_end, 66,
         "Content-Type"},
        {"CR inside a header line", "--b\r\n" + cd + "X-A: a\rb\r\n\r\nv\r\n--b--", error::invalid_header, 53, "X-A"},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.what);
        auto form = kayako::parse_multipart(r.body, "multipart/form-data; boundary=b");
        ASSERT_FALSE(form);
        EXPECT_EQ(form.error().code, r.code) << form.error().message();
        EXPECT_EQ(form.error().offset, r.offset);
        EXPECT_EQ(form.error().parameter, r.parameter);
    }
}

TEST(Multipart, Limits) {
    std::string body;
    for (int i = 0; i < 3; ++i) body += "--b\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\nv\r\n";
    body += "--b--";
    kayako::multipart_options two;
    two.max_parts = 2;
    auto many = kayako::parse_multipart(body, "multipart/form-data; boundary=b", two);
    ASSERT_FALSE(many);
    EXPECT_EQ(many.error().code, error::too_many);

    kayako::multipart_options small;
    small.max_header_size = 20;
    auto long_headers = kayako::parse_multipart(body, "multipart/form-data; boundary=b", small);
    ASSERT_FALSE(long_headers);
    EXPECT_EQ(long_headers.error().code, error::too_long);
    EXPECT_EQ(long_headers.error().offset, 5u);

    kayako::multipart_options tiny;
    tiny.max_size = 10;
    auto big = kayako::parse_multipart(body, "multipart/form-data; boundary=b", tiny);
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().code, error::too_long);

    // A header block without any line break is refused at the limit, not scanned to the end.
    std::string endless = "--b\r\n" + std::string(100000, 'x');
    auto r = kayako::parse_multipart(endless, "multipart/form-data; boundary=b");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::too_long);
}

TEST(Multipart, ReaderRepeatsItsFailure) {
    kayako::multipart_boundary const b = *kayako::make_multipart_boundary("b");
    kayako::multipart_reader reader("--b\r\n\r\n", b);
    kayako::multipart_part part;
    auto first = reader.next(part);
    auto second = reader.next(part);
    ASSERT_FALSE(first);
    ASSERT_FALSE(second);
    EXPECT_EQ(first.error(), second.error());
}

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
