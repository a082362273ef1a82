// Tests of login_step.hpp and of the answer's part in it (answer.hpp, http_response.hpp): the
// answers of a halted Basic login (§11.2) written byte for byte as the reference's examples, read
// back by both parsers into the step and its `auth_token`, and the `X-RememberMe` header of a
// remember-me token issued (§11.5).
#include <kayako/envelope/login_step.hpp>

#include <kayako/envelope/envelope_metadata_parser.hpp>
#include <kayako/envelope/envelope_parser.hpp>
#include <kayako/envelope/envelope_writer.hpp>
#include <kayako/response/answer.hpp>

#include "envelope_vectors.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

namespace {

using namespace kayako;

constexpr std::string_view otp_token = "dPQBJfPG5cGYd6MMPtowGz93x3uSN7Vc7yBw3JrKL5owqfowKFda4mezGefo5QDmRnxyV2";
constexpr std::string_view expired_token =
    "eGDPtbMcQCXBLwef58Kz4HBCuaRPyq5QCMqFLD1iUUIGxUq48bADFUv2gRdxRJXhmduY0t37BAXeaaT1";

TEST(LoginStep, CodesBothWays) {  // §11.2, §15
    EXPECT_EQ(error_code_of(login_step::one_time_password), api_error_code::otp_expected);
    EXPECT_EQ(error_code_of(login_step::password_update), api_error_code::credential_expired);
    EXPECT_EQ(login_step_for(api_error_code::otp_expected), login_step::one_time_password);
    EXPECT_EQ(login_step_for(api_error_code::credential_expired), login_step::password_update);
    EXPECT_EQ(login_step_for(api_error_code::authentication_failed), std::nullopt);
    EXPECT_EQ(http_status(api_error_code::otp_expected), 403);
    EXPECT_EQ(http_status(api_error_code::credential_expired), 403);
}

TEST(LoginStep, WritesTheReferenceExamples) {  // §11.2: the OTP example byte for byte
    EXPECT_EQ(serialize_envelope(make_login_step_envelope(login_step::one_time_password, otp_token)), vectors::otp_step);
    EXPECT_EQ(serialize_envelope(make_login_step_envelope(login_step::password_update, expired_token)),
              vectors::credential_expired_step);
}

TEST(LoginStep, ReadsTheStepWithEitherParser) {  // §11.2: the client finds step and token
    auto full = parse_envelope(vectors::otp_step);
    ASSERT_TRUE(full);
    auto step = read_login_step(*full);
    ASSERT_TRUE(step && *step);
    EXPECT_EQ(**step, (login_step_request{login_step::one_time_password, otp_token}));

    auto meta = parse_envelope_metadata(vectors::credential_expired_step);
    ASSERT_TRUE(meta);
    step = read_login_step(*meta);
    ASSERT_TRUE(step && *step);
    EXPECT_EQ(**step, (login_step_request{login_step::password_update, expired_token}));
}

TEST(LoginStep, NoStepInOtherAnswers) {
    envelope ok;
    ok.auth_token = "t";  // a token on a success asks for nothing
    auto r = read_login_step(ok);
    ASSERT_TRUE(r);
    EXPECT_FALSE(*r);
    envelope failed = make_error_envelope({make_api_error(api_error_code::authentication_failed)});
    failed.auth_token = "t";
    r = read_login_step(failed);
    ASSERT_TRUE(r);
    EXPECT_FALSE(*r);
}

TEST(LoginStep, TheStepErrorNeedNotBeFirst) {
    envelope e = make_error_envelope({make_api_error(api_error_code::field_invalid, "x"),
                                      make_api_error(api_error_code::otp_expected)});
    e.auth_token = "abc";
    auto r = read_login_step(e);
    ASSERT_TRUE(r && *r);
    EXPECT_EQ((*r)->step, login_step::one_time_password);
    EXPECT_EQ((*r)->auth_token, "abc");
}

TEST(LoginStep, AStepWithoutItsTokenIsATypedError) {  // nothing to send back as X-Token
    envelope e = make_login_step_envelope(login_step::one_time_password, "t");
    e.auth_token.reset();
    EXPECT_EQ(read_login_step(e).error(), failure(error::missing_parameter, failure::no_offset, "auth_token"));
    e.auth_token = "";
    EXPECT_EQ(read_login_step(e).error(), failure(error::missing_parameter, failure::no_offset, "auth_token"));
}

TEST(LoginStepAnswer, AskForTheOtpStep) {  // §11.2 through answer.hpp, in the request's form
    answer a;
    a.ask_for_login_step(login_step::one_time_password, otp_token);
    EXPECT_TRUE(a.failed());
    auto r = a.respond({});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
    EXPECT_EQ(r->body, vectors::otp_step);

    answer camel(answer_form{.name_case = letter_case::camel});  // §21.5: authToken
    camel.ask_for_login_step(login_step::password_update, "tok");
    auto c = camel.respond({});
    ASSERT_TRUE(c);
    EXPECT_NE(c->body.find(R"("authToken":"tok")"), std::string::npos) << c->body;
    EXPECT_NE(c->body.find("CREDENTIAL_EXPIRED"), std::string::npos);
    EXPECT_EQ(c->body.find("notifications"), std::string::npos);  // the INFO notice is the OTP step's
}

TEST(LoginStepAnswer, ALaterFailureReplacesTheStep) {
    answer a;
    a.ask_for_login_step(login_step::one_time_password, "tok");
    a.fail(api_error_code::authentication_failed, "X-OTP");
    auto r = a.respond({});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(r->body.find("auth_token"), std::string::npos);
    EXPECT_NE(r->body.find("AUTHENTICATION_FAILED"), std::string::npos);
}

TEST(RememberMeAnswer, IssuedInItsHeader) {  // §11.5
    answer a;
    answer_options how;
    how.remember_me = "r3m3mb3r";
    auto r = a.respond(how);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->headers.find("X-RememberMe"), "r3m3mb3r");
    auto none = answer().respond({});
    ASSERT_TRUE(none);
    EXPECT_EQ(none->headers.find("X-RememberMe"), std::nullopt);
    how.remember_me = "a\r\nSet-Cookie: x";
    EXPECT_EQ(answer().respond(how).error().code, error::header_injection);
}

}  // namespace
