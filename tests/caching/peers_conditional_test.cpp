// The peers' conditional-request suites, read in place from ../shared/testdata (§9.2, §21.6,
// §21.8; RFC 9110 §13):
//
//   go-net-http-conditional.json  Go net/http fs_test.go: TestServeContent (GET and HEAD),
//                                 TestDirectoryIfNotModified, TestScanETag
//   jshttp-fresh.json             jshttp/fresh test/fresh.js: fresh ⇔ a GET gets 304
//
// Each request runs through `evaluate_preconditions` against the resource the vector describes;
// the library's three outcomes map to the status the peer expects (proceed → 200, 304, 412).
#include <kayako/core/api_error.hpp>
#include <kayako/caching/preconditions.hpp>
#include <kayako/caching/etag.hpp>
#include <kayako/caching/http_date.hpp>

#include <gtest/gtest.h>

#include "support/testdata.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using fields = std::vector<std::pair<std::string, std::string>>;

using kayako::entity_tag;
using kayako::entity_tag_options;
using kayako::entity_tag_syntax;
using kayako::evaluate_preconditions;
using kayako::http_date;
using kayako::precondition_outcome;
using kayako::resource_validators;

// A vector the specification deliberately answers differently: the library's own result is
// asserted in place of the peer's.
struct deviation {
    std::string_view name;
    std::string_view section;
    int library_status;  // what the library's evaluation means for the response
    std::string_view why;
};

template <std::size_t N>
deviation const* find_deviation(deviation const (&table)[N], std::string_view name) {
    for (auto const& d : table)
        if (d.name == name) return &d;
    return nullptr;
}

// The status a server using the library answers with: the handler serves 200 when the request
// proceeds (none of these vectors is an unsafe method).
int status_of(precondition_outcome outcome) {
    switch (outcome) {
    case precondition_outcome::proceed: return 200;
    case precondition_outcome::not_modified: return 304;
    case precondition_outcome::precondition_failed: return 412;
    }
    return 0;
}

std::string_view text(boost::json::value const& v) { return v.as_string(); }

// ---------------------------------------------------------------------------------------------
// Go net/http: TestServeContent, TestDirectoryIfNotModified
// ---------------------------------------------------------------------------------------------

// Go's ServeContent implements Range and If-Range (RFC 9110 §14, §13.1.5); this library decides
// preconditions only and has no range support, which RFC 9110 §14.2 permits ("a server MAY ignore
// the Range header field") and which makes If-Range ignored too (§13.1.5). A server using it
// answers these with the whole representation, 200. The range vectors where Go answers 200 as
// well agree and are checked like every other vector.
constexpr deviation serve_content_deviations[] = {
    {"range_good", "§21.8, RFC 9110 §14.2", 200, "no Range support: the whole representation"},
    {"range_match", "§21.8, RFC 9110 §13.1.5", 200, "no Range support: If-Range ignored, the whole representation"},
    {"range_no_overlap", "§21.8, RFC 9110 §14.2", 200, "no Range support: no 416, the whole representation"},
    {"range_with_modtime", "§21.8, RFC 9110 §13.1.5", 200, "no Range support: If-Range ignored"},
    {"range_with_modtime_nanos", "§21.8, RFC 9110 §13.1.5", 200, "no Range support: If-Range ignored"},
};

// The modification time Go's test sets (`modtime`), truncated to seconds as Last-Modified is
// (RFC 9110 §13.2.2). Go treats time.Unix(0, 0) as "no modification time"; the vector marks it
// `unknown`, and the resource then has none.
std::optional<http_date> go_modtime(boost::json::value const& modtime) {
    if (modtime.is_null()) return std::nullopt;
    auto const& m = modtime.as_object();
    if (auto const* unknown = m.if_contains("unknown"); unknown != nullptr && unknown->as_bool()) return std::nullopt;
    auto const instant = std::chrono::sys_time<std::chrono::nanoseconds>(
        std::chrono::seconds(m.at("unix").to_number<std::int64_t>()) +
        std::chrono::nanoseconds(m.at("nanos").to_number<std::int64_t>()));
    return http_date::from(instant);
}

TEST(PeersGoServeContent, EveryVectorWithEachMethod) {  // §9.2, §21.8
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/http-headers/go-net-http-conditional.json");
    auto const doc = boost::json::parse(kayako::test::read_file_bytes(path));
    auto const& vectors = doc.at("serve_content").as_array();
    ASSERT_EQ(vectors.size(), 25u);

    // Every tag here is quoted, so the strict RFC syntax and the Kayako one (§21.6) agree.
    std::size_t checked = 0, deviations_seen = 0;
    for (auto syntax : {entity_tag_syntax::kayako, entity_tag_syntax::strict}) {
        for (auto const& item : vectors) {
            auto const& v = item.as_object();
            std::string_view const name = text(v.at("name"));
            SCOPED_TRACE(std::string(name) + (syntax == entity_tag_syntax::strict ? " (strict)" : " (kayako)"));
            kayako::precondition_options options;
            options.etag.syntax = syntax;

            resource_validators resource;
            if (!v.at("etag").is_null()) {
                auto tag = kayako::parse_entity_tag(text(v.at("etag")), options.etag);
                ASSERT_TRUE(tag.has_value()) << "the resource's own ETag must parse";
                resource.etag = *tag;
            }
            resource.last_modified = go_modtime(v.at("modtime"));

            fields request;
            for (auto const& pair : v.at("request_headers").as_array())
                request.emplace_back(text(pair.as_array().at(0)), text(pair.as_array().at(1)));

            auto const* dev = find_deviation(serve_content_deviations, name);
            int const expected = dev != nullptr ? dev->library_status : static_cast<int>(v.at("want_status").as_int64());
            if (dev != nullptr) {
                ++deviations_seen;
                EXPECT_NE(dev->library_status, v.at("want_status").as_int64()) << "not a deviation any more: " << dev->why;
                EXPECT_TRUE(v.contains("not_covered")) << dev->section;
            }
            auto const& methods = v.at("methods").as_array();
            ASSERT_FALSE(methods.empty());
            for (auto const& method : methods) {
                SCOPED_TRACE(text(method));
                auto const result =
                    evaluate_preconditions(text(method), kayako::pair_headers<fields>(request), resource, options);
                EXPECT_EQ(status_of(result.outcome), expected);
                EXPECT_EQ(result.http_status(), expected == 200 ? 0 : expected);
                // §9.2: a failed precondition is the RESOURCE_MODIFIED error.
                if (expected == 412) {
                    EXPECT_EQ(result.error(), kayako::api_error_code::resource_modified);
                }
                ++checked;
            }
        }
    }
    EXPECT_EQ(deviations_seen, 2 * std::size(serve_content_deviations));
    EXPECT_EQ(checked, 2 * 48u);  // 23 vectors with GET and HEAD, the 2 directory vectors with GET
}

// ---------------------------------------------------------------------------------------------
// Go net/http: TestScanETag
// ---------------------------------------------------------------------------------------------

// Go's scanETag reads one tag from the start of a list field and returns it with the rest of the
// list. The library's reading of the same text: `etag` non-empty ⇔ the text's first list element
// is that tag, and the elements after it are exactly the list `remain`; `etag` empty ⇔ the text
// holds no tag (it is refused, or it is an empty list).
std::vector<entity_tag> list_tags(std::string_view list, entity_tag_options const& options, bool& valid) {
    std::vector<entity_tag> tags;
    auto const scanned =
        kayako::scan_entity_tag_list(list, [&](entity_tag const& t) { tags.push_back(t); }, options);
    valid = scanned.has_value();
    return tags;
}

TEST(PeersGoScanETag, EveryVectorInBothSyntaxes) {  // §21.6, RFC 9110 §8.8.3
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/http-headers/go-net-http-conditional.json");
    auto const doc = boost::json::parse(kayako::test::read_file_bytes(path));
    auto const& vectors = doc.at("scan_etag").as_array();
    ASSERT_EQ(vectors.size(), 8u);

    std::size_t checked = 0;
    for (auto syntax : {entity_tag_syntax::strict, entity_tag_syntax::kayako}) {
        entity_tag_options options;
        options.syntax = syntax;
        for (auto const& item : vectors) {
            auto const& v = item.as_object();
            std::string_view const in = text(v.at("in")), etag = text(v.at("etag")), remain = text(v.at("remain"));
            SCOPED_TRACE(std::string(in) + (syntax == entity_tag_syntax::strict ? " (strict)" : " (kayako)"));
            bool valid = false;
            auto const tags = list_tags(in, options, valid);
            if (etag.empty()) {
                EXPECT_FALSE(kayako::parse_entity_tag(in, options).has_value());
                EXPECT_TRUE(tags.empty() || !valid);
                // Only the empty text is an (empty) list; every other one is refused.
                EXPECT_EQ(valid, in.empty());
            } else {
                auto const expected = kayako::parse_entity_tag(etag, options);
                ASSERT_TRUE(expected.has_value());
                ASSERT_TRUE(valid);
                ASSERT_FALSE(tags.empty());
                EXPECT_EQ(tags.front(), *expected);
                bool rest_valid = false;
                auto const rest = list_tags(remain, options, rest_valid);
                EXPECT_TRUE(rest_valid);
                EXPECT_EQ(std::vector<entity_tag>(tags.begin() + 1, tags.end()), rest);
                if (remain.empty()) {
                    EXPECT_EQ(kayako::parse_entity_tag(in, options).value(), *expected);
                }
            }
            ++checked;
        }
    }
    EXPECT_EQ(checked, 16u);
}

// ---------------------------------------------------------------------------------------------
// jshttp/fresh: fresh ⇔ a GET gets 304
// ---------------------------------------------------------------------------------------------

// `Cache-Control: no-cache` in a request is a directive to caches (RFC 9111 §5.2.1.4), not a
// precondition: an origin server still evaluates If-None-Match / If-Modified-Since (RFC 9110
// §13.2.2, §21.8) and answers 304 when they say so. fresh() reports "stale" for it because it
// answers for a cache. The first no-cache vector has no precondition and agrees.
constexpr deviation fresh_deviations[] = {
    {"Cache-Control: no-cache, ETags match: stale", "§21.8, RFC 9111 §5.2.1.4", 304,
     "If-None-Match matches: 304 whatever Cache-Control says"},
    {"Cache-Control: no-cache, unmodified since the date: stale", "§21.8, RFC 9111 §5.2.1.4", 304,
     "not modified since If-Modified-Since: 304 whatever Cache-Control says"},
};

TEST(PeersJshttpFresh, FreshIsAGetThatGets304) {  // §9.2, §21.8
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/http-headers/jshttp-fresh.json");
    auto const doc = boost::json::parse(kayako::test::read_file_bytes(path));
    auto const& vectors = doc.at("vectors").as_array();
    ASSERT_EQ(vectors.size(), 24u);

    std::size_t checked = 0, deviations_seen = 0;
    for (auto const& item : vectors) {
        auto const& v = item.as_object();
        std::string_view const name = text(v.at("name"));
        SCOPED_TRACE(name);

        fields request;
        for (auto const& [header, value] : v.at("request").as_object()) request.emplace_back(header, text(value));

        // The resource as the response describes it. A Last-Modified that is no date gives the
        // resource no modification time (fresh() ignores it the same way).
        auto const& response = v.at("response").as_object();
        resource_validators resource;
        if (auto const* etag = response.if_contains("etag")) {
            auto tag = kayako::parse_entity_tag(text(*etag));
            ASSERT_TRUE(tag.has_value()) << "the response's own ETag must parse";
            resource.etag = *tag;
        }
        if (auto const* modified = response.if_contains("last-modified")) {
            if (auto date = kayako::parse_http_date(text(*modified))) resource.last_modified = *date;
        }

        auto const result = evaluate_preconditions("GET", kayako::pair_headers<fields>(request), resource);
        if (auto const* dev = find_deviation(fresh_deviations, name)) {
            ++deviations_seen;
            EXPECT_TRUE(v.contains("not_covered")) << dev->section;
            EXPECT_EQ(v.at("fresh").as_bool(), false) << dev->why;
            EXPECT_EQ(status_of(result.outcome), dev->library_status) << dev->why;
        } else {
            bool const fresh = result.outcome == precondition_outcome::not_modified;
            EXPECT_EQ(fresh, v.at("fresh").as_bool());
            // A GET is never refused by If-None-Match / If-Modified-Since alone.
            EXPECT_NE(result.outcome, precondition_outcome::precondition_failed);
        }
        ++checked;
    }
    EXPECT_EQ(deviations_seen, std::size(fresh_deviations));
    EXPECT_EQ(checked, vectors.size());
}

}  // namespace
