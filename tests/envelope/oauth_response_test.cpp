// Tests of oauth_token_response.hpp and oauth_error.hpp: the token endpoint's answers (§11.3;
// RFC 6749 §5.1, §5.2) and the Bearer challenge of a resource request (RFC 6750 §3), both ways.
#include <kayako/response/oauth_token_response.hpp>

#include <kayako/response/oauth_error.hpp>

#include <kayako/core/api_error.hpp>

#include <gtest/gtest.h>

#include "support/no_offset.hpp"

#include <string>
#include <string_view>

namespace {

using kayako::error;
using kayako::failure;
using kayako::oauth_error_code;
using kayako::test::none;  // failure::no_offset

// ---- the token answer (RFC 6749 §5.1) ----------------------------------------------------------

TEST(OAuthTokenResponse, Rfc6749Section51Example) {
    constexpr std::string_view body = R"({
       "access_token":"2YotnFZFEjr1zCsicMWpAA",
       "token_type":"example",
       "expires_in":3600,
       "refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA",
       "example_parameter":"example_value"
     })";
    auto t = kayako::parse_oauth_token_response(body);
    ASSERT_TRUE(t) << t.error();
    EXPECT_EQ(t->access_token, "2YotnFZFEjr1zCsicMWpAA");
    EXPECT_EQ(t->token_type, "example");
    EXPECT_EQ(t->expires_in, 3600);
    EXPECT_EQ(t->refresh_token, "tGzv3JOkF0XG5Qx2TlKWIA");
    EXPECT_FALSE(kayako::is_bearer(*t));  // not a type a Kayako client sends
}

TEST(OAuthTokenResponse, WrittenAndReadBack) {  // §11.3: the reference's example token is a UUID
    kayako::oauth_token t;
    t.access_token = "4b1442a6-38d1-ae34-9d55-adf5b41d6417";
    t.expires_in = 3600;
    t.refresh_token = "r-1";
    t.scope = *kayako::parse_oauth_scope_list("users conversations:read");
    auto body = kayako::write_oauth_token_response(t);
    ASSERT_TRUE(body);
    EXPECT_EQ(*body, R"({"access_token":"4b1442a6-38d1-ae34-9d55-adf5b41d6417","token_type":"Bearer",)"
                     R"("expires_in":3600,"refresh_token":"r-1","scope":"users:write conversations:read"})");
    auto back = kayako::parse_oauth_token_response(*body);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, t);
    EXPECT_TRUE(kayako::is_bearer(*back));
}

TEST(OAuthTokenResponse, BearerIsCaseInsensitive) {  // RFC 6749 §7.1 / §5.1
    for (std::string_view type : {"bearer", "BEARER", "Bearer"}) {
        kayako::oauth_token t;
        t.token_type = type;
        EXPECT_TRUE(kayako::is_bearer(t)) << type;
    }
    kayako::oauth_token t;
    t.token_type = "Bearers";
    EXPECT_FALSE(kayako::is_bearer(t));
}

TEST(OAuthTokenResponse, ExpiresInAsStringOrNumber) {
    EXPECT_EQ(kayako::parse_oauth_token_response(R"({"access_token":"a","token_type":"Bearer","expires_in":"60"})")->expires_in, 60);
    EXPECT_EQ(kayako::parse_oauth_token_response(R"({"access_token":"a","token_type":"Bearer","expires_in":0})")->expires_in, 0);
    EXPECT_FALSE(kayako::parse_oauth_token_response(R"({"access_token":"a","token_type":"Bearer"})")->expires_in);
}

TEST(OAuthTokenResponse, BadInputsTable) {
    struct row {
        std::string_view body;
        failure expected;
    } const rows[] = {
        // Not JSON: where reading stopped — the end of a text that stops early, else the byte
        // that cannot continue it.
        {"", failure(error::invalid_json, 0)},
        {"{", failure(error::invalid_json, 1)},
        {R"({"access_token":"a"])", failure(error::invalid_json, 19)},
        {R"({"access_token":"a",})", failure(error::invalid_json, 20)},
        {"{} x", failure(error::invalid_json, 3)},
        {"[]", failure(error::invalid_oauth_response, none)},
        {R"({"token_type":"Bearer"})", failure(error::invalid_oauth_response, none, "access_token")},
        {R"({"access_token":"","token_type":"Bearer"})", failure(error::invalid_oauth_response, none, "access_token")},
        {R"({"access_token":"a\u0000","token_type":"Bearer"})", failure(error::invalid_oauth_response, none, "access_token")},
        {R"({"access_token":"\u00e9","token_type":"Bearer"})", failure(error::invalid_oauth_response, none, "access_token")},
        {R"({"access_token":1,"token_type":"Bearer"})", failure(error::invalid_oauth_response, none, "access_token")},
        {R"({"access_token":"a"})", failure(error::invalid_oauth_response, none, "token_type")},
        {R"({"access_token":"a","token_type":"Bearer","refresh_token":5})", failure(error::invalid_oauth_response, none, "refresh_token")},
        {R"({"access_token":"a","token_type":"Bearer","expires_in":-1})", failure(error::invalid_oauth_response, none, "expires_in")},
        {R"({"access_token":"a","token_type":"Bearer","expires_in":1.5})", failure(error::invalid_oauth_response, none, "expires_in")},
        {R"({"access_token":"a","token_type":"Bearer","expires_in":"-1"})", failure(error::invalid_oauth_response, none, "expires_in")},
        {R"({"access_token":"a","token_type":"Bearer","expires_in":"1h"})", failure(error::invalid_oauth_response, none, "expires_in")},
        {R"({"access_token":"a","token_type":"Bearer","expires_in":18446744073709551615})", failure(error::invalid_oauth_response, none, "expires_in")},
        {R"({"access_token":"a","token_type":"Bearer","scope":["users"]})", failure(error::invalid_oauth_response, none, "scope")},
        {R"({"access_token":"a","token_type":"Bearer","scope":"users tickets"})", failure(error::invalid_scope, 6, "scope")},
    };
    for (auto const& r : rows) {
        auto t = kayako::parse_oauth_token_response(r.body);
        ASSERT_FALSE(t) << r.body;
        EXPECT_EQ(t.error(), r.expected) << r.body << " gave " << t.error();
    }
}

TEST(OAuthTokenResponse, WriterRefusesWhatCannotBeRead) {
    kayako::oauth_token t;
    EXPECT_EQ(kayako::write_oauth_token_response(t).error(), failure(error::empty_value, none, "access_token"));
    t.access_token = "a\nb";
    EXPECT_EQ(kayako::write_oauth_token_response(t).error(), failure(error::unexpected_character, 1, "access_token"));
    t.access_token = "a";
    t.expires_in = -1;
    EXPECT_EQ(kayako::write_oauth_token_response(t).error(), failure(error::integer_out_of_range, none, "expires_in"));
    t.expires_in = 0;  // the boundary: already expired, but said
    EXPECT_TRUE(kayako::write_oauth_token_response(t));
    t.scope = kayako::oauth_scope_set();
    EXPECT_EQ(kayako::write_oauth_token_response(t).error(), failure(error::empty_value, none, "scope"));
}

TEST(OAuthResponseHeaders, TokensAreNeverCached) {  // RFC 6749 §5.1
    bool no_store = false;
    for (auto const& [name, value] : kayako::oauth_response_headers)
        if (name == "Cache-Control") no_store = value == "no-store";
    EXPECT_TRUE(no_store);
}

// ---- errors (RFC 6749 §5.2, RFC 6750 §3.1) -------------------------------------------------------

TEST(OAuthError, EveryCodeWithItsStatusAndKayakoError) {
    struct row {
        oauth_error_code code;
        std::string_view text;
        int status;
        std::string_view kayako;  // what the same failure is on /api/v1
    } const rows[] = {
        {oauth_error_code::invalid_request, "invalid_request", 400, "FIELD_INVALID"},
        {oauth_error_code::invalid_client, "invalid_client", 401, "AUTHENTICATION_FAILED"},
        {oauth_error_code::invalid_grant, "invalid_grant", 400, "AUTHENTICATION_FAILED"},
        {oauth_error_code::unauthorized_client, "unauthorized_client", 400, "AUTHENTICATION_FAILED"},
        {oauth_error_code::unsupported_grant_type, "unsupported_grant_type", 400, "AUTHENTICATION_FAILED"},
        {oauth_error_code::invalid_scope, "invalid_scope", 400, "AUTHENTICATION_FAILED"},
        {oauth_error_code::invalid_token, "invalid_token", 401, "AUTHENTICATION_FAILED"},
        {oauth_error_code::insufficient_scope, "insufficient_scope", 403, "PERMISSIONS_DENIED"},
    };
    ASSERT_EQ(std::size(rows), kayako::oauth_error_codes.size());
    for (auto const& r : rows) {
        EXPECT_EQ(kayako::to_string(r.code), r.text);
        EXPECT_EQ(kayako::parse_oauth_error_code(r.text), r.code);
        EXPECT_EQ(kayako::http_status(r.code), r.status) << r.text;
        EXPECT_EQ(kayako::to_string(kayako::api_error_for(r.code)), r.kayako) << r.text;
    }
    EXPECT_FALSE(kayako::parse_oauth_error_code("Invalid_Grant"));
    EXPECT_FALSE(kayako::parse_oauth_error_code("access_denied"));  // §4.1.2.1: the authorize endpoint's, not the token endpoint's
}

TEST(OAuthError, ReaderFailuresBecomeRfcCodes) {
    EXPECT_EQ(kayako::oauth_error_for(failure(error::unsupported_grant_type, 0, "grant_type")), oauth_error_code::unsupported_grant_type);
    EXPECT_EQ(kayako::oauth_error_for(failure(error::invalid_scope, 3, "scope")), oauth_error_code::invalid_scope);
    EXPECT_EQ(kayako::oauth_error_for(failure(error::missing_parameter, none, "username")), oauth_error_code::invalid_request);
    EXPECT_EQ(kayako::oauth_error_for(failure(error::duplicate, none, "client_secret")), oauth_error_code::invalid_request);
}

TEST(OAuthErrorResponse, WrittenAndReadBack) {  // RFC 6749 §5.2 example
    auto body = kayako::write_oauth_error_response(oauth_error_code::invalid_grant, "The refresh token has expired");
    ASSERT_TRUE(body);
    EXPECT_EQ(*body, R"({"error":"invalid_grant","error_description":"The refresh token has expired"})");
    auto back = kayako::parse_oauth_error_response(*body);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->code, oauth_error_code::invalid_grant);
    EXPECT_EQ(back->description, "The refresh token has expired");
    EXPECT_EQ(*kayako::write_oauth_error_response(oauth_error_code::invalid_request), R"({"error":"invalid_request"})");
    auto unknown = kayako::parse_oauth_error_response(R"({"error":"slow_down","error_uri":"https://x/y"})");
    ASSERT_TRUE(unknown);
    EXPECT_FALSE(unknown->code);
    EXPECT_EQ(unknown->error, "slow_down");
    EXPECT_EQ(unknown->uri, "https://x/y");
}

TEST(OAuthErrorResponse, DescriptionCharacters) {  // %x20-21 / %x23-5B / %x5D-7E
    EXPECT_TRUE(kayako::write_oauth_error_response(oauth_error_code::invalid_request, " !#[]~"));
    for (std::string_view bad : {"a\"b", "a\\b", "a\nb", "caf\xC3\xA9"}) {
        auto r = kayako::write_oauth_error_response(oauth_error_code::invalid_request, bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code, error::unexpected_character);
        EXPECT_EQ(r.error().parameter, "error_description");
    }
}

TEST(OAuthErrorResponse, BadInputsTable) {
    struct row {
        std::string_view body;
        failure expected;
    } const rows[] = {
        {"nope", failure(error::invalid_json, 0)},  // a literal is read whole: it fails where it starts
        {R"({"error":"invalid_grant")", failure(error::invalid_json, 24)},
        {"3", failure(error::invalid_oauth_response, none)},
        {"{}", failure(error::invalid_oauth_response, none, "error")},
        {R"({"error":""})", failure(error::invalid_oauth_response, none, "error")},
        {R"({"error":7})", failure(error::invalid_oauth_response, none, "error")},
        {R"({"error":"invalid_grant","error_description":1})", failure(error::invalid_oauth_response, none, "error_description")},
        {R"({"error":"invalid_grant","error_uri":{}})", failure(error::invalid_oauth_response, none, "error_uri")},
    };
    for (auto const& r : rows) {
        auto e = kayako::parse_oauth_error_response(r.body);
        ASSERT_FALSE(e) << r.body;
        EXPECT_EQ(e.error(), r.expected) << r.body;
    }
}

// ---- the Bearer challenge (RFC 6750 §3) ------------------------------------------------------

TEST(BearerChallenge, Rfc6750Section3Examples) {
    EXPECT_EQ(*kayako::bearer_challenge({.realm = "example"}), R"(Bearer realm="example")");
    EXPECT_EQ(*kayako::bearer_challenge({.realm = "example",
                                         .error = oauth_error_code::invalid_token,
                                         .description = "The access token expired"}),
              R"(Bearer realm="example", error="invalid_token", error_description="The access token expired")");
}

TEST(BearerChallenge, InsufficientScopeNamesTheScope) {
    kayako::oauth_scope_set needed;
    needed.add({kayako::oauth_area::users, kayako::oauth_access::read});
    EXPECT_EQ(*kayako::bearer_challenge({.error = oauth_error_code::insufficient_scope, .scope = needed}),
              R"(Bearer realm="Kayako", error="insufficient_scope", scope="users:read")");
}

TEST(BearerChallenge, RealmIsQuotedAndInjectionRefused) {
    EXPECT_EQ(*kayako::bearer_challenge({.realm = R"(a"b\c)"}), R"(Bearer realm="a\"b\\c")");
    auto crlf = kayako::bearer_challenge({.realm = "a\r\nSet-Cookie: x"});
    ASSERT_FALSE(crlf);
    EXPECT_EQ(crlf.error(), failure(error::header_injection, 1, "WWW-Authenticate"));
    auto quote = kayako::bearer_challenge({.description = "say \"hi\""});
    ASSERT_FALSE(quote);
    EXPECT_EQ(quote.error(), failure(error::unexpected_character, 4, "WWW-Authenticate"));
}

}  // namespace
