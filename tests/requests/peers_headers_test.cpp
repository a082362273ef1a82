// The peers' request-header suites, read in place from ../shared/testdata:
//
//   go-http-cookies.json           Go net/http cookie_test.go readCookiesTests: the pairs of the
//                                  `Cookie` request lines, all of them or one name (§11.8)
//   jshttp-negotiator-accept.json  jshttp/negotiator test/mediaType.js, reduced to "is
//                                  application/json acceptable" (§21.13)
#include <kayako/request/cookie.hpp>
#include <kayako/request/headers.hpp>

#include <gtest/gtest.h>

#include "support/testdata.hpp"

#include <boost/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using fields = std::vector<std::pair<std::string, std::string>>;
using pairs = std::vector<std::pair<std::string, std::string>>;

TEST(PeersGoCookies, ReadCookiesTests) {  // §11.8, RFC 6265 §4.2, §5.4
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/http-headers/go-http-cookies.json");
    auto const doc = boost::json::parse(kayako::test::read_file_bytes(path));
    auto const& vectors = doc.at("vectors").as_array();
    ASSERT_EQ(vectors.size(), 7u);

    std::size_t checked = 0, filtered = 0;
    for (std::size_t i = 0; i < vectors.size(); ++i) {
        auto const& v = vectors[i].as_object();
        SCOPED_TRACE("readCookiesTests[" + std::to_string(i) + "]");

        fields request;
        for (auto const& line : v.at("lines").as_array()) request.emplace_back("Cookie", line.as_string());
        pairs expected;
        for (auto const& c : v.at("cookies").as_array())
            expected.emplace_back(c.as_array().at(0).as_string(), c.as_array().at(1).as_string());
        std::string_view const filter = v.at("filter").as_string();

        // Every pair of every line, in order (Go's filter keeps only one name).
        pairs read;
        for (auto const& [name, line] : request)
            kayako::for_each_cookie(line, [&](std::string_view n, std::string_view value) {
                if (filter.empty() || n == filter) read.emplace_back(n, value);
            });
        EXPECT_EQ(read, expected);

        // Looking one name up over all the lines, as the session cookie is (§11.8).
        if (!filter.empty()) {
            ++filtered;
            auto const found = kayako::find_cookie(kayako::pair_headers<fields>(request), filter);
            ASSERT_TRUE(found.has_value()) << found.error().message();
            ASSERT_EQ(expected.size(), 1u);
            ASSERT_TRUE(found->has_value());
            EXPECT_EQ(**found, expected.front().second);
        }
        ++checked;
    }
    EXPECT_EQ(checked, vectors.size());
    EXPECT_EQ(filtered, 2u);
}

TEST(PeersJshttpNegotiator, IsJsonAcceptable) {  // §21.13, RFC 9110 §12.5.1
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/http-headers/jshttp-negotiator-accept.json");
    auto const doc = boost::json::parse(kayako::test::read_file_bytes(path));
    auto const& vectors = doc.at("vectors").as_array();
    ASSERT_EQ(vectors.size(), 12u);

    std::size_t checked = 0, refused = 0;
    for (auto const& item : vectors) {
        auto const& v = item.as_object();
        auto const& accept = v.at("accept");
        SCOPED_TRACE(accept.is_null() ? std::string("(no Accept)") : std::string(accept.as_string()));
        bool const json = v.at("json").as_bool();

        fields request;
        if (!accept.is_null()) {
            request.emplace_back("Accept", accept.as_string());
            EXPECT_EQ(kayako::accept_allows_json(accept.as_string()), json);
        }
        auto const checked_request = kayako::check_accept(kayako::pair_headers<fields>(request));
        EXPECT_EQ(checked_request.has_value(), json);
        if (!json) {
            ++refused;
            ASSERT_FALSE(checked_request.has_value());
            EXPECT_EQ(checked_request.error().code, kayako::error::not_acceptable);  // → 406 FORMAT_NOT_ACCEPTABLE
            EXPECT_EQ(checked_request.error().parameter, "Accept");
        }
        ++checked;
    }
    EXPECT_EQ(checked, vectors.size());
    EXPECT_EQ(refused, 3u);
}

}  // namespace
