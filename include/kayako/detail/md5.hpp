// kayako-proto — MD5 (RFC 1321), incremental, constexpr and allocation-free.
//
// MD5 is not a security primitive here: the protocol uses it as a content fingerprint — entity
// tags are 32 lowercase hex digits of an MD5 (§9.1, §21.6) and `Content-MD5`/`_md5` carry one
// (§8, §21.10). A private helper, shared by every area that needs such a fingerprint.
//
//     kayako::detail::md5 h;
//     h.update("Caryn ");
//     h.update("Pryor");
//     std::array<char, 32> hex = h.hex_digest();   // finishing does not disturb `h`
//
// Everything is `constexpr` so fingerprints of literals can be checked at compile time, and
// `noexcept` with no allocation so it can sit on hot paths.
#ifndef KAYAKO_DETAIL_MD5_HPP
#define KAYAKO_DETAIL_MD5_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kayako::detail {

class md5 {
public:
    using digest_type = std::array<std::uint8_t, 16>;
    using hex_type = std::array<char, 32>;

    constexpr md5() noexcept = default;

    /// Feeds `size` bytes. May be called any number of times, with any split of the message.
    constexpr md5& update(unsigned char const* data, std::size_t size) noexcept {
        length_ += size;
        if (buffered_ != 0) {
            while (size != 0 && buffered_ != 64) {
                buffer_[buffered_++] = *data++;
                --size;
            }
            if (buffered_ != 64) return *this;
            compress(buffer_.data());
            buffered_ = 0;
        }
        while (size >= 64) {
            compress(data);
            data += 64;
            size -= 64;
        }
        while (size != 0) {
            buffer_[buffered_++] = *data++;
            --size;
        }
        return *this;
    }

    /// Feeds the bytes of `text` (a `char` view: constexpr-friendly, no reinterpret_cast).
    constexpr md5& update(std::string_view text) noexcept {
        unsigned char block[64]{};
        while (!text.empty()) {
            std::size_t const n = text.size() < 64 ? text.size() : 64;
            for (std::size_t i = 0; i < n; ++i) block[i] = static_cast<unsigned char>(text[i]);
            update(block, n);
            text.remove_prefix(n);
        }
        return *this;
    }

    /// The 16-byte digest of everything fed so far. Pads a copy: `*this` can keep absorbing.
    constexpr digest_type digest() const noexcept {
        md5 tail = *this;
        std::uint64_t const bits = length_ * 8U;
        unsigned char const one = 0x80;
        tail.update(&one, 1);
        unsigned char const zero = 0;
        while (tail.buffered_ != 56) tail.update(&zero, 1);
        unsigned char size[8]{};
        for (int i = 0; i < 8; ++i) size[i] = static_cast<unsigned char>(bits >> (8 * i));
        tail.update(size, 8);
        digest_type out{};
        for (std::size_t i = 0; i < 4; ++i)
            for (std::size_t b = 0; b < 4; ++b)
                out[i * 4 + b] = static_cast<std::uint8_t>(tail.state_[i] >> (8 * b));
        return out;
    }

    /// The digest as 32 lowercase hex digits (the ETag and `Content-MD5` hex form).
    constexpr hex_type hex_digest() const noexcept { return to_hex(digest()); }

    static constexpr hex_type to_hex(digest_type const& d) noexcept {
        constexpr char digits[] = "0123456789abcdef";
        hex_type out{};
        for (std::size_t i = 0; i < 16; ++i) {
            out[2 * i] = digits[d[i] >> 4];
            out[2 * i + 1] = digits[d[i] & 0x0F];
        }
        return out;
    }

private:
    static constexpr std::uint32_t rotl(std::uint32_t x, unsigned c) noexcept {
        return (x << c) | (x >> (32U - c));
    }

    // RFC 1321 §3.4: four rounds of sixteen operations over one 64-byte block.
    constexpr void compress(unsigned char const* block) noexcept {
        // T[i] = floor(2^32 * |sin(i + 1)|), as listed in RFC 1321 §3.4.
        constexpr std::uint32_t sines[64] = {
            0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
            0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
            0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
            0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
            0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
            0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
            0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
            0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
        constexpr unsigned shifts[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                         5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                                         4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                         6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
        std::uint32_t words[16]{};
        for (std::size_t i = 0; i < 16; ++i)
            words[i] = static_cast<std::uint32_t>(block[4 * i]) | (static_cast<std::uint32_t>(block[4 * i + 1]) << 8) |
                       (static_cast<std::uint32_t>(block[4 * i + 2]) << 16) |
                       (static_cast<std::uint32_t>(block[4 * i + 3]) << 24);
        std::uint32_t a = state_[0], b = state_[1], c = state_[2], d = state_[3];
        for (std::size_t i = 0; i < 64; ++i) {
            std::uint32_t f = 0;
            std::size_t g = 0;
            if (i < 16) {
                f = (b & c) | (~b & d);
                g = i;
            } else if (i < 32) {
                f = (d & b) | (~d & c);
                g = (5 * i + 1) % 16;
            } else if (i < 48) {
                f = b ^ c ^ d;
                g = (3 * i + 5) % 16;
            } else {
                f = c ^ (b | ~d);
                g = (7 * i) % 16;
            }
            std::uint32_t const rotated = rotl(a + f + sines[i] + words[g], shifts[i]);
            a = d;
            d = c;
            c = b;
            b = b + rotated;
        }
        state_[0] += a;
        state_[1] += b;
        state_[2] += c;
        state_[3] += d;
    }

    std::array<std::uint32_t, 4> state_{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    std::array<unsigned char, 64> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t length_ = 0;  // bytes; RFC 1321 keeps the length modulo 2^64 bits
};

/// The 16-byte MD5 digest of `text`.
constexpr md5::digest_type md5_digest(std::string_view text) noexcept { return md5{}.update(text).digest(); }

/// The MD5 of `text` as 32 lowercase hex digits.
constexpr md5::hex_type md5_hex(std::string_view text) noexcept { return md5{}.update(text).hex_digest(); }

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_MD5_HPP
