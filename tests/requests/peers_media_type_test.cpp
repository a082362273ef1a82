// The peers' media-type suites, read in place from ../shared/testdata/peers/http-headers/:
//
//   go-mime-mediatype.json    golang/go src/mime/mediatype_test.go (TestParseMediaType, bad media
//                             types) and multipart_test.go TestNameAccessors. Go's ParseMediaType
//                             reads Content-Type and Content-Disposition alike: a value with a
//                             `type/subtype` goes through `parse_media_type`, the others through
//                             `parse_content_disposition` (as a multipart part header when its type
//                             is `form-data`, as an HTTP header field otherwise, §21.21).
//   jshttp-content-type.json  jshttp/content-type 1.0.x test/contentType_parse.js
#include <kayako/request/content_disposition.hpp>
#include <kayako/request/media_type.hpp>

#include <gtest/gtest.h>

#include "support/testdata.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace {

using dictionary = std::map<std::string, std::string>;

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

dictionary to_dictionary(boost::json::object const& o) {
    dictionary out;
    for (auto const& m : o) out[std::string(m.key())] = std::string(m.value().as_string());
    return out;
}

template <class Parsed>
dictionary parameters_of(Parsed const& parsed) {
    dictionary out;
    for (auto const& p : parsed.parameters()) out[lower(p.name)] = p.text();
    return out;
}

// A Content-Disposition's parameters as Go reports them: `filename` is the file name a
// well-formed `filename*` or `filename` gives, and `filename*` is not a key of its own.
dictionary disposition_parameters(kayako::content_disposition const& d) {
    dictionary out = parameters_of(d);
    out.erase("filename*");
    if (d.has_filename()) out["filename"] = d.filename_text();
    return out;
}

bool is_form_data(std::string_view text) { return lower(text).find("form-data") != std::string::npos; }

kayako::content_disposition_options disposition_options(std::string_view text) {
    kayako::content_disposition_options o;
    o.literal_backslashes = is_form_data(text);
    return o;
}

// Vectors §21.21 answers differently: in an HTTP header field a backslash in a quoted string
// escapes the next character (RFC 9110 §5.6.4); Go keeps it unless a tspecial follows.
struct deviation {
    std::string_view in;
    std::string_view filename;
};
constexpr deviation go_deviations[] = {
    {"attachment; filename=\"f\\oo.html\"", "foo.html"},
    {"attachment; filename=\"foo-%\\41.html\"", "foo-%41.html"},
};

TEST(PeersMediaType, GoParseMediaType) {
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/http-headers/go-mime-mediatype.json");
    auto const doc = boost::json::parse(kayako::test::read_file_bytes(path));
    auto const& good = doc.at("parse_media_type").as_array();
    auto const& bogus = doc.at("parse_media_type_bogus").as_array();
    auto const& accessors = doc.at("name_accessors").as_array();
    ASSERT_EQ(good.size(), 40u);
    ASSERT_EQ(bogus.size(), 4u);
    ASSERT_EQ(accessors.size(), 8u);

    std::size_t checked = 0, deviated = 0, refused = 0, not_covered = 0;
    for (auto const& item : good) {
        auto const& v = item.as_object();
        std::string const in(v.at("in").as_string());
        SCOPED_TRACE(in);
        std::string const type(v.at("type").as_string());
        dictionary const expected = to_dictionary(v.at("parameters").as_object());
        bool const media = type.find('/') != std::string::npos;
        if (type.empty()) {  // Go refuses it: so do both readers
            ++refused;
            EXPECT_FALSE(kayako::parse_content_disposition(in, disposition_options(in)));
            EXPECT_FALSE(kayako::parse_media_type(in));
        } else if (media) {
            auto m = kayako::parse_media_type(in);
            ASSERT_TRUE(m) << m.error().message();
            EXPECT_EQ(lower(m->type) + "/" + lower(m->subtype), type);
            // RFC 2231 continuations and charsets in media-type parameters: kept as sent.
            if (v.contains("not_covered")) ++not_covered;
            else EXPECT_EQ(parameters_of(*m), expected);
        } else {
            auto d = kayako::parse_content_disposition(in, disposition_options(in));
            ASSERT_TRUE(d) << d.error().message();
            EXPECT_EQ(lower(d->type), type);
            deviation const* dev = nullptr;
            for (auto const& x : go_deviations)
                if (x.in == in) dev = &x;
            if (dev) {
                ++deviated;
                EXPECT_EQ(d->filename_text(), dev->filename);
            } else if (v.contains("not_covered")) {
                ++not_covered;  // RFC 2231 continuations: unknown parameters, no file name
                EXPECT_FALSE(d->has_filename());
            } else {
                EXPECT_EQ(disposition_parameters(*d), expected);
            }
        }
        ++checked;
    }
    for (auto const& item : bogus) {
        std::string const in(item.at("in").as_string());
        SCOPED_TRACE(in);
        EXPECT_FALSE(kayako::parse_media_type(in));
        EXPECT_FALSE(kayako::parse_content_disposition(in));
        ++checked;
    }
    for (auto const& item : accessors) {  // Part.FormName / Part.FileName
        std::string const in(item.at("in").as_string());
        SCOPED_TRACE(in);
        auto d = kayako::parse_content_disposition(in, disposition_options(in));
        ASSERT_TRUE(d) << d.error().message();
        std::string const form_name = d->is("form-data") && d->name ? d->name->text() : std::string();
        EXPECT_EQ(form_name, std::string_view(item.at("form_name").as_string()));
        EXPECT_EQ(d->filename_text(), std::string_view(item.at("file_name").as_string()));
        ++checked;
    }
    EXPECT_EQ(checked, good.size() + bogus.size() + accessors.size());
    EXPECT_EQ(deviated, std::size(go_deviations));
    EXPECT_EQ(refused, 7u);
    EXPECT_EQ(not_covered, 9u);
}

TEST(PeersMediaType, JshttpContentType) {
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/http-headers/jshttp-content-type.json");
    auto const doc = boost::json::parse(kayako::test::read_file_bytes(path));
    auto const& vectors = doc.at("vectors").as_array();
    ASSERT_EQ(vectors.size(), 24u);

    std::size_t checked = 0, valid = 0;
    for (auto const& item : vectors) {
        auto const& v = item.as_object();
        std::string const in(v.at("in").as_string());
        SCOPED_TRACE(std::string(v.at("what").as_string()) + ": " + in);
        auto m = kayako::parse_media_type(in);
        if (v.at("valid").as_bool()) {
            ++valid;
            ASSERT_TRUE(m) << m.error().message();
            EXPECT_EQ(lower(m->type) + "/" + lower(m->subtype), std::string_view(v.at("type").as_string()));
            EXPECT_EQ(parameters_of(*m), to_dictionary(v.at("parameters").as_object()));
        } else {
            EXPECT_FALSE(m);
        }
        ++checked;
    }
    EXPECT_EQ(checked, vectors.size());
    EXPECT_EQ(valid, 10u);
}

}  // namespace
