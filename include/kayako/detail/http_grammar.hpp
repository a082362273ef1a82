// kayako-proto — the small pieces of HTTP grammar that header parsers share (RFC 9110 §5.6):
// tokens, quoted strings, UTF-8 validation, and the check that keeps CR, LF and NUL out of every
// header value the library writes. Parameter lists `; name=value` are request/header_parameters.hpp.
#ifndef KAYAKO_DETAIL_HTTP_GRAMMAR_HPP
#define KAYAKO_DETAIL_HTTP_GRAMMAR_HPP

#include <kayako/core/error.hpp>

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

/// Appends `value` as a quoted-string: `"` and `\` get a backslash. The caller has refused CR,
/// LF and NUL (`check_header_value`, headers.hpp); other control bytes cannot be quoted and are
/// the caller's to refuse too.
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
