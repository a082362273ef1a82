// kayako-proto — single-step upload with the file as the raw body (§8.2).
//
// The body is the file. Its metadata can come from headers or from arguments:
//
// | what        | header                                              | argument    |
// |-------------|-----------------------------------------------------|-------------|
// | file name   | `Content-Disposition: attachment; filename="coffee.png"` (a well-formed `filename*` wins, §21.21) | `_filename` |
// | field       | `Content-Disposition: attachment; name="avatar"`    | `_field`    |
// | checksum    | `Content-MD5: <32 hex or 24 base64>` (§21.10)       | `_md5`      |
// | media type  | `Content-Type` (anything but the three parameter encodings, §2.1) | — |
//
// When both places carry a value and the values differ, the request is refused with
// `parameters_inconsistent` naming the argument (§11.9's rule, applied to these pairs too; a
// checksum pair compares the 16 bytes, so hex and base64 spellings of one digest agree). A
// checksum that does not match the body is `checksum_mismatch` (→ 400 CHECKSUM_MISMATCH).
//
// Client side, `write_upload_headers` writes Content-Type, Content-Disposition and Content-MD5
// for a file, refusing values that would break the header line.
#ifndef KAYAKO_REQUEST_UPLOAD_HPP
#define KAYAKO_REQUEST_UPLOAD_HPP

#include <kayako/request/content_disposition.hpp>
#include <kayako/request/content_md5.hpp>
#include <kayako/detail/http_grammar.hpp>
#include <kayako/core/error.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/request/media_type.hpp>
#include <kayako/request/multipart_reader.hpp>
#include <kayako/core/values.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kayako {

/// The upload arguments of the query string, already percent-decoded (`query_arguments.hpp` gives them).
struct upload_arguments {
    std::optional<std::string_view> filename{};  ///< `_filename`
    std::optional<std::string_view> field{};     ///< `_field`
    std::optional<std::string_view> md5{};       ///< `_md5`
};

/// What a server demands of a raw upload.
struct upload_options {
    bool require_filename = false;  ///< no file name anywhere → missing_parameter `_filename` (§8.2: "usually required")
    bool verify_checksum = true;    ///< check Content-MD5 / `_md5` against the body
};

/// A raw-body upload, read. `content` and `content_type` are views into the body and the
/// headers; `filename` and `field` are owned (quoted-pairs or a `filename*` had to be decoded).
struct raw_upload {
    std::string_view content;           ///< the file's bytes: the whole body
    std::string_view content_type;      ///< the Content-Type as sent (trimmed), empty when absent
    std::string filename;               ///< empty when none was given
    bool has_filename = false;          ///< whether `_filename` (or a Content-Disposition name) was sent at all
    std::string field;                  ///< the target field, empty when none was given
    std::optional<md5_digest> checksum; ///< the checksum given (and verified, unless turned off)
};

/// Reads a raw-body upload (§8.2, TV-FU-2). Throws only `std::bad_alloc` (the owned file name).
template <header_source H>
result<raw_upload> read_raw_upload(H const& headers, std::string_view body, upload_arguments const& arguments = {},
                                   upload_options const& options = {}) {
    raw_upload up;
    up.content = body;

    auto type = single_header(headers, "Content-Type");
    if (!type) return type.error();
    if (*type) {
        auto m = parse_media_type(**type);
        if (!m) return m.error().of("Content-Type");
        up.content_type = **type;
    }

    auto disposition_text = single_header(headers, "Content-Disposition");
    if (!disposition_text) return disposition_text.error();
    std::optional<std::string> header_field;
    if (*disposition_text) {
        auto d = parse_content_disposition(**disposition_text);
        if (!d) return d.error().of("Content-Disposition");
        // A well-formed `filename*` wins; a malformed one is ignored, never a reason to refuse
        // the upload; raw bytes that are not UTF-8 are ISO-8859-1 (§21.21).
        if (d->has_filename()) {
            up.filename = d->filename_text();
            up.has_filename = true;
        }
        if (d->name) {
            header_field = d->name->text();
            if (std::size_t const bad = detail::find_invalid_utf8(*header_field); bad != std::string_view::npos)
                return failure(error::invalid_utf8, d->name->value_offset, "Content-Disposition");
        }
    }

    if (arguments.filename) {
        if (up.has_filename && up.filename != *arguments.filename)
            return failure(error::parameters_inconsistent, failure::no_offset, "_filename");
        if (!up.has_filename) {
            if (arguments.filename->find('\0') != std::string_view::npos)
                return failure(error::nul_byte, arguments.filename->find('\0'), "_filename");
            up.filename.assign(arguments.filename->data(), arguments.filename->size());
            up.has_filename = true;
        }
    }
    if (options.require_filename && (!up.has_filename || up.filename.empty()))
        return failure(error::missing_parameter, failure::no_offset, "_filename");

    if (header_field && arguments.field && *header_field != *arguments.field)
        return failure(error::parameters_inconsistent, failure::no_offset, "_field");
    if (header_field) up.field = std::move(*header_field);
    else if (arguments.field) up.field.assign(arguments.field->data(), arguments.field->size());

    auto md5_header = single_header(headers, "Content-MD5");
    if (!md5_header) return md5_header.error();
    std::optional<md5_digest> from_header, from_argument;
    if (*md5_header) {
        auto d = parse_content_md5(**md5_header);
        if (!d) return d.error().of("Content-MD5");
        from_header = *d;
    }
    if (arguments.md5) {
        auto d = parse_content_md5(*arguments.md5);
        if (!d) return d.error().of("_md5");
        from_argument = *d;
    }
    if (from_header && from_argument && *from_header != *from_argument)
        return failure(error::parameters_inconsistent, failure::no_offset, "_md5");
    up.checksum = from_header ? from_header : from_argument;
    if (up.checksum && options.verify_checksum && md5_of(body) != *up.checksum)
        return failure(error::checksum_mismatch, failure::no_offset, from_header ? "Content-MD5" : "_md5");
    return up;
}

/// §8.2: a multipart upload may carry its files' checksums in one `_md5` argument, in file
/// order (the separator is not documented, §20.8; a comma is read). Each item is checked against
/// the file part at its position: a count that differs from the number of file parts, or an item
/// that disagrees with the part's own Content-MD5, is `parameters_inconsistent`; a wrong checksum
/// is `checksum_mismatch` naming the part (or `_md5` for a part without name). Offsets are offsets
/// into the argument.
inline result<void> verify_file_checksums(multipart_form const& form, std::string_view md5_argument) noexcept {
    comma_list const items(md5_argument);
    auto item = items.begin();
    for (multipart_part const& part : form) {
        if (!part.is_file()) continue;
        if (item == items.end()) return failure(error::parameters_inconsistent, md5_argument.size(), "_md5");
        auto expected = parse_content_md5(*item);
        if (!expected) return expected.error().shifted(item.offset()).of("_md5");
        if (!part.content_md5.empty()) {
            auto own = parse_content_md5(part.content_md5);
            if (!own || *own != *expected) return failure(error::parameters_inconsistent, item.offset(), "_md5");
        }
        if (md5_of(part.content) != *expected)
            return failure(error::checksum_mismatch, item.offset(), part.has_name && !part.name.empty() ? part.name : std::string_view("_md5"));
        ++item;
    }
    if (item != items.end()) return failure(error::parameters_inconsistent, item.offset(), "_md5");
    return {};
}

/// What a client sends with a raw-body upload.
struct upload_description {
    std::string_view content_type = "application/octet-stream";  ///< must not be a parameter encoding
    std::string_view filename{};  ///< empty: no file name
    std::string_view field{};     ///< empty: no field name
    bool content_md5 = true;    ///< write Content-MD5 (base64 of the MD5 of the content)
};

/// Calls `set_header(name, value)` for the headers of a raw upload of `content`: Content-Type,
/// Content-Disposition (when a file name or field is given; non-ASCII file names also get an
/// RFC 8187 `filename*`), Content-MD5. Nothing is written unless every value is valid: CR, LF or
/// NUL is `header_injection`, a Content-Type that is not a media type or that would make the
/// server read the body as parameters (form, JSON, multipart) is `invalid_content_type`.
/// Throws only `std::bad_alloc` and what `set_header` throws.
template <class SetHeader>
result<void> write_upload_headers(upload_description const& d, std::string_view content, SetHeader&& set_header) {
    if (auto r = check_header_value(d.content_type, "Content-Type"); !r) return r;
    if (auto r = check_header_value(d.filename, "Content-Disposition"); !r) return r;
    if (auto r = check_header_value(d.field, "Content-Disposition"); !r) return r;
    auto m = parse_media_type(d.content_type);
    if (!m) return m.error().of("Content-Type");
    if (body_encoding_of(*m) != body_encoding::raw) return failure(error::invalid_content_type, 0, "Content-Type");
    std::string disposition;
    if (!d.filename.empty() || !d.field.empty()) {
        auto written = format_content_disposition("attachment", d.field, d.filename);
        if (!written) return written.error();
        disposition = std::move(*written);
    }
    set_header(std::string_view("Content-Type"), d.content_type);
    if (!disposition.empty()) set_header(std::string_view("Content-Disposition"), std::string_view(disposition));
    if (d.content_md5) {
        std::string const md5 = format_content_md5(md5_of(content));
        set_header(std::string_view("Content-MD5"), std::string_view(md5));
    }
    return {};
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_UPLOAD_HPP
