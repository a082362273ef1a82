// kayako-proto — letter cases of names (§2.5, §6.1, §21.5).
//
// Kayako names are snake_case on the wire by default; `_case=camel|pascal` converts every name of a
// response, and requests may use any of the three cases. Two operations follow:
//
// * conversion: `convert_case("full_name", letter_case::camel) == "fullName"`;
// * case-blind matching without allocating: `names_equal("fullName", "full_name")`.
//
// Both read a name through its canonical snake spelling: an upper-case letter starts a new word
// (`fullName` → `full_name`) unless it already follows `_` or starts the name (`FullName`,
// `_Case`). Leading underscores belong to the name (`_case` is not `case`). Digits do not start
// words (`line2Address` ↔ `line2_address`). Names in all capitals (`ID`) are outside the three
// cases and are matched letter by letter as snake (`i_d`).
#ifndef KAYAKO_CORE_LETTER_CASE_HPP
#define KAYAKO_CORE_LETTER_CASE_HPP

#include <kayako/detail/ascii.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kayako {

/// The three letter cases of `_case` (§6.1): `full_name`, `fullName`, `FullName`.
enum class letter_case : unsigned char { snake, camel, pascal };

/// `snake`, `camel` or `pascal` in any letter case; nothing otherwise.
constexpr std::optional<letter_case> parse_letter_case(std::string_view text) noexcept;

/// "snake", "camel" or "pascal".
constexpr std::string_view to_string(letter_case c) noexcept {
    switch (c) {
    case letter_case::camel: return "camel";
    case letter_case::pascal: return "pascal";
    default: return "snake";
    }
}

namespace detail {
/// Reads a name as its canonical snake spelling, one character at a time, without allocating.
class snake_reader {
public:
    constexpr explicit snake_reader(std::string_view name) noexcept : name_(name) {}

    constexpr bool done() const noexcept { return !pending_underscore_ && pos_ >= name_.size(); }

    constexpr char next() noexcept {
        if (pending_underscore_) {
            pending_underscore_ = false;
            ++pos_;
            return to_lower(name_[pos_ - 1]);
        }
        char const c = name_[pos_];
        if (is_upper(c) && pos_ > 0 && name_[pos_ - 1] != '_') {
            pending_underscore_ = true;  // emit '_' now, the lowered letter on the next call
            return '_';
        }
        ++pos_;
        return to_lower(c);
    }

private:
    std::string_view name_;
    std::size_t pos_ = 0;
    bool pending_underscore_ = false;
};

}  // namespace detail

constexpr std::optional<letter_case> parse_letter_case(std::string_view text) noexcept {
    if (detail::equals_lowercase(text, "snake")) return letter_case::snake;
    if (detail::equals_lowercase(text, "camel")) return letter_case::camel;
    if (detail::equals_lowercase(text, "pascal")) return letter_case::pascal;
    return std::nullopt;
}

/// True when `a` and `b` name the same thing in any of the three letter cases:
/// `fullName` ≡ `FullName` ≡ `full_name`, `_Case` ≡ `_case`. Allocates nothing.
constexpr bool names_equal(std::string_view a, std::string_view b) noexcept {
    detail::snake_reader ra(a), rb(b);
    while (!ra.done() && !rb.done())
        if (ra.next() != rb.next()) return false;
    return ra.done() && rb.done();
}

/// A hash consistent with `names_equal` (FNV-1a over the snake spelling), for hash maps keyed by
/// names in any letter case.
constexpr std::uint64_t name_hash(std::string_view name) noexcept {
    std::uint64_t h = 14695981039346656037ULL;
    detail::snake_reader r(name);
    while (!r.done()) {
        h ^= static_cast<unsigned char>(r.next());
        h *= 1099511628211ULL;
    }
    return h;
}

/// Function objects for unordered containers keyed by names in any letter case.
struct name_hasher {
    /// Lets `find` take a `std::string_view` without building a key.
    using is_transparent = void;
    /// The same hash for `full_name`, `fullName` and `FullName` (`name_hash`).
    constexpr std::size_t operator()(std::string_view n) const noexcept { return static_cast<std::size_t>(name_hash(n)); }
};
/// Equality of names in any letter case (`names_equal`), the partner of `name_hasher`.
struct name_equal {
    /// Lets `find` take a `std::string_view` without building a key.
    using is_transparent = void;
    /// Whether `a` and `b` are the same name in any letter case.
    constexpr bool operator()(std::string_view a, std::string_view b) const noexcept { return names_equal(a, b); }
};

namespace detail {
/// Spells `name` in letter case `to`, one character at a time through `put(char)`: the one
/// conversion behind `append_case` and the names the library spells at compile time (the
/// envelope's members). Words are found as `names_equal` finds them; leading underscores are
/// kept (`_case` stays `_case` in camel, becomes `_Case` in Pascal).
template <class Put>
constexpr void spell_case(std::string_view name, letter_case to, Put&& put) {
    snake_reader r(name);
    bool word_start = (to == letter_case::pascal);
    bool seen_letter = false;  // leading underscores are copied as they are
    while (!r.done()) {
        char const c = r.next();
        if (to == letter_case::snake) {
            put(c);
            continue;
        }
        if (c == '_') {
            if (seen_letter) {
                word_start = true;
                continue;
            }
            put(c);
            continue;
        }
        seen_letter = true;
        put(word_start ? to_upper(c) : c);
        word_start = false;
    }
}
}  // namespace detail

/// Appends `name` spelled in letter case `to` to `out`. Words are found as `names_equal` finds
/// them; leading underscores are kept (`_case` stays `_case` in camel, becomes `_Case` in Pascal).
inline void append_case(std::string& out, std::string_view name, letter_case to) {
    detail::spell_case(name, to, [&out](char c) { out += c; });
}

/// `name` spelled in letter case `to`: `convert_case("full_name", letter_case::camel) == "fullName"`.
inline std::string convert_case(std::string_view name, letter_case to) {
    std::string out;
    out.reserve(name.size());
    append_case(out, name, to);
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_CORE_LETTER_CASE_HPP
