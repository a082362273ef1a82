// Tests of pkce.hpp and oauth_authorization_request.hpp: the authorization request of the
// Authorization Code grant that §11.3 recommends (RFC 6749 §3.1, §3.1.2, §4.1.1; RFC 7636 §4),
// both ways, and the code_verifier of the token request (RFC 7636 §4.5).
#include <kayako/request/oauth_authorization_request.hpp>

#include <kayako/request/oauth_token_request.hpp>
#include <kayako/request/parameters.hpp>
#include <kayako/request/pkce.hpp>
#include <kayako/request/query_arguments.hpp>

#include <gtest/gtest.h>

#include "support/no_offset.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace {

using kayako::error;
using kayako::failure;
using kayako::oauth_access;
using kayako::oauth_area;
using kayako::pkce_method;
using kayako::test::none;  // failure::no_offset

// RFC 7636 Appendix B: the verifier, and the SHA-256 of it as the appendix lists its octets.
constexpr std::string_view rfc_verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr std::string_view rfc_challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
std::string rfc_sha256(std::string_view input) {
    constexpr std::array<unsigned char, 32> digest = {19,  211, 30,  150, 26,  26,  216, 236, 47,  22,  177,
                                                      12,  76,  152, 46,  8,   118, 168, 120, 173, 109, 241,
                                                      68,  86,  110, 225, 137, 74,  203, 112, 249, 195};
    if (input != rfc_verifier) return std::string(32, '\0');  // any other input: another digest
    return std::string(digest.begin(), digest.end());
}

// Parses a copy of `query` and reads it; the text and the arguments live as long as this.
struct read_query {
    std::string text;
    kayako::query_arguments args;
    explicit read_query(std::string_view query) : text(query) { EXPECT_TRUE(args.assign(text)) << text; }
    kayako::result<kayako::oauth_authorization_request> request() const {
        return kayako::read_oauth_authorization_request(args);
    }
    kayako::result<kayako::oauth_authorization_client> client() const {
        return kayako::read_oauth_authorization_client(args);
    }
};

// ---- PKCE (RFC 7636) -------------------------------------------------------------------------

TEST(Pkce, MethodsAreCaseSensitive) {  // RFC 7636 §4.3
    EXPECT_EQ(*kayako::parse_pkce_method("plain"), pkce_method::plain);
    EXPECT_EQ(*kayako::parse_pkce_method("S256"), pkce_method::s256);
    for (std::string_view bad : {"s256", "Plain", "SHA256", "S512", "", " S256"})
        EXPECT_EQ(kayako::parse_pkce_method(bad).error(), failure(error::invalid_option, 0)) << bad;
    EXPECT_EQ(kayako::to_string(pkce_method::s256), "S256");
    EXPECT_EQ(kayako::to_string(pkce_method::plain), "plain");
}

TEST(Pkce, LengthBoundaries) {  // RFC 7636 §4.1: 43 to 128 characters
    EXPECT_EQ(kayako::check_pkce_text(std::string(42, 'a')).error(), failure(error::invalid_code_challenge, 42));
    EXPECT_TRUE(kayako::check_pkce_text(std::string(43, 'a')));
    EXPECT_TRUE(kayako::check_pkce_text(std::string(128, 'a')));
    EXPECT_EQ(kayako::check_pkce_text(std::string(129, 'a')).error(), failure(error::invalid_code_challenge, 128));
    EXPECT_EQ(kayako::check_pkce_text("").error(), failure(error::invalid_code_challenge, 0));
}

TEST(Pkce, EveryUnreservedCharacterClass) {  // RFC 7636 §4.1: ALPHA / DIGIT / "-" / "." / "_" / "~"
    std::string const base(43, 'x');
    for (char c : std::string_view("AZaz09-._~")) {
        std::string text = base;
        text[17] = c;
        EXPECT_TRUE(kayako::check_pkce_text(text)) << c;
    }
    // Base64's `+`, `/`, `=`, the neighbours of each range, percent, space, non-ASCII.
    for (char c : std::string_view("+/=@[`{/:,!*% \x7f\x80\xff")) {
        std::string text = base;
        text[17] = c;
        EXPECT_EQ(kayako::check_pkce_text(text).error(), failure(error::invalid_code_challenge, 17)) << int(c);
    }
    // A bad character is found before the length is judged: a long text with one points at it.
    EXPECT_EQ(kayako::check_pkce_text(std::string(200, 'a').replace(5, 1, "+")).error(),
              failure(error::invalid_code_challenge, 5));
}

TEST(Pkce, S256OfRfc7636AppendixB) {
    EXPECT_EQ(kayako::pkce_challenge_for(rfc_verifier, pkce_method::s256, rfc_sha256), rfc_challenge);
    EXPECT_TRUE(kayako::pkce_verifier_matches({rfc_challenge, pkce_method::s256}, rfc_verifier, rfc_sha256));
    // plain: the verifier is the challenge; the hash is never called.
    auto no_hash = [](std::string_view) -> std::string {
        ADD_FAILURE() << "plain must not hash";
        return {};
    };
    EXPECT_EQ(kayako::pkce_challenge_for(rfc_verifier, pkce_method::plain, no_hash), rfc_verifier);
    EXPECT_TRUE(kayako::pkce_verifier_matches({rfc_verifier, pkce_method::plain}, rfc_verifier, no_hash));
}

TEST(Pkce, WrongOrMalformedVerifiersDoNotMatch) {  // RFC 7636 §4.6
    std::string other(rfc_verifier);
    other.back() = 'l';
    EXPECT_FALSE(kayako::pkce_verifier_matches({rfc_challenge, pkce_method::s256}, other, rfc_sha256));
    // The challenge under the other method.
    EXPECT_FALSE(kayako::pkce_verifier_matches({rfc_challenge, pkce_method::plain}, rfc_verifier, rfc_sha256));
    EXPECT_FALSE(kayako::pkce_verifier_matches({rfc_verifier, pkce_method::s256}, rfc_verifier, rfc_sha256));
    // A verifier outside the grammar never matches, even its own plain challenge.
    std::string const short_one(42, 'a');
    EXPECT_FALSE(kayako::pkce_verifier_matches({short_one, pkce_method::plain}, short_one, rfc_sha256));
    EXPECT_FALSE(kayako::pkce_verifier_matches({rfc_challenge.substr(1), pkce_method::s256}, rfc_verifier, rfc_sha256));
}

// ---- the redirection URI (RFC 6749 §3.1.2) ------------------------------------------------------

TEST(RedirectUri, AbsoluteWithoutFragment) {
    for (std::string_view good : {"https://client.example/cb", "http://127.0.0.1/callback", "http://127.0.0.1:8000/cb?a=1&b=",
                                  "com.example.app:/oauth2redirect", "urn:ietf:wg:oauth:2.0:oob"})
        EXPECT_TRUE(kayako::check_redirect_uri(good)) << good;
    struct row {
        std::string_view uri;
        std::size_t offset;
    };
    for (auto const& r : {row{"https://client.example/cb#frag", 25}, row{"https://client.example/cb#", 25},
                          row{"/callback", 0}, row{"client.example/cb", 0}, row{"", 0}, row{"https://client.example/a b", 24},
                          row{"https://client.example/\xc3\xa9", 23}, row{"https://client.example/<a>", 23}, row{"1http://x/", 0},
                          row{"http:", 5}, row{"http:?x", 5}, row{"http: ", 5}, row{"x:[", 2}, row{"x:]a", 2}, row{"x:#", 2}, row{"http://x/%zz", 0}})
        EXPECT_EQ(kayako::check_redirect_uri(r.uri).error(), failure(error::invalid_redirect_uri, r.offset)) << r.uri;
}

// ---- the authorization request (RFC 6749 §4.1.1) --------------------------------------------------

TEST(OAuthAuthorizationRequest, TheSmallestRequest) {
    read_query q("response_type=code&client_id=kayako-demo-client");
    auto r = q.request();
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->client_id, "kayako-demo-client");
    EXPECT_TRUE(r->redirect_uri.empty());
    EXPECT_FALSE(r->scope);
    EXPECT_TRUE(r->state.empty());
    EXPECT_FALSE(r->code_challenge);
}

TEST(OAuthAuthorizationRequest, EveryArgumentDecoded) {
    read_query q("response_type=code&client_id=s6BhdRkqt3&state=xyz%20%2B1"
                 "&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb%3Fa%3D1&scope=users+conversations:read"
                 "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
    auto r = q.request();
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->client_id, "s6BhdRkqt3");
    EXPECT_EQ(r->state, "xyz +1");  // opaque, spaces included: VSCHAR is %x20-7E
    EXPECT_EQ(r->redirect_uri, "https://client.example.com/cb?a=1");
    ASSERT_TRUE(r->scope);
    EXPECT_TRUE(r->scope->allows(oauth_area::users, oauth_access::write));  // §11.3: no suffix ⇒ :write
    EXPECT_EQ(r->scope->access_to(oauth_area::conversations), oauth_access::read);
    EXPECT_FALSE(r->scope->access_to(oauth_area::search));
    ASSERT_TRUE(r->code_challenge);
    EXPECT_EQ(*r->code_challenge, (kayako::pkce_challenge{rfc_challenge, pkce_method::s256}));
}

TEST(OAuthAuthorizationRequest, ChallengeMethodDefaultsToPlain) {  // RFC 7636 §4.3
    read_query q("response_type=code&client_id=c&code_challenge=" + std::string(43, 'k'));
    auto r = q.request();
    ASSERT_TRUE(r && r->code_challenge);
    EXPECT_EQ(r->code_challenge->method, pkce_method::plain);
}

TEST(OAuthAuthorizationRequest, EmptyMeansNotSent) {  // RFC 6749 §3.1
    read_query q("response_type=code&client_id=c&state=&redirect_uri=&scope=&code_challenge=&code_challenge_method=");
    auto r = q.request();
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(*r, (kayako::oauth_authorization_request{.client_id = "c"}));
}

struct bad_request {
    std::string query;  // owned: some rows are built from the boundary strings
    failure expected;
};

TEST(OAuthAuthorizationRequest, BadInputs) {
    std::string const c42(42, 'a'), c129(129, 'a'), c43(43, 'a');
    std::string const short_challenge = "response_type=code&client_id=c&code_challenge=" + c42;
    std::string const long_challenge = "response_type=code&client_id=c&code_challenge=" + c129;
    std::string const lower_method = "response_type=code&client_id=c&code_challenge=" + c43 + "&code_challenge_method=s256";
    bad_request const rows[] = {
        {"", {error::missing_parameter, none, "client_id"}},
        {"response_type=code", {error::missing_parameter, none, "client_id"}},
        {"response_type=code&client_id=", {error::missing_parameter, none, "client_id"}},
        {"response_type=code&Client_Id=c", {error::missing_parameter, none, "client_id"}},  // exact names, no §2.5 folding
        {"response_type=code&client_id[]=c", {error::missing_parameter, none, "client_id"}},
        {"client_id=c", {error::missing_parameter, none, "response_type"}},
        {"client_id=c&response_type=", {error::missing_parameter, none, "response_type"}},
        {"client_id=c&response_type=token", {error::unsupported_response_type, 0, "response_type"}},  // implicit grant
        {"client_id=c&response_type=Code", {error::unsupported_response_type, 0, "response_type"}},
        {"client_id=c&response_type=code+id_token", {error::unsupported_response_type, 0, "response_type"}},
        {"response_type=code&client_id=a&client_id=b", {error::duplicate, none, "client_id"}},
        {"response_type=code&client_id=a&client_id=", {error::duplicate, none, "client_id"}},
        {"response_type=code&response_type=code&client_id=a", {error::duplicate, none, "response_type"}},
        {"response_type=code&client_id=a&state=1&state=2", {error::duplicate, none, "state"}},
        {"response_type=code&client_id=a&redirect_uri=http://x/&redirect_uri=http://x/", {error::duplicate, none, "redirect_uri"}},
        {"response_type=code&client_id=a&scope=users&scope=search", {error::duplicate, none, "scope"}},
        {"response_type=code&client_id=a%01", {error::unexpected_character, 1, "client_id"}},
        {"response_type=code&client_id=a%00", {error::nul_byte, 1, "client_id"}},
        {"response_type=code&client_id=%C3%A9", {error::unexpected_character, 0, "client_id"}},
        {"response_type=code&client_id=c&state=ok%7F", {error::unexpected_character, 2, "state"}},
        {"response_type=code&client_id=c&state=%0A", {error::unexpected_character, 0, "state"}},
        {"response_type=code&client_id=c&redirect_uri=%2Fcb", {error::invalid_redirect_uri, 0, "redirect_uri"}},
        {"response_type=code&client_id=c&redirect_uri=http%3A%2F%2Fx%2Fcb%23top", {error::invalid_redirect_uri, 11, "redirect_uri"}},
        {"response_type=code&client_id=c&redirect_uri=http%3A%2F%2Fx%2Fa+b", {error::invalid_redirect_uri, 10, "redirect_uri"}},
        {"response_type=code&client_id=c&scope=tickets", {error::invalid_scope, 0, "scope"}},
        {"response_type=code&client_id=c&scope=users+tickets", {error::invalid_scope, 6, "scope"}},
        {"response_type=code&client_id=c&scope=users:admin", {error::invalid_scope, 5, "scope"}},
        {"response_type=code&client_id=c&scope=users++search", {error::unexpected_character, 6, "scope"}},
        {"response_type=code&client_id=c&scope=users,search", {error::invalid_scope, 0, "scope"}},
        {short_challenge, {error::invalid_code_challenge, 42, "code_challenge"}},
        {long_challenge, {error::invalid_code_challenge, 128, "code_challenge"}},
        {"response_type=code&client_id=c&code_challenge=" + c43 + "%2B", {error::invalid_code_challenge, 43, "code_challenge"}},
        {lower_method, {error::invalid_option, 0, "code_challenge_method"}},
        {"response_type=code&client_id=c&code_challenge_method=S256", {error::missing_parameter, none, "code_challenge"}},
        {"response_type=code&client_id=c&code_challenge=" + c43 + "&code_challenge=" + c43, {error::duplicate, none, "code_challenge"}},
    };
    for (auto const& r : rows) {
        read_query q(r.query);
        auto read = q.request();
        ASSERT_FALSE(read) << r.query;
        EXPECT_EQ(read.error(), r.expected) << r.query << ": " << read.error().message();
    }
}

// RFC 6749 §4.1.2.1: what must not be redirected is read first, and apart.
TEST(OAuthAuthorizationRequest, TheClientPartFirst) {
    // A bad redirect_uri is reported before a bad response_type: the server must not redirect.
    read_query both("response_type=token&client_id=c&redirect_uri=%2Fcb");
    EXPECT_EQ(both.request().error(), failure(error::invalid_redirect_uri, 0, "redirect_uri"));
    // A request whose client part is sound: the server may redirect the rest's failures.
    read_query rest("response_type=token&client_id=c&redirect_uri=http%3A%2F%2Fx%2Fcb&state=s1&scope=nope");
    auto client = rest.client();
    ASSERT_TRUE(client);
    EXPECT_EQ(*client, (kayako::oauth_authorization_client{"c", "http://x/cb", "s1"}));
    EXPECT_EQ(rest.request().error(), failure(error::unsupported_response_type, 0, "response_type"));
    read_query scope("response_type=code&client_id=c&scope=nope");
    EXPECT_TRUE(scope.client());
    EXPECT_EQ(scope.request().error().code, error::invalid_scope);
}

// ---- the client side: the authorization URL --------------------------------------------------------

TEST(OAuthAuthorizationUrl, WritesEveryArgumentInOrder) {
    kayako::oauth_scope_set scope;
    scope.add({oauth_area::users, oauth_access::read});
    scope.add({oauth_area::conversations, oauth_access::write});
    kayako::oauth_authorization_request const r{.client_id = "demo client",
                                                .redirect_uri = "http://127.0.0.1/cb?x=1",
                                                .scope = scope,
                                                .state = "a+b&c",
                                                .code_challenge = kayako::pkce_challenge{rfc_challenge, pkce_method::s256}};
    auto url = kayako::write_oauth_authorization_url("https://example.kayako.com/oauth/token/authorize", r);
    ASSERT_TRUE(url) << url.error().message();
    EXPECT_EQ(*url,
              "https://example.kayako.com/oauth/token/authorize?response_type=code&client_id=demo+client"
              "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb%3Fx%3D1&scope=users%3Aread+conversations%3Awrite&state=a%2Bb%26c"
              "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
    // ...and it reads back equal.
    read_query back(std::string_view(*url).substr(url->find('?') + 1));
    auto again = back.request();
    ASSERT_TRUE(again) << again.error().message();
    EXPECT_EQ(*again, r);
}

TEST(OAuthAuthorizationUrl, KeepsTheEndpointsQuery) {  // RFC 6749 §3.1: the endpoint's query is kept
    kayako::oauth_authorization_request const r{.client_id = "c"};
    EXPECT_EQ(*kayako::write_oauth_authorization_url("https://h/authorize?tenant=7", r),
              "https://h/authorize?tenant=7&response_type=code&client_id=c");
    EXPECT_EQ(*kayako::write_oauth_authorization_url("https://h/authorize?", r), "https://h/authorize?response_type=code&client_id=c");
    EXPECT_EQ(*kayako::write_oauth_authorization_url("https://h/authorize?a=1&", r),
              "https://h/authorize?a=1&response_type=code&client_id=c");
}

TEST(OAuthAuthorizationUrl, RefusesWhatTheReaderRefuses) {
    auto write = [](kayako::oauth_authorization_request const& r, std::string_view endpoint = "https://h/authorize") {
        return kayako::write_oauth_authorization_url(endpoint, r);
    };
    EXPECT_EQ(write({}).error(), failure(error::missing_parameter, none, "client_id"));
    EXPECT_EQ(write({.client_id = "c"}, "/oauth/token/authorize").error(),
              failure(error::invalid_redirect_uri, 0, "authorization_endpoint"));
    EXPECT_EQ(write({.client_id = "c"}, "https://h/a#b").error(), failure(error::invalid_redirect_uri, 11, "authorization_endpoint"));
    EXPECT_EQ(write({.client_id = "c\n"}).error(), failure(error::unexpected_character, 1, "client_id"));
    EXPECT_EQ(write({.client_id = "c", .state = "\xc3\xa9"}).error(), failure(error::unexpected_character, 0, "state"));
    EXPECT_EQ(write({.client_id = "c", .redirect_uri = "cb"}).error(), failure(error::invalid_redirect_uri, 0, "redirect_uri"));
    EXPECT_EQ(write({.client_id = "c", .scope = kayako::oauth_scope_set{}}).error(), failure(error::empty_value, none, "scope"));
    std::string const c42(42, 'a');
    EXPECT_EQ(write({.client_id = "c", .code_challenge = kayako::pkce_challenge{c42}}).error(),
              failure(error::invalid_code_challenge, 42, "code_challenge"));
}

// ---- the token request's code_verifier (RFC 7636 §4.5) ----------------------------------------------

TEST(OAuthTokenRequest, CodeVerifierOfTheAuthorizationCodeGrant) {
    std::string const body = "grant_type=authorization_code&code=abc&redirect_uri=http%3A%2F%2Fx%2Fcb&code_verifier=" +
                             std::string(rfc_verifier) + "&client_id=c&client_secret=s";
    auto p = kayako::parameters::parse_form_body(body);
    ASSERT_TRUE(p);
    auto r = kayako::read_oauth_token_request(*p);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->code_verifier, rfc_verifier);
    EXPECT_EQ(r->redirect_uri, "http://x/cb");
    // Written, it reads back with its verifier.
    auto m = kayako::write_oauth_token_request(*r);
    ASSERT_TRUE(m);
    EXPECT_NE(m->body.find("code_verifier=" + std::string(rfc_verifier)), std::string::npos);
    auto p2 = kayako::parameters::parse_form_body(m->body);
    ASSERT_TRUE(p2);
    EXPECT_EQ(kayako::read_oauth_token_request(*p2)->code_verifier, rfc_verifier);
}

TEST(OAuthTokenRequest, MalformedCodeVerifier) {
    for (auto const& [verifier, offset] : {std::pair{std::string(42, 'v'), std::size_t{42}}, std::pair{std::string(129, 'v'), std::size_t{128}},
                                           std::pair{std::string(43, 'v') + "%2F", std::size_t{43}}}) {
        std::string const body = "grant_type=authorization_code&code=abc&code_verifier=" + verifier;
        auto p = kayako::parameters::parse_form_body(body);
        ASSERT_TRUE(p);
        EXPECT_EQ(kayako::read_oauth_token_request(*p).error(), failure(error::invalid_code_challenge, offset, "code_verifier"))
            << verifier;
    }
    kayako::oauth_token_request bad;
    bad.grant_type = kayako::oauth_grant_type::authorization_code;
    bad.code = "abc";
    bad.code_verifier = "short";
    EXPECT_EQ(kayako::write_oauth_token_request(bad).error(), failure(error::invalid_code_challenge, 5, "code_verifier"));
}

}  // namespace
