// Tests of file_download.hpp: the headers of a file's raw content (§8.1,
// `GET /api/v1/files/:id/content`).
#include <kayako/response/file_download.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using headers_t = std::vector<std::pair<std::string, std::string>>;

kayako::result<headers_t> write(kayako::file_download const& d) {
    headers_t out;
    auto r = kayako::write_download_headers(d, [&](std::string_view n, std::string_view v) { out.emplace_back(n, v); });
    if (!r) return r.error();
    return out;
}

TEST(FileDownload, StoredTypeNameAndChecksum) {  // §8.1
    std::string const png = "\x89PNG";
    auto h = write({.content_type = "image/png", .filename = "coffee.png", .checksum = kayako::md5_of(png)});
    ASSERT_TRUE(h) << h.error().message();
    headers_t const expected = {{"Content-Type", "image/png"},
                                {"Content-Disposition", R"(attachment; filename="coffee.png")"},
                                {"Content-MD5", kayako::format_content_md5(kayako::md5_of(png))},
                                {"X-Content-Type-Options", "nosniff"}};
    EXPECT_EQ(*h, expected);
}

TEST(FileDownload, DefaultsAndInline) {  // no stored type: octet-stream; no name: the bare disposition
    auto h = write({.as_attachment = false});
    ASSERT_TRUE(h);
    ASSERT_EQ(h->size(), 3u);  // no checksum given, no Content-MD5
    EXPECT_EQ((*h)[0].second, "application/octet-stream");
    EXPECT_EQ((*h)[1].second, "inline");
}

TEST(FileDownload, RefusesBadValuesAndWritesNothing) {
    headers_t out;
    auto set = [&](std::string_view n, std::string_view v) { out.emplace_back(n, v); };
    auto bad_type = kayako::write_download_headers({.content_type = "image"}, set);
    ASSERT_FALSE(bad_type);
    EXPECT_EQ(bad_type.error().code, kayako::error::invalid_content_type);
    EXPECT_EQ(bad_type.error().parameter, "Content-Type");
    auto injected = kayako::write_download_headers({.content_type = "image/png\r\nX: y"}, set);
    ASSERT_FALSE(injected);
    EXPECT_EQ(injected.error().code, kayako::error::header_injection);
    auto bad_name = kayako::write_download_headers({.filename = "a\nb"}, set);
    ASSERT_FALSE(bad_name);
    EXPECT_EQ(bad_name.error().parameter, "Content-Disposition");
    EXPECT_TRUE(out.empty());
}

}  // namespace
