// Tests of one_time_password.hpp: the code of `X-OTP` / `_otp` (§11.2), RFC 4226 HOTP against
// its Appendix D (the HMAC-SHA-1 values are the RFC's own, so no crypto is needed here), RFC 6238
// TOTP time steps and the verifier's window at its edges, RFC 4648 §6 base32 (§10 vectors).
#include <kayako/request/one_time_password.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace {

using kayako::error;
using kayako::failure;

std::string from_hex(std::string_view hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    return out;
}

// RFC 4226 Appendix D: HMAC-SHA-1("12345678901234567890", counter) for counters 0..9.
constexpr std::array<std::string_view, 10> rfc4226_hmac = {
    "cc93cf18508d94934c64b65d8ba7667fb7cde4b0", "75a48a19d4cbe100644e8ac1397eea747a2d33ab",
    "0bacb7fa082fef30782211938bc1c5e70416ff44", "66c28227d03a2d5529262ff016a1e6ef76557ece",
    "a904c900a64b35909874b33e61c5938a8e15ed1c", "a37e783d7b7233c083d4f62926c7a25f238d0316",
    "bc9cd28561042c83f219324d3c607256c03272ae", "a4fb960c0bc06e1eabb804e5b397cdc4b45596fa",
    "1b3c89f65e6c9e883012052823443f048b4332db", "1637409809a679dc698207310c8c7fc07290d9e5"};
constexpr std::array<std::string_view, 10> rfc4226_codes = {"755224", "287082", "359152", "969429", "338314",
                                                            "254676", "287922", "162583", "399871", "520489"};
constexpr std::string_view rfc4226_key = "12345678901234567890";

// The RFC's table as an HMAC: checks the key and the 8-byte big-endian counter it is given.
std::string rfc4226_table(std::string_view key, std::string_view message) {
    if (key != rfc4226_key || message.size() != 8) return {};
    std::uint64_t counter = 0;
    for (char c : message) counter = counter << 8 | static_cast<unsigned char>(c);
    return counter < rfc4226_hmac.size() ? from_hex(rfc4226_hmac[counter]) : std::string();
}

// An HMAC whose code for time step N is N (mod 10^6): the window's edges are then plain numbers.
std::string counting(std::string_view, std::string_view message) {
    std::string digest(message.substr(4, 4));  // the counter's low 32 bits; offset 0 (last byte 0)
    digest.resize(20, '\0');
    return digest;
}

TEST(OneTimePassword, SixDigitsExactly) {  // §11.2: `X-OTP: 379069`
    EXPECT_EQ(kayako::parse_one_time_password("379069").value(), "379069");
    EXPECT_EQ(kayako::parse_one_time_password("000000").value(), "000000");
    EXPECT_EQ(kayako::parse_one_time_password("37906").error(), failure(error::unexpected_end, 5));
    EXPECT_EQ(kayako::parse_one_time_password("3790691").error(), failure(error::too_long, 6));
    EXPECT_EQ(kayako::parse_one_time_password("").error(), failure(error::empty_value, 0));
    EXPECT_EQ(kayako::parse_one_time_password("37906a").error(), failure(error::unexpected_character, 5));
    EXPECT_EQ(kayako::parse_one_time_password(" 379069").error(), failure(error::unexpected_character, 0));
    EXPECT_EQ(kayako::parse_one_time_password("-37906").error(), failure(error::unexpected_character, 0));
    EXPECT_EQ(kayako::parse_one_time_password("\xd9\xa3\x37\x39\x30\x36").error(), failure(error::unexpected_character, 0));  // Arabic-Indic digit
    EXPECT_EQ(kayako::parse_one_time_password("37906912", 8).value(), "37906912");
    EXPECT_EQ(kayako::parse_one_time_password("379069", 8).error(), failure(error::unexpected_end, 6));
}

TEST(Hotp, Rfc4226AppendixD) {
    for (std::uint64_t c = 0; c < rfc4226_codes.size(); ++c) {
        auto code = kayako::hotp_code(rfc4226_table, rfc4226_key, c);
        ASSERT_TRUE(code) << c;
        EXPECT_EQ(*code, rfc4226_codes[c]) << c;
    }
    // The same truncation with 8 and 9 digits (Appendix D's "Truncated" column: 1284755224).
    EXPECT_EQ(kayako::hotp_code(rfc4226_table, rfc4226_key, 0, 8).value(), "84755224");
    EXPECT_EQ(kayako::hotp_code(rfc4226_table, rfc4226_key, 0, 9).value(), "284755224");
}

TEST(Hotp, TypedFailures) {
    EXPECT_EQ(kayako::hotp_from_digest(std::string(19, '\0')).error(), failure(error::unexpected_end, 19));
    EXPECT_TRUE(kayako::hotp_from_digest(std::string(20, '\0')));
    EXPECT_EQ(kayako::hotp_from_digest(std::string(20, '\0'), 5).error(), failure(error::invalid_option, 5));
    EXPECT_EQ(kayako::hotp_from_digest(std::string(20, '\0'), 10).error(), failure(error::invalid_option, 10));
    // The offset nibble at its largest (15) reads bytes 15..18 of a 20-byte digest.
    std::string digest(20, '\0');
    digest[19] = '\x0f';
    digest[18] = '\x01';
    EXPECT_EQ(kayako::hotp_from_digest(digest).value(), "000001");
}

TEST(Totp, Rfc6238TimeSteps) {  // RFC 6238 §4.2: T = floor((now - T0) / X)
    EXPECT_EQ(kayako::totp_time_step(59), 1u);
    EXPECT_EQ(kayako::totp_time_step(60), 2u);
    EXPECT_EQ(kayako::totp_time_step(0), 0u);
    EXPECT_EQ(kayako::totp_time_step(29), 0u);
    EXPECT_EQ(kayako::totp_time_step(-1), std::nullopt);
    EXPECT_EQ(kayako::totp_time_step(100, {.start = 101}), std::nullopt);
    EXPECT_EQ(kayako::totp_time_step(100, {.step_seconds = 0}), std::nullopt);
    EXPECT_EQ(kayako::totp_time_step(1111111109), 37037036u);  // Appendix B's second row
    // Appendix B's first row (T = 59, SHA-1, 8 digits) is counter 1: 94287082.
    EXPECT_EQ(kayako::totp_code(rfc4226_table, rfc4226_key, 59, {.digits = 8}).value(), "94287082");
    EXPECT_EQ(kayako::totp_code(rfc4226_table, rfc4226_key, 59).value(), "287082");
    EXPECT_EQ(kayako::totp_code(rfc4226_table, rfc4226_key, -1).error(), failure(error::invalid_option, 0));
}

TEST(Totp, WindowOfOneStepEitherSide) {  // RFC 6238 §5.2
    std::int64_t const first_second = 30 * 1000, last_second = 30 * 1000 + 29;  // both in step 1000
    for (std::int64_t now : {first_second, last_second}) {
        EXPECT_EQ(kayako::verify_totp(counting, "k", "001000", now), 1000u) << now;
        EXPECT_EQ(kayako::verify_totp(counting, "k", "000999", now), 999u) << now;
        EXPECT_EQ(kayako::verify_totp(counting, "k", "001001", now), 1001u) << now;
        EXPECT_EQ(kayako::verify_totp(counting, "k", "000998", now), std::nullopt) << now;
        EXPECT_EQ(kayako::verify_totp(counting, "k", "001002", now), std::nullopt) << now;
    }
    // One second later is step 1001: 999 has fallen out of the window, 1002 come in.
    EXPECT_EQ(kayako::verify_totp(counting, "k", "000999", last_second + 1), std::nullopt);
    EXPECT_EQ(kayako::verify_totp(counting, "k", "001002", last_second + 1), 1002u);
    // Window 0: now's step only.
    EXPECT_EQ(kayako::verify_totp(counting, "k", "001000", first_second, {.window = 0}), 1000u);
    EXPECT_EQ(kayako::verify_totp(counting, "k", "000999", first_second, {.window = 0}), std::nullopt);
}

TEST(Totp, TheFirstStepDoesNotWrap) {
    EXPECT_EQ(kayako::verify_totp(counting, "k", "000000", 0), 0u);
    EXPECT_EQ(kayako::verify_totp(counting, "k", "000001", 0), 1u);
    EXPECT_EQ(kayako::verify_totp(counting, "k", "967295", 0), std::nullopt);  // 2^32 - 1 would be step -1
}

TEST(Totp, MalformedCodesNeverMatch) {
    std::int64_t const now = 30 * 1000;
    EXPECT_EQ(kayako::verify_totp(counting, "k", "01000", now), std::nullopt);    // 5 digits
    EXPECT_EQ(kayako::verify_totp(counting, "k", "0001000", now), std::nullopt);  // 7 digits
    EXPECT_EQ(kayako::verify_totp(counting, "k", "00100x", now), std::nullopt);
    EXPECT_EQ(kayako::verify_totp(counting, "k", "", now), std::nullopt);
    EXPECT_EQ(kayako::verify_totp(counting, "k", "001000", -5), std::nullopt);    // before T0
    EXPECT_EQ(kayako::verify_totp(rfc4226_table, "wrong key", "287082", 59), std::nullopt);  // an empty digest
    EXPECT_EQ(kayako::verify_totp(rfc4226_table, rfc4226_key, "287082", 59), 1u);
}

TEST(Base32, Rfc4648Section10) {
    struct row {
        std::string_view padded, plain;
    };
    for (auto [padded, plain] : {row{"", ""}, row{"MY======", "f"}, row{"MZXQ====", "fo"}, row{"MZXW6===", "foo"},
                                 row{"MZXW6YQ=", "foob"}, row{"MZXW6YTB", "fooba"}, row{"MZXW6YTBOI======", "foobar"}}) {
        EXPECT_EQ(kayako::decode_base32(padded).value(), plain) << padded;
        std::string unpadded(padded.substr(0, padded.find('=')));
        EXPECT_EQ(kayako::decode_base32(unpadded).value(), plain) << unpadded;
        std::string lower;
        for (char c : unpadded) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        EXPECT_EQ(kayako::decode_base32(lower).value(), plain) << lower;
    }
    // The README's demo secret: "Hello!\xDE\xAD\xBE\xEF".
    EXPECT_EQ(kayako::decode_base32("JBSWY3DPEHPK3PXP").value(), "Hello!\xde\xad\xbe\xef");
}

TEST(Base32, TypedFailures) {
    EXPECT_EQ(kayako::decode_base32("M").error(), failure(error::unexpected_end, 1));
    EXPECT_EQ(kayako::decode_base32("MZX").error(), failure(error::unexpected_end, 3));
    EXPECT_EQ(kayako::decode_base32("MZXW6Y").error(), failure(error::unexpected_end, 6));
    EXPECT_EQ(kayako::decode_base32("MY=").error(), failure(error::unexpected_end, 3));  // padding short of 8
    EXPECT_EQ(kayako::decode_base32("M1").error(), failure(error::unexpected_character, 1));
    EXPECT_EQ(kayako::decode_base32("MY==M===").error(), failure(error::unexpected_character, 2));
    EXPECT_EQ(kayako::decode_base32("MZ").error(), failure(error::unexpected_character, 1));  // bits left over
}

}  // namespace
