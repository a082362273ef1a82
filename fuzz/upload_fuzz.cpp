// Fuzzes read_file_upload (§8.2, §8.3): whichever form the request takes — raw body, multipart
// parts, base64 `content` in a form or JSON body — it must never crash, and what it accepts must
// hold: every checksum it reports matches its file, no file passes the size or count limits, a
// raw file is the whole body, a multipart file is a piece of the body. And a Content-Disposition
// written by format_content_disposition reads back as the name and field it was written from. The input is cut at `\x00`
// into: selector byte(s), Content-Disposition, Content-MD5, `_filename`, `_field`, `_md5`, body.
#include <kayako/request/file_upload.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view input(reinterpret_cast<char const*>(data), size);
    std::vector<std::string_view> pieces;
    for (int i = 0; i < 6; ++i) {
        auto const cut = input.find('\0');
        pieces.push_back(input.substr(0, cut));
        input = cut == std::string_view::npos ? std::string_view() : input.substr(cut + 1);
    }
    std::string_view const body = input;  // the rest, NULs and all
    unsigned const selector = pieces[0].empty() ? 0 : static_cast<unsigned char>(pieces[0][0]);

    static constexpr std::string_view types[] = {"image/png", "multipart/form-data; boundary=XyZ",
                                                 "application/x-www-form-urlencoded", "application/json", ""};
    std::string_view const type = types[selector % 5];
    std::vector<std::pair<std::string, std::string>> headers;
    if (!type.empty()) headers.emplace_back("Content-Type", type);
    if (selector & 0x08) headers.emplace_back("Content-Disposition", pieces[1]);
    if (selector & 0x10) headers.emplace_back("Content-MD5", pieces[2]);

    kayako::upload_arguments arguments;
    if (selector & 0x20) arguments.filename = pieces[3];
    if (selector & 0x40) arguments.field = pieces[4];
    if (selector & 0x80) arguments.md5 = pieces[5];

    kayako::file_upload_options options;
    options.max_file_size = pieces[0].size() > 1 ? static_cast<unsigned char>(pieces[0][1]) : 0;
    options.max_files = pieces[0].size() > 2 ? static_cast<unsigned char>(pieces[0][2]) % 4 : 100;
    options.require_filename = pieces[0].size() > 3 && (pieces[0][3] & 1);
    options.parameters.multipart.max_parts = 64;

    // What format_content_disposition writes, a reader reads back as the same name and field
    // (§21.21: a `filename*` for a non-ASCII name wins over its ASCII fallback).
    if (auto written = kayako::format_content_disposition("attachment", pieces[4], pieces[3])) {
        auto back = kayako::parse_content_disposition(*written);
        if (!back) std::abort();
        if (!pieces[3].empty() && (!back->has_filename() || back->filename_text() != pieces[3])) std::abort();
        if (!pieces[4].empty() && (!back->name || back->name->text() != pieces[4])) std::abort();
    }

    auto up = kayako::read_file_upload(kayako::pair_headers(headers), body, arguments, options);
    if (!up) return 0;
    if (up->empty() || up->size() > options.max_files) std::abort();
    for (kayako::uploaded_file const& f : *up) {
        if (options.max_file_size != 0 && f.content.size() > options.max_file_size) std::abort();
        if (f.checksum && *f.checksum != kayako::md5_of(f.content)) std::abort();
        if (options.require_filename && f.filename.empty()) std::abort();
        switch (up->form()) {
        case kayako::upload_form::raw:
            if (f.content.data() != body.data() || f.content.size() != body.size()) std::abort();
            break;
        case kayako::upload_form::multipart:
            if (f.content.data() < body.data() || f.content.data() + f.content.size() > body.data() + body.size()) std::abort();
            break;
        case kayako::upload_form::base64:
            if (up->size() != 1) std::abort();
            break;
        }
    }
    // Moving keeps every view valid (the decoded base64 bytes live in list nodes).
    kayako::file_upload moved = std::move(*up);
    for (kayako::uploaded_file const& f : moved) (void)kayako::md5_of(f.content);
    return 0;
}
