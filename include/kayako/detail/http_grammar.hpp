// kayako-proto — the small pieces of HTTP grammar that header parsers share (RFC 9110 §5.6):
// tokens, quoted strings, parameter lists `; name=value`, UTF-8 validation, and the check that
// keeps CR, LF and NUL out of every header value the library writes.
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

/// One `name=value` parameter of a header value (media types, Content-Disposition).
struct header_parameter {
    std::string_view name;    ///< as sent (compare case-blind)
    std::string_view value;   ///< token, or the text between the quotes with quoted-pairs still escaped
    bool quoted = false;      ///< the value was a quoted-string
    bool escaped = false;     ///< the quoted value holds at least one quoted-pair
    /// Read as in multipart part headers (§21.21): a backslash is a quoted-pair only before `"`
    /// or `\`, and is itself otherwise (browsers write Windows paths unescaped).
    bool literal_backslashes = false;
    std::size_t offset = 0;        ///< offset of the name in the header value
    std::size_t value_offset = 0;  ///< offset of `value` in the header value (after an opening quote)

    /// Does a quoted-pair start at `i` of `value`?
    constexpr bool pair_at(std::size_t i) const noexcept {
        if (!escaped || value[i] != '\\' || i + 1 >= value.size()) return false;
        return !literal_backslashes || value[i + 1] == '"' || value[i + 1] == '\\';
    }
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
            if (pair_at(i)) ++i;
            out += value[i];
        }
    }
    /// Writes the unescaped value to `out` (room for `value.size()` bytes); returns its length.
    constexpr std::size_t unescape_to(char* out) const noexcept {
        std::size_t n = 0;
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (pair_at(i)) ++i;
            out[n++] = value[i];
        }
        return n;
    }
    /// The unescaped value equals `text`, byte for byte.
    constexpr bool value_equals(std::string_view text) const noexcept {
        std::size_t k = 0;
        for (std::size_t i = 0; i < value.size(); ++i, ++k) {
            if (pair_at(i)) ++i;
            if (k >= text.size() || text[k] != value[i]) return false;
        }
        return k == text.size();
    }
};

/// Reads the parameter that starts at or after `pos` in `text` (`*( OWS ";" OWS [ parameter ] )`,
/// RFC 9110 §5.6.6): skips `;` separators and empty parameters, fills `out` and moves `pos` past
/// it. Returns true when a parameter was read, false at the end of the text. Offsets in failures
/// are offsets into `text`.
///
/// Optional whitespace around `=` is read, as browsers, Go and jshttp read it (§21.21). A name
/// followed by whitespace and `*` (`filename *=`, tc2231) is read as one parameter whose name
/// holds the whitespace: no token equals it, so it is an unknown parameter and is ignored.
/// `literal_backslashes` reads quoted strings as multipart part headers are written (§21.21).
constexpr result<bool> next_header_parameter(std::string_view text, std::size_t& pos, header_parameter& out,
                                             bool literal_backslashes = false) noexcept {
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
    std::size_t name_end = i;
    while (i < n && is_ows(text[i])) ++i;
    if (i > name_end && i < n && text[i] == '*') name_end = ++i;  // `filename *=`: see above
    while (i < n && is_ows(text[i])) ++i;
    out.name = text.substr(name_start, name_end - name_start);
    out.offset = name_start;
    if (i == n) return failure(error::unexpected_end, i);
    if (text[i] != '=') return bad_byte(text[i], i);
    ++i;
    while (i < n && is_ows(text[i])) ++i;
    out.quoted = out.escaped = false;
    out.literal_backslashes = literal_backslashes;
    if (i < n && text[i] == '"') {
        std::size_t const value_start = ++i;
        for (;;) {
            if (i == n) return failure(error::unexpected_end, i);
            char const c = text[i];
            if (c == '"') break;
            if (c == '\\') {
                bool const pair = !literal_backslashes || (i + 1 < n && (text[i + 1] == '"' || text[i + 1] == '\\'));
                if (pair) {
                    if (i + 1 == n) return failure(error::unexpected_end, n);
                    if (!is_quoted_pair_char(text[i + 1])) return bad_byte(text[i + 1], i + 1);
                    out.escaped = true;
                    i += 2;
                    continue;
                }
            }
            if (!is_qdtext(c) && c != '\\') return bad_byte(c, i);
            ++i;
        }
        out.value = text.substr(value_start, i - value_start);
        out.value_offset = value_start;
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
        out.value_offset = value_start;
    }
    pos = i;
    return true;
}

/// The parameters of a validated header value, in order (media types, Content-Disposition).
class header_parameter_range {
public:
    class iterator {
    public:
        using value_type = header_parameter;
        using difference_type = std::ptrdiff_t;
        constexpr iterator() noexcept = default;
        constexpr header_parameter const& operator*() const noexcept { return current_; }
        constexpr header_parameter const* operator->() const noexcept { return &current_; }
        constexpr iterator& operator++() noexcept {
            advance();
            return *this;
        }
        constexpr iterator operator++(int) noexcept {
            iterator t = *this;
            advance();
            return t;
        }
        friend constexpr bool operator==(iterator const& a, iterator const& b) noexcept { return a.done_ == b.done_ && (a.done_ || a.pos_ == b.pos_); }

    private:
        friend class header_parameter_range;
        constexpr iterator(std::string_view text, bool literal_backslashes) noexcept
            : text_(text), literal_backslashes_(literal_backslashes), done_(false) {
            advance();
        }
        constexpr void advance() noexcept {
            // The text was validated when its header was parsed: reading it again cannot fail.
            auto more = next_header_parameter(text_, pos_, current_, literal_backslashes_);
            done_ = !more || !*more;
        }
        std::string_view text_;
        std::size_t pos_ = 0;
        header_parameter current_{};
        bool literal_backslashes_ = false;
        bool done_ = true;
    };
    constexpr explicit header_parameter_range(std::string_view text, bool literal_backslashes = false) noexcept
        : text_(text), literal_backslashes_(literal_backslashes) {}
    constexpr iterator begin() const noexcept { return iterator(text_, literal_backslashes_); }
    constexpr iterator end() const noexcept { return iterator(); }

private:
    std::string_view text_;
    bool literal_backslashes_ = false;
};

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
