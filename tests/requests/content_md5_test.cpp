// Tests of content_md5.hpp: upload checksums as hex or base64 (§8.2, §8.3, §21.10).
#include <kayako/content_md5.hpp>

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

}  // namespace
