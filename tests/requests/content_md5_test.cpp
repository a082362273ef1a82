// Tests of content_md5.hpp: upload checksums as hex or base64 (§8.2, §8.3, §21.10).
#include <kayako/request/content_md5.hpp>

#include <kayako/core/api_error.hpp>

#include "support/views.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

using kayako::error;
using namespace std::string_view_literals;

// RFC 1321 §A.5: MD5("abc") = 900150983cd24fb0d6963f7d28e17f72; base64 of those bytes per RFC 1864.
constexpr std::string_view abc_hex = "900150983cd24fb0d6963f7d28e17f72";
constexpr std::string_view abc_base64 = "kAFQmDzST7DWlj99KOF/cg==";

TEST(ContentMd5, HexAndBase64AreTheSameChecksum) {  // §21.10
    auto hex = kayako::parse_content_md5(abc_hex);
    auto upper = kayako::parse_content_md5("900150983CD24FB0D6963F7D28E17F72");
    auto b64 = kayako::parse_content_md5(abc_base64);
    auto padded = kayako::parse_content_md5("  kAFQmDzST7DWlj99KOF/cg==\t");
    ASSERT_TRUE(hex && upper && b64 && padded);
    EXPECT_EQ(*hex, *b64);
    EXPECT_EQ(*hex, *upper);
    EXPECT_EQ(*hex, *padded);
    EXPECT_EQ(*hex, kayako::md5_of("abc"));
    EXPECT_EQ(kayako::format_content_md5(*hex), abc_base64);
    EXPECT_EQ(kayako::format_md5_hex(*hex), abc_hex);
}

TEST(ContentMd5, RefusesMalformedChecksums) {
    struct row {
        std::string_view text;
        error code;
        std::size_t offset;
    } const rows[] = {
        {"", error::invalid_header, 0},
        {"900150983cd24fb0d6963f7d28e17f7", error::invalid_header, 31},     // 31 hex digits
        {"900150983cd24fb0d6963f7d28e17f722", error::invalid_header, 32},   // 33
        {"900150983cd24fb0d6963f7d28e17fzz", error::invalid_header, 30},
        {"900150983cd24fb0d6963f7d28e17f\0" "2"sv, error::nul_byte, 30},
        {"kAFQmDzST7DWlj99KOF/cg=!", error::invalid_base64, 22},  // `=` before the end,
        {"kAFQmDzST7DWlj99KOF/c===", error::invalid_base64, 21},
        {"kAFQmDzST7DWlj99KOF/cgA=", error::invalid_base64, 20},           // 17 bytes
        {"kAFQmDzST7DWlj99KOF/ch==", error::invalid_base64, 21},           // non-zero padding bits
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(testing::PrintToString(std::string(r.text)));
        auto d = kayako::parse_content_md5(r.text);
        ASSERT_FALSE(d);
        EXPECT_EQ(d.error().code, r.code) << d.error().message();
        EXPECT_EQ(d.error().offset, r.offset);
    }
}

TEST(ContentMd5, Verify) {  // §8.2: mismatch ⇒ CHECKSUM_MISMATCH
    EXPECT_TRUE(kayako::verify_content_md5("abc", abc_hex, "_md5"));
    EXPECT_TRUE(kayako::verify_content_md5("abc", abc_base64, "Content-MD5"));
    auto wrong = kayako::verify_content_md5("abd", abc_hex, "_md5");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, error::checksum_mismatch);
    EXPECT_EQ(wrong.error().parameter, "_md5");
    auto bad = kayako::verify_content_md5("abc", "nope", "Content-MD5");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, error::invalid_header);
    EXPECT_EQ(bad.error().parameter, "Content-MD5");
}

// §21.10: exactly 32 hex digits (either case) or exactly 24 characters of padded base64. Every
// byte at the high and the low nibble of a hex checksum; every length around both.
TEST(ContentMd5, EveryByteOfAHexDigit) {
    std::size_t digits = 0;
    for (int b = 0; b < 256; ++b) {
        SCOPED_TRACE(b);
        char const c = static_cast<char>(b);
        bool const hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        digits += hex;
        for (std::size_t const at : {std::size_t{0}, std::size_t{1}, std::size_t{31}}) {
            std::string text(abc_hex);
            text[at] = c;
            kayako::test::exact_buffer const exact(text);
            auto const d = kayako::parse_content_md5(exact.view());
            bool const trimmed = (c == ' ' || c == '\t') && at != 1;  // OWS at either end is trimmed
            if (hex) {
                ASSERT_TRUE(d);
                int const v = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
                std::uint8_t const want_byte = at == 0 ? static_cast<std::uint8_t>(v * 16 + 0x0)
                                             : at == 1 ? static_cast<std::uint8_t>(0x90 + v)
                                                       : static_cast<std::uint8_t>(0x70 + v);
                EXPECT_EQ((*d)[at / 2], want_byte);
            } else if (trimmed) {
                ASSERT_FALSE(d);
                EXPECT_EQ(d.error(), kayako::failure(error::invalid_header, 31));  // 31 digits left
            } else {
                ASSERT_FALSE(d);
                EXPECT_EQ(d.error(), kayako::failure(c == '\0' ? error::nul_byte : error::invalid_header, at));
            }
        }
    }
    EXPECT_EQ(digits, 22u);
}

TEST(ContentMd5, LengthsAroundBothSpellings) {
    std::string const hex(abc_hex), b64(abc_base64);
    struct row {
        std::string text;
        error code;
        std::size_t offset;
    } const rows[] = {
        {b64.substr(0, 23), error::invalid_header, 23},
        {b64 + "=", error::invalid_header, 25},
        {"A" + b64, error::invalid_header, 25},
        {hex.substr(0, 31), error::invalid_header, 31},
        {hex + "0", error::invalid_header, 32},
        {hex + hex, error::invalid_header, 32},
        {"1", error::invalid_header, 1},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.text);
        auto const d = kayako::parse_content_md5(r.text);
        ASSERT_FALSE(d);
        EXPECT_EQ(d.error(), kayako::failure(r.code, r.offset));
        EXPECT_EQ(kayako::api_error_for(d.error()), kayako::api_error_code::field_invalid);
    }
    // Every digest byte is read: each of the 16 bytes in turn set to 0xff, in both spellings.
    for (std::size_t i = 0; i < 16; ++i) {
        kayako::md5_digest d = kayako::md5_of("abc");
        d[i] = 0xFF;
        EXPECT_EQ(kayako::parse_content_md5(kayako::format_md5_hex(d)).value(), d) << i;
        EXPECT_EQ(kayako::parse_content_md5(kayako::format_content_md5(d)).value(), d) << i;
    }
}

TEST(ContentMd5, WireCodesAndViews) {  // §8.2, §20.8: a wrong checksum is CHECKSUM_MISMATCH
    auto const wrong = kayako::verify_content_md5("abd", abc_base64, "Content-MD5");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error(), kayako::failure(error::checksum_mismatch, kayako::failure::no_offset, "Content-MD5"));
    EXPECT_EQ(kayako::api_error_for(wrong.error()), kayako::api_error_code::checksum_mismatch);
    auto const malformed = kayako::verify_content_md5("abc", "kAFQmDzST7DWlj99KOF/ch==", "_md5");
    ASSERT_FALSE(malformed);
    EXPECT_EQ(malformed.error(), kayako::failure(error::invalid_base64, 21, "_md5"));
    EXPECT_EQ(kayako::api_error_for(malformed.error()), kayako::api_error_code::field_invalid);
    for (std::string_view text : {abc_hex, abc_base64, std::string_view("kAFQmDzST7DWlj99KOF/cg="),
                                  std::string_view("900150983cd24fb0d6963f7d28e17f7"), std::string_view(" ")}) {
        SCOPED_TRACE(text);
        kayako::test::exact_buffer const exact(text);
        auto const want = kayako::parse_content_md5(exact.view());
        for (std::string_view tail : kayako::test::over_read_tails) {
            auto const got = kayako::parse_content_md5(kayako::test::with_tail(text, tail).view());
            ASSERT_EQ(bool(got), bool(want));
            if (got) { EXPECT_EQ(*got, *want); }
            else { EXPECT_EQ(got.error(), want.error()); }
        }
    }
}

}  // namespace
