// kayako-proto — the Content-Disposition header (RFC 6266, RFC 7578 §4.2) as uploads use it:
// `attachment; name="avatar"; filename="coffee.png"` on a raw-body upload (§8.2), and
// `form-data; name="files[]"; filename="coffee.png"` on each part of a multipart body (§8.3).
//
// Parsing allocates nothing. It reads the header as browsers and tc2231 do (§21.21): a
// well-formed `filename*` (RFC 8187 extended value, `UTF-8''caf%C3%A9.png`, quoted or not) wins
// over `filename`, in raw uploads and multipart parts alike (RFC 7578 §4.2 says senders must not
// use it; readers honour it when they do); a malformed one is ignored, never a reason to refuse.
// Raw bytes of a quoted `filename` are UTF-8 when valid, ISO-8859-1 otherwise. `write_filename`
// and `filename_text` give the file name that results.
#ifndef KAYAKO_REQUEST_CONTENT_DISPOSITION_HPP
#define KAYAKO_REQUEST_CONTENT_DISPOSITION_HPP

#include <kayako/detail/http_grammar.hpp>
#include <kayako/detail/percent_decoding.hpp>
#include <kayako/core/error.hpp>
#include <kayako/request/header_parameters.hpp>
#include <kayako/request/headers.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kayako {

namespace detail {

// attr-char is tchar without `*`, `'` and `%` (RFC 8187 §3.2.1)
constexpr bool is_attr_char(char c) noexcept { return is_token_char(c) && c != '*' && c != '\'' && c != '%'; }

// The parts of an RFC 8187 ext-value `charset "'" [ language ] "'" value-chars`.
struct extended_value_parts {
    std::string_view charset;
    std::string_view encoded;  ///< value-chars, still percent-encoded
    std::size_t encoded_offset = 0;
    bool latin1 = false;
};

constexpr std::optional<extended_value_parts> split_extended_value(std::string_view text) noexcept {
    std::size_t const quote1 = text.find('\'');
    if (quote1 == std::string_view::npos || quote1 == 0) return std::nullopt;  // no charset
    std::size_t const quote2 = text.find('\'', quote1 + 1);
    if (quote2 == std::string_view::npos) return std::nullopt;  // one quote
    extended_value_parts parts;
    parts.charset = text.substr(0, quote1);
    parts.latin1 = header_name_equal(parts.charset, "ISO-8859-1");
    if (!parts.latin1 && !header_name_equal(parts.charset, "UTF-8")) return std::nullopt;
    parts.encoded = text.substr(quote2 + 1);
    parts.encoded_offset = quote2 + 1;
    return parts;
}

/// Is `text` an ext-value that names a file (§21.21)? Charset UTF-8 or ISO-8859-1, two quotes,
/// only attr-chars and `%HH` escapes, and a decoded name that is valid UTF-8 (for UTF-8) without
/// control characters U+0000–U+001F and U+007F–U+009F. Allocates nothing.
constexpr bool is_well_formed_filename(std::string_view text) noexcept {
    auto parts = split_extended_value(text);
    if (!parts) return false;
    std::string_view const in = parts->encoded;
    unsigned need = 0;  // continuation bytes still expected (UTF-8)
    unsigned char lower = 0x80, upper = 0xBF;
    bool after_c2 = false;  // U+0080..U+009F are C2 80..C2 9F
    for (std::size_t i = 0; i < in.size(); ++i) {
        unsigned char b = static_cast<unsigned char>(in[i]);
        if (in[i] == '%') {
            int const hi = i + 2 < in.size() ? hex_digit_value(in[i + 1]) : -1;
            int const lo = hi >= 0 ? hex_digit_value(in[i + 2]) : -1;
            if (hi < 0 || lo < 0) return false;
            b = static_cast<unsigned char>(hi * 16 + lo);
            i += 2;
        } else if (!is_attr_char(in[i])) {
            return false;
        }
        if (parts->latin1) {
            if (b < 0x20 || (b >= 0x7F && b <= 0x9F)) return false;
            continue;
        }
        if (need == 0) {
            if (b < 0x80) {
                if (b < 0x20 || b == 0x7F) return false;
                continue;
            }
            lower = 0x80;
            upper = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) need = 1;
            else if (b >= 0xE0 && b <= 0xEF) need = 2, lower = b == 0xE0 ? 0xA0 : 0x80, upper = b == 0xED ? 0x9F : 0xBF;
            else if (b >= 0xF0 && b <= 0xF4) need = 3, lower = b == 0xF0 ? 0x90 : 0x80, upper = b == 0xF4 ? 0x8F : 0xBF;
            else return false;
            after_c2 = b == 0xC2;
            continue;
        }
        if (b < lower || b > upper || (after_c2 && b <= 0x9F)) return false;
        lower = 0x80;
        upper = 0xBF;
        after_c2 = false;
        --need;
    }
    return need == 0;
}

/// Decodes a well-formed ext-value (`is_well_formed_filename`) to UTF-8 into `out`, which needs
/// room for `text.size()` bytes (an ISO-8859-1 byte ≥ 0x80 arrives as 3 characters, `%E4`, and
/// leaves as 2); returns the length written.
constexpr std::size_t decode_filename_to(std::string_view text, char* out) noexcept {
    auto parts = split_extended_value(text);
    std::size_t n = 0;
    if (!parts) return n;
    std::string_view const in = parts->encoded;
    for (std::size_t i = 0; i < in.size(); ++i) {
        unsigned char b = static_cast<unsigned char>(in[i]);
        if (in[i] == '%' && i + 2 < in.size()) {
            b = static_cast<unsigned char>(hex_digit_value(in[i + 1]) * 16 + hex_digit_value(in[i + 2]));
            i += 2;
        }
        if (parts->latin1 && b >= 0x80) {
            out[n++] = static_cast<char>(0xC0 | (b >> 6));
            out[n++] = static_cast<char>(0x80 | (b & 0x3F));
        } else {
            out[n++] = static_cast<char>(b);
        }
    }
    return n;
}

/// Reads `out[0, size)` as UTF-8 when it is valid UTF-8 and as ISO-8859-1 otherwise (§21.21),
/// converting in place; `out` needs room for `2 * size` bytes. Returns the new length.
constexpr std::size_t utf8_or_latin1_in_place(char* out, std::size_t size) noexcept {
    if (find_invalid_utf8(std::string_view(out, size)) == std::string_view::npos) return size;
    std::size_t high = 0;
    for (std::size_t i = 0; i < size; ++i) high += static_cast<unsigned char>(out[i]) >> 7;
    std::size_t w = size + high;
    for (std::size_t r = size; r-- > 0;) {  // backwards: the text only grows
        auto const b = static_cast<unsigned char>(out[r]);
        if (b < 0x80) {
            out[--w] = static_cast<char>(b);
        } else {
            out[--w] = static_cast<char>(0x80 | (b & 0x3F));
            out[--w] = static_cast<char>(0xC0 | (b >> 6));
        }
    }
    return size + high;
}

}  // namespace detail

/// A parsed Content-Disposition value: views into the header value.
struct content_disposition {
    std::string_view type;                        ///< `attachment`, `inline`, `form-data`, ... (as sent)
    std::optional<header_parameter> name;        ///< `name=`
    std::optional<header_parameter> filename;    ///< `filename=`
    /// `filename*=` (RFC 8187, still encoded), only when well-formed: a malformed one is ignored
    /// (§21.21) and `filename_ext_ignored` says so.
    std::optional<header_parameter> filename_ext;
    bool filename_ext_ignored = false; ///< a malformed `filename*` was present and ignored (§21.21)
    std::string_view parameters_text;  ///< everything after the type, validated
    bool literal_backslashes = false;  ///< read as a multipart part header (§21.21)

    /// Whether the disposition type is `t` (any case): `is("form-data")`, `is("attachment")`.
    constexpr bool is(std::string_view t) const noexcept { return header_name_equal(type, t); }

    /// Every parameter, in order (unknown ones too). Offsets are offsets into `parameters_text`.
    constexpr header_parameter_range parameters() const noexcept {
        return header_parameter_range(parameters_text, literal_backslashes);
    }
    /// The parameter named `name` (any letter case), or nothing.
    constexpr std::optional<header_parameter> parameter(std::string_view parameter_name) const noexcept {
        for (header_parameter const& p : parameters())
            if (header_name_equal(p.name, parameter_name)) return p;
        return std::nullopt;
    }

    /// A file name was given (`filename*` that is well-formed, or `filename`).
    constexpr bool has_filename() const noexcept { return filename_ext || filename; }
    /// Room `write_filename` needs.
    constexpr std::size_t filename_size_bound() const noexcept {
        if (filename_ext) return filename_ext->value.size();
        return filename ? 2 * filename->value.size() : 0;
    }
    /// Writes the file name as UTF-8 to `out` (room for `filename_size_bound()` bytes) and returns
    /// its length: the decoded `filename*` when there is one (RFC 6266 §4.3), else `filename` with
    /// quoted-pairs resolved, its bytes read as UTF-8 when valid and as ISO-8859-1 otherwise.
    constexpr std::size_t write_filename(char* out) const noexcept {
        if (filename_ext) return detail::decode_filename_to(filename_ext->value, out);
        if (!filename) return 0;
        return detail::utf8_or_latin1_in_place(out, filename->unescape_to(out));
    }
    /// The file name as `write_filename` gives it. Throws only `std::bad_alloc`.
    std::string filename_text() const {
        std::string out(filename_size_bound(), '\0');
        out.resize(write_filename(out.data()));
        return out;
    }
};

/// Limits and reading mode of `parse_content_disposition`.
struct content_disposition_options {
    std::size_t max_size = 2048;      ///< header value length → too_long
    std::size_t max_parameters = 16;  ///< parameter count → too_many
    bool literal_backslashes = false; ///< the header of a multipart part: `\` is literal unless before `"` or `\` (§21.21)
};

/// Parses a Content-Disposition value as browsers and tc2231 read it (§21.21): optional
/// whitespace around `=` and `;`, empty parameters skipped, unknown parameters kept but unused
/// (RFC 6266 §4.4), a parameter name given twice `duplicate` (which copy would count is
/// ambiguous), a malformed `filename*` ignored. Offsets in failures are offsets into `text`.
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
    d.literal_backslashes = options.literal_backslashes;
    std::string_view const rest = text.substr(i, end - i);
    d.parameters_text = rest;
    std::size_t pos = 0, count = 0;
    header_parameter p;
    for (;;) {
        auto more = detail::next_header_parameter(rest, pos, p, options.literal_backslashes);
        if (!more) return more.error().shifted(i);
        if (!*more) break;
        if (++count > options.max_parameters) return failure(error::too_many, i + p.offset);
        // A repeated name: compare with every earlier one (counts are small and bounded).
        std::size_t earlier_pos = 0;
        header_parameter q;
        for (std::size_t k = 1; k < count; ++k) {
            (void)detail::next_header_parameter(rest, earlier_pos, q, options.literal_backslashes);
            if (header_name_equal(q.name, p.name)) return failure(error::duplicate, i + p.offset);
        }
        p.offset += i;
        p.value_offset += i;
        if (header_name_equal(p.name, "name")) {
            d.name = p;
        } else if (header_name_equal(p.name, "filename")) {
            d.filename = p;
        } else if (header_name_equal(p.name, "filename*")) {
            // Quoted is accepted (§21.21); a quoted-pair cannot be part of a well-formed one.
            if (!p.escaped && detail::is_well_formed_filename(p.value)) d.filename_ext = p;
            else d.filename_ext_ignored = true;
        }
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
        if (std::size_t bad = detail::find_invalid_utf8(out); bad != std::string_view::npos) {
            // Where the first byte of the bad sequence was written: each `%XX` is one byte.
            std::size_t at = quote2 + 1;
            for (; bad > 0; --bad) at += text[at] == '%' ? 3 : 1;
            return failure(error::invalid_utf8, at);
        }
    }
    return out;
}

/// Writes a Content-Disposition value: `type` (`attachment`, `inline`, `form-data`), then
/// `name` when `name` is not empty and `filename` when `filename` is not empty — both as quoted
/// strings; a non-ASCII file name gets an ASCII fallback (`_` for each non-ASCII byte) and the
/// exact name as an RFC 8187 `filename*` in UTF-8 (RFC 6266 §4.3), which a reader prefers
/// (§21.21). Used by raw uploads (§8.2) and by file downloads (`GET /files/:id/content`, §8.1).
/// CR, LF or NUL in any value is `header_injection`; another control byte (in a file name also a
/// tab or a C1 control, which a reader would not take back, §21.21) `invalid_header`;
/// a name or file name that is not UTF-8 `invalid_utf8` — offsets into that value, naming
/// `Content-Disposition`; a value longer than `max_size` (what `parse_content_disposition`
/// accepts by default) `too_long`. Throws only `std::bad_alloc`.
inline result<std::string> format_content_disposition(std::string_view type, std::string_view name,
                                                      std::string_view filename,
                                                      std::size_t max_size = content_disposition_options{}.max_size) {
    for (std::string_view text : {type, name, filename}) {
        if (auto r = check_header_value(text, "Content-Disposition"); !r) return r.error();
        for (std::size_t i = 0; i < text.size(); ++i) {
            auto const c = static_cast<unsigned char>(text[i]);
            if ((c < 0x20 && c != '\t') || c == 0x7F) return failure(error::invalid_header, i, "Content-Disposition");
        }
        if (std::size_t const bad = detail::find_invalid_utf8(text); bad != std::string_view::npos)
            return failure(error::invalid_utf8, bad, "Content-Disposition");
    }
    // A name with a tab or a C1 control (U+0080–U+009F) would be written, but a reader ignores
    // a `filename*` that decodes to one (§21.21): refused, so that what is written reads back.
    for (std::size_t i = 0; i < filename.size(); ++i) {
        auto const c = static_cast<unsigned char>(filename[i]);
        bool const c1 = c == 0xC2 && i + 1 < filename.size() && static_cast<unsigned char>(filename[i + 1]) <= 0x9F;
        if (c == '\t' || c1) return failure(error::invalid_header, i, "Content-Disposition");
    }
    for (std::size_t i = 0; i < type.size(); ++i)
        if (!detail::is_token_char(type[i])) return failure(error::invalid_header, i, "Content-Disposition");
    if (type.empty()) return failure(error::invalid_header, 0, "Content-Disposition");

    std::string out(type);
    if (!name.empty()) {
        out += "; name=";
        detail::append_quoted_string(out, name);
    }
    if (!filename.empty()) {
        out += "; filename=";
        bool ascii = true;
        for (char c : filename) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
        if (ascii) {
            detail::append_quoted_string(out, filename);
        } else {  // an ASCII fallback, then the exact name (RFC 6266 §4.3, RFC 8187)
            std::string fallback;
            for (char c : filename) fallback += static_cast<unsigned char>(c) < 0x80 ? c : '_';
            detail::append_quoted_string(out, fallback);
            out += "; filename*=UTF-8''";
            constexpr char hex[] = "0123456789ABCDEF";
            for (char c : filename) {
                auto const b = static_cast<unsigned char>(c);
                if (detail::is_attr_char(c)) {
                    out += c;
                } else {
                    out += '%';
                    out += hex[b >> 4];
                    out += hex[b & 15];
                }
            }
        }
    }
    if (out.size() > max_size) return failure(error::too_long, max_size, "Content-Disposition");
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_CONTENT_DISPOSITION_HPP
