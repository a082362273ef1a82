// Tests of file_upload.hpp: the files of an upload request from any of the three forms of §8
// (raw body §8.2, multipart §8.3, base64 `name` + `content` §8.2), checksums (§8.2, §21.10),
// limits naming their parameter (§21.14), and format_content_disposition (content_disposition.hpp).
#include <kayako/request/file_upload.hpp>

#include <kayako/core/api_error.hpp>
#include <kayako/request/multipart_builder.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using kayako::error;
using headers_t = std::vector<std::pair<std::string, std::string>>;

std::string const png = "\x89PNG\r\n\x1a\nfake image";
std::string const jpg = "\xFF\xD8\xFF\xE0 another";
std::string const png_hex = kayako::format_md5_hex(kayako::md5_of(png));
std::string const png_b64 = kayako::format_content_md5(kayako::md5_of(png));
std::string const jpg_hex = kayako::format_md5_hex(kayako::md5_of(jpg));
std::string const wrong_hex = kayako::format_md5_hex(kayako::md5_of("something else"));

kayako::result<kayako::file_upload> read(headers_t const& h, std::string_view body, kayako::upload_arguments args = {},
                                         kayako::file_upload_options options = {}) {
    return kayako::read_file_upload(kayako::pair_headers(h), body, args, options);
}

// A multipart body of the two TV-FU-3 files, under `files[]`, and a text parameter.
struct two_files {
    kayako::multipart_body body;
    explicit two_files(bool md5 = false, std::string_view name = "files[]") {
        kayako::multipart_builder b({.content_md5 = md5});
        EXPECT_TRUE(b.add_field("title", "coffee"));
        EXPECT_TRUE(b.add_file(name, "coffee.png", png, "image/png"));
        EXPECT_TRUE(b.add_file(name, "cappuccino.jpg", jpg, "image/jpeg"));
        body = b.finish();
    }
    headers_t headers() const { return {{"Content-Type", body.content_type}}; }
};

void expect_failure(kayako::result<kayako::file_upload> const& r, error code, std::string_view parameter) {
    ASSERT_FALSE(r) << "expected " << static_cast<int>(code) << " naming " << parameter;
    EXPECT_EQ(r.error().code, code) << r.error().message();
    EXPECT_EQ(r.error().parameter, parameter);
}

// ---- raw body (§8.2) -----------------------------------------------------------------------

TEST(FileUpload, RawBodyTvFu2) {  // §8.2 TV-FU-2: headers carry name, field and checksum
    headers_t const h = {{"Content-Disposition", R"(attachment; name="avatar"; filename="coffee.png")"},
                         {"Content-MD5", png_hex},
                         {"Content-Type", "image/png"}};
    auto up = read(h, png);
    ASSERT_TRUE(up) << up.error().message();
    EXPECT_EQ(up->form(), kayako::upload_form::raw);
    ASSERT_EQ(up->size(), 1u);
    auto const& f = (*up)[0];
    EXPECT_EQ(f.filename, "coffee.png");
    EXPECT_EQ(f.field, "avatar");
    EXPECT_EQ(f.content_type, "image/png");
    EXPECT_EQ(f.content, png);
    ASSERT_TRUE(f.checksum);
    EXPECT_EQ(*f.checksum, kayako::md5_of(png));
}

TEST(FileUpload, RawBodyWithArguments) {  // §8.2: `?_filename=coffee.png&_field=avatar&_md5=`
    auto up = read({{"Content-Type", "image/png"}}, png, {.filename = "coffee.png", .field = "avatar", .md5 = png_b64});
    ASSERT_TRUE(up) << up.error().message();
    EXPECT_EQ((*up)[0].filename, "coffee.png");
    EXPECT_EQ((*up)[0].field, "avatar");
    EXPECT_TRUE((*up)[0].checksum);
}

TEST(FileUpload, RawBodyWithoutContentTypeIsTheFile) {  // curl -T sends none (TV-FU-2's second curl)
    auto up = read({}, png, {.filename = "coffee.png"});
    ASSERT_TRUE(up) << up.error().message();
    EXPECT_EQ(up->form(), kayako::upload_form::raw);
    EXPECT_EQ((*up)[0].content, png);
    EXPECT_TRUE((*up)[0].content_type.empty());
    // With the option off, §2.1's default applies: a form, which has no `content`.
    expect_failure(read({}, "hello", {.filename = "hello.txt"}, {.untyped_body_is_file = false}), error::missing_parameter, "content");
}

TEST(FileUpload, EmptyBodyWithoutContentTypeHasNoFile) {  // a bare POST is not a zero-byte upload
    expect_failure(read({}, ""), error::missing_parameter, "content");
}

TEST(FileUpload, RawChecksumMismatch) {  // §8.2: mismatch ⇒ 400 CHECKSUM_MISMATCH
    auto header = read({{"Content-Type", "image/png"}, {"Content-MD5", wrong_hex}}, png);
    expect_failure(header, error::checksum_mismatch, "Content-MD5");
    EXPECT_EQ(kayako::api_error_for(header.error()), kayako::api_error_code::checksum_mismatch);
    expect_failure(read({{"Content-Type", "image/png"}}, png, {.md5 = wrong_hex}), error::checksum_mismatch, "_md5");
    // The same digest in either spelling is accepted (§21.10); the two places disagreeing is §11.9's.
    EXPECT_TRUE(read({{"Content-Type", "image/png"}, {"Content-MD5", png_b64}}, png, {.md5 = png_hex}));
    expect_failure(read({{"Content-Type", "image/png"}, {"Content-MD5", png_b64}}, png, {.md5 = wrong_hex}),
                   error::parameters_inconsistent, "_md5");
}

TEST(FileUpload, RawSizeLimitAtItsBoundary) {  // §21.14: the limit names the parameter
    headers_t const h = {{"Content-Type", "image/png"}};
    EXPECT_TRUE(read(h, png, {}, {.max_file_size = png.size()}));
    expect_failure(read(h, png, {}, {.max_file_size = png.size() - 1}), error::too_long, "Content-Length");
    expect_failure(read(h, png, {.field = "avatar"}, {.max_file_size = png.size() - 1}), error::too_long, "avatar");
}

TEST(FileUpload, RawRequiredFilename) {  // §8.2: "usually required"
    expect_failure(read({{"Content-Type", "image/png"}}, png, {}, {.require_filename = true}), error::missing_parameter, "_filename");
    EXPECT_TRUE(read({{"Content-Type", "image/png"}}, png, {.filename = "a.png"}, {.require_filename = true}));
}

// ---- multipart (§8.3) ----------------------------------------------------------------------

TEST(FileUpload, MultipartTwoFilesTvFu3) {  // §8.3: `-F files[]=@coffee.png -F files[]=@cappuccino.jpg`
    two_files const m(true);
    auto up = read(m.headers(), m.body.body);
    ASSERT_TRUE(up) << up.error().message();
    EXPECT_EQ(up->form(), kayako::upload_form::multipart);
    ASSERT_EQ(up->size(), 2u);  // the text part is a parameter, not a file
    EXPECT_EQ((*up)[0].filename, "coffee.png");
    EXPECT_EQ((*up)[0].field, "files[]");
    EXPECT_EQ((*up)[0].content_type, "image/png");
    EXPECT_EQ((*up)[0].content, png);
    EXPECT_TRUE((*up)[0].checksum);  // the part's own Content-MD5, verified
    EXPECT_EQ((*up)[1].filename, "cappuccino.jpg");
    EXPECT_EQ((*up)[1].content, jpg);
}

TEST(FileUpload, MultipartPartsWithoutNames) {  // TV-FU-3's parts carry only a file name
    std::string const body =
        "--b\r\nContent-Disposition: form-data; filename=\"coffee.png\"\r\nContent-Type: image/png\r\n"
        "Content-Transfer-Encoding: binary\r\n\r\n" + png + "\r\n--b--\r\n";
    auto up = read({{"Content-Type", "multipart/form-data; boundary=b"}}, body);
    ASSERT_TRUE(up) << up.error().message();
    EXPECT_EQ((*up)[0].field, "");
    EXPECT_EQ((*up)[0].filename, "coffee.png");
    expect_failure(read({{"Content-Type", "multipart/form-data; boundary=b"}}, body, {}, {.max_file_size = 3}),
                   error::too_long, "files");
}

TEST(FileUpload, MultipartMd5ArgumentInFileOrder) {  // §8.2: "checksums in file order", comma (§21.10 note)
    two_files const m;
    EXPECT_TRUE(read(m.headers(), m.body.body, {.md5 = png_hex + "," + jpg_hex}));
    expect_failure(read(m.headers(), m.body.body, {.md5 = jpg_hex + "," + png_hex}), error::checksum_mismatch, "files[]");
    expect_failure(read(m.headers(), m.body.body, {.md5 = png_hex}), error::parameters_inconsistent, "_md5");
    expect_failure(read(m.headers(), m.body.body, {.md5 = png_hex + "," + jpg_hex + "," + jpg_hex}),
                   error::parameters_inconsistent, "_md5");
}

TEST(FileUpload, MultipartPartChecksumMismatch) {  // §8.3: a part's own Content-MD5
    std::string const body = "--b\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\nContent-MD5: " +
                             wrong_hex + "\r\n\r\n" + png + "\r\n--b--\r\n";
    expect_failure(read({{"Content-Type", "multipart/form-data; boundary=b"}}, body), error::checksum_mismatch, "avatar");
}

TEST(FileUpload, MultipartLimitsAtTheirBoundaries) {  // §21.14
    two_files const m;
    EXPECT_TRUE(read(m.headers(), m.body.body, {}, {.max_file_size = png.size(), .max_files = 2}));
    expect_failure(read(m.headers(), m.body.body, {}, {.max_file_size = png.size() - 1}), error::too_long, "files[]");
    expect_failure(read(m.headers(), m.body.body, {}, {.max_files = 1}), error::too_many, "files[]");
}

TEST(FileUpload, MultipartWithoutAFile) {  // parameters only: nothing to upload
    kayako::multipart_builder b;
    ASSERT_TRUE(b.add_field("name", "x"));
    auto const body = b.finish();
    expect_failure(read({{"Content-Type", body.content_type}}, body.body), error::missing_parameter, "files");
}

TEST(FileUpload, MultipartMalformed) {  // the reader's own errors come through
    auto r = read({{"Content-Type", "multipart/form-data; boundary=b"}}, "--b\r\nContent-Disposition: form-data; filename=x\r\n\r\nabc");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::unexpected_end);
    auto no_boundary = read({{"Content-Type", "multipart/form-data"}}, "x");
    ASSERT_FALSE(no_boundary);
}

// ---- base64 parameters (§8.2, "without upload") --------------------------------------------

TEST(FileUpload, Base64Form) {  // `name` and base64 `content`
    std::string const body = "name=coffee.png&content=" + kayako::encode_base64(png) + "&content_type=image%2Fpng";
    auto up = read({{"Content-Type", "application/x-www-form-urlencoded"}}, body, {.md5 = png_hex});
    ASSERT_TRUE(up) << up.error().message();
    EXPECT_EQ(up->form(), kayako::upload_form::base64);
    EXPECT_EQ((*up)[0].filename, "coffee.png");
    EXPECT_EQ((*up)[0].content, png);
    EXPECT_EQ((*up)[0].content_type, "image/png");
    EXPECT_TRUE((*up)[0].checksum);
}

TEST(FileUpload, Base64Json) {  // the same in a JSON body (§2.3)
    std::string const body = R"({"name":"coffee.png","content":")" + kayako::encode_base64(png) + R"("})";
    auto up = read({{"Content-Type", "application/json"}}, body);
    ASSERT_TRUE(up) << up.error().message();
    EXPECT_EQ((*up)[0].content, png);
    // Moving the upload keeps the decoded bytes where the view points.
    kayako::file_upload moved = std::move(*up);
    EXPECT_EQ(moved[0].content, png);
}

TEST(FileUpload, Base64Errors) {  // each names its parameter
    headers_t const form = {{"Content-Type", "application/x-www-form-urlencoded"}};
    std::string const content = "content=" + kayako::encode_base64(png);
    expect_failure(read(form, "name=a.png"), error::missing_parameter, "content");
    expect_failure(read(form, "name=a.png&content=%%%"), error::invalid_base64, "content");
    expect_failure(read(form, content, {.md5 = wrong_hex}), error::checksum_mismatch, "_md5");
    auto bad_type = read(form, content + "&content_type=image%2F");
    ASSERT_FALSE(bad_type);
    EXPECT_EQ(bad_type.error().parameter, "content_type");
    expect_failure(read(form, content + "&name=a.png", {.filename = "b.png"}), error::parameters_inconsistent, "_filename");
    expect_failure(read(form, content, {}, {.require_filename = true}), error::missing_parameter, "name");
    EXPECT_TRUE(read(form, content, {.filename = "b.png"}, {.require_filename = true}));
    EXPECT_TRUE(read(form, content, {}, {.max_file_size = png.size()}));
    expect_failure(read(form, content, {}, {.max_file_size = png.size() - 1}), error::too_long, "content");
    expect_failure(read(form, content, {}, {.max_file_size = 1}), error::too_long, "content");  // refused before decoding
}

// ---- bad inputs: never a crash, always a typed failure -------------------------------------

TEST(FileUpload, BadInputsTable) {
    struct row {
        headers_t headers;
        std::string body;
        kayako::upload_arguments args;
        error code;
    };
    std::vector<row> const rows = {
        {{{"Content-Type", "image/png"}, {"Content-Type", "image/gif"}}, png, {}, error::parameters_inconsistent},
        {{{"Content-Type", "image/"}}, png, {}, error::unexpected_end},
        {{{"Content-Type", "image/png"}, {"Content-MD5", "xyz"}}, png, {}, error::invalid_header},
        {{{"Content-Type", "image/png"}}, png, {.md5 = "not-a-digest"}, error::invalid_header},
        {{{"Content-Type", "image/png"}, {"Content-Disposition", "attachment; filename=a; filename=b"}}, png, {}, error::duplicate},
        {{{"Content-Type", "multipart/form-data; boundary=b"}}, "", {}, error::unexpected_end},
        {{{"Content-Type", "application/json"}}, "[1]", {}, error::invalid_json},
        {{{"Content-Type", "application/json"}}, R"({"content":5})", {}, error::wrong_type},
        {{{"Content-Type", "application/json"}}, R"({"content":"QUJD","name":[1]})", {}, error::wrong_type},
        {{{"Content-Type", "image/png"}}, png, {.filename = std::string_view("a\0b", 3)}, error::nul_byte},
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto r = read(rows[i].headers, rows[i].body, rows[i].args);
        ASSERT_FALSE(r) << "row " << i;
        EXPECT_EQ(r.error().code, rows[i].code) << "row " << i << ": " << r.error().message();
    }
}

// ---- format_content_disposition (§8.2, §21.21) ---------------------------------------------

TEST(FormatContentDisposition, AsciiAndUtf8Names) {
    EXPECT_EQ(*kayako::format_content_disposition("attachment", "avatar", "coffee.png"),
              R"(attachment; name="avatar"; filename="coffee.png")");
    EXPECT_EQ(*kayako::format_content_disposition("attachment", "", "a \"b\".png"), R"(attachment; filename="a \"b\".png")");
    EXPECT_EQ(*kayako::format_content_disposition("inline", "", ""), "inline");
    EXPECT_EQ(*kayako::format_content_disposition("attachment", "", "caf\xC3\xA9.png"),
              "attachment; filename=\"caf__.png\"; filename*=UTF-8''caf%C3%A9.png");
    // What it writes reads back as the same name (§21.21: `filename*` wins).
    auto back = kayako::parse_content_disposition("attachment; filename=\"caf__.png\"; filename*=UTF-8''caf%C3%A9.png");
    ASSERT_TRUE(back);
    EXPECT_EQ(back->filename_text(), "caf\xC3\xA9.png");
}

TEST(FormatContentDisposition, RefusesWhatWouldBreakTheHeader) {
    EXPECT_EQ(kayako::format_content_disposition("attachment", "", "a\r\nSet-Cookie: x").error().code, error::header_injection);
    EXPECT_EQ(kayako::format_content_disposition("attachment", "", "a\x01").error().code, error::invalid_header);
    EXPECT_EQ(kayako::format_content_disposition("attachment", "", "a\xFF").error().code, error::invalid_utf8);
    EXPECT_EQ(kayako::format_content_disposition("attach ment", "", "a").error().code, error::invalid_header);
    // A tab or a C1 control in a file name: a reader ignores a `filename*` with one (§21.21).
    EXPECT_EQ(kayako::format_content_disposition("attachment", "", "a\tb").error().code, error::invalid_header);
    EXPECT_EQ(kayako::format_content_disposition("attachment", "", "a\xC2\x85").error().offset, 1u);
    EXPECT_TRUE(kayako::format_content_disposition("attachment", "", "a\xC2\xA0"));  // U+00A0 is no control
    EXPECT_TRUE(kayako::format_content_disposition("attachment", "a\tb", "x"));       // the field may hold one
    // No longer than a reader takes (parse_content_disposition's 2048 by default).
    std::string const long_name(2048 - std::string_view("attachment; filename=\"\"").size(), 'a');
    EXPECT_TRUE(kayako::format_content_disposition("attachment", "", long_name));
    EXPECT_EQ(kayako::format_content_disposition("attachment", "", long_name + "a").error().code, error::too_long);
    EXPECT_EQ(kayako::format_content_disposition("", "", "a").error().code, error::invalid_header);
}

}  // namespace
