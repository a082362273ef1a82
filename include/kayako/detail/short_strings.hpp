// kayako-proto — equality of short strings (names of arguments and envelope members), the
// comparison at the heart of the two name lookups on hot paths: `query.hpp`'s documented
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

/// `a == b`, fastest for strings of 4 to 16 bytes.
constexpr bool short_strings_equal(std::string_view a, std::string_view b) noexcept {
    std::size_t const n = a.size();
    if (n != b.size()) return false;
    if (std::is_constant_evaluated() || n > 16 || n < 4) return a == b;
    if (n >= 8) {
        std::uint64_t a0, a1, b0, b1;
        std::memcpy(&a0, a.data(), 8);
        std::memcpy(&b0, b.data(), 8);
        std::memcpy(&a1, a.data() + n - 8, 8);
        std::memcpy(&b1, b.data() + n - 8, 8);
        return a0 == b0 && a1 == b1;
    }
    std::uint32_t a0, a1, b0, b1;
    std::memcpy(&a0, a.data(), 4);
    std::memcpy(&b0, b.data(), 4);
    std::memcpy(&a1, a.data() + n - 4, 4);
    std::memcpy(&b1, b.data() + n - 4, 4);
    return a0 == b0 && a1 == b1;
}

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_SHORT_STRINGS_HPP
