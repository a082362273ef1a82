// kayako-proto — writing multipart/form-data bodies (§2.4, §18; RFC 7578, RFC 2046 §5.1).
//
// `multipart_builder` collects fields and files (views) and writes the body and its
// Content-Type with a boundary derived from the content's MD5 and checked not to occur in it —
// the way the official Java SDK sends every POST and PUT (§18). Every line ends in CRLF; file
// parts carry Content-Type, `Content-Transfer-Encoding: binary` and, on request, Content-MD5
// (§8.3). Reading a body is multipart_reader.hpp.
#ifndef KAYAKO_REQUEST_MULTIPART_BUILDER_HPP
#define KAYAKO_REQUEST_MULTIPART_BUILDER_HPP

#include <kayako/core/error.hpp>
#include <kayako/detail/http_grammar.hpp>
#include <kayako/detail/md5.hpp>
#include <kayako/request/content_md5.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/request/media_type.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kayako {

/// A finished multipart body and the Content-Type header value that goes with it.
struct multipart_body {
    std::string content_type; ///< `multipart/form-data; boundary=...`
    std::string body;         ///< the body, CRLF line ends, closing delimiter included
};

/// Collects fields and files and writes a multipart/form-data body (how the official Java SDK
/// sends every POST and PUT, §18). Holds views: what is added must outlive `finish`.
///
/// The boundary is `kayako-` and the hex MD5 of the content (so a body is reproducible), and is
/// checked against every byte written: should the content hold it (a file that contains its own
/// fingerprint), a counter is mixed in until it does not, so the boundary cannot occur in the data.
class multipart_builder {
public:
    /// Options of the parts written.
    struct options {
        bool content_md5 = false;  ///< write a Content-MD5 (base64) on file parts
    };

    multipart_builder() = default;
    /// A builder with `o`'s boundary and Content-MD5 choices.
    explicit multipart_builder(options o) noexcept : options_(o) {}

    /// A text parameter. Names with CR, LF or NUL are `header_injection`; with other control
    /// bytes `invalid_header`; names that are not UTF-8 `invalid_utf8` (a reader would refuse them).
    result<void> add_field(std::string_view name, std::string_view value) {
        if (auto r = check_part_text(name, "Content-Disposition"); !r) return r;
        parts_.push_back({name, {}, {}, value, false});
        return {};
    }
    /// One item of an array parameter: a part named `name[]` (§2.4).
    result<void> add_list_item(std::string_view name, std::string_view value) {
        if (auto r = check_part_text(name, "Content-Disposition"); !r) return r;
        parts_.push_back({name, {}, {}, value, false, true});
        return {};
    }
    /// A file. `content_type` defaults to `application/octet-stream`; it must be a valid media
    /// type. CR, LF or NUL in name, file name or type are `header_injection`.
    result<void> add_file(std::string_view name, std::string_view filename, std::string_view content,
                          std::string_view content_type = "application/octet-stream") {
        if (auto r = check_part_text(name, "Content-Disposition"); !r) return r;
        if (auto r = check_part_text(filename, "Content-Disposition"); !r) return r;
        if (auto r = check_header_value(content_type, "Content-Type"); !r) return r;
        if (auto m = parse_media_type(content_type); !m) return m.error().of("Content-Type");
        parts_.push_back({name, filename, content_type, content, true});
        return {};
    }

    /// Writes the body. Throws only `std::bad_alloc`.
    multipart_body finish() const {
        detail::md5 fingerprint;
        for (auto const& p : parts_) fingerprint.update(p.name).update(p.filename).update(p.content);
        md5_digest const seed = fingerprint.digest();
        std::string boundary;
        for (std::uint32_t attempt = 0;; ++attempt) {
            detail::md5 h;
            h.update(std::string_view(reinterpret_cast<char const*>(seed.data()), seed.size()));
            char counter[4] = {static_cast<char>(attempt), static_cast<char>(attempt >> 8),
                               static_cast<char>(attempt >> 16), static_cast<char>(attempt >> 24)};
            if (attempt) h.update(std::string_view(counter, 4));
            auto const hex = h.hex_digest();
            boundary.assign("kayako-");
            boundary.append(hex.data(), hex.size());
            if (!occurs(boundary)) break;
        }
        multipart_body out;
        out.content_type = "multipart/form-data; boundary=" + boundary;
        std::size_t size = boundary.size() + 8;
        for (auto const& p : parts_) size += p.content.size() + p.name.size() + p.filename.size() + p.content_type.size() + boundary.size() + 160;
        out.body.reserve(size);
        for (auto const& p : parts_) {
            out.body += "--";
            out.body += boundary;
            out.body += "\r\nContent-Disposition: form-data; name=";
            std::string name(p.name);
            if (p.array_item) name += "[]";
            detail::append_quoted_string(out.body, name);
            if (p.is_file) {
                out.body += "; filename=";
                detail::append_quoted_string(out.body, p.filename);
                out.body += "\r\nContent-Type: ";
                out.body += p.content_type;
                out.body += "\r\nContent-Transfer-Encoding: binary";
                if (options_.content_md5) {
                    out.body += "\r\nContent-MD5: ";
                    out.body += format_content_md5(md5_of(p.content));
                }
            }
            out.body += "\r\n\r\n";
            out.body += p.content;
            out.body += "\r\n";
        }
        out.body += "--";
        out.body += boundary;
        out.body += "--\r\n";
        return out;
    }

private:
    static result<void> check_part_text(std::string_view text, std::string_view header) noexcept {
        if (auto r = check_header_value(text, header); !r) return r;
        for (std::size_t i = 0; i < text.size(); ++i) {
            auto const c = static_cast<unsigned char>(text[i]);
            if ((c < 0x20 && c != '\t') || c == 0x7F) return failure(error::invalid_header, i, header);
        }
        if (std::size_t const bad = detail::find_invalid_utf8(text); bad != std::string_view::npos)
            return failure(error::invalid_utf8, bad, header);
        return {};
    }
    struct part {
        std::string_view name, filename, content_type, content;
        bool is_file = false;
        bool array_item = false;
    };
    // Does `boundary` occur in anything the body will carry? (Names and file names are checked
    // too, although quoting would keep them from starting a line.)
    bool occurs(std::string_view boundary) const noexcept {
        for (auto const& p : parts_)
            for (std::string_view s : {p.name, p.filename, p.content_type, p.content})
                if (s.find(boundary) != std::string_view::npos) return true;
        return false;
    }
    options options_{};
    std::vector<part> parts_;
};

}  // namespace kayako

#endif  // KAYAKO_REQUEST_MULTIPART_BUILDER_HPP
