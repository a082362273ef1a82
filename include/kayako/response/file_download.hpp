// kayako-proto — the headers of a file's raw content (§8.1: `GET /api/v1/files/:id/content`).
//
// A download is not an envelope: the body is the file's bytes, sent with the Content-Type it was
// uploaded with, a Content-Disposition that names it (so that a browser or `curl -OJ` saves it
// under its name), its Content-MD5 (the client can check what it got, §8.2's integrity rule in the
// other direction), and `X-Content-Type-Options: nosniff`, so that a browser never runs an
// uploaded file as something else than its declared type.
#ifndef KAYAKO_RESPONSE_FILE_DOWNLOAD_HPP
#define KAYAKO_RESPONSE_FILE_DOWNLOAD_HPP

#include <kayako/core/error.hpp>
#include <kayako/request/content_disposition.hpp>
#include <kayako/request/content_md5.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/request/media_type.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace kayako {

/// What a server says about a file it sends.
struct file_download {
    std::string_view content_type{};  ///< as stored; empty: `application/octet-stream`
    std::string_view filename{};      ///< empty: no file name in Content-Disposition
    bool as_attachment = true;        ///< `attachment` (save it); false: `inline` (show it)
    std::optional<md5_digest> checksum{};  ///< written as Content-MD5 (base64, RFC 1864)
};

/// Calls `set_header(name, value)` for Content-Type, Content-Disposition, Content-MD5 (when a
/// checksum is given) and `X-Content-Type-Options: nosniff`. Nothing is written unless every value
/// is valid: a Content-Type that is not a media type is `invalid_content_type` naming
/// `Content-Type`; a file name with CR, LF or NUL `header_injection`, with another control byte
/// `invalid_header`, not UTF-8 `invalid_utf8` (naming `Content-Disposition`). Throws only
/// `std::bad_alloc` and what `set_header` throws.
template <class SetHeader>
result<void> write_download_headers(file_download const& d, SetHeader&& set_header) {
    std::string_view const type = d.content_type.empty() ? std::string_view("application/octet-stream") : d.content_type;
    if (auto r = check_header_value(type, "Content-Type"); !r) return r;
    if (!parse_media_type(type)) return failure(error::invalid_content_type, 0, "Content-Type");
    auto disposition = format_content_disposition(d.as_attachment ? "attachment" : "inline", {}, d.filename);
    if (!disposition) return disposition.error();
    set_header(std::string_view("Content-Type"), type);
    set_header(std::string_view("Content-Disposition"), std::string_view(*disposition));
    if (d.checksum) {
        std::string const md5 = format_content_md5(*d.checksum);
        set_header(std::string_view("Content-MD5"), std::string_view(md5));
    }
    set_header(std::string_view("X-Content-Type-Options"), std::string_view("nosniff"));
    return {};
}

}  // namespace kayako

#endif  // KAYAKO_RESPONSE_FILE_DOWNLOAD_HPP
