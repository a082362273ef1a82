// kayako-proto — upload checksums: `Content-MD5` headers and the `_md5` argument (§8.2, §8.3).
//
// The reference shows 32 hex digits on the upload page and asks for base64 (RFC 1864) on the
// CHECKSUM_MISMATCH page (§20.8); §21.10 accepts both and compares the 16 bytes they stand for.
#ifndef KAYAKO_REQUEST_CONTENT_MD5_HPP
#define KAYAKO_REQUEST_CONTENT_MD5_HPP

#include <kayako/detail/md5.hpp>
#include <kayako/detail/percent_decoding.hpp>
#include <kayako/core/error.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/core/values.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kayako {

/// The 16 bytes of an MD5 digest.
using md5_digest = std::array<std::uint8_t, 16>;

/// Reads a checksum as 32 hex digits (either letter case) or as 24 characters of padded base64
/// (§21.10). Surrounding whitespace is ignored. Anything else is `invalid_header` (wrong length)
/// or the offset of the first character that does not fit.
constexpr result<md5_digest> parse_content_md5(std::string_view text) noexcept {
    text = trim_ows(text);
    md5_digest d{};
    if (text.size() == 32) {
        for (std::size_t i = 0; i < 16; ++i) {
            int const hi = detail::hex_digit_value(text[2 * i]);
            if (hi < 0) return failure(text[2 * i] == '\0' ? error::nul_byte : error::invalid_header, 2 * i);
            int const lo = detail::hex_digit_value(text[2 * i + 1]);
            if (lo < 0) return failure(text[2 * i + 1] == '\0' ? error::nul_byte : error::invalid_header, 2 * i + 1);
            d[i] = static_cast<std::uint8_t>(hi * 16 + lo);
        }
        return d;
    }
    if (text.size() == 24) {
        char bytes[18] = {};
        auto n = decode_base64(text, bytes);
        if (!n) return n.error();
        if (*n != 16) return failure(error::invalid_base64, 20);
        for (std::size_t i = 0; i < 16; ++i) d[i] = static_cast<std::uint8_t>(bytes[i]);
        return d;
    }
    // Neither length: the offset is where the text stops fitting the nearer spelling.
    return failure(error::invalid_header, text.size() > 32 ? 32 : text.size());
}

/// The MD5 digest of `bytes`.
constexpr md5_digest md5_of(std::string_view bytes) noexcept { return detail::md5{}.update(bytes).digest(); }

/// The RFC 1864 spelling of a digest (24 characters of base64), as a client writes Content-MD5.
inline std::string format_content_md5(md5_digest const& d) {
    char raw[16];
    for (std::size_t i = 0; i < 16; ++i) raw[i] = static_cast<char>(d[i]);
    return encode_base64(std::string_view(raw, 16));
}

/// The 32 lower-case hex digits of a digest, as the reference's upload example writes `_md5`.
inline std::string format_md5_hex(md5_digest const& d) {
    auto const hex = detail::md5::to_hex(d);
    return std::string(hex.data(), hex.size());
}

/// Checks `bytes` against the checksum `text` (hex or base64): a malformed checksum is reported
/// as by `parse_content_md5`, a wrong one as `checksum_mismatch`. Failures name `source` (the
/// header or argument the checksum came from).
constexpr result<void> verify_content_md5(std::string_view bytes, std::string_view text, std::string_view source) noexcept {
    auto expected = parse_content_md5(text);
    if (!expected) return expected.error().of(source);
    if (md5_of(bytes) != *expected) return failure(error::checksum_mismatch, failure::no_offset, source);
    return {};
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_CONTENT_MD5_HPP
