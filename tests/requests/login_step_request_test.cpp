// Tests of login_step_request.hpp and remember_me.hpp: the requests that continue a halted Basic
// login (§11.2: `X-Token` / `_token` + `X-OTP` / `_otp`, the password step's `new_password`), the
// §11.9 cross-check of their two places, and the remember-me credential and response header
// (§11.5), read by the server and written by the client.
#include <kayako/request/login_step_request.hpp>

#include <kayako/core/api_error.hpp>
#include <kayako/request/auth.hpp>
#include <kayako/request/client_auth.hpp>
#include <kayako/request/remember_me.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using kayako::error;
using kayako::failure;
using headers_t = std::vector<std::pair<std::string, std::string>>;

kayako::result<kayako::request_credentials> credentials(headers_t const& h, kayako::auth_arguments const& a = {}) {
    return kayako::read_credentials(kayako::pair_headers(h), a);
}

kayako::result<std::optional<kayako::step_credentials>> step(headers_t const& h, kayako::auth_arguments const& a = {}) {
    auto c = credentials(h, a);
    if (!c) return c.error();
    return kayako::read_step_credentials(*c, kayako::pair_headers(h));
}

// The results view the headers: each test keeps its headers in a variable.
TEST(StepCredentials, TheOtpStep) {  // §11.2: `X-Token: dPQBJfPG...` and `X-OTP: 379069`
    headers_t const both = {{"X-Token", "dPQBJfPG"}, {"X-OTP", "379069"}}, none, token_only = {{"X-Token", "t"}};
    auto s = step(both);
    ASSERT_TRUE(s && *s);
    EXPECT_EQ(**s, (kayako::step_credentials{"dPQBJfPG", "379069"}));
    s = step(none, {.token = "dPQBJfPG", .otp = "379069"});  // or `_token`, `_otp`
    ASSERT_TRUE(s && *s);
    EXPECT_EQ(**s, (kayako::step_credentials{"dPQBJfPG", "379069"}));
    s = step(token_only);  // a token alone: the password step, or misuse (the server's call)
    ASSERT_TRUE(s && *s);
    EXPECT_EQ(**s, (kayako::step_credentials{"t", std::nullopt}));
    s = step(none);
    ASSERT_TRUE(s);
    EXPECT_FALSE(*s);
}

TEST(StepCredentials, TwoPlacesMustAgree) {  // §11.9: PARAMETERS_INCONSISTENT naming the argument
    EXPECT_EQ(step({{"X-Token", "a"}}, {.token = "b"}).error(),
              failure(error::parameters_inconsistent, failure::no_offset, "_token"));
    EXPECT_EQ(step({{"X-Token", "a"}, {"X-OTP", "111111"}}, {.otp = "222222"}).error(),
              failure(error::parameters_inconsistent, failure::no_offset, "_otp"));
    EXPECT_EQ(kayako::api_error_for(step({{"X-Token", "a"}}, {.token = "b"}).error()),
              kayako::api_error_code::parameters_inconsistent);
    headers_t const sent = {{"X-Token", "a"}, {"X-OTP", "111111"}};
    auto same = step(sent, {.token = "a", .otp = "111111"});
    ASSERT_TRUE(same && *same);
    EXPECT_EQ((*same)->one_time_password, "111111");
}

TEST(StepCredentials, ACodeNeedsItsToken) {
    auto s = step({{"X-OTP", "379069"}});
    EXPECT_EQ(s.error(), failure(error::missing_parameter, failure::no_offset, "X-Token"));
    EXPECT_EQ(kayako::api_error_for(s.error()), kayako::api_error_code::field_required);
}

TEST(StepCredentials, TheCodeIsSixDigitsNamedWhereItCame) {  // 5 and 7 digits, a letter
    EXPECT_EQ(step({{"X-Token", "t"}, {"X-OTP", "37906"}}).error(), failure(error::unexpected_end, 5, "X-OTP"));
    EXPECT_EQ(step({{"X-Token", "t"}, {"X-OTP", "3790691"}}).error(), failure(error::too_long, 6, "X-OTP"));
    EXPECT_EQ(step({{"X-Token", "t"}}, {.otp = "37906a"}).error(), failure(error::unexpected_character, 5, "_otp"));
    EXPECT_EQ(kayako::api_error_for(step({{"X-Token", "t"}}, {.otp = "1"}).error()), kayako::api_error_code::field_invalid);
}

TEST(StepCredentials, TheClientWritesWhatTheServerReads) {  // client_auth.hpp, both ways
    headers_t sent;
    kayako::client_credentials c;
    c.token = "tok";
    c.otp = "012345";
    ASSERT_TRUE(kayako::write_auth_headers(c, "GET", [&](std::string_view n, std::string_view v) {
        sent.emplace_back(std::string(n), std::string(v));
    }));
    auto s = step(sent);
    ASSERT_TRUE(s && *s);
    EXPECT_EQ(**s, (kayako::step_credentials{"tok", "012345"}));
}

kayako::result<kayako::password_update> update(headers_t const& h, std::string_view body,
                                               std::string_view type = "application/x-www-form-urlencoded") {
    auto c = credentials(h);
    if (!c) return c.error();
    auto p = kayako::parameters::parse(type, body);
    if (!p) return p.error();
    return kayako::read_password_update(*c, *p);
}

TEST(PasswordUpdate, TheReferenceExample) {  // §11.2: PUT /api/v1/profile/password, no old password
    headers_t const token = {{"X-Token", "eGDPtbMc"}};
    auto u = update(token, "new_password=xgw4sUBXQKaQT3pg");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->token, "eGDPtbMc");
    EXPECT_EQ(u->new_password, "xgw4sUBXQKaQT3pg");
    u = update(token, R"({"new_password":"p a+ss"})", "application/json");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->token, "eGDPtbMc");
    EXPECT_EQ(u->new_password, "p a+ss");
    EXPECT_EQ(kayako::password_update_path, "/api/v1/profile/password");
}

TEST(PasswordUpdate, WhatIsMissing) {
    EXPECT_EQ(update({}, "new_password=x").error(), failure(error::missing_parameter, failure::no_offset, "X-Token"));
    EXPECT_EQ(update({{"X-Token", "t"}}, "").error(), failure(error::missing_parameter, failure::no_offset, "new_password"));
    EXPECT_EQ(update({{"X-Token", "t"}}, "new_password=").error(),
              failure(error::missing_parameter, failure::no_offset, "new_password"));
    // A JSON number is text as §3 reads it; an object is not.
    auto wrong_type = update({{"X-Token", "t"}}, R"({"new_password":{"a":1}})", "application/json");
    ASSERT_FALSE(wrong_type);
    EXPECT_EQ(wrong_type.error(), failure(error::wrong_type, failure::no_offset, "new_password"));
}

TEST(PasswordUpdate, TheClientsFormReadsBack) {
    std::string const body = kayako::password_update_form("a&b=c d+%");
    EXPECT_EQ(body.substr(0, 13), "new_password=");
    auto u = update({{"X-Token", "t"}}, body);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->new_password, "a&b=c d+%");
}

TEST(RememberMe, TheCredentialNeedsItsDevice) {  // §11.5: X-RememberMe + X-Fingerprint
    headers_t const both = {{"X-RememberMe", "r"}, {"X-Fingerprint", "device-1"}};
    headers_t const token_only = {{"X-RememberMe", "r"}}, device_only = {{"X-Fingerprint", "device-1"}};
    auto c = credentials(both);
    ASSERT_TRUE(c);
    auto rm = kayako::read_remember_me(*c);
    ASSERT_TRUE(rm && *rm);
    EXPECT_EQ(**rm, (kayako::remember_me_credential{"r", "device-1"}));

    c = credentials(token_only);
    ASSERT_TRUE(c);
    EXPECT_EQ(kayako::read_remember_me(*c).error(), failure(error::missing_parameter, failure::no_offset, "X-Fingerprint"));

    c = credentials(device_only);  // a device id alone is no credential
    ASSERT_TRUE(c);
    rm = kayako::read_remember_me(*c);
    ASSERT_TRUE(rm);
    EXPECT_FALSE(*rm);
    // Two lines that differ are two tokens: §11.9's rule for one value.
    EXPECT_EQ(credentials({{"X-RememberMe", "a"}, {"X-RememberMe", "b"}, {"X-Fingerprint", "d"}}).error(),
              failure(error::parameters_inconsistent, failure::no_offset, "X-RememberMe"));
}

TEST(RememberMe, TheClientReadsTheIssuedHeader) {
    headers_t const issued = {{"X-RememberMe", " tok "}}, lower = {{"x-rememberme", "tok"}};
    auto r = kayako::read_remember_me_header(kayako::pair_headers(issued));
    ASSERT_TRUE(r && *r);
    EXPECT_EQ(**r, "tok");
    r = kayako::read_remember_me_header(kayako::pair_headers(lower));
    ASSERT_TRUE(r && *r);
    EXPECT_EQ(**r, "tok");
    r = kayako::read_remember_me_header(kayako::pair_headers(headers_t{}));
    ASSERT_TRUE(r);
    EXPECT_FALSE(*r);
    EXPECT_EQ(kayako::read_remember_me_header(kayako::pair_headers(headers_t{{"X-RememberMe", ""}})).error(),
              failure(error::empty_value, 0, "X-RememberMe"));
    EXPECT_EQ(kayako::read_remember_me_header(kayako::pair_headers(headers_t{{"X-RememberMe", "a\x01" "b"}})).error(),
              failure(error::invalid_header, 1, "X-RememberMe"));
    EXPECT_EQ(kayako::read_remember_me_header(kayako::pair_headers(headers_t{{"X-RememberMe", "a b"}})).error(),
              failure(error::invalid_header, 1, "X-RememberMe"));
    EXPECT_EQ(kayako::read_remember_me_header(kayako::pair_headers(headers_t{{"X-RememberMe", "\xc3\xa9"}})).error(),
              failure(error::invalid_header, 0, "X-RememberMe"));
    EXPECT_EQ(kayako::read_remember_me_header(
                  kayako::pair_headers(headers_t{{"X-RememberMe", "a"}, {"X-RememberMe", "b"}})).error(),
              failure(error::parameters_inconsistent, failure::no_offset, "X-RememberMe"));
    EXPECT_EQ(kayako::remember_me_argument, "remember_me");
}

}  // namespace
