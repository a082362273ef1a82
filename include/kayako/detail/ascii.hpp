// kayako-proto — ASCII letter case, the one definition the library's case-blind compares share:
// header names and tokens (RFC 9110 §5.1, §5.6.2), media types, `.json` suffixes and URI schemes,
// the spellings of `_case` and of booleans (§3), and the letter-case machinery of §2.5.
//
// Only ASCII letters fold; every other byte compares as itself (no locale, no Unicode folding).
#ifndef KAYAKO_DETAIL_ASCII_HPP
#define KAYAKO_DETAIL_ASCII_HPP

#include <cstddef>
#include <string_view>

namespace kayako::detail {

constexpr bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) noexcept { return c >= 'a' && c <= 'z'; }
constexpr char to_lower(char c) noexcept { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char to_upper(char c) noexcept { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

/// `a == b` with ASCII letters compared case-blind.
constexpr bool ascii_iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i])) return false;
    return true;
}

/// `text` is `lower` (a lower-case literal) in any letter case: half the folding of `ascii_iequals`.
constexpr bool equals_lowercase(std::string_view text, std::string_view lower) noexcept {
    if (text.size() != lower.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (to_lower(text[i]) != lower[i]) return false;
    return true;
}

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_ASCII_HPP
