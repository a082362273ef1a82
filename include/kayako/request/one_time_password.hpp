// kayako-proto — one-time passwords, the second factor of a multi-step Basic login (§11.2).
//
// §11.2 fixes where the code travels (`X-OTP` / `_otp`, beside the step's `X-Token`) and shows one
// (`379069`); how a server makes codes is its own choice. This header gives both ends what the
// common choice needs:
//
// * `parse_one_time_password`: the code as sent — exactly six ASCII digits by default, the form of
//   the reference's example and of every authenticator app (RFC 4226 §5.3, RFC 6238 §4).
// * `hotp_code`, `totp_code`, `verify_totp`: RFC 4226 HOTP and RFC 6238 TOTP over an HMAC the
//   caller supplies — `hmac(key, message)` returning the digest bytes (SHA-1 for the authenticator
//   apps' default, or SHA-256/512) — since the library has no crypto of its own.
// * `decode_base32`: the RFC 4648 §6 text secrets are shown and typed in.
//
//     auto secret = kayako::decode_base32("JBSWY3DPEHPK3PXP");
//     auto step = kayako::verify_totp(my_hmac_sha1, *secret, code, now);  // the matching time step
//     if (!step || *step <= last_accepted_step) ...refuse...;             // RFC 6238 §5.2: once only
#ifndef KAYAKO_REQUEST_ONE_TIME_PASSWORD_HPP
#define KAYAKO_REQUEST_ONE_TIME_PASSWORD_HPP

#include <kayako/core/error.hpp>
#include <kayako/detail/http_grammar.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kayako {

/// The digits of a code when nothing else is said: the reference's example and RFC 4226's minimum.
inline constexpr std::size_t one_time_password_digits = 6;

/// Reads a one-time code (§11.2): exactly `digits` ASCII digits. Empty is `empty_value`; a byte
/// that is not a digit is `unexpected_character` at its offset; fewer digits `unexpected_end` at
/// the length, more `too_long` at `digits` (→ 400 FIELD_INVALID; the caller names `X-OTP` or
/// `_otp` with `failure::of`). Returns the code itself.
constexpr result<std::string_view> parse_one_time_password(std::string_view text,
                                                           std::size_t digits = one_time_password_digits) noexcept {
    if (text.empty()) return failure(error::empty_value, 0);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] < '0' || text[i] > '9') return failure(error::unexpected_character, i);
    if (text.size() < digits) return failure(error::unexpected_end, text.size());
    if (text.size() > digits) return failure(error::too_long, digits);
    return text;
}

/// An HMAC the caller supplies: `hmac(key, message)` gives the digest's bytes.
template <class F>
concept hmac_function = requires(F&& f, std::string_view key, std::string_view message) {
    { f(key, message) } -> std::convertible_to<std::string>;
};

/// RFC 4226 §5.3: the `digits`-digit code of an HMAC digest (dynamic truncation). A digest
/// shorter than SHA-1's 20 bytes is `unexpected_end` at its length; `digits` outside 6..9 (RFC
/// 4226 §5.3 asks for at least 6; 31 bits hold no more than 9) is `invalid_option`.
inline result<std::string> hotp_from_digest(std::string_view digest, std::size_t digits = one_time_password_digits) {
    if (digits < 6 || digits > 9) return failure(error::invalid_option, digits);
    if (digest.size() < 20) return failure(error::unexpected_end, digest.size());
    auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(digest[i])); };
    std::size_t const offset = byte(digest.size() - 1) & 0x0F;
    std::uint32_t value = (byte(offset) & 0x7F) << 24 | byte(offset + 1) << 16 | byte(offset + 2) << 8 | byte(offset + 3);
    std::string code(digits, '0');
    for (std::size_t i = digits; i-- > 0; value /= 10) code[i] = static_cast<char>('0' + value % 10);
    return code;
}

/// RFC 4226 HOTP: the code of moving factor `counter` under `key` (its 8 bytes big-endian are
/// the HMAC's message, §5.2). Fails as `hotp_from_digest`; throws what `hmac` throws.
template <hmac_function Hmac>
result<std::string> hotp_code(Hmac&& hmac, std::string_view key, std::uint64_t counter,
                              std::size_t digits = one_time_password_digits) {
    std::array<char, 8> message{};
    for (std::size_t i = 8; i-- > 0; counter >>= 8) message[i] = static_cast<char>(counter & 0xFF);
    std::string const digest = hmac(key, std::string_view(message.data(), message.size()));
    return hotp_from_digest(digest, digits);
}

/// RFC 6238's parameters: time step X and start T0 (§4.1), the code's digits, and how many steps
/// either side of now a verifier also accepts, for clocks that drift and codes typed late (§5.2
/// recommends at most one).
struct totp_options {
    std::int64_t step_seconds = 30;                ///< X: the time step, in seconds (RFC 6238 §4.1)
    std::int64_t start = 0;                        ///< T0, Unix seconds
    std::size_t digits = one_time_password_digits; ///< the code's digits (6 by default)
    std::uint64_t window = 1;                      ///< steps either side of now a verifier also accepts
};

/// The time step of `unix_time` (RFC 6238 §4.2: floor((T - T0) / X)); nothing before `start` or
/// for a step under one second.
constexpr std::optional<std::uint64_t> totp_time_step(std::int64_t unix_time, totp_options const& options = {}) noexcept {
    if (options.step_seconds < 1 || unix_time < options.start) return std::nullopt;
    return static_cast<std::uint64_t>(unix_time - options.start) / static_cast<std::uint64_t>(options.step_seconds);
}

/// RFC 6238 TOTP: the code at `unix_time`. A time before `start` (or a step under one second) is
/// `invalid_option`; otherwise fails as `hotp_code`.
template <hmac_function Hmac>
result<std::string> totp_code(Hmac&& hmac, std::string_view key, std::int64_t unix_time, totp_options const& options = {}) {
    auto const step = totp_time_step(unix_time, options);
    if (!step) return failure(error::invalid_option, 0);
    return hotp_code(hmac, key, *step, options.digits);
}

/// Checks `code` against the codes of the time steps from `window` before `now`'s to `window`
/// after it (RFC 6238 §5.2), comparing each in constant time and trying every step (so that the
/// time taken does not tell which matched). Returns the time step that matched — keep the last one
/// accepted and refuse a code whose step is not later, so that a code works once (§5.2) — or
/// nothing: no match, a malformed code, or options that make no code. Throws what `hmac` throws.
template <hmac_function Hmac>
std::optional<std::uint64_t> verify_totp(Hmac&& hmac, std::string_view key, std::string_view code, std::int64_t now,
                                         totp_options const& options = {}) {
    auto const current = totp_time_step(now, options);
    if (!current || !parse_one_time_password(code, options.digits)) return std::nullopt;
    std::optional<std::uint64_t> matched;
    std::uint64_t const first = *current > options.window ? *current - options.window : 0;
    for (std::uint64_t step = first; step <= *current + options.window; ++step) {
        auto expected = hotp_code(hmac, key, step, options.digits);
        if (!expected) return std::nullopt;
        if (detail::secrets_equal(*expected, code) && !matched) matched = step;
    }
    return matched;
}

/// Decodes RFC 4648 §6 base32, the text form of TOTP secrets: letters in either case and `2`-`7`,
/// with or without the `=` padding (a padded text must be padded to a multiple of 8). A byte
/// outside the alphabet is `unexpected_character` at its offset; a length no byte count has (1, 3
/// or 6 characters past a multiple of 8) `unexpected_end` at the length; bits left over that are
/// not zero `unexpected_character` at the last character (one text, one value). Empty decodes to
/// empty. Throws only `std::bad_alloc`.
inline result<std::string> decode_base32(std::string_view text) {
    std::size_t length = text.size();
    while (length > 0 && text[length - 1] == '=') --length;
    if (length != text.size() && text.size() % 8 != 0) return failure(error::unexpected_end, text.size());
    std::size_t const tail = length % 8;
    if (tail == 1 || tail == 3 || tail == 6) return failure(error::unexpected_end, length);
    std::string out;
    out.reserve(length * 5 / 8);
    std::uint32_t bits = 0;
    int held = 0;
    for (std::size_t i = 0; i < length; ++i) {
        char const c = text[i];
        std::uint32_t v = 0;
        if (c >= 'A' && c <= 'Z') v = static_cast<std::uint32_t>(c - 'A');
        else if (c >= 'a' && c <= 'z') v = static_cast<std::uint32_t>(c - 'a');
        else if (c >= '2' && c <= '7') v = static_cast<std::uint32_t>(c - '2' + 26);
        else return failure(error::unexpected_character, i);
        bits = (bits << 5) | v;
        held += 5;
        if (held >= 8) {
            held -= 8;
            out += static_cast<char>((bits >> held) & 0xFF);
        }
    }
    if (held > 0 && (bits & ((1U << held) - 1)) != 0) return failure(error::unexpected_character, length - 1);
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_ONE_TIME_PASSWORD_HPP
