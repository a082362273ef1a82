// tc2231 (Julian Reschke's Content-Disposition cases, RFC 6266), read in place from
// ../shared/testdata/peers/http-headers/tc2231-content-disposition.json, through
// `parse_content_disposition` as an HTTP header field (§8.2, §21.21): valid → type and file name,
// invalid → a failure, `param_ignored` → valid without a file name.
#include <kayako/request/content_disposition.hpp>

#include <gtest/gtest.h>

#include "support/testdata.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Vectors §21.21 answers differently: the header is read, with this file name.
struct deviation {
    std::string_view name;
    std::string_view filename;  // UTF-8
    std::string_view why;
};
constexpr deviation deviations[] = {
    {"attwithasciifilenamenqs", "foo.html", "§21.21: a trailing `;` is an empty parameter, ignored"},
    {"attemptyparam", "foo", "§21.21: an empty parameter (`;;`) is ignored"},
    {"attwithutf8fnplain", "foo-\xC3\xA4.html", "§21.21: raw bytes that are valid UTF-8 are UTF-8"},
    {"attwithfn2231quot", "foo-\xC3\xA4.html", "§21.21: a well-formed filename* wins, also when quoted"},
};

TEST(PeersContentDisposition, Tc2231) {
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/http-headers/tc2231-content-disposition.json");
    auto const doc = boost::json::parse(kayako::test::read_file_bytes(path));
    auto const& vectors = doc.at("vectors").as_array();
    ASSERT_EQ(vectors.size(), 88u);

    std::size_t checked = 0, deviated = 0, invalid = 0, ignored = 0, not_covered = 0;
    for (auto const& item : vectors) {
        auto const& v = item.as_object();
        std::string const name(v.at("name").as_string());
        SCOPED_TRACE(name);
        std::string const header = kayako::test::latin1_bytes(v.at("header_latin1").as_string());
        std::string const expect(v.at("expect").as_string());
        auto d = kayako::parse_content_disposition(header);

        std::optional<std::string> filename;  // the file name the library must give, if any
        bool must_parse = true;
        deviation const* dev = nullptr;
        for (auto const& x : deviations)
            if (x.name == name) dev = &x;
        if (dev) {
            SCOPED_TRACE(dev->why);
            ++deviated;
            filename = std::string(dev->filename);
        } else if (expect == "invalid") {
            ++invalid;
            must_parse = false;
        } else if (expect == "not_covered") {
            // RFC 2231 continuations are unknown parameters to RFC 6266/8187 readers: no file name.
            ++not_covered;
        } else {
            if (expect == "param_ignored") ++ignored;
            else EXPECT_EQ(expect, "valid");
            if (!v.at("filename").is_null()) filename = std::string(v.at("filename").as_string());
        }
        if (!must_parse) {
            EXPECT_FALSE(d) << "read as type " << d->type;
            ++checked;
            continue;
        }
        ASSERT_TRUE(d) << d.error().message();
        EXPECT_EQ(lower(d->type), v.contains("type") ? std::string(v.at("type").as_string()) : "attachment");
        EXPECT_EQ(d->has_filename(), filename.has_value());
        if (filename && d->has_filename()) {
            EXPECT_EQ(d->filename_text(), *filename);
        }
        ++checked;
    }
    EXPECT_EQ(checked, vectors.size());
    EXPECT_EQ(deviated, std::size(deviations));
    EXPECT_EQ(ignored, 8u);
    EXPECT_EQ(not_covered, 7u);
    EXPECT_EQ(invalid, 25u);
}

}  // namespace
