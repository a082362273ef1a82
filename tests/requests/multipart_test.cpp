// Tests of multipart_reader.hpp and multipart_boundary.hpp: reading multipart/form-data bodies
// (§2.4, §8.3; RFC 7578, RFC 2046 §5.1); one UTF-8 table also pins the builder's name check.
#include <kayako/request/multipart_reader.hpp>

#include <kayako/request/multipart_boundary.hpp>
#include <kayako/request/multipart_builder.hpp>
#include <kayako/core/api_error.hpp>
#include <kayako/request/content_md5.hpp>

#include "support/views.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <functional>
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

// Calls `check` with `text` as a server hands it over: at the very end of a heap block (ASan sees
// a read past it), and followed by each tail that changes the answer if it is read.
void for_each_view(std::string_view text, std::function<void(std::string_view)> const& check) {
    {
        SCOPED_TRACE("exact buffer");
        kayako::test::exact_buffer const exact(text);
        check(exact.view());
    }
    for (std::string_view tail : kayako::test::over_read_tails) {
        SCOPED_TRACE(testing::PrintToString(std::string(tail)));
        kayako::test::with_tail const longer(text, tail);
        check(longer.view());
    }
}

// Everything a parse says, as text to compare between two reads of the same bytes.
std::string outcome(kayako::result<kayako::multipart_form> const& form) {
    if (!form)
        return "failure " + std::to_string(static_cast<int>(form.error().code)) + " at " + std::to_string(form.error().offset) +
               " of '" + std::string(form.error().parameter) + "'";
    std::string out = std::to_string(form->size()) + " parts";
    for (auto const& p : *form) {
        out += "\n[" + std::string(p.name) + "|" + std::to_string(p.has_name) + "|" + std::string(p.filename) + "|" +
               std::to_string(p.has_filename) + "|" + std::string(p.content_type) + "|" + std::string(p.transfer_encoding) +
               "|" + std::string(p.content_md5) + "|" + std::to_string(p.header_offset) + "|" +
               std::to_string(p.content_offset) + "]" + std::string(p.content);
    }
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

// Strict CRLF (§8.3, RFC 2046 §5.1.1) holds on every line of a part's header block, not only the
// first: a bare LF ending the second or third header line, or standing as the blank line that ends
// the block, is `invalid_multipart` at that LF; the lenient default reads each one.
TEST(Multipart, StrictCrlfOnEveryHeaderLine) {
    std::string const good = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n";
    std::size_t const disposition_end = good.find("\r\nContent-Type");
    std::size_t const type_end = good.find("\r\n\r\n");
    std::size_t const blank_line = type_end + 2;
    kayako::multipart_options strict;
    strict.allow_bare_lf = false;
    ASSERT_TRUE(kayako::parse_multipart(good, "multipart/form-data; boundary=b", strict));
    for (std::size_t cr : {disposition_end, type_end, blank_line}) {
        SCOPED_TRACE(cr);
        std::string body = good;
        body.erase(cr, 1);  // that line now ends in a bare LF, at `cr`
        auto const refused = kayako::parse_multipart(body, "multipart/form-data; boundary=b", strict);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, error::invalid_multipart);
        EXPECT_EQ(refused.error().offset, cr);
        auto const lenient = kayako::parse_multipart(body, "multipart/form-data; boundary=b");
        ASSERT_TRUE(lenient) << lenient.error().message();
        ASSERT_NE(lenient->find("a"), nullptr);
        EXPECT_EQ(lenient->find("a")->content, "x");
    }
}

// A part's header field is `name ":" OWS value OWS` (RFC 9112 §5, RFC 7578 §4.8): the OWS is
// optional, so a value may start right after the colon, be empty, or be only whitespace.
TEST(Multipart, HeaderValuesWithoutOptionalWhitespace) {
    std::string const body = "--b\r\nContent-Disposition:form-data; name=\"a\"\r\nContent-Type:text/plain\r\n"
                             "X-Empty:\r\nX-Blank: \t \r\nContent-Transfer-Encoding:binary\r\n\r\nx\r\n--b--\r\n";
    auto const form = kayako::parse_multipart(body, "multipart/form-data; boundary=b");
    ASSERT_TRUE(form) << form.error().message();
    ASSERT_NE(form->find("a"), nullptr);
    EXPECT_EQ(form->find("a")->content_type, "text/plain");
    EXPECT_EQ(form->find("a")->transfer_encoding, "binary");
    EXPECT_EQ(form->find("a")->content, "x");
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
        for_each_view(r.body, [&](std::string_view v) {
            EXPECT_EQ(outcome(kayako::parse_multipart(v, "multipart/form-data; boundary=b")), outcome(form));
        });
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

// ---------------------------------------------------------------------------------------------
// Every rule at its bounds (issue 12): character classes byte by byte, each limit at the row that
// passes and the row just past it, every body read through views into larger buffers.
// ---------------------------------------------------------------------------------------------

// RFC 2046 §5.1.1 `bchars`, spelled out as the RFC lists them.
constexpr std::string_view rfc2046_bchars =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'()+_,-./:=? ";

std::string one_part_body(std::string_view boundary, std::string_view newline = "\r\n") {
    std::string const b(boundary), n(newline);
    return "--" + b + n + "Content-Disposition: form-data; name=a" + n + n + "v" + n + "--" + b + "--";
}

// §2.4, RFC 2046 §5.1.1: a boundary is made of bchars, every one of them usable (browsers and
// JavaMail send `=`: `----=_Part_0_1`), and nothing else.
TEST(Multipart, BoundaryCharactersAreExactlyTheBcharsOfRfc2046) {
    int accepted = 0;
    for (int byte = 0; byte < 256; ++byte) {
        char const c = static_cast<char>(byte);
        SCOPED_TRACE(byte);
        bool const bchar = rfc2046_bchars.find(c) != std::string_view::npos;
        std::string const inside = std::string("x") + c + "y";
        auto made = kayako::make_multipart_boundary(inside);
        ASSERT_EQ(static_cast<bool>(made), bchar);
        // Alone and last: any bchar but the space (bcharsnospace).
        auto last = kayako::make_multipart_boundary(std::string("xy") + c);
        EXPECT_EQ(static_cast<bool>(last), bchar && c != ' ');
        auto alone = kayako::make_multipart_boundary(std::string(1, c));
        EXPECT_EQ(static_cast<bool>(alone), bchar && c != ' ');
        if (!made) {
            EXPECT_EQ(made.error().code, error::missing_boundary);
            EXPECT_EQ(made.error().offset, 1u);
            EXPECT_EQ(last.error().offset, 2u);
            continue;
        }
        ++accepted;
        EXPECT_EQ(made->value(), inside);
        EXPECT_EQ(made->delimiter(), "\r\n--" + inside);
        // Through the Content-Type (quoted: a space or `:` is not a token char) and a whole body.
        std::string const content_type = "multipart/form-data; boundary=\"" + inside + "\"";
        std::string const body = one_part_body(inside);
        auto form = kayako::parse_multipart(body, content_type);
        ASSERT_TRUE(form) << form.error().message();
        ASSERT_EQ(form->size(), 1u);
        EXPECT_EQ((*form)[0].content, "v");
    }
    EXPECT_EQ(accepted, 75);  // 10 digits, 52 letters, 12 others and the space
    std::string const java_mail_body = one_part_body("----=_Part_0_1463278921.1463278921");
    auto java_mail = kayako::parse_multipart(java_mail_body, "multipart/form-data; boundary=\"----=_Part_0_1463278921.1463278921\"");
    ASSERT_TRUE(java_mail) << java_mail.error().message();
    EXPECT_EQ((*java_mail)[0].name, "a");
    auto spaced = kayako::make_multipart_boundary(" a");  // a leading space is a bchar
    ASSERT_TRUE(spaced);
    EXPECT_EQ(spaced->value(), " a");
}

// RFC 2046 §5.1.1: 1 to 70 characters, whether made directly or read from the Content-Type.
TEST(Multipart, BoundaryLengthFromOneToSeventy) {
    for (std::size_t size : {0u, 1u, 2u, 69u, 70u, 71u, 72u, 140u}) {
        SCOPED_TRACE(size);
        std::string text;
        for (std::size_t i = 0; i < size; ++i) text += rfc2046_bchars[i % (rfc2046_bchars.size() - 1)];
        bool const fits = size >= 1 && size <= 70;
        auto made = kayako::make_multipart_boundary(text);
        ASSERT_EQ(static_cast<bool>(made), fits);
        auto read = kayako::parse_multipart_boundary("multipart/form-data; boundary=\"" + text + "\"");
        ASSERT_EQ(static_cast<bool>(read), fits);
        if (!fits) {
            EXPECT_EQ(made.error().code, error::missing_boundary);
            EXPECT_EQ(made.error().offset, size == 0 ? 0u : 70u);
            EXPECT_EQ(read.error().code, error::missing_boundary);
            EXPECT_EQ(read.error().offset, size == 0 ? 0u : 70u);
            EXPECT_EQ(read.error().parameter, "Content-Type");
            continue;
        }
        EXPECT_EQ(made->value(), text);
        EXPECT_EQ(read->value(), text);
        EXPECT_EQ(read->delimiter(), "\r\n--" + text);
        std::string const body = one_part_body(text);
        auto form = kayako::parse_multipart(body, *read);
        ASSERT_TRUE(form) << form.error().message();
        EXPECT_EQ((*form)[0].content, "v");
    }
    // A trailing space is refused where it stands, at the limit too.
    auto spaced = kayako::make_multipart_boundary(std::string(69, 'a') + " ");
    ASSERT_FALSE(spaced);
    EXPECT_EQ(spaced.error().offset, 69u);
    auto lone_space = kayako::make_multipart_boundary(" ");
    ASSERT_FALSE(lone_space);
    EXPECT_EQ(lone_space.error().offset, 0u);
}

std::string repeated_parts(std::size_t parts) {
    std::string body;
    for (std::size_t i = 0; i < parts; ++i) body += "--b\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\nv\r\n";
    return body + "--b--";
}

// §21.14 (1,000 parameters by default): exactly `max_parts` parts pass, one more is `too_many`
// at the headers of the part past the limit.
TEST(Multipart, PartCountAtItsLimit) {
    std::size_t const part_size = repeated_parts(1).size() - 5;
    kayako::multipart_boundary const b = *kayako::make_multipart_boundary("b");
    for (std::size_t max : {0u, 1u, 2u, 7u, 1000u}) {
        SCOPED_TRACE(max);
        kayako::multipart_options o;
        if (max != 1000) o.max_parts = max;
        EXPECT_EQ(o.max_parts, max);
        std::string const at = repeated_parts(max);
        auto ok = kayako::parse_multipart(at, b, o);
        ASSERT_TRUE(ok) << ok.error().message();
        EXPECT_EQ(ok->size(), max);
        std::string const past = repeated_parts(max + 1);
        auto refused = kayako::parse_multipart(past, b, o);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, error::too_many);
        EXPECT_EQ(refused.error().offset, max * part_size + 5);
        EXPECT_EQ(kayako::to_string(kayako::api_error_for(refused.error())), "FIELD_INVALID");
        // The reader counts the same way.
        kayako::multipart_reader reader(past, b, o);
        kayako::multipart_part part;
        std::size_t read = 0;
        for (;;) {
            auto more = reader.next(part);
            if (!more) {
                EXPECT_EQ(more.error().code, error::too_many);
                break;
            }
            ASSERT_TRUE(*more);
            ++read;
        }
        EXPECT_EQ(read, max);
    }
}

// The body size limit: a body of exactly `max_size` bytes passes, one byte more is `too_long`.
TEST(Multipart, BodySizeAtItsLimit) {
    std::string const body = repeated_parts(3);
    kayako::multipart_options o;
    EXPECT_EQ(o.max_size, 64u * 1024 * 1024);
    o.max_size = body.size();
    auto ok = kayako::parse_multipart(body, "multipart/form-data; boundary=b", o);
    ASSERT_TRUE(ok) << ok.error().message();
    EXPECT_EQ(ok->size(), 3u);
    o.max_size = body.size() - 1;
    auto big = kayako::parse_multipart(body, "multipart/form-data; boundary=b", o);
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().code, error::too_long);
    EXPECT_EQ(big.error().offset, body.size() - 1);
}

// §21.22, the defaults of the per-part limits, and each at its bound in a second form: a
// folded header counts its folds, a header block that ends with the body is cut (not too long),
// the parameters of a Content-Disposition count like those of a Content-Type.
TEST(Multipart, PartLimitsDefaultsAndBounds) {
    kayako::multipart_options const defaults;
    EXPECT_TRUE(defaults.allow_bare_lf);
    EXPECT_TRUE(defaults.verify_checksums);
    EXPECT_EQ(defaults.max_parts, 1000u);
    EXPECT_EQ(defaults.max_header_size, 8192u);
    EXPECT_EQ(defaults.max_header_line_size, 8192u);
    EXPECT_EQ(defaults.max_disposition_size, 2048u);
    EXPECT_EQ(defaults.max_header_parameters, 16u);
    EXPECT_EQ(kayako::max_boundary_size, 70u);

    auto read = [](std::string const& body, kayako::multipart_options const& o) {
        return kayako::parse_multipart(body, "multipart/form-data; boundary=b", o);
    };
    {  // a folded header: its folds count towards one header's size
        std::string const header = "Content-Disposition: form-data;\r\n name=a";
        std::string const body = "--b\r\n" + header + "\r\n\r\nv\r\n--b--";
        kayako::multipart_options o;
        o.max_header_line_size = header.size();
        auto ok = read(body, o);
        ASSERT_TRUE(ok) << ok.error().message();
        EXPECT_EQ((*ok)[0].name, "a");
        o.max_header_line_size = header.size() - 1;
        auto refused = read(body, o);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, error::too_long);
        EXPECT_EQ(refused.error().offset, 5u);
        EXPECT_EQ(refused.error().parameter, "Content-Disposition");
    }
    {  // a header block without a line break: cut when the body ends inside the allowance, too
       // long when the allowance ends first
        std::string const line = std::string(100, 'x');
        std::string const body = "--b\r\n" + line;
        kayako::multipart_options o;
        o.max_header_size = line.size();
        auto cut = read(body, o);
        ASSERT_FALSE(cut);
        EXPECT_EQ(cut.error().code, error::unexpected_end);
        EXPECT_EQ(cut.error().offset, body.size());
        o.max_header_size = line.size() - 1;
        auto long_block = read(body, o);
        ASSERT_FALSE(long_block);
        EXPECT_EQ(long_block.error().code, error::too_long);
        EXPECT_EQ(long_block.error().offset, 5u);
    }
    {  // the parameters of a Content-Disposition
        std::string disposition = "form-data; name=a";
        for (int i = 0; i < 15; ++i) disposition += "; p" + std::to_string(i) + "=1";  // 16 in all
        std::string const body = "--b\r\nContent-Disposition: " + disposition + "\r\n\r\nv\r\n--b--";
        auto ok = read(body, {});
        ASSERT_TRUE(ok) << ok.error().message();
        kayako::multipart_options o;
        o.max_header_parameters = 15;
        auto refused = read(body, o);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, error::too_many);
        EXPECT_EQ(refused.error().offset, body.find("p14="));
        EXPECT_EQ(refused.error().parameter, "Content-Disposition");
    }
}

// Without the caller's scratch space a reader has 2,048 bytes for the rewritten values of a part:
// a part that needs exactly that passes, one byte more is `too_long` naming Content-Disposition.
// With `scratch_size(options)` bytes the same parts pass.
TEST(Multipart, ReaderScratchSpaceAtItsSize) {
    // The name `a\"` keeps 2 bytes; a file name with a quoted-pair reserves twice its raw size.
    std::string const file_value = "\\\"" + std::string(1021, 'f');  // 1,023 bytes → 2,046 reserved
    for (std::string_view name : {"a\\\""sv, "ab\\\""sv}) {
        SCOPED_TRACE(name);
        bool const fits = name.size() == 3;
        std::string const body = "--b\r\nContent-Disposition: form-data; name=\"" + std::string(name) + "\"; filename=\"" +
                                 file_value + "\"\r\n\r\nv\r\n--b--";
        kayako::multipart_reader reader(body, *kayako::make_multipart_boundary("b"));
        kayako::multipart_part part;
        auto more = reader.next(part);
        ASSERT_EQ(static_cast<bool>(more), fits);
        if (fits) {
            EXPECT_EQ(part.name, "a\"");
            EXPECT_EQ(part.filename, "\"" + std::string(1021, 'f'));
        } else {
            EXPECT_EQ(more.error().code, error::too_long);
            EXPECT_EQ(more.error().offset, body.find("filename="));
            EXPECT_EQ(more.error().parameter, "Content-Disposition");
        }
        kayako::multipart_options const o;
        std::string scratch(kayako::multipart_reader::scratch_size(o), '\0');
        EXPECT_EQ(scratch.size(), 3 * o.max_header_size + 2);
        kayako::multipart_reader roomy(body, *kayako::make_multipart_boundary("b"), o, scratch);
        auto roomy_more = roomy.next(part);
        ASSERT_TRUE(roomy_more) << roomy_more.error().message();
        EXPECT_EQ(part.filename.size(), 1022u);
        auto form = kayako::parse_multipart(body, "multipart/form-data; boundary=b");
        ASSERT_TRUE(form) << form.error().message();
        EXPECT_EQ((*form)[0].name, std::string(name.substr(0, name.size() - 2)) + "\"");
    }
}

// Good bodies, read through views into larger buffers: the same parts, offsets and errors.
TEST(Multipart, GoodBodiesThroughViews) {
    std::string const md5 = kayako::format_content_md5(kayako::md5_of("data"));
    std::string const bodies[] = {
        "--b--",
        "--b--\r\n",
        "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n--b--",
        "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n\r\n--b--",
        "--b\r\nContent-Disposition: form-data;\r\n name=\"a\"; filename=\"C:\\x\\y.txt\"\r\nContent-Length: 4\r\nContent-MD5: " +
            md5 + "\r\nContent-Type: text/plain; charset=\"utf-8\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\ndata\r\n--b--",
        "--b\nContent-Disposition: form-data; name=\"x\"; filename*=UTF-8''%C3%A4.txt\n\n\xC3\xA4\n--b--",
        "preamble\r\n--b \t\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n--b--epilogue",
    };
    for (std::string const& body : bodies) {
        SCOPED_TRACE(testing::PrintToString(body));
        auto form = kayako::parse_multipart(body, "multipart/form-data; boundary=b");
        ASSERT_TRUE(form) << form.error().message();
        std::string const expected = outcome(form);
        for_each_view(body, [&](std::string_view v) {
            EXPECT_EQ(outcome(kayako::parse_multipart(v, "multipart/form-data; boundary=b")), expected);
        });
        // Every prefix that stops before the end of the close delimiter is incomplete: read inside
        // the whole body (the rest of it is the tail an over-read would find) it is refused exactly
        // as the prefix alone is.
        std::size_t const complete = body.rfind("--b--") + 5;
        for (std::size_t k = 0; k < body.size(); ++k) {
            std::string const prefix = body.substr(0, k);
            auto alone = kayako::parse_multipart(prefix, "multipart/form-data; boundary=b");
            EXPECT_EQ(static_cast<bool>(alone), k >= complete) << k;
            kayako::test::exact_buffer const exact(prefix);
            EXPECT_EQ(outcome(kayako::parse_multipart(exact.view(), "multipart/form-data; boundary=b")), outcome(alone)) << k;
            EXPECT_EQ(outcome(kayako::parse_multipart(std::string_view(body).substr(0, k), "multipart/form-data; boundary=b")),
                      outcome(alone)) << k;
        }
    }
    std::string const tv = tv_req_3("\n");  // the reference's own body, bare LF
    for_each_view(tv, [&](std::string_view v) {
        auto form = kayako::parse_multipart(v, tv_content_type);
        ASSERT_TRUE(form) << form.error().message();
        EXPECT_EQ(names_and_contents(*form), tv_req_3_parts);
    });
}

// The closing delimiter cut exactly at the view's end, the rest of it just past: refused.
TEST(Multipart, ClosingDelimiterCutAtTheViewsEnd) {
    std::string const whole = "--b\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--b--\r\n";
    struct row {
        std::size_t cut;  // bytes of `--b--` in the view
        error code;
    } const rows[] = {{0, error::unexpected_end}, {1, error::unexpected_end}, {2, error::unexpected_end},
                      {3, error::unexpected_end}, {4, error::invalid_multipart}};
    std::size_t const close = whole.find("--b--");
    for (auto const& r : rows) {
        SCOPED_TRACE(r.cut);
        std::size_t const size = close + r.cut;
        auto form = kayako::parse_multipart(std::string_view(whole).substr(0, size), "multipart/form-data; boundary=b");
        ASSERT_FALSE(form);
        EXPECT_EQ(form.error().code, r.code);
        EXPECT_EQ(form.error().offset, r.cut == 4 ? size - 1 : size);
        kayako::test::exact_buffer const exact(whole.substr(0, size));
        EXPECT_EQ(outcome(kayako::parse_multipart(exact.view(), "multipart/form-data; boundary=b")), outcome(form));
    }
    EXPECT_TRUE(kayako::parse_multipart(std::string_view(whole).substr(0, close + 5), "multipart/form-data; boundary=b"));
}

// Header names and the values the reader compares are case-blind (RFC 9110 §5.1, RFC 7578):
// every spelling reads the same.
TEST(Multipart, HeaderNamesAndKeywordsInEveryCase) {
    auto spellings = [](std::string_view word) {
        std::vector<std::string> out;
        out.emplace_back(word);
        std::string lower(word), upper(word);
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out.push_back(lower);
        out.push_back(upper);
        for (std::size_t i = 0; i < word.size(); ++i) {  // each letter flipped alone
            std::string one = lower;
            one[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(one[i])));
            out.push_back(one);
        }
        return out;
    };
    std::string const md5 = kayako::format_content_md5(kayako::md5_of("v"));
    for (std::string const& cd : spellings("Content-Disposition"))
        for (std::string const& fd : spellings("form-data"))
            for (std::string const& enc : {"binary"s, "BINARY"s, "8Bit"s, "7BIT"s}) {
                SCOPED_TRACE(cd + " " + fd + " " + enc);
                std::string const body = "--b\r\n" + cd + ": " + fd + "; NaMe=a; FileName=f\r\nCONTENT-type: text/plain\r\n" +
                                         "content-transfer-ENCODING: " + enc + "\r\ncontent-LENGTH: 1\r\ncontent-md5: " + md5 +
                                         "\r\n\r\nv\r\n--b--";
                auto form = kayako::parse_multipart(body, "multipart/form-data; boundary=b");
                ASSERT_TRUE(form) << form.error().message();
                EXPECT_EQ((*form)[0].name, "a");
                EXPECT_EQ((*form)[0].filename, "f");
                EXPECT_EQ((*form)[0].content_type, "text/plain");
                EXPECT_EQ((*form)[0].transfer_encoding, enc);
                EXPECT_EQ((*form)[0].content_md5, md5);
            }
    for (std::string const& ct : spellings("Content-Type")) {  // a repeated header, in any spelling
        auto twice = kayako::parse_multipart("--b\r\nContent-Disposition: form-data; name=a\r\nContent-Type: a/b\r\n" + ct +
                                                 ": a/b\r\n\r\nv\r\n--b--",
                                             "multipart/form-data; boundary=b");
        ASSERT_FALSE(twice);
        EXPECT_EQ(twice.error().code, error::duplicate);
        EXPECT_EQ(twice.error().parameter, "Content-Type");
    }
}

// RFC 7578 §4.7: the three identity encodings are read, every other is refused naming the header.
TEST(Multipart, TransferEncodingsAtTheEdge) {
    for (std::string_view e : {"binary"sv, "8bit"sv, "7bit"sv, "base64"sv, "quoted-printable"sv, "binar"sv, "binaryx"sv,
                               "9bit"sv, "6bit"sv, "8bits"sv}) {
        SCOPED_TRACE(e);
        bool const identity = e == "binary" || e == "8bit" || e == "7bit";
        std::string const body = "--b\r\nContent-Disposition: form-data; name=a\r\nContent-Transfer-Encoding: " +
                                 std::string(e) + "\r\n\r\nv\r\n--b--";
        auto form = kayako::parse_multipart(body, "multipart/form-data; boundary=b");
        ASSERT_EQ(static_cast<bool>(form), identity);
        if (!identity) {
            EXPECT_EQ(form.error().code, error::invalid_header);
            EXPECT_EQ(form.error().offset, body.find(e));
            EXPECT_EQ(form.error().parameter, "Content-Transfer-Encoding");
        }
    }
}

// §2.1's Content-Length of a part: equal to the content passes, one off either way is refused.
TEST(Multipart, PartContentLengthExactly) {
    for (std::size_t length : {3u, 4u, 5u, 0u}) {
        SCOPED_TRACE(length);
        std::string const body = "--b\r\nContent-Disposition: form-data; name=a\r\nContent-Length: " + std::to_string(length) +
                                 "\r\n\r\nabcd\r\n--b--";
        auto form = kayako::parse_multipart(body, "multipart/form-data; boundary=b");
        ASSERT_EQ(static_cast<bool>(form), length == 4);
        if (length != 4) {
            EXPECT_EQ(form.error().code, error::invalid_multipart);
            EXPECT_EQ(form.error().offset, body.find(std::to_string(length) + "\r\n"));
            EXPECT_EQ(form.error().parameter, "Content-Length");
        }
    }
}

// Part header values: every control byte but HTAB is refused (NUL with its own code), every
// other byte is kept (an unknown header carries it).
TEST(Multipart, ControlBytesInPartHeaderValues) {
    for (int byte = 0; byte < 256; ++byte) {
        if (byte == '\n' || byte == '\r') continue;  // line breaks end the line
        SCOPED_TRACE(byte);
        char const c = static_cast<char>(byte);
        std::string const body = "--b\r\nContent-Disposition: form-data; name=a\r\nX-Any: a" + std::string(1, c) +
                                 "b\r\n\r\nv\r\n--b--";
        bool const control = (byte < 0x20 && byte != '\t') || byte == 0x7F;
        auto form = kayako::parse_multipart(body, "multipart/form-data; boundary=b");
        ASSERT_EQ(static_cast<bool>(form), !control);
        if (control) {
            EXPECT_EQ(form.error().code, byte == 0 ? error::nul_byte : error::invalid_header);
            EXPECT_EQ(form.error().offset, body.find("X-Any") + 8);
            EXPECT_EQ(form.error().parameter, "X-Any");
        }
    }
}

// A header name is a token: every byte that is not a tchar ends it and is refused (`:` ends it well).
TEST(Multipart, PartHeaderNamesAreTokens) {
    constexpr std::string_view tchars = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    for (int byte = 0; byte < 256; ++byte) {
        if (byte == '\n' || byte == '\r' || byte == ':') continue;
        SCOPED_TRACE(byte);
        char const c = static_cast<char>(byte);
        std::string const body = "--b\r\nContent-Disposition: form-data; name=a\r\nX" + std::string(1, c) + "Y: 1\r\n\r\nv\r\n--b--";
        bool const tchar = tchars.find(c) != std::string_view::npos;
        auto form = kayako::parse_multipart(body, "multipart/form-data; boundary=b");
        ASSERT_EQ(static_cast<bool>(form), tchar);
        if (!tchar) {
            EXPECT_EQ(form.error().code, byte == 0 ? error::nul_byte : error::invalid_multipart);
            EXPECT_EQ(form.error().offset, body.find("Y: 1") - 1);
        }
    }
}

// RFC 3629, one table for the two readers of part names: the multipart reader (a name that is
// not UTF-8 is `invalid_utf8` at its value) and the builder (which refuses to write one). Every
// two-byte sequence, every second byte after each three- and four-byte lead, every third and fourth byte.
bool utf8_reference(std::string_view s) {
    // Decode by the RFC's table: the shortest form, no surrogates, nothing past U+10FFFF.
    std::size_t i = 0;
    while (i < s.size()) {
        auto const b0 = static_cast<unsigned char>(s[i]);
        std::size_t len = b0 < 0x80 ? 1 : (b0 >> 5) == 6 ? 2 : (b0 >> 4) == 14 ? 3 : (b0 >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        std::uint32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
        for (std::size_t k = 1; k < len; ++k) {
            auto const b = static_cast<unsigned char>(s[i + k]);
            if ((b >> 6) != 2) return false;
            cp = (cp << 6) | (b & 0x3F);
        }
        std::size_t const shortest = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (shortest != len || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
        i += len;
    }
    return true;
}

TEST(Multipart, NamesAreUtf8ByteByByte) {
    std::vector<std::string> cases;
    for (int a = 0x80; a < 0x100; ++a)
        for (int b = 0; b < 0x100; ++b) cases.push_back({static_cast<char>(a), static_cast<char>(b)});
    for (int a = 0xE0; a < 0x100; ++a)
        for (int b = 0; b < 0x100; ++b) {
            cases.push_back({static_cast<char>(a), static_cast<char>(b), '\x80'});
            cases.push_back({static_cast<char>(a), static_cast<char>(b), '\xBF', '\xBF'});
        }
    for (int b = 0; b < 0x100; ++b) {  // every third and fourth byte
        cases.push_back({'\xE1', '\x80', static_cast<char>(b)});
        cases.push_back({'\xF1', '\x80', static_cast<char>(b), '\x80'});
        cases.push_back({'\xF1', '\x80', '\x80', static_cast<char>(b)});
    }
    std::size_t valid = 0, checked = 0;
    for (std::string const& name : cases) {
        // Bytes a quoted-string cannot carry as they are are not the point here.
        bool quotable = true;
        for (char c : name) {
            auto const u = static_cast<unsigned char>(c);
            quotable = quotable && (u >= 0x80 || (u >= 0x20 && u != 0x7F && c != '"' && c != '\\'));
        }
        if (!quotable) continue;
        ++checked;
        SCOPED_TRACE(testing::PrintToString(name));
        bool const utf8 = utf8_reference(name);
        valid += utf8;
        std::string const body = "--b\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\nv\r\n--b--";
        kayako::multipart_reader reader(body, *kayako::make_multipart_boundary("b"));
        kayako::multipart_part part;
        auto more = reader.next(part);
        ASSERT_EQ(static_cast<bool>(more), utf8);
        if (utf8) {
            EXPECT_EQ(part.name, name);
        } else {
            EXPECT_EQ(more.error().code, error::invalid_utf8);
            EXPECT_EQ(more.error().offset, 43u);
        }
        kayako::multipart_builder builder;
        auto added = builder.add_field(name, "v");
        ASSERT_EQ(static_cast<bool>(added), utf8);
        if (!utf8) {
            EXPECT_EQ(added.error().code, error::invalid_utf8);
        }
    }
    // Second bytes a quoted-string carries as they are: 128 high bytes and 93 printable ones.
    EXPECT_EQ(checked, 128u * 221 + 32u * 221 * 2 + 3 * 221);
    // C2..DF × 80..BF; E0 A0..BF, ED 80..9F and 14 other leads × 64; F0 90..BF, F1..F3 × 64, F4 80..8F.
    EXPECT_EQ(valid, 30u * 64 + (32u + 32 + 14 * 64) + (48u + 3 * 64 + 16) + 3 * 64);
}

// Each failure of the multipart reader becomes its wire code (§15): a checksum that does not
// match is CHECKSUM_MISMATCH; every other malformed body is FIELD_INVALID, 400.
TEST(Multipart, FailuresBecomeTheirWireCodes) {
    std::string const wrong_md5 = kayako::format_content_md5(kayako::md5_of("other"));
    struct row {
        std::string body;
        error code;
        std::string_view wire;
    } const rows[] = {
        {"--b\r\nContent-Disposition: form-data; name=f; filename=f\r\nContent-MD5: " + wrong_md5 + "\r\n\r\nv\r\n--b--",
         error::checksum_mismatch, "CHECKSUM_MISMATCH"},
        {"--b\r\n\r\nv\r\n--b--", error::invalid_multipart, "FIELD_INVALID"},
        {"--b\r\nContent-Disposition: form-data; name=a\r\n\r\nv", error::unexpected_end, "FIELD_INVALID"},
        {"--b\r\nContent-Disposition: form-data; name=\"\xFF\"\r\n\r\nv\r\n--b--", error::invalid_utf8, "FIELD_INVALID"},
        {"--b\r\nContent-Disposition: inline\r\n\r\nv\r\n--b--", error::invalid_header, "FIELD_INVALID"},
        {"--b\r\nContent-Disposition: form-data; a=1; A=1\r\n\r\nv\r\n--b--", error::duplicate, "FIELD_INVALID"},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(testing::PrintToString(r.body));
        auto form = kayako::parse_multipart(r.body, "multipart/form-data; boundary=b");
        ASSERT_FALSE(form);
        EXPECT_EQ(form.error().code, r.code);
        auto const wire = kayako::api_error_for(form.error());
        EXPECT_EQ(kayako::to_string(wire), r.wire);
        EXPECT_EQ(kayako::http_status(wire), 400);
    }
    auto no_boundary = kayako::parse_multipart_boundary("multipart/form-data");
    ASSERT_FALSE(no_boundary);
    EXPECT_EQ(kayako::to_string(kayako::api_error_for(no_boundary.error())), "FIELD_INVALID");
    auto not_multipart = kayako::parse_multipart_boundary("text/plain; boundary=b");
    ASSERT_FALSE(not_multipart);
    EXPECT_EQ(not_multipart.error().code, error::invalid_content_type);
    EXPECT_EQ(kayako::to_string(kayako::api_error_for(not_multipart.error())), "FIELD_INVALID");
}

}  // namespace
