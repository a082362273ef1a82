// kayako-proto — the small pieces of HTTP grammar that header parsers share (RFC 9110 §5.6):
// tokens, quoted strings, parameter lists `; name=value`, UTF-8 validation, and the check that
// keeps CR, LF and NUL out of every header value the library writes.
#ifndef KAYAKO_DETAIL_HTTP_GRAMMAR_HPP
#define KAYAKO_DETAIL_HTTP_GRAMMAR_HPP

#include <kayako/error.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace kayako::detail {

// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
//       / DIGIT / ALPHA  (RFC 9110 §5.6.2)
inline constexpr std::array<bool, 256> token_chars = [] {
    std::array<bool, 256> t{};
    for (int c = '0'; c <= '9'; ++c) t[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
    for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
    for (char c : std::string_view("!#$%&'*+-.^_`|~")) t[static_cast<unsigned char>(c)] = true;
    return t;
}();

constexpr bool is_token_char(char c) noexcept { return token_chars[static_cast<unsigned char>(c)]; }

constexpr bool is_ows(char c) noexcept { return c == ' ' || c == '\t'; }

// qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text; quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
constexpr bool is_qdtext(char ch) noexcept {
    auto const c = static_cast<unsigned char>(ch);
    return c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E) || c >= 0x80;
}
constexpr bool is_quoted_pair_char(char ch) noexcept {
    auto const c = static_cast<unsigned char>(ch);
    return c == '\t' || (c >= 0x20 && c <= 0x7E) || c >= 0x80;
}

/// The error for a byte the grammar refuses: NUL has its own code (it is how injection and
/// truncation attacks begin), everything else is `unexpected_character`.
constexpr failure bad_byte(char c, std::size_t at) noexcept {
    return failure(c == '\0' ? error::nul_byte : error::unexpected_character, at);
}

/// One `name=value` parameter of a header value (media types, Content-Disposition).
struct header_parameter {
    std::string_view name;    ///< as sent (compare case-blind)
    std::string_view value;   ///< token, or the text between the quotes with quoted-pairs still escaped
    bool quoted = false;      ///< the value was a quoted-string
    bool escaped = false;     ///< the quoted value holds at least one `\x` quoted-pair
    std::size_t offset = 0;   ///< offset of the name in the header value

    /// The value with quoted-pairs resolved (`a\"b` → `a"b`). Throws only `std::bad_alloc`.
    std::string text() const {
        std::string out;
        append_text(out);
        return out;
    }
    void append_text(std::string& out) const {
        if (!escaped) {
            out.append(value.data(), value.size());
            return;
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (value[i] == '\\' && i + 1 < value.size()) ++i;
            out += value[i];
        }
    }
    /// Writes the unescaped value to `out` (room for `value.size()` bytes); returns its length.
    constexpr std::size_t unescape_to(char* out) const noexcept {
        std::size_t n = 0;
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (escaped && value[i] == '\\' && i + 1 < value.size()) ++i;
            out[n++] = value[i];
        }
        return n;
    }
    /// The unescaped value equals `text`, byte for byte.
    constexpr bool value_equals(std::string_view text) const noexcept {
        std::size_t k = 0;
        for (std::size_t i = 0; i < value.size(); ++i, ++k) {
            if (escaped && value[i] == '\\' && i + 1 < value.size()) ++i;
            if (k >= text.size() || text[k] != value[i]) return false;
        }
        return k == text.size();
    }
};

/// Reads the parameter that starts at or after `pos` in `text` (`*( OWS ";" OWS [ parameter ] )`,
/// RFC 9110 §5.6.6): skips `;` separators and empty parameters, fills `out` and moves `pos` past
/// it. Returns true when a parameter was read, false at the end of the text. Offsets in failures
/// are offsets into `text`.
constexpr result<bool> next_header_parameter(std::string_view text, std::size_t& pos, header_parameter& out) noexcept {
    std::size_t i = pos;
    std::size_t const n = text.size();
    for (;;) {
        while (i < n && is_ows(text[i])) ++i;
        if (i == n) {
            pos = n;
            return false;
        }
        if (text[i] != ';') return bad_byte(text[i], i);
        ++i;
        while (i < n && is_ows(text[i])) ++i;
        if (i < n && text[i] != ';') break;  // a parameter starts here
        if (i == n) {                         // a trailing `;`
            pos = n;
            return false;
        }
    }
    std::size_t const name_start = i;
    while (i < n && is_token_char(text[i])) ++i;
    if (i == name_start) return bad_byte(text[i], i);
    out.name = text.substr(name_start, i - name_start);
    out.offset = name_start;
    if (i == n) return failure(error::unexpected_end, i);
    if (text[i] != '=') return bad_byte(text[i], i);  // no OWS around `=` (RFC 9110 §5.6.6)
    ++i;
    out.quoted = out.escaped = false;
    if (i < n && text[i] == '"') {
        std::size_t const value_start = ++i;
        for (;;) {
            if (i == n) return failure(error::unexpected_end, i);
            char const c = text[i];
            if (c == '"') break;
            if (c == '\\') {
                if (i + 1 == n) return failure(error::unexpected_end, n);
                if (!is_quoted_pair_char(text[i + 1])) return bad_byte(text[i + 1], i + 1);
                out.escaped = true;
                i += 2;
                continue;
            }
            if (!is_qdtext(c)) return bad_byte(c, i);
            ++i;
        }
        out.value = text.substr(value_start, i - value_start);
        out.quoted = true;
        ++i;  // the closing quote
    } else {
        std::size_t const value_start = i;
        while (i < n && is_token_char(text[i])) ++i;
        if (i == value_start) {
            if (i == n) return failure(error::unexpected_end, i);
            return bad_byte(text[i], i);
        }
        out.value = text.substr(value_start, i - value_start);
    }
    pos = i;
    return true;
}

/// The offset of the first byte of `text` that is not part of well-formed UTF-8 (RFC 3629:
/// no overlongs, no surrogates, nothing above U+10FFFF), or `npos`.
constexpr std::size_t find_invalid_utf8(std::string_view text) noexcept {
    std::size_t i = 0;
    std::size_t const n = text.size();
    while (i < n) {
        auto const c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t need = 0;
        unsigned char lower = 0x80, upper = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0) lower = 0xA0;
            if (c == 0xED) upper = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0) lower = 0x90;
            if (c == 0xF4) upper = 0x8F;
        } else {
            return i;
        }
        if (i + need >= n) return i;  // the text ends inside the sequence
        for (std::size_t k = 1; k <= need; ++k) {
            auto const b = static_cast<unsigned char>(text[i + k]);
            if (b < lower || b > upper) return i;
            lower = 0x80;
            upper = 0xBF;
        }
        i += need + 1;
    }
    return std::string_view::npos;
}

/// Refuses a value the library is about to write into a header when it holds CR, LF or NUL:
/// any of them would let the value end the header line (header injection) or truncate it.
constexpr result<void> check_header_value(std::string_view value, std::string_view header_name) noexcept {
    for (std::size_t i = 0; i < value.size(); ++i) {
        char const c = value[i];
        if (c == '\r' || c == '\n' || c == '\0') return failure(error::header_injection, i, header_name);
    }
    return {};
}

/// Appends `value` as a quoted-string: `"` and `\` get a backslash. The caller has refused CR,
/// LF and NUL (`check_header_value`); other control bytes cannot be quoted and are the caller's
/// to refuse too.
inline void append_quoted_string(std::string& out, std::string_view value) {
    out += '"';
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

/// Constant-time equality of two secrets of the same length (a CSRF token compare must not leak
/// how many leading bytes matched). Different lengths compare unequal at once: the length of
/// a token is not secret.
constexpr bool secrets_equal(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff = static_cast<unsigned char>(diff | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i])));
    return diff == 0;
}

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_HTTP_GRAMMAR_HPP
