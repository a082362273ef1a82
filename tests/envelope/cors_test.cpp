// Tests of cors.hpp: the server's CORS policy and answers (§13; Fetch §3.2): configured origins
// normalized to their serialization and matched byte-for-byte (port, trailing slash, `null`,
// case), `*` without credentials, the preflight's approval or silent refusal (a method or a
// header not allowed), and the fields that share an actual response.
#include <kayako/response/cors.hpp>

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

kayako::cors_policy listing(std::vector<std::string_view> origins) {
    kayako::cors_policy p;
    for (auto o : origins) EXPECT_TRUE(p.allow_origin(o)) << o;
    return p;
}

kayako::serialized_origin origin(std::string_view text) { return *kayako::parse_origin(text); }

kayako::cors_request preflight(std::string_view from, std::string_view method, std::string_view headers = {}) {
    kayako::cors_request r;
    r.options_method = true;
    r.origin = origin(from);
    r.request_method = method;
    r.request_headers = headers;
    return r;
}

TEST(CorsPolicy, NormalizesConfiguredOriginsToTheirSerialization) {
    for (auto const& [configured, serialized] : std::vector<std::pair<std::string_view, std::string_view>>{
             {"http://127.0.0.1:9000", "http://127.0.0.1:9000"},
             {"HTTP://App.Example.COM", "http://app.example.com"},  // scheme and host lower-cased
             {"https://app.example.com/", "https://app.example.com"},  // one trailing slash dropped
             {"http://app.example.com:80", "http://app.example.com"},  // the default port is not written
             {"https://app.example.com:443", "https://app.example.com"},
             {"http://app.example.com:443", "http://app.example.com:443"},  // not http's default
             {"https://app.example.com:80", "https://app.example.com:80"},
         }) {
        auto n = kayako::normalize_origin(configured);
        ASSERT_TRUE(n) << configured;
        EXPECT_EQ(*n, serialized) << configured;
    }
    for (std::string_view bad : {"null", "*", "", "http://a.example/path", "http://a.example//", "a.example"})
        EXPECT_FALSE(kayako::normalize_origin(bad)) << bad;
    EXPECT_EQ(kayako::normalize_origin("http://a/x").error().parameter, "Origin");
}

TEST(CorsPolicy, MatchesSerializedOriginsExactly) {
    auto const p = listing({"http://127.0.0.1:9000", "HTTPS://Example.com/"});
    EXPECT_TRUE(p.enabled());
    EXPECT_TRUE(p.allows(origin("http://127.0.0.1:9000")));
    EXPECT_TRUE(p.allows(origin("https://example.com")));
    EXPECT_FALSE(p.allows(origin("http://127.0.0.1:9001")));   // another port: another origin
    EXPECT_FALSE(p.allows(origin("http://127.0.0.1")));        // no port is the default port, 80
    EXPECT_FALSE(p.allows(origin("https://127.0.0.1:9000")));  // another scheme
    EXPECT_FALSE(p.allows(origin("http://example.com")));
    EXPECT_FALSE(p.allows(origin("https://EXAMPLE.com")));     // Fetch compares bytes; browsers lower-case
    EXPECT_FALSE(p.allows(origin("https://example.com.evil.test")));  // no prefix or suffix match
    EXPECT_FALSE(p.allows(origin("https://sub.example.com")));
    EXPECT_FALSE(p.allows(origin("null")));  // never in a list
    EXPECT_TRUE(p.credentials());

    kayako::cors_policy const nobody;
    EXPECT_FALSE(nobody.enabled());
    EXPECT_FALSE(nobody.allows(origin("http://127.0.0.1:9000")));
}

TEST(CorsPolicy, AnyOriginIsSharedWithoutCredentials) {
    auto const p = listing({"*"});
    EXPECT_TRUE(p.any_origin());
    EXPECT_FALSE(p.credentials());  // Fetch forbids `*` with credentials
    EXPECT_TRUE(p.allows(origin("http://anything.test:1")));
    EXPECT_TRUE(p.allows(origin("null")));  // harmless without credentials

    auto const simple = kayako::share_response(p, kayako::read_cors_request("GET", header_view(header_list{{"Origin", "http://x.test"}})));
    EXPECT_TRUE(simple.shared);
    EXPECT_EQ(simple.find("Access-Control-Allow-Origin"), "*");
    EXPECT_FALSE(simple.find("Access-Control-Allow-Credentials"));
    EXPECT_FALSE(simple.vary_origin);  // the answer is the same for every origin
}

TEST(CorsPreflight, ApprovesAListedOriginKayakoMethodAndHeaders) {
    auto const p = listing({"http://127.0.0.1:9000"});
    auto const a = kayako::answer_preflight(
        p, preflight("http://127.0.0.1:9000", "POST", "authorization,content-type,x-csrf-token,x-session-id"));
    EXPECT_EQ(kayako::preflight_status, 204);
    ASSERT_TRUE(a.shared);
    EXPECT_TRUE(a.vary_origin);
    EXPECT_EQ(a.find("Access-Control-Allow-Origin"), "http://127.0.0.1:9000");  // echoed, never `*` with credentials
    EXPECT_EQ(a.find("Access-Control-Allow-Credentials"), "true");
    EXPECT_EQ(a.find("Access-Control-Allow-Methods"), "GET, POST, PUT, DELETE");
    auto const allowed = a.find("Access-Control-Allow-Headers");
    ASSERT_TRUE(allowed);
    for (std::string_view h : {"Authorization", "Content-Type", "X-CSRF-Token", "X-Session-ID", "X-Token", "X-OTP",
                               "X-Options", "X-Requested-With", "If-Match", "If-None-Match", "If-Modified-Since",
                               "If-Unmodified-Since"})
        EXPECT_NE(allowed->find(h), std::string_view::npos) << h;
    EXPECT_EQ(a.find("Access-Control-Max-Age"), "600");
    EXPECT_FALSE(a.find("Access-Control-Expose-Headers"));  // a preflight exposes nothing

    for (std::string_view m : {"GET", "PUT", "DELETE", "HEAD"})
        EXPECT_TRUE(kayako::answer_preflight(p, preflight("http://127.0.0.1:9000", m)).shared) << m;
    // Header names compare case-insensitively, in any order, with empty list elements.
    EXPECT_TRUE(kayako::answer_preflight(p, preflight("http://127.0.0.1:9000", "PUT", "If-Match, X-OPTIONS,,accept")).shared);

    kayako::cors_policy q = listing({"http://127.0.0.1:9000"});
    q.set_max_age(7200);
    EXPECT_EQ(kayako::answer_preflight(q, preflight("http://127.0.0.1:9000", "PUT")).find("Access-Control-Max-Age"), "7200");
    q.set_allow_credentials(false);
    EXPECT_FALSE(kayako::answer_preflight(q, preflight("http://127.0.0.1:9000", "PUT")).find("Access-Control-Allow-Credentials"));
}

TEST(CorsPreflight, RefusesSilentlyWhatIsNotAllowed) {
    auto const p = listing({"http://127.0.0.1:9000"});
    auto refused = [&](kayako::cors_request const& r, char const* why) {
        auto const a = kayako::answer_preflight(p, r);
        EXPECT_FALSE(a.shared) << why;
        EXPECT_EQ(a.size, 0u) << why;  // no Access-Control-* field at all: the browser refuses
        EXPECT_TRUE(a.vary_origin) << why;
    };
    refused(preflight("http://127.0.0.1:9001", "POST"), "an origin not listed");
    refused(preflight("null", "POST"), "the opaque origin");
    refused(preflight("http://127.0.0.1:9000", "PATCH"), "a method not allowed");
    refused(preflight("http://127.0.0.1:9000", "put"), "methods compare byte-for-byte");
    refused(preflight("http://127.0.0.1:9000", "PUT", "x-session-id,x-evil"), "a header not allowed");
    refused(preflight("http://127.0.0.1:9000", "PUT", "x-session-id x-token"), "a malformed header list");
    auto not_options = preflight("http://127.0.0.1:9000", "PUT");
    not_options.options_method = false;
    refused(not_options, "not a preflight");
}

TEST(CorsResponse, SharesAnActualResponseWithAnAllowedOrigin) {
    auto const p = listing({"http://127.0.0.1:9000"});
    auto share = [&](header_list const& h) { return kayako::share_response(p, kayako::read_cors_request("POST", header_view(h))); };

    auto const yes = share({{"Origin", "http://127.0.0.1:9000"}});
    ASSERT_TRUE(yes.shared);
    EXPECT_EQ(yes.find("Access-Control-Allow-Origin"), "http://127.0.0.1:9000");
    EXPECT_EQ(yes.find("Access-Control-Allow-Credentials"), "true");
    auto const exposed = yes.find("Access-Control-Expose-Headers");
    ASSERT_TRUE(exposed);
    for (std::string_view h : {"X-CSRF-Token", "X-Session-ID", "ETag", "Last-Modified", "Retry-After", "X-API-Version"})
        EXPECT_NE(exposed->find(h), std::string_view::npos) << h;
    // §8, §13: a script reading a file's download can read its name and checksum too.
    for (std::string_view h : {"Content-Disposition", "Content-MD5"}) EXPECT_NE(exposed->find(h), std::string_view::npos) << h;
    EXPECT_TRUE(yes.vary_origin);

    for (header_list const& h : {header_list{{"Origin", "http://127.0.0.1:9001"}}, header_list{{"Origin", "null"}},
                                 header_list{{"Origin", "http://127.0.0.1:9000/"}}, header_list{}}) {
        auto const no = share(h);
        EXPECT_FALSE(no.shared);
        EXPECT_EQ(no.size, 0u);
        EXPECT_TRUE(no.vary_origin);  // the answer depended on Origin
    }
    kayako::cors_policy const off;
    EXPECT_FALSE(kayako::share_response(off, kayako::read_cors_request("GET", header_view(header_list{{"Origin", "http://a"}}))).vary_origin);
}

}  // namespace
