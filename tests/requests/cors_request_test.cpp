// Tests of cors_request.hpp: the `Origin` of a browser's request (RFC 6454 §6.2, Fetch's
// serialization of an origin), the preflight's `Access-Control-Request-Method` and
// `Access-Control-Request-Headers` (§13; Fetch §3.2.2, §4.8), and the bad inputs of each.
#include <kayako/request/cors_request.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using kayako::error;
using kayako::failure;
using header_list = std::vector<std::pair<std::string_view, std::string_view>>;
using header_view = kayako::pair_headers<header_list>;

TEST(CorsOrigin, ReadsTheSerializationsBrowsersSend) {
    auto plain = kayako::parse_origin("http://127.0.0.1:8080");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->scheme, "http");
    EXPECT_EQ(plain->host, "127.0.0.1");
    EXPECT_EQ(plain->port, 8080);
    EXPECT_FALSE(plain->opaque);
    EXPECT_EQ(plain->text, "http://127.0.0.1:8080");

    auto no_port = kayako::parse_origin("https://brewfictus.kayako.com");
    ASSERT_TRUE(no_port);
    EXPECT_EQ(no_port->host, "brewfictus.kayako.com");
    EXPECT_FALSE(no_port->port);

    auto v6 = kayako::parse_origin("http://[::1]:3000");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, "[::1]");
    EXPECT_EQ(v6->port, 3000);

    auto extension = kayako::parse_origin("chrome-extension://abcdef");
    ASSERT_TRUE(extension);
    EXPECT_EQ(extension->scheme, "chrome-extension");

    EXPECT_EQ(kayako::parse_origin(" http://a.example \t")->text, "http://a.example");  // OWS trimmed
    EXPECT_EQ(kayako::parse_origin("http://a.example:65535")->port, 65535);              // the last port
    EXPECT_EQ(kayako::parse_origin("http://a.example:0")->port, 0);
}

TEST(CorsOrigin, NullIsOpaque) {
    auto null = kayako::parse_origin("null");
    ASSERT_TRUE(null);
    EXPECT_TRUE(null->opaque);
    EXPECT_TRUE(null->host.empty());
    EXPECT_FALSE(kayako::parse_origin("NULL"));  // not the keyword, and no scheme either
}

// The bad-inputs table: each value, and the offset of the byte the parser stops at.
TEST(CorsOrigin, RefusesWhatIsNotASerializedOrigin) {
    struct row {
        std::string_view value;
        std::size_t offset;
        char const* why;
    };
    for (auto const& r : std::vector<row>{
             {"", 0, "empty"},
             {"http://a.example/", 16, "trailing slash: a URL, not an origin"},
             {"http://a.example/path", 16, "a path"},
             {"http://user@a.example", 11, "user info"},
             {"HTTP://a.example", 0, "an upper-case scheme is no browser's serialization"},
             {"hTtp://a.example", 1, "an upper-case letter inside the scheme"},
             {"http:/a.example", 4, "one slash"},
             {"a.example", 9, "no scheme"},
             {"http://", 7, "no host"},
             {"http://:80", 7, "no host before the port"},
             {"http://a.example:", 17, "an empty port"},
             {"http://a.example:65536", 17, "a port past 65535"},
             {"http://a.example:123456", 22, "six digits"},
             {"http://a.example:80a", 19, "a letter in the port"},
             {"http://a example", 8, "a space in the host"},
             {"http://a.example?x", 16, "a query"},
             {"http://a.example#x", 16, "a fragment"},
             {"http://[::1", 11, "an unclosed IPv6 literal"},
             {"http://[]", 8, "an empty IPv6 literal"},
             {"http://[::g]", 10, "not hex in an IPv6 literal"},
             {"1http://a", 0, "a scheme starts with a letter"},
         }) {
        auto parsed = kayako::parse_origin(r.value);
        ASSERT_FALSE(parsed) << r.why;
        EXPECT_EQ(parsed.error(), failure(error::invalid_header, r.offset, "Origin")) << r.why << ": " << r.value;
    }
}

TEST(CorsRequestHeaders, ListsTokensWithOptionalWhitespaceAndEmptyElements) {
    std::vector<std::string_view> names;
    auto collect = [&](std::string_view n) { names.push_back(n); };
    ASSERT_TRUE(kayako::scan_field_name_list("x-csrf-token,x-session-id", collect));
    EXPECT_EQ(names, (std::vector<std::string_view>{"x-csrf-token", "x-session-id"}));
    names.clear();
    ASSERT_TRUE(kayako::scan_field_name_list(" Authorization ,, Content-Type\t,", collect));  // RFC 9110 §5.6.1
    EXPECT_EQ(names, (std::vector<std::string_view>{"Authorization", "Content-Type"}));
    names.clear();
    ASSERT_TRUE(kayako::scan_field_name_list("", collect));
    EXPECT_TRUE(names.empty());

    for (auto const& [value, at] : std::vector<std::pair<std::string_view, std::size_t>>{
             {"x-token x-otp", 8}, {"x-token;x-otp", 7}, {"x:y", 1}, {"\"x\"", 0}, {"a,\x7f", 2}, {"a,(b)", 2}}) {
        auto r = kayako::scan_field_name_list(value, [](std::string_view) {});
        ASSERT_FALSE(r) << value;
        EXPECT_EQ(r.error(), failure(error::invalid_header, at, "Access-Control-Request-Headers")) << value;
    }
}

TEST(CorsRequest, APreflightIsOptionsWithOriginAndRequestMethod) {
    header_list const h = {{"Origin", "http://127.0.0.1:9000"},
                           {"Access-Control-Request-Method", "PUT"},
                           {"Access-Control-Request-Headers", "x-csrf-token,x-session-id"}};
    auto read = kayako::read_cors_request("OPTIONS", header_view(h));
    ASSERT_TRUE(read);
    EXPECT_TRUE(read->preflight());
    EXPECT_EQ(read->origin->text, "http://127.0.0.1:9000");
    EXPECT_EQ(read->request_method, "PUT");
    EXPECT_EQ(read->request_headers, "x-csrf-token,x-session-id");

    EXPECT_FALSE(kayako::read_cors_request("GET", header_view(h))->preflight());  // the real request
    header_list const no_method = {{"Origin", "http://127.0.0.1:9000"}};
    EXPECT_FALSE(kayako::read_cors_request("OPTIONS", header_view(no_method))->preflight());
    header_list const no_origin = {{"Access-Control-Request-Method", "PUT"}};
    EXPECT_FALSE(kayako::read_cors_request("OPTIONS", header_view(no_origin))->preflight());
    header_list const none;
    auto plain = kayako::read_cors_request("GET", header_view(none));
    ASSERT_TRUE(plain);
    EXPECT_FALSE(plain->origin);
}

TEST(CorsRequest, MalformedFieldsAreTypedErrorsNamingTheField) {
    auto fails = [](header_list const& h) { return kayako::read_cors_request("OPTIONS", header_view(h)); };
    EXPECT_EQ(fails({{"Origin", "http://a/"}}).error(), failure(error::invalid_header, 8, "Origin"));
    EXPECT_EQ(fails({{"Origin", "http://a"}, {"Origin", "http://b"}}).error(),
              failure(error::parameters_inconsistent, failure::no_offset, "Origin"));
    EXPECT_TRUE(fails({{"Origin", "http://a"}, {"origin", "http://a"}}));  // a repeated value is that value
    EXPECT_EQ(fails({{"Origin", "http://a"}, {"Access-Control-Request-Method", "P(T"}}).error(),
              failure(error::invalid_header, 1, "Access-Control-Request-Method"));
    EXPECT_EQ(fails({{"Origin", "http://a"}, {"Access-Control-Request-Method", ""}}).error(),
              failure(error::invalid_header, 0, "Access-Control-Request-Method"));
    EXPECT_EQ(fails({{"Origin", "http://a"}, {"Access-Control-Request-Method", "PUT"},
                     {"Access-Control-Request-Headers", "x-token x"}})
                  .error(),
              failure(error::invalid_header, 8, "Access-Control-Request-Headers"));
}

}  // namespace
