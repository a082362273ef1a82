// kayako-proto — percent-decoding of form fields, query arguments and path segments.
//
// One decoder, two modes (an option, not a fork):
//
// * lenient (the default, the WHATWG `application/x-www-form-urlencoded` parser): a `%` that is
//   not followed by two hex digits stays a literal `%`; bytes that are not UTF-8 become U+FFFD
//   (each maximal invalid subpart once, as the WHATWG UTF-8 decoder does); NUL is kept.
// * strict: a bad escape is `invalid_percent_escape`, bytes that are not UTF-8 are `invalid_utf8`,
//   and NUL (raw or `%00`) is `nul_byte` — each with the offset of the offending input byte.
//
// `+` becomes a space in form text (queries and bodies) and stays `+` in path segments.
//
// The decoder writes into a caller buffer: no allocation. The decoded text of `in` never needs
// more than `decoded_size_bound(in)` bytes: an escape shrinks 3 → 1 (its byte may become the 3
// bytes of U+FFFD, still 3), and only a raw byte ≥ 0x80 can grow (1 → 3 bytes of U+FFFD).
#ifndef KAYAKO_DETAIL_PERCENT_DECODING_HPP
#define KAYAKO_DETAIL_PERCENT_DECODING_HPP

#include <kayako/core/error.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#if defined(__SSE2__) && !defined(KAYAKO_NO_SIMD)
#include <emmintrin.h>
#endif

namespace kayako::detail {

struct percent_decoding_options {
    bool strict = false;         ///< errors instead of literal `%` and U+FFFD; NUL refused
    bool plus_as_space = true;   ///< form text: `+` is a space; false for path segments
};

/// The value of a hex digit, or -1.
inline constexpr std::array<signed char, 256> hex_digit_values = [] {
    std::array<signed char, 256> t{};
    for (auto& v : t) v = -1;
    for (int i = 0; i < 10; ++i) t['0' + i] = static_cast<signed char>(i);
    for (int i = 0; i < 6; ++i) {
        t['a' + i] = static_cast<signed char>(10 + i);
        t['A' + i] = static_cast<signed char>(10 + i);
    }
    return t;
}();

constexpr int hex_digit_value(char c) noexcept { return hex_digit_values[static_cast<unsigned char>(c)]; }

/// ASCII other than `%`, `+` and NUL: bytes that decode to themselves in every mode.
inline constexpr std::array<bool, 256> decodes_as_itself = [] {
    std::array<bool, 256> t{};
    for (int b = 1; b < 0x80; ++b) t[b] = b != '%' && b != '+';
    return t;
}();

/// True when `in` decodes to itself under `options`: no `%`, no `+` (in form text), and only
/// ASCII bytes other than NUL. Then callers can use a view of the input instead of decoding.
constexpr bool decodes_to_itself(std::string_view in, percent_decoding_options options = {}) noexcept {
    for (char c : in) {
        auto const b = static_cast<unsigned char>(c);
        if (b == '%' || b >= 0x80 || b == 0 || (b == '+' && options.plus_as_space)) return false;
    }
    return true;
}

/// Enough room for the decoded text of `in` in either mode.
constexpr std::size_t decoded_size_bound(std::string_view in) noexcept {
    std::size_t high = 0;
    for (char c : in) high += static_cast<unsigned char>(c) >> 7;
    return in.size() + 2 * high;
}

/// Decodes `in` into `out`, which must hold `decoded_size_bound(in)` bytes, and returns the
/// number of bytes written. A failure's offset is an offset into `in`.
constexpr result<std::size_t> percent_decode(std::string_view in, char* out, percent_decoding_options options = {}) noexcept {
    char* const begin = out;
    // WHATWG UTF-8 decoder state: the bytes of a sequence in progress are held back until the
    // sequence is complete, so that an invalid one can be replaced as a whole.
    unsigned needed = 0, seen = 0;
    unsigned char lower = 0x80, upper = 0xBF;
    unsigned char pending[4] = {};
    std::size_t lead_offset = 0;
    constexpr unsigned char replacement[3] = {0xEF, 0xBF, 0xBD};
    auto put_replacement = [&] {
        for (unsigned char r : replacement) *out++ = static_cast<char>(r);
    };

    std::size_t i = 0;
    while (i < in.size()) {
        // Runs of bytes that decode to themselves are copied without further thought.
#if defined(__SSE2__) && !defined(KAYAKO_NO_SIMD)
        // Sixteen at a time. Storing all 16 bytes before knowing how many belong to the run is
        // safe: the output so far is within the bound of the input so far, and the rest of the
        // input (≥ 16 bytes) has a bound of at least 16.
        if (!std::is_constant_evaluated()) {
            while (needed == 0 && in.size() - i >= 16) {
                __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(in.data() + i));
                // `%`, `+`, and (one signed compare) NUL and the bytes >= 0x80
                __m128i const specials = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('%')), _mm_cmpeq_epi8(v, _mm_set1_epi8('+'))),
                                                      _mm_cmplt_epi8(v, _mm_set1_epi8(1)));
                auto const mask = static_cast<unsigned>(_mm_movemask_epi8(specials));
                _mm_storeu_si128(reinterpret_cast<__m128i*>(out), v);
                if (mask == 0) {
                    out += 16;
                    i += 16;
                    continue;
                }
                auto const run = static_cast<std::size_t>(__builtin_ctz(mask));
                out += run;
                i += run;
                // What stopped the run is most often `+` or an escape of an ASCII byte (`%2C`):
                // decoded here, without leaving this loop. Escapes below `%10` (`%00` among them,
                // which strict mode refuses), of bytes >= 0x80 (UTF-8) and bad ones go to the
                // general code below.
                if (in[i] == '+' && options.plus_as_space) {
                    *out++ = ' ';
                    ++i;
                    continue;
                }
                if (in[i] == '%' && i + 2 < in.size()) {
                    int const hi = hex_digit_value(in[i + 1]), lo = hex_digit_value(in[i + 2]);
                    if (hi > 0 && hi < 8 && lo >= 0) {  // 0x10..0x7F
                        *out++ = static_cast<char>(hi * 16 + lo);
                        i += 3;
                        continue;
                    }
                }
                break;
            }
        }
#endif
        while (needed == 0 && i < in.size() && decodes_as_itself[static_cast<unsigned char>(in[i])]) *out++ = in[i++];
        if (i == in.size()) break;
        std::size_t const at = i;
        auto byte = static_cast<unsigned char>(in[i]);
        if (byte == '%') {
            int const hi = i + 2 < in.size() ? hex_digit_value(in[i + 1]) : -1;
            int const lo = hi >= 0 ? hex_digit_value(in[i + 2]) : -1;
            if (hi >= 0 && lo >= 0) {
                byte = static_cast<unsigned char>(hi * 16 + lo);
                i += 3;
            } else {
                if (options.strict) return failure(error::invalid_percent_escape, at);
                ++i;  // a literal '%'
            }
        } else {
            if (byte == '+' && options.plus_as_space) byte = ' ';
            ++i;
        }

        if (needed == 0 && byte < 0x80) {  // the common case: ASCII outside a sequence
            if (byte == 0 && options.strict) return failure(error::nul_byte, at);
            *out++ = static_cast<char>(byte);
            continue;
        }
        // UTF-8: at most two rounds — a byte that breaks a sequence is read again as a lead byte.
        for (;;) {
            if (needed == 0) {
                if (byte < 0x80) {
                    if (byte == 0 && options.strict) return failure(error::nul_byte, at);
                    *out++ = static_cast<char>(byte);
                } else if (byte >= 0xC2 && byte <= 0xDF) {
                    needed = 1;
                } else if (byte >= 0xE0 && byte <= 0xEF) {
                    if (byte == 0xE0) lower = 0xA0;
                    if (byte == 0xED) upper = 0x9F;
                    needed = 2;
                } else if (byte >= 0xF0 && byte <= 0xF4) {
                    if (byte == 0xF0) lower = 0x90;
                    if (byte == 0xF4) upper = 0x8F;
                    needed = 3;
                } else {
                    if (options.strict) return failure(error::invalid_utf8, at);
                    put_replacement();
                }
                if (needed != 0) {
                    pending[0] = byte;
                    seen = 0;
                    lead_offset = at;
                }
                break;
            }
            if (byte < lower || byte > upper) {  // the sequence is broken before this byte
                if (options.strict) return failure(error::invalid_utf8, lead_offset);
                put_replacement();
                needed = 0;
                lower = 0x80;
                upper = 0xBF;
                continue;  // read `byte` again, as the start of something new
            }
            lower = 0x80;
            upper = 0xBF;
            pending[++seen] = byte;
            if (seen == needed) {
                for (unsigned k = 0; k <= needed; ++k) *out++ = static_cast<char>(pending[k]);
                needed = 0;
            }
            break;
        }
    }
    if (needed != 0) {  // the text ends inside a sequence
        if (options.strict) return failure(error::invalid_utf8, lead_offset);
        put_replacement();
    }
    return static_cast<std::size_t>(out - begin);
}

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_PERCENT_DECODING_HPP
