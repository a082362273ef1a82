// kayako-proto — the parameters of a header value, `; name=value` (RFC 9110 §5.6.6), as media
// types (§2.1, §8.2) and Content-Disposition (§8.3, §21.21) carry them.
//
// `header_parameter` is one parameter: views into the header value, the value still quoted-pair
// escaped until `text()`, `unescape_to()` or `value_equals()` resolves it; with
// `literal_backslashes` a backslash escapes only `"` and `\` (multipart part headers, §21.21).
// `header_parameter_range` walks the parameters of a header value its parser already validated
// (`media_type::parameters()`, `content_disposition::parameters()`); it allocates nothing.
#ifndef KAYAKO_REQUEST_HEADER_PARAMETERS_HPP
#define KAYAKO_REQUEST_HEADER_PARAMETERS_HPP

#include <kayako/core/error.hpp>
#include <kayako/detail/http_grammar.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace kayako {

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
    /// Appends the value with quoted-pairs resolved to `out`. Throws only `std::bad_alloc`.
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

namespace detail {

// The parser of a parameter list. It is private, and lives here rather than in
// detail/http_grammar.hpp because it fills a `header_parameter` and `header_parameter_range`
// iterates with it.
//
// Reads the parameter that starts at or after `pos` in `text` (`*( OWS ";" OWS [ parameter ] )`,
// RFC 9110 §5.6.6): skips `;` separators and empty parameters, fills `out` and moves `pos` past
// it. Returns true when a parameter was read, false at the end of the text. Offsets in failures
// are offsets into `text`.
//
// Optional whitespace around `=` is read, as browsers, Go and jshttp read it (§21.21). A name
// followed by whitespace and `*` (`filename *=`, tc2231) is read as one parameter whose name
// holds the whitespace: no token equals it, so it is an unknown parameter and is ignored.
// `literal_backslashes` reads quoted strings as multipart part headers are written (§21.21).
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

}  // namespace detail

/// The parameters of a validated header value, in order (media types, Content-Disposition).
/// Given text its parser did not accept, the walk ends at the first malformed parameter.
class header_parameter_range {
public:
    /// A forward iterator over the parameters.
    class iterator {
    public:
        using value_type = header_parameter;    ///< Each parameter.
        using difference_type = std::ptrdiff_t; ///< Standard iterator trait.
        constexpr iterator() noexcept = default;
        /// The current parameter.
        constexpr header_parameter const& operator*() const noexcept { return current_; }
        /// The current parameter's members.
        constexpr header_parameter const* operator->() const noexcept { return &current_; }
        /// Moves to the next parameter; past a malformed one, to the end.
        constexpr iterator& operator++() noexcept {
            advance();
            return *this;
        }
        /// Moves to the next parameter; returns the iterator as it was.
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
            auto more = detail::next_header_parameter(text_, pos_, current_, literal_backslashes_);
            done_ = !more || !*more;
        }
        std::string_view text_;
        std::size_t pos_ = 0;
        header_parameter current_{};
        bool literal_backslashes_ = false;
        bool done_ = true;
    };
    /// Walks `text`, the parameters after a value (`; a=1; b="2"`); `literal_backslashes` as in
    /// `header_parameter`.
    constexpr explicit header_parameter_range(std::string_view text, bool literal_backslashes = false) noexcept
        : text_(text), literal_backslashes_(literal_backslashes) {}
    /// The first parameter, or `end()` when there is none.
    constexpr iterator begin() const noexcept { return iterator(text_, literal_backslashes_); }
    /// Past the last parameter.
    constexpr iterator end() const noexcept { return iterator(); }

private:
    std::string_view text_;
    bool literal_backslashes_ = false;
};

}  // namespace kayako

#endif  // KAYAKO_REQUEST_HEADER_PARAMETERS_HPP
