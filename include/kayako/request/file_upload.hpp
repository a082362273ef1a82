// kayako-proto — the files of an upload request, whichever of the three forms of §8 it used.
//
//     kayako::upload_arguments args{req.arguments().filename(), req.arguments().field(), req.arguments().md5()};
//     auto up = kayako::read_file_upload(headers, body, args, {.max_file_size = 1 << 20});
//     if (!up) return answer(up.error());            // → CHECKSUM_MISMATCH, FIELD_REQUIRED, FIELD_INVALID ...
//     for (kayako::uploaded_file const& f : *up) store(f.filename, f.content_type, f.content);
//
// | Content-Type of the body          | form                          | the files                            |
// |-----------------------------------|-------------------------------|--------------------------------------|
// | `multipart/form-data` (§2.4, §8.3) | `upload_form::multipart`     | every part with a `filename`, in order (text parts are parameters: `parameters.hpp`) |
// | `application/x-www-form-urlencoded`, `application/json` (§8.2, "without upload") | `upload_form::base64` | one: parameters `name` (file name), `content` (base64), optional `content_type` |
// | any other type (§2.1, §8.2)       | `upload_form::raw`            | one: the body (`upload.hpp`'s `read_raw_upload`) |
// | none, with a body                 | `upload_form::raw` (option)   | one: the body, as `curl -T` sends it (TV-FU-2) |
//
// Checksums (§8.2, §8.3, §21.10): a raw body's `Content-MD5` / `_md5`, each multipart part's own
// `Content-MD5`, `_md5` for multipart as one checksum per file in file order separated by commas
// (`verify_file_checksums`), and `_md5` for a base64 file. A wrong one is `checksum_mismatch`
// (→ 400 CHECKSUM_MISMATCH) naming where it came from; two places that disagree are
// `parameters_inconsistent`.
//
// Every failure names the parameter it concerns (§21.14): a file past `max_file_size` is
// `too_long` naming its part (`files[]` as sent), `content` (base64), or for a raw body the
// field its `_field` argument names, else `Content-Length`; files past
// `max_files` are `too_many` naming the first part over the count; a request without any file is
// `missing_parameter` naming `files` (multipart) or `content` (the others) (→ 400 FIELD_REQUIRED).
#ifndef KAYAKO_REQUEST_FILE_UPLOAD_HPP
#define KAYAKO_REQUEST_FILE_UPLOAD_HPP

#include <kayako/core/error.hpp>
#include <kayako/core/values.hpp>
#include <kayako/request/content_md5.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/request/media_type.hpp>
#include <kayako/request/multipart_reader.hpp>
#include <kayako/request/parameters.hpp>
#include <kayako/request/upload.hpp>

#include <cstddef>
#include <forward_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kayako {

/// Which of the three forms of §8 carried the files.
enum class upload_form : unsigned char {
    raw,        ///< the body is the file (§8.2)
    multipart,  ///< file parts of a multipart/form-data body (§8.3)
    base64,     ///< `name` and base64 `content` parameters of a form or JSON body (§8.2)
};

/// One file of an upload. `content` and `content_type` view the request body and headers (raw,
/// multipart) or the `file_upload` that holds the file (base64): keep both alive while used.
struct uploaded_file {
    std::string filename;               ///< UTF-8 (§21.21); empty when none was given
    bool has_filename = false;          ///< whether a file name was sent at all (`filename=""` is sent and empty)
    std::string field;                  ///< the field it was sent for, as sent (`files[]`, `avatar`); empty: none
    std::string_view content_type;      ///< as sent (trimmed); empty when none was given
    std::string_view content;           ///< the bytes
    std::optional<md5_digest> checksum; ///< the checksum the client gave, verified against `content`
};

/// What a server accepts.
struct file_upload_options {
    std::size_t max_file_size = 0;  ///< bytes of one file; 0: no limit → too_long naming the file's parameter
    std::size_t max_files = 100;    ///< files in one request → too_many naming the first file past it
    bool require_filename = false;  ///< a file without a name → missing_parameter (`_filename`, `name`, or the part's field)
    bool untyped_body_is_file = true;  ///< a body without Content-Type is the file (curl -T); false: form (§2.1)
    parameters_options parameters{};   ///< limits of multipart, form and JSON bodies
};

class file_upload;

/// Reads the files of an upload request (see the top of this header) from its headers (any
/// `header_source`), its body and its upload arguments (`_filename`, `_field`, `_md5`, already
/// percent-decoded). Gives the files, or the first failure, naming its parameter. Throws only
/// `std::bad_alloc` and what the header source throws.
template <header_source H>
result<file_upload> read_file_upload(H const& headers, std::string_view body, upload_arguments const& arguments = {},
                                     file_upload_options const& options = {});

/// The files of one upload request, in the order sent. Move-only; moving keeps every view valid.
class file_upload {
public:
    file_upload() = default;
    /// Moves; views into the held files stay valid.
    file_upload(file_upload&&) noexcept = default;
    /// Move assignment.
    file_upload& operator=(file_upload&&) noexcept = default;
    file_upload(file_upload const&) = delete;
    file_upload& operator=(file_upload const&) = delete;

    /// How the files came: raw body, multipart parts or base64 parameters (§8).
    upload_form form() const noexcept { return form_; }
    /// Iterates the files in the order sent.
    using const_iterator = std::vector<uploaded_file>::const_iterator;
    /// The first file.
    const_iterator begin() const noexcept { return files_.begin(); }
    /// Past the last file.
    const_iterator end() const noexcept { return files_.end(); }
    /// The number of files.
    std::size_t size() const noexcept { return files_.size(); }
    /// Whether the request carried no file.
    bool empty() const noexcept { return files_.empty(); }
    /// The `i`-th file in the order sent (`i < size()`, unchecked).
    uploaded_file const& operator[](std::size_t i) const noexcept { return files_[i]; }

private:
    template <header_source H>
    friend result<file_upload> read_file_upload(H const&, std::string_view, upload_arguments const&, file_upload_options const&);
    std::string_view keep(std::string_view bytes) {
        storage_.emplace_front(bytes);  // list nodes never move: views into them stay valid
        return storage_.front();
    }
    upload_form form_ = upload_form::raw;
    std::vector<uploaded_file> files_;
    std::forward_list<std::string> storage_;
};

namespace detail {

// The parameter a multipart file part's failures name: its name as sent when it has one in the
// body, else `files` (TV-FU-3 parts carry only a file name).
constexpr std::string_view part_parameter(multipart_part const& part) noexcept {
    return part.has_name && !part.name_as_sent.empty() ? part.name_as_sent : std::string_view("files");
}

inline result<void> read_multipart_files(file_upload_options const& options, multipart_form const& form,
                                         std::vector<uploaded_file>& out) {
    for (multipart_part const& part : form) {
        if (!part.is_file()) continue;
        std::string_view const parameter = part_parameter(part);
        if (out.size() == options.max_files) return failure(error::too_many, part.header_offset, parameter);
        if (options.max_file_size != 0 && part.content.size() > options.max_file_size)
            return failure(error::too_long, part.content_offset + options.max_file_size, parameter);
        if (options.require_filename && part.filename.empty())
            return failure(error::missing_parameter, part.header_offset, parameter);
        uploaded_file f;
        f.filename.assign(part.filename.data(), part.filename.size());
        f.has_filename = part.has_filename;
        f.field.assign(part.name.data(), part.name.size());
        f.content_type = part.content_type;
        f.content = part.content;
        if (!part.content_md5.empty()) {  // already verified by the reader (multipart_options::verify_checksums)
            auto d = parse_content_md5(part.content_md5);
            if (!d) return d.error().of(parameter);
            if (options.parameters.multipart.verify_checksums) f.checksum = *d;
        }
        out.push_back(std::move(f));
    }
    if (out.empty()) return failure(error::missing_parameter, failure::no_offset, "files");
    return {};
}

}  // namespace detail

template <header_source H>
result<file_upload> read_file_upload(H const& headers, std::string_view body, upload_arguments const& arguments,
                                     file_upload_options const& options) {
    file_upload up;
    auto type_header = single_header(headers, "Content-Type");
    if (!type_header) return type_header.error();
    std::optional<std::string_view> const content_type = *type_header;

    body_encoding encoding = body_encoding::raw;
    if (content_type || !options.untyped_body_is_file || body.empty()) {
        auto e = body_encoding_of(content_type);
        if (!e) return e.error();
        encoding = *e;
    }

    if (encoding == body_encoding::raw) {
        up.form_ = upload_form::raw;
        upload_options raw_options;
        raw_options.require_filename = options.require_filename;
        auto raw = read_raw_upload(headers, body, arguments, raw_options);
        if (!raw) return raw.error();
        if (options.max_files == 0) return failure(error::too_many, 0, "Content-Length");
        uploaded_file f;
        f.filename = std::move(raw->filename);
        f.has_filename = raw->has_filename;
        f.field = std::move(raw->field);
        f.content_type = raw->content_type;
        f.content = raw->content;
        f.checksum = raw->checksum;
        if (options.max_file_size != 0 && f.content.size() > options.max_file_size) {
            // The field the `_field` argument names (a view that outlives this call), else the
            // header that declared the size.
            std::string_view const parameter = arguments.field && !arguments.field->empty() ? *arguments.field : std::string_view("Content-Length");
            return failure(error::too_long, options.max_file_size, parameter);
        }
        up.files_.push_back(std::move(f));
        return up;
    }

    if (encoding == body_encoding::multipart) {
        up.form_ = upload_form::multipart;
        auto boundary = parse_multipart_boundary(*content_type);
        if (!boundary) return boundary.error();
        auto form = parse_multipart(body, *boundary, options.parameters.multipart);
        if (!form) return form.error();
        if (auto r = detail::read_multipart_files(options, *form, up.files_); !r) return r.error();
        if (arguments.md5)
            if (auto r = verify_file_checksums(*form, *arguments.md5); !r) {
                failure f = r.error();
                // verify_file_checksums names a part by its name, which lives in `form`: name it
                // as the body sent it instead (a view that outlives this call).
                if (f.code == error::checksum_mismatch && f.parameter != "_md5") {
                    for (multipart_part const& part : *form)
                        if (part.is_file() && part.name == f.parameter) {
                            f.parameter = detail::part_parameter(part);
                            break;
                        }
                }
                return f;
            }
        // Every part of a form must outlive the views: the file names and fields are owned
        // copies, and content and types view the body or headers, except rewritten types.
        for (uploaded_file& f : up.files_)
            if (!f.content_type.empty() && (f.content_type.data() < body.data() || f.content_type.data() >= body.data() + body.size()))
                f.content_type = up.keep(f.content_type);
        return up;
    }

    // A form or JSON body: the upload without upload (§8.2), `name` + base64 `content`.
    up.form_ = upload_form::base64;
    auto params = parameters::parse(content_type, body, options.parameters);
    if (!params) return params.error();
    if (!params->has("content")) return failure(error::missing_parameter, failure::no_offset, "content");
    auto encoded = params->get<std::string_view>("content");
    if (!encoded) return encoded.error().of("content");
    std::string_view const text = encoded->value_or(std::string_view());
    // The decoded size is known before decoding: refuse a file past the bound without decoding it.
    if (options.max_file_size != 0 && text.size() / 4 * 3 > options.max_file_size + 2)
        return failure(error::too_long, failure::no_offset, "content");
    auto bytes = decode_base64(text);
    if (!bytes) return bytes.error().of("content");
    std::string_view const content = up.keep(std::string_view(bytes->bytes.data(), bytes->bytes.size()));
    if (options.max_file_size != 0 && content.size() > options.max_file_size)
        return failure(error::too_long, failure::no_offset, "content");

    uploaded_file f;
    f.content = content;
    auto name = params->get<std::string>("name");
    if (!name) return name.error().of("name");
    if (*name) {
        f.filename = std::move(**name);
        f.has_filename = true;
    }
    if (arguments.filename) {
        if (f.has_filename && f.filename != *arguments.filename)
            return failure(error::parameters_inconsistent, failure::no_offset, "_filename");
        if (!f.has_filename) {
            if (std::size_t const nul = arguments.filename->find('\0'); nul != std::string_view::npos)
                return failure(error::nul_byte, nul, "_filename");
            f.filename.assign(arguments.filename->data(), arguments.filename->size());
            f.has_filename = true;
        }
    }
    if (options.require_filename && f.filename.empty()) return failure(error::missing_parameter, failure::no_offset, "name");
    if (arguments.field) f.field.assign(arguments.field->data(), arguments.field->size());
    auto type = params->get<std::string_view>("content_type");
    if (!type) return type.error().of("content_type");
    if (*type && !(*type)->empty()) {
        auto m = parse_media_type(**type);
        if (!m) return m.error().of("content_type");
        f.content_type = up.keep(trim_ows(**type));
    }
    if (arguments.md5) {
        auto d = parse_content_md5(*arguments.md5);
        if (!d) return d.error().of("_md5");
        if (md5_of(content) != *d) return failure(error::checksum_mismatch, failure::no_offset, "_md5");
        f.checksum = *d;
    }
    if (options.max_files == 0) return failure(error::too_many, failure::no_offset, "content");
    up.files_.push_back(std::move(f));
    return up;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_FILE_UPLOAD_HPP
