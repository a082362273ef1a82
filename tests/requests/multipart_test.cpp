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
        // A folded line continues the header (RFC 9112 §5.2): here it adds junk to the disposition,
        // at the offset the unfolded value gives it.
        {"obs-fold adds junk", "--b\r\n" + cd + " folded\r\n\r\nv\r\n--b--", error::unexpected_character, 46,
         "Content-Disposition"},
        {"NUL in header value", "--b\r\nContent-Disposition: form-data; name=\"a\0\"\r\n\r\nv\r\n--b--"s, error::nul_byte, 44, "Content-Disposition"},
        {"NUL in header name", "--b\r\nContent\0Type: x\r\n"s + cd + "\r\nv\r\n--b--", error::nul_byte, 12},
        {"invalid UTF-8 in name", "--b\r\nContent-Disposition: form-data; name=\"\xC3\x28\"\r\n\r\nv\r\n--b--",
         error::invalid_utf8, 43, "Content-Disposition"},  // at the value
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

// §21.22: a header block followed directly by the next delimiter is a part without content; it
// does not swallow the next part (Go's "App Engine post").
TEST(Multipart, HeaderBlockDirectlyBeforeTheDelimiter) {
    for (std::string_view nl : {"\r\n"sv, "\n"sv}) {
        SCOPED_TRACE(nl.size());
        std::string const n(nl);
        std::string const body = "--b" + n + "Content-Disposition: form-data; name=empty" + n + n +  // no CRLF *OCTET
                                 "--b" + n + "Content-Disposition: form-data; name=next" + n + n + "v" + n +
                                 "--b" + n + "Content-Disposition: form-data; name=blank" + n + n + n +  // one empty line
                                 "--b" + n + "Content-Disposition: form-data; name=last" + n + n + "--b--";
        auto form = kayako::parse_multipart(body, "multipart/form-data; boundary=b");
        ASSERT_TRUE(form) << form.error().message();
        std::vector<std::pair<std::string, std::string>> const expected = {
            {"empty", ""}, {"next", "v"}, {"blank", ""}, {"last", ""}};
        EXPECT_EQ(names_and_contents(*form), expected);
    }
    // A content that merely starts like the delimiter is the delimiter: junk after it is refused.
    auto junk = kayako::parse_multipart("--b\r\nContent-Disposition: form-data; name=a\r\n\r\n--bx\r\n--b--",
                                        "multipart/form-data; boundary=b");
    ASSERT_FALSE(junk);
    EXPECT_EQ(junk.error().code, error::invalid_multipart);
    EXPECT_EQ(junk.error().offset, 50u);
}

// §21.22: every limit of a part is set through multipart_options, checked per part, and pinned
// at its boundary (at the limit passes, one past fails with a typed error).
TEST(Multipart, PartLimitsAtTheirBoundaries) {
    std::string const disposition = "form-data; name=\"field\"; filename=\"" + std::string(3000, 'a') + ".txt\"";
    std::string const header = "Content-Disposition: " + disposition;
    std::string const type_value = "text/plain; charset=utf-8; x=1; y=2";  // three parameters
    std::string const type_header = "Content-Type: " + type_value;
    std::string body;
    for (int i = 0; i < 2; ++i) body += "--b\r\n" + header + "\r\n" + type_header + "\r\n\r\nv\r\n";
    body += "--b--";
    std::size_t const block = header.size() + 2 + type_header.size() + 2 + 2;  // its blank line included
    auto read = [&](kayako::multipart_options const& o) { return kayako::parse_multipart(body, "multipart/form-data; boundary=b", o); };
    kayako::multipart_options fits;
    fits.max_header_size = block;
    fits.max_header_line_size = header.size();
    fits.max_disposition_size = disposition.size();
    fits.max_header_parameters = 3;
    auto ok = read(fits);
    ASSERT_TRUE(ok) << ok.error().message();
    ASSERT_EQ(ok->size(), 2u);  // per part: the second part has its own allowance
    EXPECT_EQ((*ok)[1].filename.size(), 3004u);

    // The default Content-Disposition limit (2,048) refuses it, naming it.
    auto by_default = kayako::parse_multipart(body, "multipart/form-data; boundary=b");
    ASSERT_FALSE(by_default);
    EXPECT_EQ(by_default.error().code, error::too_long);
    EXPECT_EQ(by_default.error().parameter, "Content-Disposition");

    struct row {
        std::string_view what;
        kayako::multipart_options options;
        error code;
        std::size_t offset;
        std::string_view parameter;
    };
    auto one_less = [&](auto member) {
        kayako::multipart_options o = fits;
        o.*member -= 1;
        return o;
    };
    row const rows[] = {
        {"header block", one_less(&kayako::multipart_options::max_header_size), error::too_long, 5, ""},
        {"one header", one_less(&kayako::multipart_options::max_header_line_size), error::too_long, 5, "Content-Disposition"},
        {"Content-Disposition", one_less(&kayako::multipart_options::max_disposition_size), error::too_long,
         5 + 21 + disposition.size() - 1, "Content-Disposition"},
        {"parameters of a header", one_less(&kayako::multipart_options::max_header_parameters), error::too_many,
         5 + header.size() + 2 + 14 + type_value.find("y="), "Content-Type"},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.what);
        auto f = read(r.options);
        ASSERT_FALSE(f);
        EXPECT_EQ(f.error().code, r.code) << f.error().message();
        EXPECT_EQ(f.error().offset, r.offset);
        EXPECT_EQ(f.error().parameter, r.parameter);
    }
}

TEST(Multipart, FoldedHeadersAreOneLine) {  // obs-fold, RFC 9112 §5.2, as busboy and Go read it
    std::string const body =
        "--b\r\nContent-Disposition: form-data;\r\n name=\"a\";\r\n\tfilename=\"f.txt\"\r\nContent-Type: \r\n text/plain; charset=utf8\r\n\r\nv\r\n--b--";
    auto form = kayako::parse_multipart(body, "multipart/form-data; boundary=b");
    ASSERT_TRUE(form) << form.error().message();
    ASSERT_EQ(form->size(), 1u);
    EXPECT_EQ((*form)[0].name, "a");
    EXPECT_EQ((*form)[0].filename, "f.txt");
    EXPECT_EQ((*form)[0].content_type, "text/plain; charset=utf8");
    EXPECT_TRUE((*form)[0].name_as_sent.empty());  // the name lives in the unfolded copy
}

// §21.21 in part headers: a well-formed filename* wins, a malformed one is ignored, backslashes
// are literal unless before `"` or `\`, raw bytes that are not UTF-8 are ISO-8859-1.
TEST(Multipart, FileNamesAsBrowsersSendThem) {
    struct row {
        std::string_view disposition;
        std::string_view filename;
    } const rows[] = {
        {R"(form-data; name="f"; filename="a.txt"; filename*=UTF-8''n%C3%A4me.txt)", "n\xC3\xA4me.txt"},
        {R"(form-data; name="f"; filename*="UTF-8''n%C3%A4me.txt")", "n\xC3\xA4me.txt"},
        {R"(form-data; name="f"; filename="fallback.txt"; filename*=UTF-8''%FF)", "fallback.txt"},
        {R"(form-data; name="f"; filename="fallback.txt"; filename*=''a.txt)", "fallback.txt"},
        {R"(form-data; name="file"; filename="C:\dev\go\robots.txt")", R"(C:\dev\go\robots.txt)"},
        {R"(form-data; name="f"; filename="say \"hi\" \\ bye")", R"(say "hi" \ bye)"},
        {"form-data; name=\"f\"; filename=\"caf\xE9.txt\"", "caf\xC3\xA9.txt"},
        {"form-data; name=\"f\"; filename=\"caf\xC3\xA9.txt\"", "caf\xC3\xA9.txt"},
        {"form-data ; name = \"f\" ; filename = \"x.txt\" ;", "x.txt"},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.disposition);
        std::string const body = "--b\r\nContent-Disposition: " + std::string(r.disposition) + "\r\n\r\nv\r\n--b--";
        auto form = kayako::parse_multipart(body, "multipart/form-data; boundary=b");
        ASSERT_TRUE(form) << form.error().message();
        ASSERT_TRUE((*form)[0].is_file());
        EXPECT_EQ((*form)[0].filename, r.filename);
        // The reader (its own 2 KiB scratch space) gives the same.
        kayako::multipart_reader reader(body, *kayako::make_multipart_boundary("b"));
        kayako::multipart_part part;
        auto more = reader.next(part);
        ASSERT_TRUE(more && *more);
        EXPECT_EQ(part.filename, r.filename);
    }
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
