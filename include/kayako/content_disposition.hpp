// kayako-proto — the Content-Disposition header (RFC 6266, RFC 7578 §4.2) as uploads use it:
// `attachment; name="avatar"; filename="coffee.png"` on a raw-body upload (§8.2), and
// `form-data; name="files[]"; filename="coffee.png"` on each part of a multipart body (§8.3).
//
// Parsing allocates nothing. `filename*` (RFC 8187 extended value, `UTF-8''caf%C3%A9.png`) is
// kept apart: RFC 6266 §4.3 lets it win over `filename` for attachments, and RFC 7578 §4.2 says
// multipart/form-data must not use it, so the multipart parser ignores it and `upload.hpp`
// decodes it with `decode_extended_value`.
#ifndef KAYAKO_CONTENT_DISPOSITION_HPP
#define KAYAKO_CONTENT_DISPOSITION_HPP

#include <kayako/detail/http_grammar.hpp>
#include <kayako/detail/percent_decoding.hpp>
#include <kayako/error.hpp>
#include <kayako/headers.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kayako {

/// A parsed Content-Disposition value: views into the header value.
struct content_disposition {
    std::string_view type;                        ///< `attachment`, `inline`, `form-data`, ... (as sent)
    std::optional<detail::header_parameter> name;        ///< `name=`
    std::optional<detail::header_parameter> filename;    ///< `filename=`
    std::optional<detail::header_parameter> filename_ext;  ///< `filename*=` (RFC 8187, still encoded)

    constexpr bool is(std::string_view t) const noexcept { return header_name_equal(type, t); }
};

/// Limits of `parse_content_disposition`.
struct content_disposition_options {
    std::size_t max_size = 2048;      ///< header value length → too_long
    std::size_t max_parameters = 16;  ///< parameter count → too_many
};

/// Parses a Content-Disposition value. Unknown parameters are skipped (RFC 6266 §4.4); a
/// parameter that appears twice is `duplicate` (which copy would count is ambiguous). Offsets in
/// failures are offsets into `text`.
constexpr result<content_disposition> parse_content_disposition(std::string_view text,
                                                                content_disposition_options const& options = {}) noexcept {
    if (text.size() > options.max_size) return failure(error::too_long, options.max_size);
    std::size_t i = 0;
    std::size_t const n = text.size();
    while (i < n && detail::is_ows(text[i])) ++i;
    std::size_t end = n;
    while (end > i && detail::is_ows(text[end - 1])) --end;
    if (i == end) return failure(error::empty_value, i);
    std::size_t const type_start = i;
    while (i < end && detail::is_token_char(text[i])) ++i;
    if (i == type_start) return detail::bad_byte(text[i], i);
    content_disposition d;
    d.type = text.substr(type_start, i - type_start);
    std::string_view const rest = text.substr(i, end - i);
    std::size_t pos = 0, count = 0;
    detail::header_parameter p;
    for (;;) {
        auto more = detail::next_header_parameter(rest, pos, p);
        if (!more) return more.error().shifted(i);
        if (!*more) break;
        if (++count > options.max_parameters) return failure(error::too_many, i + p.offset);
        std::optional<detail::header_parameter>* slot = nullptr;
        if (header_name_equal(p.name, "name")) slot = &d.name;
        else if (header_name_equal(p.name, "filename")) slot = &d.filename;
        else if (header_name_equal(p.name, "filename*")) slot = &d.filename_ext;
        if (!slot) continue;
        if (*slot) return failure(error::duplicate, i + p.offset);
        p.offset += i;
        *slot = p;
    }
    return d;
}

/// Decodes an RFC 8187 extended value (`UTF-8'en'caf%C3%A9.png`) to UTF-8. Charsets `UTF-8` and
/// `ISO-8859-1` (any letter case) are read; any other is `invalid_header`. Invalid percent
/// escapes, bytes outside attr-char, NUL and invalid UTF-8 are errors with their offset.
/// Throws only `std::bad_alloc`.
inline result<std::string> decode_extended_value(std::string_view text) {
    std::size_t const quote1 = text.find('\'');
    if (quote1 == std::string_view::npos) return failure(error::unexpected_end, text.size());
    std::size_t const quote2 = text.find('\'', quote1 + 1);
    if (quote2 == std::string_view::npos) return failure(error::unexpected_end, text.size());
    std::string_view const charset = text.substr(0, quote1);
    bool const latin1 = header_name_equal(charset, "ISO-8859-1");
    if (!latin1 && !header_name_equal(charset, "UTF-8")) return failure(error::invalid_header, 0);
    std::string out;
    out.reserve(text.size() - quote2);
    for (std::size_t i = quote2 + 1; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            int const hi = i + 2 < text.size() ? detail::hex_digit_value(text[i + 1]) : -1;
            int const lo = hi >= 0 ? detail::hex_digit_value(text[i + 2]) : -1;
            if (hi < 0 || lo < 0) return failure(error::invalid_percent_escape, i);
            c = static_cast<char>(hi * 16 + lo);
            if (c == '\0') return failure(error::nul_byte, i);
            i += 2;
        } else if (!detail::is_token_char(c) || c == '*' || c == '\'' || c == '%') {
            // attr-char is tchar without `*`, `'` and `%` (RFC 8187 §3.2.1)
            return detail::bad_byte(c, i);
        }
        if (latin1 && static_cast<unsigned char>(c) >= 0x80) {
            auto const b = static_cast<unsigned char>(c);
            out += static_cast<char>(0xC0 | (b >> 6));
            out += static_cast<char>(0x80 | (b & 0x3F));
        } else {
            out += c;
        }
    }
    if (!latin1) {
        if (std::size_t const bad = detail::find_invalid_utf8(out); bad != std::string_view::npos)
            return failure(error::invalid_utf8, quote2 + 1);
    }
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_CONTENT_DISPOSITION_HPP
