// Tests of oauth_scope.hpp and oauth_token_request.hpp: scopes (§11.3, RFC 6749 §3.3) and the
// token request (§11.3; RFC 6749 §2.3.1, §4.1.3, §4.3.2, §6), both ways.
#include <kayako/request/oauth_token_request.hpp>

#include <kayako/request/oauth_scope.hpp>
#include <kayako/request/parameters.hpp>

#include <gtest/gtest.h>

#include "support/no_offset.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace {

using kayako::error;
using kayako::failure;
using kayako::oauth_access;
using kayako::oauth_area;
using kayako::oauth_grant_type;
using kayako::test::none;  // failure::no_offset

// ---- scopes (§11.3) --------------------------------------------------------------------------

TEST(OAuthScope, NoSuffixMeansWrite) {  // §11.3: "no suffix ⇒ :write"
    auto s = kayako::parse_oauth_scope("users");
    ASSERT_TRUE(s);
    EXPECT_EQ(*s, (kayako::oauth_scope{oauth_area::users, oauth_access::write}));
    EXPECT_EQ(*kayako::parse_oauth_scope("users:write"), *s);
    EXPECT_EQ(kayako::parse_oauth_scope("users:read")->access, oauth_access::read);
}

TEST(OAuthScope, EveryAreaOfSection113) {
    for (auto a : kayako::oauth_areas) {
        auto s = kayako::parse_oauth_scope(kayako::to_string(a));
        ASSERT_TRUE(s) << kayako::to_string(a);
        EXPECT_EQ(s->area, a);
    }
}

TEST(OAuthScope, BadTokens) {
    struct row {
        std::string_view text;
        failure expected;
    } const rows[] = {
        {"", failure(error::empty_value, 0)},
        {"tickets", failure(error::invalid_scope, 0)},
        {"Users", failure(error::invalid_scope, 0)},  // the reference spells them in lower case
        {"users:", failure(error::invalid_scope, 5)},
        {"users:READ", failure(error::invalid_scope, 5)},
        {"users:delete", failure(error::invalid_scope, 5)},
        {":read", failure(error::invalid_scope, 0)},
        {"users:read:write", failure(error::invalid_scope, 5)},
    };
    for (auto const& r : rows) {
        auto s = kayako::parse_oauth_scope(r.text);
        ASSERT_FALSE(s) << r.text;
        EXPECT_EQ(s.error(), r.expected) << r.text;
    }
}

TEST(OAuthScopeSet, TheReferencesGrantedList) {  // §11.3: ["conversations:write","configuration:read"]
    auto set = kayako::parse_oauth_scope_list("conversations:write configuration:read");
    ASSERT_TRUE(set);
    EXPECT_TRUE(set->allows(oauth_area::conversations, oauth_access::write));
    EXPECT_TRUE(set->allows(oauth_area::conversations, oauth_access::read));  // write reads too
    EXPECT_TRUE(set->allows(oauth_area::configuration, oauth_access::read));
    EXPECT_FALSE(set->allows(oauth_area::configuration, oauth_access::write));
    EXPECT_FALSE(set->allows(oauth_area::users, oauth_access::read));  // a scope not granted
    EXPECT_FALSE(kayako::oauth_scope_set().allows(oauth_area::users, oauth_access::read));  // no scope at all
}

TEST(OAuthScopeSet, WidestAccessWinsAndListsRoundTrip) {
    auto set = kayako::parse_oauth_scope_list("users:read users search:read search:read");
    ASSERT_TRUE(set);
    EXPECT_EQ(set->access_to(oauth_area::users), oauth_access::write);
    EXPECT_EQ(set->access_to(oauth_area::search), oauth_access::read);
    EXPECT_EQ(set->access_to(oauth_area::insights), std::nullopt);
    std::string const text = kayako::format_oauth_scope_list(*set);
    EXPECT_EQ(text, "users:write search:read");
    EXPECT_EQ(*kayako::parse_oauth_scope_list(text), *set);
}

TEST(OAuthScopeSet, IncludesIsSubsetForRefresh) {  // RFC 6749 §6: a refresh may narrow, never widen
    auto const granted = *kayako::parse_oauth_scope_list("users conversations:read");
    EXPECT_TRUE(granted.includes(*kayako::parse_oauth_scope_list("users:read")));
    EXPECT_TRUE(granted.includes(granted));
    EXPECT_FALSE(granted.includes(*kayako::parse_oauth_scope_list("conversations:write")));
    EXPECT_FALSE(granted.includes(*kayako::parse_oauth_scope_list("search:read")));
}

TEST(OAuthScopeSet, ListSyntaxIsSingleSpaces) {  // RFC 6749 §3.3: scope-token *( SP scope-token )
    struct row {
        std::string_view text;
        failure expected;
    } const rows[] = {
        {"", failure(error::empty_value, 0)},
        {" users", failure(error::unexpected_character, 0)},
        {"users ", failure(error::unexpected_character, 5)},
        {"users  search", failure(error::unexpected_character, 6)},
        {"users,search", failure(error::invalid_scope, 0)},
        {"users search:x", failure(error::invalid_scope, 12)},
        {"users\tsearch", failure(error::invalid_scope, 0)},
    };
    for (auto const& r : rows) {
        auto s = kayako::parse_oauth_scope_list(r.text);
        ASSERT_FALSE(s) << r.text;
        EXPECT_EQ(s.error(), r.expected) << r.text;
    }
}

TEST(OAuthScope, AccessForMethod) {
    EXPECT_EQ(kayako::access_for_method("GET"), oauth_access::read);
    EXPECT_EQ(kayako::access_for_method("HEAD"), oauth_access::read);
    for (std::string_view m : {"POST", "PUT", "DELETE", "get"}) EXPECT_EQ(kayako::access_for_method(m), oauth_access::write) << m;
}

// ---- the token request (RFC 6749) ------------------------------------------------------------

kayako::result<kayako::oauth_token_request> read_form(std::string_view body, kayako::parameters& keep,
                                                     kayako::basic_credentials* basic = nullptr) {
    auto p = kayako::parameters::parse_form_body(body);
    EXPECT_TRUE(p) << body;
    keep = std::move(*p);
    return kayako::read_oauth_token_request(keep, basic);
}

TEST(OAuthTokenRequest, PasswordGrantAsThePhpClientSendsIt) {  // §11.3, S5: a JSON body
    auto p = kayako::parameters::parse_json_body(
        R"({"grant_type":"password","client_id":"demo","client_secret":"s3cret","username":"norton.low@eyecloud.com","password":"B2WwHWTJzI49NM"})");
    ASSERT_TRUE(p);
    auto r = kayako::read_oauth_token_request(*p);
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->grant_type, oauth_grant_type::password);
    EXPECT_EQ(r->client_authentication, kayako::oauth_client_authentication::request_body);
    EXPECT_EQ(r->client_id, "demo");
    EXPECT_EQ(r->client_secret, "s3cret");
    EXPECT_EQ(r->username, "norton.low@eyecloud.com");
    EXPECT_EQ(r->password, "B2WwHWTJzI49NM");
    EXPECT_FALSE(r->scope);
}

TEST(OAuthTokenRequest, Rfc6749Section432Example) {  // with Basic client authentication (§2.3.1)
    kayako::parameters keep;
    // RFC 6749 §4.3.2: Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW (s6BhdRkqt3:gX1fBat3bV)
    auto basic = kayako::parse_basic_authorization("Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW");
    ASSERT_TRUE(basic);
    auto r = read_form("grant_type=password&username=johndoe&password=A3ddj3w", keep, &*basic);
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->client_authentication, kayako::oauth_client_authentication::basic);
    EXPECT_EQ(r->client_id, "s6BhdRkqt3");
    EXPECT_EQ(r->client_secret, "gX1fBat3bV");
    EXPECT_EQ(r->username, "johndoe");
}

TEST(OAuthTokenRequest, RefreshAndCodeGrants) {  // RFC 6749 §6 and §4.1.3 examples
    kayako::parameters keep;
    auto refresh = read_form("grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&scope=users:read&client_id=c", keep);
    ASSERT_TRUE(refresh) << refresh.error();
    EXPECT_EQ(refresh->grant_type, oauth_grant_type::refresh_token);
    EXPECT_EQ(refresh->refresh_token, "tGzv3JOkF0XG5Qx2TlKWIA");
    ASSERT_TRUE(refresh->scope);
    EXPECT_TRUE(refresh->scope->allows(oauth_area::users, oauth_access::read));
    EXPECT_EQ(refresh->client_authentication, kayako::oauth_client_authentication::none);  // a public client
    kayako::parameters keep2;
    auto code = read_form("grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA"
                          "&redirect_uri=https%3A%2F%2Fclient%2Eexample%2Ecom%2Fcb",
                          keep2);
    ASSERT_TRUE(code) << code.error();
    EXPECT_EQ(code->code, "SplxlOBeZQQYbYS6WxSbIA");
    EXPECT_EQ(code->redirect_uri, "https://client.example.com/cb");
}

TEST(OAuthTokenRequest, BadInputsTable) {
    struct simple_row {
        std::string_view body;
        failure expected;
    } const rows[] = {
        {"username=a&password=b", failure(error::missing_parameter, none, "grant_type")},
        {"grant_type=&username=a&password=b", failure(error::missing_parameter, none, "grant_type")},  // empty = omitted (§3.1)
        {"grant_type=client_credentials", failure(error::unsupported_grant_type, 0, "grant_type")},
        {"grant_type=Password&username=a&password=b", failure(error::unsupported_grant_type, 0, "grant_type")},
        {"grant_type=password&password=b", failure(error::missing_parameter, none, "username")},
        {"grant_type=password&username=a", failure(error::missing_parameter, none, "password")},
        {"grant_type=password&username=a&password=", failure(error::missing_parameter, none, "password")},
        {"grant_type=refresh_token", failure(error::missing_parameter, none, "refresh_token")},
        {"grant_type=authorization_code&redirect_uri=x", failure(error::missing_parameter, none, "code")},
        {"grant_type=password&grant_type=password&username=a&password=b", failure(error::duplicate, none, "grant_type")},
        {"grant_type=password&username=a&password=b&password=c", failure(error::duplicate, none, "password")},
        {"grant_type=password&username=a%0Ab&password=b", failure(error::unexpected_character, 1, "username")},
        {"grant_type=password&username=a&password=b&client_id=%C3%A9", failure(error::unexpected_character, 0, "client_id")},
        {"grant_type=password&username=a&password=b&client_secret=x%00", failure(error::nul_byte, 1, "client_secret")},
        {"grant_type=password&username=a&password=b&scope=users%20tickets", failure(error::invalid_scope, 6, "scope")},
        {"grant_type=password&username=a&password=b&scope=users%20", failure(error::unexpected_character, 5, "scope")},
    };
    for (auto const& r : rows) {
        kayako::parameters keep;
        auto t = read_form(r.body, keep);
        ASSERT_FALSE(t) << r.body;
        EXPECT_EQ(t.error(), r.expected) << r.body << " gave " << t.error();
    }
}

TEST(OAuthTokenRequest, UnicodePasswordsAreAllowed) {  // RFC 6749 Appendix A.16: UNICODECHARNOCRLF
    kayako::parameters keep;
    auto r = read_form("grant_type=password&username=j%C3%B6rg&password=p%C3%A4ss%20word", keep);
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->password, "p\xC3\xA4ss word");
}

TEST(OAuthTokenRequest, JsonMembersMustBeStrings) {
    for (std::string_view body : {R"({"grant_type":"password","username":"a","password":1})",
                                  R"({"grant_type":["password"],"username":"a","password":"b"})"}) {
        auto p = kayako::parameters::parse_json_body(body);
        ASSERT_TRUE(p);
        auto r = kayako::read_oauth_token_request(*p);
        ASSERT_FALSE(r) << body;
        EXPECT_EQ(r.error().code, error::wrong_type);
    }
    auto p = kayako::parameters::parse_json_body(R"({"grant_type":"password","username":"a","password":"b","scope":null})");
    ASSERT_TRUE(p);
    EXPECT_TRUE(kayako::read_oauth_token_request(*p));  // null counts as not sent
}

TEST(OAuthTokenRequest, OneClientAuthenticationMethod) {  // RFC 6749 §2.3: never both
    kayako::basic_credentials basic{"demo", "s3cret"};
    kayako::parameters keep;
    auto both = read_form("grant_type=password&username=a&password=b&client_secret=s3cret", keep, &basic);
    ASSERT_FALSE(both);
    EXPECT_EQ(both.error(), failure(error::duplicate, none, "client_secret"));
    basic = {"demo", "s3cret"};
    kayako::parameters keep2;
    auto other_id = read_form("grant_type=password&username=a&password=b&client_id=other", keep2, &basic);
    ASSERT_FALSE(other_id);
    EXPECT_EQ(other_id.error(), failure(error::parameters_inconsistent, none, "client_id"));
    basic = {"demo", "s3cret"};
    kayako::parameters keep3;
    EXPECT_TRUE(read_form("grant_type=password&username=a&password=b&client_id=demo", keep3, &basic));  // the same id: fine
}

TEST(OAuthTokenRequest, BasicCredentialsAreFormDecoded) {  // RFC 6749 §2.3.1
    kayako::basic_credentials basic{"my%3Aclient", "a+b%2Bc"};
    kayako::parameters keep;
    auto r = read_form("grant_type=password&username=a&password=b", keep, &basic);
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->client_id, "my:client");
    EXPECT_EQ(r->client_secret, "a b+c");
    kayako::basic_credentials bad{"x", "%G0"};
    kayako::parameters keep2;
    auto refused = read_form("grant_type=password&username=a&password=b", keep2, &bad);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(), failure(error::invalid_percent_escape, 0, "Authorization"));
    kayako::basic_credentials short_escape{"x", "ab%4"};
    kayako::parameters keep3;
    EXPECT_EQ(read_form("grant_type=password&username=a&password=b", keep3, &short_escape).error(),
              failure(error::invalid_percent_escape, 2, "Authorization"));
}

TEST(WriteOAuthTokenRequest, JsonBodyReadsBack) {  // the PHP client's shape (S5)
    kayako::oauth_token_request r;
    r.grant_type = oauth_grant_type::password;
    r.client_authentication = kayako::oauth_client_authentication::request_body;
    r.client_id = "demo";
    r.client_secret = "s3cret";
    r.username = "norton.low@eyecloud.com";
    r.password = "pa ss&=word";
    auto m = kayako::write_oauth_token_request(r, kayako::oauth_body_format::json);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->content_type, "application/json");
    EXPECT_EQ(m->body, R"({"grant_type":"password","username":"norton.low@eyecloud.com","password":"pa ss&=word",)"
                       R"("client_id":"demo","client_secret":"s3cret"})");
    EXPECT_TRUE(m->authorization.empty());
    auto p = kayako::parameters::parse_json_body(m->body);
    ASSERT_TRUE(p);
    auto back = kayako::read_oauth_token_request(*p);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->password, r.password);
    EXPECT_EQ(back->client_secret, r.client_secret);
}

TEST(WriteOAuthTokenRequest, FormBodyWithBasicClientAuthentication) {
    kayako::oauth_token_request r;
    r.grant_type = oauth_grant_type::refresh_token;
    r.client_authentication = kayako::oauth_client_authentication::basic;
    r.client_id = "my:client";
    r.client_secret = "s e";
    r.refresh_token = "tGzv3JOkF0XG5Qx2TlKWIA";
    r.scope = *kayako::parse_oauth_scope_list("users:read");
    auto m = kayako::write_oauth_token_request(r);
    ASSERT_TRUE(m) << m.error();
    EXPECT_EQ(m->content_type, "application/x-www-form-urlencoded");
    EXPECT_EQ(m->body, "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&scope=users%3Aread");
    auto basic = kayako::parse_basic_authorization(m->authorization);
    ASSERT_TRUE(basic);
    EXPECT_EQ(basic->user, "my%3Aclient");  // form-encoded before base64 (RFC 6749 §2.3.1)
    kayako::parameters keep;
    auto back = read_form(m->body, keep, &*basic);
    ASSERT_TRUE(back) << back.error();
    EXPECT_EQ(back->client_id, "my:client");
    EXPECT_EQ(back->client_secret, "s e");
    EXPECT_EQ(back->scope, r.scope);
}

TEST(WriteOAuthTokenRequest, RefusesWhatTheReaderWould) {
    kayako::oauth_token_request r;
    r.grant_type = oauth_grant_type::password;
    r.username = "a";
    EXPECT_EQ(kayako::write_oauth_token_request(r).error(), failure(error::missing_parameter, none, "password"));
    r.password = "b\r\n";
    EXPECT_EQ(kayako::write_oauth_token_request(r).error(), failure(error::unexpected_character, 1, "password"));
    r.password = "b";
    r.client_authentication = kayako::oauth_client_authentication::request_body;
    r.client_id = "demo";
    EXPECT_EQ(kayako::write_oauth_token_request(r).error(), failure(error::missing_parameter, none, "client_secret"));
    r.client_authentication = kayako::oauth_client_authentication::basic;
    r.client_id = "";
    EXPECT_EQ(kayako::write_oauth_token_request(r).error(), failure(error::missing_parameter, none, "client_id"));
    r.client_authentication = kayako::oauth_client_authentication::none;
    r.scope = kayako::oauth_scope_set();
    EXPECT_EQ(kayako::write_oauth_token_request(r).error(), failure(error::empty_value, none, "scope"));
}

}  // namespace
