#include <kayako/detail/md5.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

using kayako::detail::md5;
using kayako::detail::md5_hex;

std::string hex(md5::hex_type const& h) { return {h.data(), h.size()}; }

// RFC 1321 Appendix A.5, the complete test suite.
struct vector_row {
    std::string_view message;
    std::string_view digest;
};
constexpr vector_row rfc1321_suite[] = {
    {"", "d41d8cd98f00b204e9800998ecf8427e"},
    {"a", "0cc175b9c0f1b6a831c399e269772661"},
    {"abc", "900150983cd24fb0d6963f7d28e17f72"},
    {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
    {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
    {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"},
    {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
     "57edf4a22be3c955ac49da2e2107b67a"},
};

TEST(Md5, Rfc1321TestSuite) {
    for (auto const& row : rfc1321_suite) EXPECT_EQ(hex(md5_hex(row.message)), row.digest) << row.message;
}

// Every split of every suite message gives the same digest: the buffering is invisible.
TEST(Md5, IncrementalUpdatesMatchOneShot) {
    for (auto const& row : rfc1321_suite) {
        for (std::size_t cut = 0; cut <= row.message.size(); ++cut) {
            md5 h;
            h.update(row.message.substr(0, cut));
            h.update(row.message.substr(cut));
            EXPECT_EQ(hex(h.hex_digest()), row.digest) << row.message << " cut at " << cut;
        }
        md5 bytewise;
        for (char c : row.message) bytewise.update(std::string_view(&c, 1));
        EXPECT_EQ(hex(bytewise.hex_digest()), row.digest);
    }
}

// Lengths around the 56- and 64-byte padding boundaries, checked against values from `md5sum`.
TEST(Md5, PaddingBoundaries) {
    struct row {
        std::size_t length;
        std::string_view digest;
    };
    constexpr row rows[] = {
        {55, "ef1772b6dff9a122358552954ad0df65"},
        {56, "3b0c8ac703f828b04c6c197006d17218"},
        {57, "652b906d60af96844ebd21b674f35e93"},
        {63, "b06521f39153d618550606be297466d5"},
        {64, "014842d480b571495a4a0363793f7367"},
        {65, "c743a45e0d2e6a95cb859adae0248435"},
        {1000, "cabe45dcc9ae5b66ba86600cca6b8ba8"},
    };
    for (auto const& r : rows) EXPECT_EQ(hex(md5_hex(std::string(r.length, 'a'))), r.digest) << r.length;
}

TEST(Md5, DigestDoesNotDisturbTheState) {
    md5 h;
    h.update("message ");
    auto const partial = h.hex_digest();
    EXPECT_EQ(hex(partial), hex(md5_hex("message ")));
    h.update("digest");
    EXPECT_EQ(hex(h.hex_digest()), "f96b697d7cb7938d525a2f31aaf161d0");
}

TEST(Md5, RawDigestBytes) {
    auto const d = kayako::detail::md5_digest("abc");
    EXPECT_EQ(d[0], 0x90);
    EXPECT_EQ(d[1], 0x01);
    EXPECT_EQ(d[15], 0x72);
    EXPECT_EQ(hex(md5::to_hex(d)), "900150983cd24fb0d6963f7d28e17f72");
}

TEST(Md5, BinaryInputWithNulAndHighBytes) {
    unsigned char const bytes[] = {0x00, 0xFF, 0x80, 0x7F};
    md5 h;
    h.update(bytes, sizeof bytes);
    EXPECT_EQ(hex(h.hex_digest()), "35913419231430075897c28e5e159b65");  // printf '\x00\xff\x80\x7f' | md5sum
    EXPECT_EQ(hex(md5_hex(std::string_view("\x00\xFF\x80\x7F", 4))), "35913419231430075897c28e5e159b65");
}

// The whole computation is usable in constant expressions.
static_assert([] {
    constexpr auto d = md5_hex("abc");
    constexpr std::string_view want = "900150983cd24fb0d6963f7d28e17f72";
    for (std::size_t i = 0; i < 32; ++i)
        if (d[i] != want[i]) return false;
    return true;
}());
static_assert(noexcept(md5{}.update("x")));

}  // namespace
