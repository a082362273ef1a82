// kayako-proto — the boundary of a multipart/form-data body (§2.4; RFC 2046 §5.1.1, RFC 7578 §4.1).
//
// `multipart_boundary` is a validated boundary (1 to 70 bchars, not ending in a space) together
// with the delimiter `CRLF--boundary` that precedes every part; `make_multipart_boundary` checks a
// text, `parse_multipart_boundary` takes it from the `boundary` parameter of a Content-Type. The
// reader (multipart_reader.hpp) searches bodies for this delimiter.
#ifndef KAYAKO_REQUEST_MULTIPART_BOUNDARY_HPP
#define KAYAKO_REQUEST_MULTIPART_BOUNDARY_HPP

#include <kayako/core/error.hpp>
#include <kayako/request/media_type.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace kayako {

/// The longest boundary RFC 2046 allows.
inline constexpr std::size_t max_boundary_size = 70;

/// A validated boundary, with the delimiter that precedes every part (`CRLF--boundary`).
class multipart_boundary {
public:
    /// The boundary itself (without the leading `--`).
    constexpr std::string_view value() const noexcept { return {delimiter_.data() + 4, size_}; }
    /// `CRLF--boundary`.
    constexpr std::string_view delimiter() const noexcept { return {delimiter_.data(), size_ + 4}; }

private:
    friend constexpr result<multipart_boundary> parse_multipart_boundary(media_type const&) noexcept;
    friend constexpr result<multipart_boundary> make_multipart_boundary(std::string_view) noexcept;
    std::array<char, max_boundary_size + 4> delimiter_{'\r', '\n', '-', '-'};
    std::size_t size_ = 0;
};

namespace detail {
// bchars := bcharsnospace / " "; bcharsnospace := DIGIT / ALPHA / "'" / "(" / ")" / "+" / "_" /
// "," / "-" / "." / "/" / ":" / "=" / "?"   (RFC 2046 §5.1.1)
constexpr bool is_boundary_char(char c) noexcept {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}
}  // namespace detail

/// A boundary from its text: 1 to 70 bchars, not ending in a space (RFC 2046 §5.1.1); otherwise
/// `missing_boundary` at the offending offset.
constexpr result<multipart_boundary> make_multipart_boundary(std::string_view text) noexcept {
    if (text.empty()) return failure(error::missing_boundary, 0);
    if (text.size() > max_boundary_size) return failure(error::missing_boundary, max_boundary_size);
    multipart_boundary b;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!detail::is_boundary_char(text[i])) return failure(error::missing_boundary, i);
        b.delimiter_[4 + i] = text[i];
    }
    if (text.back() == ' ') return failure(error::missing_boundary, text.size() - 1);
    b.size_ = text.size();
    return b;
}

/// The boundary of a `multipart/form-data` media type (quoted or not, §2.4). Absent or unusable:
/// `missing_boundary`, naming `Content-Type`.
constexpr result<multipart_boundary> parse_multipart_boundary(media_type const& type) noexcept {
    auto p = type.parameter("boundary");
    if (!p) return failure(error::missing_boundary, failure::no_offset, "Content-Type");
    std::array<char, max_boundary_size> text{};
    if (p->value.size() > max_boundary_size) return failure(error::missing_boundary, max_boundary_size, "Content-Type");
    std::size_t const n = p->unescape_to(text.data());
    auto b = make_multipart_boundary(std::string_view(text.data(), n));
    if (!b) return b.error().of("Content-Type");
    return b;
}

/// The boundary of a Content-Type header value that must be `multipart/form-data`.
constexpr result<multipart_boundary> parse_multipart_boundary(std::string_view content_type) noexcept {
    auto m = parse_media_type(content_type);
    if (!m) return m.error().of("Content-Type");
    if (!m->is("multipart", "form-data")) return failure(error::invalid_content_type, 0, "Content-Type");
    return parse_multipart_boundary(*m);
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_MULTIPART_BOUNDARY_HPP
