// Tests of oauth_authorization_response.hpp and the authorization endpoint's codes of
// oauth_error.hpp: the answer of the authorization endpoint that §11.3 names
// (`/oauth/token/authorize`; RFC 6749 §4.1.2, §4.1.2.1), both ways.
#include <kayako/response/oauth_authorization_response.hpp>

#include <kayako/response/oauth_error.hpp>

#include <gtest/gtest.h>

#include "support/no_offset.hpp"

#include <string>
#include <string_view>

namespace {

using kayako::error;
using kayako::failure;
using kayako::oauth_error_code;
using kayako::test::none;  // failure::no_offset

// ---- the codes of §4.1.2.1 ----------------------------------------------------------------------

TEST(OAuthAuthorizationError, TheCodesOfSection4121) {
    struct row {
        oauth_error_code code;
        std::string_view text;
        int status;  // when shown instead of redirected
    } const rows[] = {
        {oauth_error_code::invalid_request, "invalid_request", 400},
        {oauth_error_code::unauthorized_client, "unauthorized_client", 400},
        {oauth_error_code::access_denied, "access_denied", 403},
        {oauth_error_code::unsupported_response_type, "unsupported_response_type", 400},
        {oauth_error_code::invalid_scope, "invalid_scope", 400},
        {oauth_error_code::server_error, "server_error", 500},
        {oauth_error_code::temporarily_unavailable, "temporarily_unavailable", 503},
    };
    ASSERT_EQ(std::size(rows), kayako::oauth_authorization_error_codes.size());
    for (auto const& r : rows) {
        EXPECT_EQ(kayako::to_string(r.code), r.text);
        EXPECT_EQ(kayako::parse_oauth_authorization_error_code(r.text), r.code);
        EXPECT_TRUE(kayako::is_authorization_error(r.code));
        EXPECT_EQ(kayako::http_status(r.code), r.status) << r.text;
    }
    // The token endpoint's codes are not the authorization endpoint's, and the reverse.
    for (auto c : {oauth_error_code::invalid_client, oauth_error_code::invalid_grant, oauth_error_code::unsupported_grant_type,
                   oauth_error_code::invalid_token, oauth_error_code::insufficient_scope}) {
        EXPECT_FALSE(kayako::is_authorization_error(c)) << kayako::to_string(c);
        EXPECT_FALSE(kayako::parse_oauth_authorization_error_code(kayako::to_string(c)));
    }
    EXPECT_FALSE(kayako::parse_oauth_error_code("access_denied"));
    EXPECT_FALSE(kayako::parse_oauth_authorization_error_code("Access_Denied"));
}

TEST(OAuthAuthorizationError, ReaderFailuresBecomeRfcCodes) {
    EXPECT_EQ(kayako::oauth_authorization_error_for(failure(error::unsupported_response_type, 0, "response_type")),
              oauth_error_code::unsupported_response_type);
    EXPECT_EQ(kayako::oauth_authorization_error_for(failure(error::invalid_scope, 0, "scope")), oauth_error_code::invalid_scope);
    for (auto e : {error::missing_parameter, error::duplicate, error::invalid_code_challenge, error::invalid_option})
        EXPECT_EQ(kayako::oauth_authorization_error_for(failure(e)), oauth_error_code::invalid_request);
}

// ---- writing the redirect (server side) -----------------------------------------------------------

TEST(OAuthAuthorizationRedirect, Rfc6749Section412Example) {
    auto url = kayako::write_oauth_authorization_redirect("https://client.example.com/cb", "SplxlOBeZQQYbYS6WxSbIA", "xyz");
    ASSERT_TRUE(url);
    EXPECT_EQ(*url, "https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz");
}

TEST(OAuthAuthorizationRedirect, AppendsToTheQueryTheUriHas) {  // RFC 6749 §3.1.2: the query is kept
    struct row {
        std::string_view uri, expected;
    } const rows[] = {
        {"http://127.0.0.1/callback", "http://127.0.0.1/callback?code=c1"},
        {"http://127.0.0.1/callback?", "http://127.0.0.1/callback?code=c1"},
        {"http://127.0.0.1/callback?app=7", "http://127.0.0.1/callback?app=7&code=c1"},
        {"http://127.0.0.1/callback?app=7&", "http://127.0.0.1/callback?app=7&code=c1"},
        {"com.example.app:/cb", "com.example.app:/cb?code=c1"},
    };
    for (auto const& r : rows) EXPECT_EQ(*kayako::write_oauth_authorization_redirect(r.uri, "c1"), r.expected) << r.uri;
}

TEST(OAuthAuthorizationRedirect, StateIsFormEncodedAndReadsBackExactly) {
    std::string_view const state = "a b+c&d=e%f/?#";
    auto url = kayako::write_oauth_authorization_redirect("http://h/cb?x=1", "code-1", state);
    ASSERT_TRUE(url);
    EXPECT_EQ(*url, "http://h/cb?x=1&code=code-1&state=a+b%2Bc%26d%3De%25f%2F%3F%23");
    auto back = kayako::read_oauth_authorization_redirect(*url, state);
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_TRUE(back->granted());
    EXPECT_EQ(back->code, "code-1");
    EXPECT_EQ(back->state, state);
}

TEST(OAuthAuthorizationRedirect, RefusesWhatCannotBeSent) {
    EXPECT_EQ(kayako::write_oauth_authorization_redirect("/cb", "c").error(), failure(error::invalid_redirect_uri, 0, "redirect_uri"));
    EXPECT_EQ(kayako::write_oauth_authorization_redirect("http://h/cb#f", "c").error(),
              failure(error::invalid_redirect_uri, 11, "redirect_uri"));
    EXPECT_EQ(kayako::write_oauth_authorization_redirect("http://h/cb", "").error(), failure(error::empty_value, none, "code"));
    EXPECT_EQ(kayako::write_oauth_authorization_redirect("http://h/cb", "c\r\n").error(),
              failure(error::unexpected_character, 1, "code"));
    EXPECT_EQ(kayako::write_oauth_authorization_redirect("http://h/cb", "c", "s\x01").error(),
              failure(error::unexpected_character, 1, "state"));
}

TEST(OAuthAuthorizationErrorRedirect, Rfc6749Section4121Example) {
    auto url = kayako::write_oauth_authorization_error_redirect("https://client.example.com/cb", oauth_error_code::access_denied, {}, "xyz");
    ASSERT_TRUE(url);
    EXPECT_EQ(*url, "https://client.example.com/cb?error=access_denied&state=xyz");
    auto described = kayako::write_oauth_authorization_error_redirect("http://h/cb?a=1", oauth_error_code::invalid_scope,
                                                                      "unknown scope 'tickets'");
    ASSERT_TRUE(described);
    EXPECT_EQ(*described, "http://h/cb?a=1&error=invalid_scope&error_description=unknown+scope+%27tickets%27");
}

TEST(OAuthAuthorizationErrorRedirect, RefusesWhatCannotBeSent) {
    // Only §4.1.2.1's codes travel in a redirect.
    EXPECT_EQ(kayako::write_oauth_authorization_error_redirect("http://h/cb", oauth_error_code::invalid_grant).error(),
              failure(error::invalid_option, none, "error"));
    EXPECT_EQ(kayako::write_oauth_authorization_error_redirect("http://h/cb", oauth_error_code::invalid_client).error(),
              failure(error::invalid_option, none, "error"));
    // error_description: %x20-21 / %x23-5B / %x5D-7E (RFC 6749 §4.1.2.1).
    for (auto [text, offset] : {std::pair{std::string_view("say \"no\""), std::size_t{4}}, std::pair{std::string_view("a\\b"), std::size_t{1}},
                                std::pair{std::string_view("caf\xc3\xa9"), std::size_t{3}}, std::pair{std::string_view("x\ny"), std::size_t{1}}})
        EXPECT_EQ(kayako::write_oauth_authorization_error_redirect("http://h/cb", oauth_error_code::access_denied, text).error(),
                  failure(error::unexpected_character, offset, "error_description"))
            << text;
    EXPECT_EQ(kayako::write_oauth_authorization_error_redirect("cb", oauth_error_code::access_denied).error(),
              failure(error::invalid_redirect_uri, 0, "redirect_uri"));
}

// ---- reading the redirect (client side) -----------------------------------------------------------

TEST(OAuthAuthorizationRedirectReader, AnErrorWithEveryMember) {
    auto r = kayako::read_oauth_authorization_redirect(
        "http://127.0.0.1/callback?error=access_denied&error_description=the+user+said+no&error_uri=https%3A%2F%2Fh%2Fe&state=s1",
        "s1");
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_FALSE(r->granted());
    EXPECT_EQ(r->error->code, oauth_error_code::access_denied);
    EXPECT_EQ(r->error->error, "access_denied");
    EXPECT_EQ(r->error->description, "the user said no");
    EXPECT_EQ(r->error->uri, "https://h/e");
    EXPECT_EQ(r->state, "s1");
    EXPECT_TRUE(r->code.empty());
}

TEST(OAuthAuthorizationRedirectReader, UnknownCodesAreKeptAsText) {
    auto r = kayako::read_oauth_authorization_redirect("/callback?error=login_required");
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->error->code);
    EXPECT_EQ(r->error->error, "login_required");
}

TEST(OAuthAuthorizationRedirectReader, RelativeAndWithoutState) {
    auto r = kayako::read_oauth_authorization_redirect("/callback?code=abc");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code, "abc");
    EXPECT_TRUE(r->state.empty());
    // No state expected: one sent anyway is kept, not refused.
    EXPECT_EQ(kayako::read_oauth_authorization_redirect("/callback?code=abc&state=q")->state, "q");
}

TEST(OAuthAuthorizationRedirectReader, BadInputs) {
    struct row {
        std::string_view location, expected_state;
        failure expected;
    } const rows[] = {
        {"http://h/cb?code=a&state=other", "mine", {error::parameters_inconsistent, none, "state"}},  // §10.12
        {"http://h/cb?code=a&state=Mine", "mine", {error::parameters_inconsistent, none, "state"}},
        {"http://h/cb?code=a", "mine", {error::missing_parameter, none, "state"}},
        {"http://h/cb?error=access_denied&state=x", "mine", {error::parameters_inconsistent, none, "state"}},
        {"http://h/cb?error=access_denied", "mine", {error::missing_parameter, none, "state"}},
        {"http://h/cb", "", {error::missing_parameter, none, "code"}},
        {"http://h/cb?code=", "", {error::missing_parameter, none, "code"}},
        {"http://h/cb?code=a&error=access_denied", "", {error::parameters_inconsistent, none, "code"}},
        {"http://h/cb?code=a&code=b", "", {error::duplicate, none, "code"}},
        {"http://h/cb?code=a&state=s&state=s", "s", {error::duplicate, none, "state"}},
        {"http://h/cb?error=a&error=b", "", {error::duplicate, none, "error"}},
        {"http://h/cb?code=a%0Ab", "", {error::unexpected_character, 1, "code"}},
        {"http://h/cb?code=%C3%A9", "", {error::unexpected_character, 0, "code"}},
        {"http://h/cb?error=access%22denied", "", {error::unexpected_character, 6, "error"}},
        {"http://h/cb?error=x&error_description=a%5Cb", "", {error::unexpected_character, 1, "error_description"}},
        {"http://h/c b?code=a", "", {error::invalid_redirect_uri, 10, "Location"}},
        {"http://h/cb?code=a\xff", "", {error::invalid_redirect_uri, 18, "Location"}},
        {"http:?code=a", "", {error::invalid_redirect_uri, 5, "Location"}},  // a scheme, and nothing behind it
        {"http://h/cb?code=%zz", "", {error::invalid_redirect_uri, 0, "Location"}},
    };
    for (auto const& r : rows) {
        auto read = kayako::read_oauth_authorization_redirect(r.location, r.expected_state);
        ASSERT_FALSE(read) << r.location;
        EXPECT_EQ(read.error(), r.expected) << r.location << ": " << read.error().message();
    }
}

TEST(OAuthAuthorizationRedirectReader, ErrorRedirectReadsBack) {
    for (auto c : kayako::oauth_authorization_error_codes) {
        auto url = kayako::write_oauth_authorization_error_redirect("http://h/cb?k=v", c, "it's off", "st 1");
        ASSERT_TRUE(url);
        auto back = kayako::read_oauth_authorization_redirect(*url, "st 1");
        ASSERT_TRUE(back) << *url;
        EXPECT_EQ(back->error->code, c);
        EXPECT_EQ(back->error->description, "it's off");
    }
}

}  // namespace
