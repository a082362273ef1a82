// kayako-proto — equality of short strings (names of arguments and envelope members), the
// comparison at the heart of the two name lookups on hot paths: `query_arguments.hpp`'s documented
// arguments and `envelope_reading.hpp`'s members.
//
// Names are 1 to 16 bytes long. A call to memcmp costs more than such a comparison, and a byte
// loop branches on every byte: comparing two overlapping words from each end does the same work
// in four loads and two compares.
#ifndef KAYAKO_DETAIL_SHORT_STRINGS_HPP
#define KAYAKO_DETAIL_SHORT_STRINGS_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace kayako::detail {

/// `a == b` for strings of the same size `n`, `sizeof(Word) <= n <= 2 * sizeof(Word)`: the first
/// and the last word of each, which overlap when `n` is less than two words.
template <class Word>
bool equal_by_two_words(char const* a, char const* b, std::size_t n) noexcept {
    Word a0, a1, b0, b1;
    std::memcpy(&a0, a, sizeof(Word));
    std::memcpy(&b0, b, sizeof(Word));
    std::memcpy(&a1, a + n - sizeof(Word), sizeof(Word));
    std::memcpy(&b1, b + n - sizeof(Word), sizeof(Word));
    return a0 == b0 && a1 == b1;
}

/// `a == b`, fastest for strings of 4 to 16 bytes. Always inlined: the callers are the inner
/// loops of name lookups, where a call would cost more than the comparison.
[[gnu::always_inline]] constexpr bool short_strings_equal(std::string_view a, std::string_view b) noexcept {
    std::size_t const n = a.size();
    if (n != b.size()) return false;
    if (std::is_constant_evaluated() || n > 16 || n < 4) return a == b;
    return n >= 8 ? equal_by_two_words<std::uint64_t>(a.data(), b.data(), n)
                  : equal_by_two_words<std::uint32_t>(a.data(), b.data(), n);
}

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_SHORT_STRINGS_HPP
