#pragma once
// Third-party test data, read in place from `../shared/testdata/` beside the project root and never
// copied into the repository (its README names every source and licence).
//
// A user's own clone has no such folder: the tests that need it skip, with a message that says so.
// CI sets KAYAKO_REQUIRE_TESTDATA=1, which turns a missing folder into a failure, so the vectors
// always run there. KAYAKO_TESTDATA_DIR points the tests at another copy of the folder.
//
// Byte conventions of the folder (its README): a key ending in `_latin1`, and every string of a
// segment list, holds bytes, one per code point U+0000..U+00FF; `{"repeat": "A", "count": N}` is a
// run of one byte; other strings are UTF-8.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kayako::test {

inline std::filesystem::path testdata_dir() {
    if (char const* dir = std::getenv("KAYAKO_TESTDATA_DIR"); dir != nullptr && *dir != '\0') return dir;
    return std::filesystem::path(KAYAKO_PROJECT_ROOT) / ".." / "shared" / "testdata";
}

inline bool testdata_required() {
    char const* v = std::getenv("KAYAKO_REQUIRE_TESTDATA");
    return v != nullptr && *v != '\0' && std::string_view(v) != "0";
}

inline std::filesystem::path testdata_path(std::string_view relative) { return testdata_dir() / relative; }

inline bool testdata_present(std::string_view relative) { return std::filesystem::exists(testdata_path(relative)); }

inline std::string read_file_bytes(std::filesystem::path const& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string read_testdata(std::string_view relative) { return read_file_bytes(testdata_path(relative)); }

inline boost::json::value read_testdata_json(std::string_view relative) {
    return boost::json::parse(read_testdata(relative));
}

// A string whose code points are bytes (U+0000..U+00FF), as the folder writes raw bytes.
inline std::string latin1_bytes(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        auto const c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if ((c == 0xC2 || c == 0xC3) && i + 1 < utf8.size()) {
            out.push_back(static_cast<char>(((c & 0x03) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F)));
        } else {
            throw std::runtime_error("code point above U+00FF in a byte string of the test data");
        }
    }
    return out;
}

// A segment list: strings of bytes and {"repeat", "count"} runs, concatenated. A lone string is
// one segment.
inline std::string segment_bytes(boost::json::value const& segments) {
    if (segments.is_string()) return latin1_bytes(segments.get_string());
    std::string out;
    for (auto const& segment : segments.as_array()) {
        if (segment.is_string()) {
            out += latin1_bytes(segment.get_string());
        } else {
            auto const& run = segment.as_object();
            out.append(static_cast<std::size_t>(run.at("count").to_number<std::int64_t>()),
                       latin1_bytes(run.at("repeat").as_string()).at(0));
        }
    }
    return out;
}

}  // namespace kayako::test

// Declares `path_var`, the path of a file or folder of the shared test data, and returns from the
// test (skipped, or failed under KAYAKO_REQUIRE_TESTDATA) when it is absent.
#define KAYAKO_TESTDATA_OR_SKIP(path_var, relative)                                                          \
    std::filesystem::path const path_var = ::kayako::test::testdata_path(relative);                          \
    if (!std::filesystem::exists(path_var)) {                                                                \
        if (::kayako::test::testdata_required())                                                             \
            FAIL() << "shared test data missing (KAYAKO_REQUIRE_TESTDATA is set): " << path_var.string();    \
        GTEST_SKIP() << "shared test data not found, vectors skipped: " << path_var.string()                 \
                     << " (a clone outside the workplace has no ../shared/testdata; set KAYAKO_TESTDATA_DIR)"; \
    }
