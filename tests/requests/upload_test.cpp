// Tests of upload.hpp: single-step upload with the file as the raw body (§8.2, TV-FU-2).
#include <kayako/request/upload.hpp>

#include <kayako/core/api_error.hpp>

#include "support/views.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using kayako::error;
using headers_t = std::vector<std::pair<std::string, std::string>>;
using namespace std::string_view_literals;

std::string const png = "\x89PNG\r\n\x1a\nfake image";
std::string const png_hex = kayako::format_md5_hex(kayako::md5_of(png));
std::string const png_b64 = kayako::format_content_md5(kayako::md5_of(png));

kayako::result<kayako::raw_upload> read(headers_t const& h, kayako::upload_arguments args = {},
                                        kayako::upload_options options = {}) {
    return kayako::read_raw_upload(kayako::pair_headers(h), png, args, options);
}

TEST(Upload, TvFu2FromHeaders) {  // §8.2
    headers_t const h = {{"Content-Disposition", R"(attachment; name="avatar"; filename="coffee.png")"},
                         {"Content-MD5", png_hex},
                         {"Content-Length", std::to_string(png.size())},
                         {"Content-Type", "image/png"}};
    auto up = read(h);
    ASSERT_TRUE(up) << up.error().message();
    EXPECT_EQ(up->content, png);
    EXPECT_EQ(up->content_type, "image/png");
    EXPECT_TRUE(up->has_filename);
    EXPECT_EQ(up->filename, "coffee.png");
    EXPECT_EQ(up->field, "avatar");
    ASSERT_TRUE(up->checksum);
    EXPECT_EQ(*up->checksum, kayako::md5_of(png));
}

TEST(Upload, TvFu2FromArguments) {  // `?_field=avatar&_filename=coffee.png&_md5=...`
    headers_t const h = {{"Content-Type", "image/png"}};
    auto up = read(h, {.filename = "coffee.png", .field = "avatar", .md5 = png_hex});
    ASSERT_TRUE(up) << up.error().message();
    EXPECT_EQ(up->filename, "coffee.png");
    EXPECT_EQ(up->field, "avatar");
    EXPECT_TRUE(up->checksum);
}

TEST(Upload, HeaderAndArgumentAgreeingIsFine) {  // hex and base64 of one digest agree (§21.10)
    headers_t const h = {{"Content-Disposition", "attachment; filename=coffee.png; name=avatar"}, {"Content-MD5", png_b64}};
    EXPECT_TRUE(read(h, {.filename = "coffee.png", .field = "avatar", .md5 = png_hex}));
}

TEST(Upload, ExtendedFileNameWins) {  // RFC 6266 §4.3
    headers_t const h = {{"Content-Disposition", "attachment; filename=\"caf_.png\"; filename*=UTF-8''caf%C3%A9.png"}};
    auto up = read(h);
    ASSERT_TRUE(up);
    EXPECT_EQ(up->filename, "caf\xC3\xA9.png");
}

// §21.21: a malformed filename* never refuses the upload; raw bytes that are not UTF-8 are
// ISO-8859-1.
TEST(Upload, FileNamesAsBrowsersSendThem) {
    struct row {
        std::string_view disposition;
        std::string_view filename;
        bool has_filename = true;
    } const rows[] = {
        {"attachment; filename=\"a.png\"; filename*=UTF-8''%ZZ", "a.png"},
        {"attachment; filename*=UTF-8''%FF", "", false},
        {"attachment; filename=\"\xFF.png\"", "\xC3\xBF.png"},
        {"attachment; filename*=\"UTF-8''caf%C3%A9.png\"", "caf\xC3\xA9.png"},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.disposition);
        auto up = read({{"Content-Disposition", std::string(r.disposition)}}, {}, {});
        ASSERT_TRUE(up) << up.error().message();
        EXPECT_EQ(up->has_filename, r.has_filename);
        EXPECT_EQ(up->filename, r.filename);
    }
}

TEST(Upload, Failures) {
    struct row {
        std::string_view what;
        headers_t headers;
        kayako::upload_arguments arguments;
        error code;
        std::string_view parameter;
        kayako::upload_options options = {};
    };
    std::string const other_hex = kayako::format_md5_hex(kayako::md5_of("other"));
    row const rows[] = {
        {"checksum mismatch (header)", {{"Content-MD5", other_hex}}, {}, error::checksum_mismatch, "Content-MD5"},
        {"checksum mismatch (argument)", {}, {.md5 = other_hex}, error::checksum_mismatch, "_md5"},
        {"malformed checksum", {{"Content-MD5", "abc"}}, {}, error::invalid_header, "Content-MD5"},
        {"malformed _md5", {}, {.md5 = "zz"}, error::invalid_header, "_md5"},
        {"checksums differ (§11.9)", {{"Content-MD5", png_hex}}, {.md5 = other_hex}, error::parameters_inconsistent, "_md5"},
        {"file names differ", {{"Content-Disposition", "attachment; filename=a.png"}}, {.filename = "b.png"},
         error::parameters_inconsistent, "_filename"},
        {"fields differ", {{"Content-Disposition", "attachment; name=avatar"}}, {.field = "logo"},
         error::parameters_inconsistent, "_field"},
        {"Content-MD5 twice, differently", {{"Content-MD5", png_hex}, {"Content-MD5", other_hex}}, {},
         error::parameters_inconsistent, "Content-MD5"},
        {"file name required", {}, {}, error::missing_parameter, "_filename", {.require_filename = true}},
        {"bad Content-Disposition", {{"Content-Disposition", "attachment; filename=\"a"}}, {}, error::unexpected_end,
         "Content-Disposition"},
        {"bad Content-Type", {{"Content-Type", "image"}}, {}, error::unexpected_end, "Content-Type"},
        {"invalid UTF-8 field name", {{"Content-Disposition", "attachment; name=\"\xFF\""}}, {}, error::invalid_utf8,
         "Content-Disposition"},
        {"NUL in _filename", {}, {.filename = "a\0b"sv}, error::nul_byte, "_filename"},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.what);
        auto up = read(r.headers, r.arguments, r.options);
        ASSERT_FALSE(up);
        EXPECT_EQ(up.error().code, r.code) << up.error().message();
        EXPECT_EQ(up.error().parameter, r.parameter);
    }
}

TEST(Upload, ChecksumCheckCanBeTurnedOff) {
    headers_t const h = {{"Content-MD5", kayako::format_md5_hex(kayako::md5_of("other"))}};
    auto up = read(h, {}, {.verify_checksum = false});
    ASSERT_TRUE(up);
    EXPECT_TRUE(up->checksum);
}

TEST(Upload, MultipartChecksumsInFileOrder) {  // §8.2: several files and `_md5`
    std::string const body =
        "--b\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"a.png\"\r\n\r\nAAA\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nnot a file\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"b.png\"\r\n\r\nBBB\r\n--b--\r\n";
    auto form = kayako::parse_multipart(body, "multipart/form-data; boundary=b");
    ASSERT_TRUE(form);
    std::string const a = kayako::format_md5_hex(kayako::md5_of("AAA"));
    std::string const b = kayako::format_content_md5(kayako::md5_of("BBB"));
    EXPECT_TRUE(kayako::verify_file_checksums(*form, a + "," + b));
    struct row {
        std::string md5;
        error code;
        std::size_t offset;
        std::string_view parameter;
    } const rows[] = {
        {b + "," + a, error::checksum_mismatch, 0, "files[]"},
        {a, error::parameters_inconsistent, 32, "_md5"},
        {a + "," + b + "," + a, error::parameters_inconsistent, 58, "_md5"},
        {a + ",xyz", error::invalid_header, 36, "_md5"},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.md5);
        auto v = kayako::verify_file_checksums(*form, r.md5);
        ASSERT_FALSE(v);
        EXPECT_EQ(v.error().code, r.code) << v.error().message();
        EXPECT_EQ(v.error().offset, r.offset);
        EXPECT_EQ(v.error().parameter, r.parameter);
    }
}

TEST(UploadClient, WritesHeadersThatReadBack) {
    for (std::string_view filename : {"coffee.png"sv, "caf\xC3\xA9 \"1\".png"sv}) {
        headers_t written;
        auto r = kayako::write_upload_headers({.content_type = "image/png", .filename = filename, .field = "avatar"}, png,
                                              [&](std::string_view n, std::string_view v) { written.emplace_back(n, v); });
        ASSERT_TRUE(r) << r.error().message();
        ASSERT_EQ(written.size(), 3u);
        auto up = kayako::read_raw_upload(kayako::pair_headers(written), png);
        ASSERT_TRUE(up) << up.error().message();
        EXPECT_EQ(up->filename, filename);
        EXPECT_EQ(up->field, "avatar");
        EXPECT_EQ(up->content_type, "image/png");
        EXPECT_EQ(*up->checksum, kayako::md5_of(png));
    }
}

// Content-Disposition is written when either a file name or a field is given, and only then
// (§8.2): each of the four combinations, and what the reader takes back from it.
TEST(UploadClient, DispositionForEachCombinationOfNameAndField) {
    struct row {
        std::string_view filename, field, disposition;  // empty disposition: none written
    } const rows[] = {{"", "", ""},
                      {"coffee.png", "", R"(attachment; filename="coffee.png")"},
                      {"", "avatar", R"(attachment; name="avatar")"},
                      {"coffee.png", "avatar", R"(attachment; name="avatar"; filename="coffee.png")"}};
    for (auto const& r : rows) {
        SCOPED_TRACE(r.disposition);
        headers_t written;
        auto ok = kayako::write_upload_headers({.filename = r.filename, .field = r.field, .content_md5 = false}, png,
                                               [&](std::string_view n, std::string_view v) { written.emplace_back(n, v); });
        ASSERT_TRUE(ok) << ok.error().message();
        std::string_view disposition;
        for (auto const& [name, value] : written)
            if (name == "Content-Disposition") disposition = value;
        EXPECT_EQ(disposition, r.disposition);
        EXPECT_EQ(written.size(), r.disposition.empty() ? 1u : 2u);
        auto const up = kayako::read_raw_upload(kayako::pair_headers(written), png);
        ASSERT_TRUE(up) << up.error().message();
        EXPECT_EQ(up->filename, r.filename);
        EXPECT_EQ(up->field, r.field);
    }
}

TEST(UploadClient, RefusesBadValues) {
    auto sink = [](std::string_view, std::string_view) { ADD_FAILURE() << "nothing may be written"; };
    struct row {
        kayako::upload_description d;
        error code;
    } const rows[] = {
        {{.content_type = "image/png\r\nX-Evil: 1"}, error::header_injection},
        {{.filename = "a\nb"}, error::header_injection},
        {{.field = "a\0b"sv}, error::header_injection},
        {{.filename = "a\x01"}, error::invalid_header},
        {{.filename = "\xFF"}, error::invalid_utf8},
        {{.content_type = "application/x-www-form-urlencoded"}, error::invalid_content_type},
        {{.content_type = "application/json"}, error::invalid_content_type},
        {{.content_type = "png"}, error::unexpected_end},
    };
    for (auto const& r : rows) {
        auto result = kayako::write_upload_headers(r.d, png, sink);
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, r.code);
    }
}

// ---------------------------------------------------------------------------------------------
// Every rule at its bounds (issue 12).
// ---------------------------------------------------------------------------------------------

// §8.2 ("file name usually required"): when required, a file name that is there but empty is
// refused like a missing one, from the header (`filename=""`, an empty `filename*`) and from the
// argument (`_filename=`); one byte of name is enough. Not required, an empty name is kept as given.
TEST(Upload, RequiredFileNameMustNotBeEmpty) {
    struct row {
        std::string_view what;
        std::string_view disposition;  // empty: no header
        std::optional<std::string_view> argument;
        std::string_view filename;     // "" and has_filename: given but empty
        bool has_filename;
    } const rows[] = {
        {"nothing", "", std::nullopt, "", false},
        {"filename=\"\"", "attachment; filename=\"\"", std::nullopt, "", true},
        {"FILENAME=\"\"", "attachment; FILENAME=\"\"", std::nullopt, "", true},
        {"empty filename*", "attachment; filename*=UTF-8''", std::nullopt, "", true},
        {"_filename=", "", ""sv, "", true},
        {"name only", "attachment; name=\"avatar\"", std::nullopt, "", false},
        {"one byte", "attachment; filename=\"a\"", std::nullopt, "a", true},
        {"one byte, any case", "attachment; FileName=a", std::nullopt, "a", true},
        {"one byte argument", "", "a"sv, "a", true},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.what);
        headers_t h;
        if (!r.disposition.empty()) h.emplace_back("Content-Disposition", std::string(r.disposition));
        kayako::upload_arguments args;
        args.filename = r.argument;
        auto lenient = read(h, args, {});
        ASSERT_TRUE(lenient) << lenient.error().message();
        EXPECT_EQ(lenient->has_filename, r.has_filename);
        EXPECT_EQ(lenient->filename, r.filename);
        auto strict = read(h, args, {.require_filename = true});
        ASSERT_EQ(static_cast<bool>(strict), !r.filename.empty());
        if (!strict) {
            EXPECT_EQ(strict.error().code, error::missing_parameter);
            EXPECT_EQ(strict.error().parameter, "_filename");
            EXPECT_EQ(kayako::to_string(kayako::api_error_for(strict.error())), "FIELD_REQUIRED");
        } else {
            EXPECT_EQ(strict->filename, r.filename);
        }
    }
    kayako::upload_options const defaults;
    EXPECT_FALSE(defaults.require_filename);
    EXPECT_TRUE(defaults.verify_checksum);
}

// RFC 6266 §4.1: `filename` and `name` in any letter case name the file and the field.
TEST(Upload, ParameterNamesInAnyCase) {
    for (std::string_view filename : {"filename"sv, "FILENAME"sv, "FileName"sv, "fILENAMe"sv, "filenamE"sv, "Filename"sv}) {
        for (std::string_view name : {"name"sv, "NAME"sv, "nAmE"sv}) {
            std::string const disposition = "attachment; " + std::string(name) + "=\"avatar\"; " + std::string(filename) + "=\"coffee.png\"";
            SCOPED_TRACE(disposition);
            auto up = read({{"Content-Disposition", disposition}}, {}, {.require_filename = true});
            ASSERT_TRUE(up) << up.error().message();
            EXPECT_EQ(up->filename, "coffee.png");
            EXPECT_EQ(up->field, "avatar");
        }
    }
}

// The body and the header values read through views into larger buffers give the same upload.
TEST(Upload, ViewsIntoLargerBuffers) {
    std::string const disposition = R"(attachment; name="avatar"; filename="coffee.png")";
    for (std::string_view tail : kayako::test::over_read_tails) {
        SCOPED_TRACE(testing::PrintToString(std::string(tail)));
        kayako::test::exact_buffer const body(png);
        kayako::test::with_tail const cd(disposition, tail), md5(png_hex, tail), type("image/png", tail);
        auto headers = [&](std::string_view name, auto&& visit) {
            if (kayako::header_name_equal(name, "Content-Disposition")) visit(cd.view());
            if (kayako::header_name_equal(name, "Content-MD5")) visit(md5.view());
            if (kayako::header_name_equal(name, "Content-Type")) visit(type.view());
        };
        auto up = kayako::read_raw_upload(headers, body.view(), {}, {.require_filename = true});
        ASSERT_TRUE(up) << up.error().message();
        EXPECT_EQ(up->content, png);
        EXPECT_EQ(up->filename, "coffee.png");
        EXPECT_EQ(up->field, "avatar");
        EXPECT_EQ(up->content_type, "image/png");
        // Cut by one byte, each view is refused as the shorter text is.
        kayako::test::with_tail const short_md5(std::string_view(png_hex).substr(0, 31), png_hex.substr(31));
        auto cut = kayako::read_raw_upload(
            [&](std::string_view name, auto&& visit) {
                if (kayako::header_name_equal(name, "Content-MD5")) visit(short_md5.view());
            },
            body.view());
        ASSERT_FALSE(cut);
        EXPECT_EQ(cut.error().code, error::invalid_header);
        EXPECT_EQ(cut.error().parameter, "Content-MD5");
    }
}

// §15 / §8.2: each failure of an upload becomes its wire code and status.
TEST(Upload, FailuresBecomeTheirWireCodes) {
    std::string const other_hex = kayako::format_md5_hex(kayako::md5_of("other"));
    struct row {
        std::string_view what;
        headers_t headers;
        kayako::upload_arguments arguments;
        kayako::upload_options options;
        std::string_view wire;
    };
    row const rows[] = {
        {"checksum mismatch", {{"Content-MD5", other_hex}}, {}, {}, "CHECKSUM_MISMATCH"},
        {"two checksums", {{"Content-MD5", png_hex}}, {.md5 = other_hex}, {}, "PARAMETERS_INCONSISTENT"},
        {"two file names", {{"Content-Disposition", "attachment; filename=a"}}, {.filename = "b"}, {}, "PARAMETERS_INCONSISTENT"},
        {"no file name", {}, {}, {.require_filename = true}, "FIELD_REQUIRED"},
        {"malformed checksum", {{"Content-MD5", "x"}}, {}, {}, "FIELD_INVALID"},
        {"malformed disposition", {{"Content-Disposition", "attachment; filename=\"a"}}, {}, {}, "FIELD_INVALID"},
        {"malformed type", {{"Content-Type", "image"}}, {}, {}, "FIELD_INVALID"},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.what);
        auto up = read(r.headers, r.arguments, r.options);
        ASSERT_FALSE(up);
        auto const wire = kayako::api_error_for(up.error());
        EXPECT_EQ(kayako::to_string(wire), r.wire);
        EXPECT_EQ(kayako::http_status(wire), 400);
    }
}

}  // namespace
