// kayako-proto — percent-encoding as Kayako writes query strings and form bodies.
//
// The set is the one of HTML forms as PHP's `urlencode` applies it, which is what Kayako's own
// links show (§7.4: `,` → `%2C`, `*` → `%2A`): ASCII letters, digits, `-`, `_` and `.` stay, a
// space becomes `+`, every other byte becomes `%XX` with upper-case hex. A literal `+` therefore
// becomes `%2B` (§21.1), so `fields=+name` survives the trip.
#ifndef KAYAKO_DETAIL_PERCENT_ENCODING_HPP
#define KAYAKO_DETAIL_PERCENT_ENCODING_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace kayako::detail {

constexpr bool is_form_unreserved(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
}

/// The length of `text` once form-encoded.
constexpr std::size_t form_encoded_size(std::string_view text) noexcept {
    std::size_t n = 0;
    for (char c : text) n += (is_form_unreserved(c) || c == ' ') ? 1 : 3;
    return n;
}

/// Appends `text` form-encoded to `out`.
inline void append_form_encoded(std::string& out, std::string_view text) {
    constexpr char hex[] = "0123456789ABCDEF";
    std::size_t const start = out.size();
    out.resize(start + form_encoded_size(text));
    char* p = out.data() + start;
    for (char c : text) {
        if (is_form_unreserved(c)) {
            *p++ = c;
        } else if (c == ' ') {
            *p++ = '+';
        } else {
            auto const b = static_cast<unsigned char>(c);
            *p++ = '%';
            *p++ = hex[b >> 4];
            *p++ = hex[b & 15];
        }
    }
}

/// Appends `segment` percent-encoded for a URL path (RFC 3986 §3.3): the form-unreserved bytes
/// and `~` stay, everything else — space and `+` included, which are not form syntax in a path —
/// becomes `%XX`. A `/` inside a segment is therefore `%2F` and cannot split it.
inline void append_path_segment_encoded(std::string& out, std::string_view segment) {
    constexpr char hex[] = "0123456789ABCDEF";
    for (char c : segment) {
        if (is_form_unreserved(c) || c == '~') {
            out += c;
        } else {
            auto const b = static_cast<unsigned char>(c);
            char const escape[3] = {'%', hex[b >> 4], hex[b & 15]};
            out.append(escape, 3);
        }
    }
}

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_PERCENT_ENCODING_HPP
