// MD5 vectors of RFC 1321 §A.5 and Go's crypto/md5 through detail/md5.hpp and content_md5.hpp
// (§9.1 ETags, §21.10 `Content-MD5` / `_md5`). Read in place from ../shared/testdata.
#include <kayako/request/content_md5.hpp>
#include <kayako/detail/md5.hpp>

#include "support/testdata.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace {

namespace json = boost::json;

std::string hex_of(kayako::md5_digest const& d) { return kayako::format_md5_hex(d); }

TEST(PeersMd5, EveryVector) {
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/urls-forms-json/md5/md5_vectors.json");
    auto const vectors = json::parse(kayako::test::read_file_bytes(path));
    std::size_t read = 0, checked = 0, not_covered = 0;
    for (auto const& item : vectors.as_array()) {
        auto const& v = item.as_object();
        SCOPED_TRACE(std::string(v.at("id").as_string()));
        ++read;
        if (v.contains("not_covered")) {  // 4 GiB inputs: the reader's note says why
            EXPECT_FALSE(v.at("not_covered").as_string().empty());
            ++not_covered;
            continue;
        }
        std::string_view const kind = v.at("kind").as_string();
        std::string const input(v.at("input").as_string());
        std::string const expected(v.at("expected").as_string());
        if (kind == "md5") {
            EXPECT_EQ(hex_of(kayako::md5_of(input)), expected);
            auto const hex = kayako::detail::md5_hex(input);
            EXPECT_EQ(std::string(hex.data(), hex.size()), expected);
            // content_md5.hpp accepts the digest in both spellings (§21.10) and refuses other bytes.
            EXPECT_TRUE(kayako::verify_content_md5(input, expected, "Content-MD5"));
            EXPECT_TRUE(kayako::verify_content_md5(input, kayako::format_content_md5(kayako::md5_of(input)), "Content-MD5"));
            EXPECT_EQ(kayako::verify_content_md5(input + "x", expected, "_md5").error().code, kayako::error::checksum_mismatch);
        } else if (kind == "md5_split") {
            // Go's golden test: write half, take the digest (a copy is padded), write the rest.
            kayako::detail::md5 h;
            h.update(std::string_view(input).substr(0, input.size() / 2));
            auto const half = h.digest();
            EXPECT_EQ(half, kayako::detail::md5_digest(std::string_view(input).substr(0, input.size() / 2)));
            h.update(std::string_view(input).substr(input.size() / 2));
            auto const hex = h.hex_digest();
            EXPECT_EQ(std::string(hex.data(), hex.size()), expected);
        } else if (kind == "md5_repeat") {
            kayako::detail::md5 h;
            auto const times = v.at("repeat").to_number<std::uint64_t>();
            for (std::uint64_t i = 0; i < times; ++i) h.update(input);
            auto const hex = h.hex_digest();
            EXPECT_EQ(std::string(hex.data(), hex.size()), expected);
        } else {
            ADD_FAILURE() << "unknown kind " << kind;
            continue;
        }
        ++checked;
    }
    EXPECT_EQ(read, 72u);
    EXPECT_EQ(not_covered, 2u);
    EXPECT_EQ(checked + not_covered, read);
}

}  // namespace
