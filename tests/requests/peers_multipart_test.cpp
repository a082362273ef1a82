// The peers' multipart suites, read in place from ../shared/testdata (§2.4, §8.3, §21.21, §21.22):
//
//   busboy-multipart.json    mscdex/busboy v1.6.0 test/test-types-multipart.js
//   go-mime-multipart.json   golang/go src/mime/multipart/multipart_test.go (line endings, parseTests)
//
// Every vector runs through `parse_multipart`: parts, names, file names, content types and contents
// byte for byte, or the failure where the source expects one. Limits a busboy case sets are set
// through `multipart_options`. Busboy features the library does not have (truncating field and file
// limits, per-kind counts, listeners, basename) are the vector's `harness.not_covered`: there the
// test asserts what the library itself does — it reads every part whole.
#include <kayako/request/media_type.hpp>
#include <kayako/request/multipart_reader.hpp>

#include <gtest/gtest.h>

#include "support/testdata.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using kayako::error;
using kayako::test::segment_bytes;

std::string lowercase(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The media type without parameters, lower case, as busboy reports `mimeType`.
std::string essence(std::string_view content_type) {
    auto m = kayako::parse_media_type(content_type);
    if (!m) return "<invalid>";
    return lowercase(m->type) + "/" + lowercase(m->subtype);
}

// A vector the specification answers differently: the library refuses the body.
struct refusal {
    std::string_view what;
    std::string_view section;
    error code;
    std::string_view parameter;
};

// §2.4 and §8.3: every part of a multipart/form-data body has a Content-Disposition of type
// `form-data` (RFC 7578 §4.2); busboy and Go skip or accept parts without one.
constexpr refusal busboy_deviations[] = {
    {"No Content-Disposition", "§8.3", error::invalid_multipart, "Content-Disposition"},
    {"Empty content-type and empty content-disposition", "§8.3", error::empty_value, "Content-Disposition"},
};

// busboy cases about features the library does not have (`harness.not_covered`): the number of
// parts the library reads instead — all of them, whole.
struct whole_read {
    std::string_view what;
    std::size_t parts;
};
constexpr whole_read busboy_not_covered[] = {
    {"Fields and files (limits)", 2},
    {"Fields and files (limits: 0 files)", 2},
    {"Fields and (ignored) files", 4},
    {"Files with filenames containing paths", 3},
    {"Skip field parts if no listener", 2},
    {"Fields limit", 2},
    {"Files limit", 2},
};

TEST(PeersMultipart, Busboy) {
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/http-headers/busboy-multipart.json");
    auto const doc = boost::json::parse(kayako::test::read_file_bytes(path));
    auto const& vectors = doc.at("vectors").as_array();
    ASSERT_EQ(vectors.size(), 26u);

    std::size_t checked = 0, deviations = 0, whole = 0;
    for (auto const& item : vectors) {
        auto const& v = item.as_object();
        std::string const what(v.at("what").as_string());
        SCOPED_TRACE(what);
        std::string const body = segment_bytes(v.at("body"));
        std::string const content_type = "multipart/form-data; boundary=\"" + std::string(v.at("boundary").as_string()) + "\"";
        auto const& expected = v.at("expected").as_array();

        kayako::multipart_options options;
        if (auto const* harness = v.if_contains("harness")) {
            if (auto const* max = harness->as_object().if_contains("max_header_size")) {
                // busboy's limit is on a part's whole header block; every per-part limit gets it.
                auto const size = static_cast<std::size_t>(max->to_number<std::int64_t>());
                options.max_header_size = options.max_header_line_size = options.max_disposition_size = size;
            }
        }
        if (auto const* limits = v.if_contains("limits")) {
            if (auto const* parts = limits->as_object().if_contains("parts")) options.max_parts = static_cast<std::size_t>(parts->to_number<std::int64_t>());
        }
        auto form = kayako::parse_multipart(body, content_type, options);

        bool deviation = false;
        for (auto const& d : busboy_deviations) {
            if (d.what != what) continue;
            deviation = true;
            ++deviations;
            SCOPED_TRACE(d.section);
            ASSERT_FALSE(form);
            EXPECT_EQ(form.error().code, d.code) << form.error().message();
            EXPECT_EQ(form.error().parameter, d.parameter);
        }
        if (deviation) {
            ++checked;
            continue;
        }

        // Errors: busboy reports them as entries; the library fails the body (a part over the
        // header limit fails the body too, where busboy goes on with the next part).
        std::optional<std::string> first_error;
        for (auto const& e : expected)
            if (auto const* err = e.as_object().if_contains("error"); err && !first_error) first_error = std::string(err->as_string());
        if (first_error) {
            ASSERT_FALSE(form) << "busboy: " << *first_error;
            error const code = *first_error == "Unexpected end of form" ? error::unexpected_end
                               : what == "Oversized part header"       ? error::too_long
                                                                       : error::invalid_multipart;
            EXPECT_EQ(form.error().code, code) << form.error().message();
            ++checked;
            continue;
        }
        if (what == "Parts limit") {  // the library's max_parts fails the body where busboy stops
            ASSERT_FALSE(form);
            EXPECT_EQ(form.error().code, error::too_many);
            ++checked;
            continue;
        }
        ASSERT_TRUE(form) << form.error().message();

        std::optional<std::size_t> whole_parts;
        for (auto const& w : busboy_not_covered)
            if (w.what == what) whole_parts = w.parts;
        if (whole_parts) {
            ++whole;
            EXPECT_EQ(form->size(), *whole_parts);
        } else {
            ASSERT_EQ(form->size(), expected.size());
        }

        // Each part busboy hands out whole is a part of the library's, byte for byte (in order
        // when every part is expected).
        std::size_t at = 0;
        for (auto const& e : expected) {
            auto const& x = e.as_object();
            if (!x.contains("type")) continue;  // an event (`filesLimit`, ...)
            bool const file = x.at("type").as_string() == "file";
            auto const& info = x.at("info").as_object();
            if (file ? x.at("limited").as_bool() : info.at("valueTruncated").as_bool()) continue;
            std::string const name(x.at("name").as_string());
            kayako::multipart_part const* part = nullptr;
            if (!whole_parts) {
                part = &(*form)[at++];
            } else {
                for (auto const& p : *form)
                    if (p.name == name && !part) part = &p;
            }
            ASSERT_NE(part, nullptr) << name;
            EXPECT_EQ(part->name, name);
            EXPECT_EQ(part->is_file(), file);
            EXPECT_EQ(std::string(part->content), segment_bytes(x.at(file ? "data" : "value")));
            if (file) {
                std::string const filename = segment_bytes(info.at("filename"));
                if (what == "Files with filenames containing paths") {
                    // busboy keeps the basename; the library the name as sent
                    EXPECT_TRUE(part->filename.ends_with(filename)) << part->filename;
                } else {
                    EXPECT_EQ(std::string(part->filename), filename);
                }
            }
            std::string const mime(info.at("mimeType").as_string());
            EXPECT_EQ(part->content_type.empty() ? std::string("text/plain") : essence(part->content_type), mime);
            EXPECT_EQ(part->transfer_encoding.empty() ? std::string("7bit") : lowercase(part->transfer_encoding),
                      std::string(info.at("encoding").as_string()));
        }
        ++checked;
    }
    EXPECT_EQ(checked, vectors.size());
    EXPECT_EQ(deviations, std::size(busboy_deviations));
    EXPECT_EQ(whole, std::size(busboy_not_covered));
}

TEST(PeersMultipart, GoMimeMultipart) {
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/http-headers/go-mime-multipart.json");
    auto const doc = boost::json::parse(kayako::test::read_file_bytes(path));
    auto const& vectors = doc.at("vectors").as_array();
    ASSERT_EQ(vectors.size(), 24u);

    std::size_t checked = 0, refused = 0;
    for (auto const& item : vectors) {
        auto const& v = item.as_object();
        SCOPED_TRACE(std::string(v.at("name").as_string()));
        std::string const body = segment_bytes(v.at("body"));
        std::string const content_type = "multipart/form-data; boundary=\"" + std::string(v.at("boundary").as_string()) + "\"";
        auto form = kayako::parse_multipart(body, content_type);

        if (!v.contains("parts") || v.at("parts").is_null()) {
            // Deviation (§8.3, RFC 7578 §4.2): Go reads multipart/mixed-style parts without a
            // Content-Disposition; a form-data part must have one. (One body was not transcribed.)
            ++refused;
            ASSERT_FALSE(form);
            if (body.empty()) {
                EXPECT_EQ(form.error().code, error::unexpected_end);
            } else {
                EXPECT_EQ(form.error().code, error::invalid_multipart) << form.error().message();
                EXPECT_EQ(form.error().parameter, "Content-Disposition");
            }
            ++checked;
            continue;
        }
        ASSERT_TRUE(form) << form.error().message();
        auto const& parts = v.at("parts").as_array();
        ASSERT_EQ(form->size(), parts.size());
        for (std::size_t i = 0; i < parts.size(); ++i) {
            auto const& x = parts[i].as_object();
            auto const& part = (*form)[i];
            SCOPED_TRACE("part " + std::to_string(i));
            EXPECT_EQ(part.name, std::string_view(x.at("name").as_string()));
            EXPECT_EQ(std::string(part.content), segment_bytes(x.at("content")));
            if (auto const* filename = x.if_contains("filename")) {
                EXPECT_TRUE(part.is_file());
                EXPECT_EQ(std::string(part.filename), segment_bytes(*filename));
            } else {
                EXPECT_FALSE(part.is_file());
            }
            std::string_view const type = x.contains("content_type") ? std::string_view(x.at("content_type").as_string()) : "";
            EXPECT_EQ(part.content_type, type);
        }
        ++checked;
    }
    EXPECT_EQ(checked, vectors.size());
    EXPECT_EQ(refused, 10u);
}

}  // namespace
