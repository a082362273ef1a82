// Tests of response.hpp: status, headers and body a server sends (§4.1, §4.2, §10, §12, §13), and
// the hardening headers for caches and browsers (nosniff, Cache-Control/Vary, WWW-Authenticate).
#include <kayako/response/http_response.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace {

using namespace kayako;

std::vector<response_header> header_list(response const& r) { return {r.headers.begin(), r.headers.end()}; }

TEST(Response, CreatedWithContentLocation) {  // §1.1 TV-INTRO-2
    envelope e;
    e.status = 201;
    e.data = raw_json{R"({"id":99})"};
    e.resource = "test";
    response_options opt;
    opt.content_location = "https://brewfictus.kayako.com/api/v1/tests/99";
    auto const r = make_response(e, opt);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 201);
    EXPECT_EQ(header_list(*r), (std::vector<response_header>{
                              {"Content-Type", "application/json"},
                              {"X-Content-Type-Options", "nosniff"},
                              {"X-API-Version", "1"},
                              {"Content-Location", "https://brewfictus.kayako.com/api/v1/tests/99"},
                          }));
    EXPECT_EQ(r->body, R"({"status":201,"data":{"id":99},"resource":"test"})");
}

TEST(Response, CsrfTokenAfterAuthentication) {  // §10 TV-SEC-1
    envelope e;
    e.session_id = "lNlZU4go";
    response_options opt;
    opt.csrf_token = "DBYmfYEjHNzXI1tvnUAbu8xxD9gWH6bn";
    auto const r = make_response(e, opt);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->headers.find("x-csrf-token"), "DBYmfYEjHNzXI1tvnUAbu8xxD9gWH6bn");
    EXPECT_EQ(r->body, R"({"status":200,"session_id":"lNlZU4go"})");
}

TEST(Response, RateLimitedCarriesRetryAfter) {  // §12 TV-RL-1
    auto const e = make_error_envelope({make_api_error(api_error_code::rate_limit_reached)});
    response_options opt;
    opt.retry_after = 59;
    auto const r = make_response(e, opt);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 429);
    EXPECT_EQ(r->headers.find("Retry-After"), "59");
    // The copy points at its own number.
    response const copy = *r;
    EXPECT_EQ(copy.headers.find("Retry-After"), "59");
    EXPECT_NE(copy.headers.find("Retry-After")->data(), r->headers.find("Retry-After")->data());
    // A 429 without Retry-After breaks §12: refused.
    auto const missing = make_response(e);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, error::missing_parameter);
    EXPECT_EQ(missing.error().parameter, "Retry-After");
    // Lock-out uses the same shape (§11.1).
    opt.retry_after = 600;
    auto const locked = make_response(make_error_envelope({make_api_error(api_error_code::authentication_locked)}), opt);
    ASSERT_TRUE(locked);
    EXPECT_EQ(locked->headers.find("Retry-After"), "600");
}

TEST(Response, NotModifiedHasNoBody) {  // §4.1
    envelope e;
    e.status = 304;
    auto const r = make_response(e);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 304);
    EXPECT_TRUE(r->body.empty());
    EXPECT_FALSE(r->headers.find("Content-Type"));
    EXPECT_EQ(r->headers.find("X-API-Version"), "1");
}

TEST(Response, JsonpIsAlways200) {  // §13 TV-JS-1
    auto const e = make_error_envelope({make_api_error(api_error_code::resource_not_found)});
    response_options opt;
    opt.jsonp_callback = "cb";
    auto const r = make_response(e, opt);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->headers.find("Content-Type"), "application/javascript");
    EXPECT_EQ(r->body,
              R"(cb({"status":404,"errors":[{"code":"RESOURCE_NOT_FOUND","message":"Resource does not exist or has been removed","more_info":"https://developer.kayako.com/api/v1/reference/errors/RESOURCE_NOT_FOUND"}]});)");
}

TEST(Response, BadJsonpCallbackIs400FieldInvalid) {
    envelope e;
    response_options opt;
    opt.jsonp_callback = "alert(document.cookie)//";
    auto const r = make_response(e, opt);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    EXPECT_EQ(r->headers.find("Content-Type"), "application/json");
    EXPECT_EQ(r->body,
              R"({"status":400,"errors":[{"code":"FIELD_INVALID","parameter":"_jsonp_callback","message":"The value of the field is invalid","more_info":"https://developer.kayako.com/api/v1/reference/errors/FIELD_INVALID"}]})");
    EXPECT_EQ(r->body.find("alert"), std::string::npos);  // never echoed
}

TEST(Response, CamelCaseBody) {  // §6.1
    envelope e;
    e.total_count = 2;
    response_options opt;
    opt.name_case = letter_case::camel;
    EXPECT_EQ(make_response(e, opt)->body, R"({"status":200,"totalCount":2})");
}

TEST(Response, HeaderInjectionIsRefused) {
    envelope e;
    for (std::string_view bad : {std::string_view("a\r\nSet-Cookie: x=1"), std::string_view("a\nb"), std::string_view("a\0b", 3)}) {
        response_options opt;
        opt.csrf_token = bad;
        auto const r = make_response(e, opt);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, error::header_injection);
        EXPECT_EQ(r.error().parameter, "X-CSRF-Token");
        response_options loc;
        loc.content_location = bad;
        auto const l = make_response(e, loc);
        ASSERT_FALSE(l);
        EXPECT_EQ(l.error().parameter, "Content-Location");
    }
}

TEST(ResponseHeaders, AddFindAndLimits) {
    response_headers h;
    EXPECT_TRUE(h.empty());
    EXPECT_TRUE(h.add("X-A", "1"));
    EXPECT_EQ(h.find("x-a"), "1");
    EXPECT_FALSE(h.find("X-B"));
    EXPECT_EQ(h.add("", "v").error().code, error::header_injection);
    EXPECT_EQ(h.add("Bad Name", "v").error().code, error::header_injection);
    EXPECT_EQ(h.add("X:Y", "v").error().code, error::header_injection);
    while (h.size() < response_headers::capacity) ASSERT_TRUE(h.add("X-Fill", "v"));
    EXPECT_EQ(h.add("X-One-Too-Many", "v").error().code, error::too_many);
    EXPECT_TRUE(h.add("X-Spaces", "text with spaces\tand tab").has_value() || h.size() == response_headers::capacity);
    response_headers fresh;
    auto const split = fresh.add("X-Split", "a\rb");
    ASSERT_FALSE(split);
    EXPECT_EQ(split.error(), kayako::failure(error::header_injection, 1, "X-Split"));  // offset of the CR
    EXPECT_TRUE(fresh.add("X-Spaces", "text with spaces\tand tab"));
}

// §13, §4.2: a JSONP answer is a script, whatever the envelope's status — a 304 envelope too: it
// goes out as 200 with `application/javascript` and its body, since a script cannot see a 304.
TEST(Response, JsonpNotModifiedIsAScript) {
    envelope e;
    e.status = 304;
    response_options opt;
    opt.jsonp_callback = "cb";
    auto const r = make_response(e, opt);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(header_list(*r), (std::vector<response_header>{{"Content-Type", "application/javascript"},
                                                        {"X-Content-Type-Options", "nosniff"},
                                                        {"X-API-Version", "1"}}));
    EXPECT_EQ(r->body, R"(cb({"status":304});)");
    // Without JSONP the same envelope is a bare 304: no body, no Content-Type (§4.1).
    auto const plain = make_response(e);
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->status, 304);
    EXPECT_EQ(header_list(*plain), (std::vector<response_header>{{"X-API-Version", "1"}}));
    EXPECT_EQ(plain->body, "");
}

TEST(Response, EveryOptionalHeaderInOrder) {  // §4.2, §10, §12
    envelope e;
    e.status = 429;
    response_options opt;
    opt.content_location = "https://x/api/v1/tests/1";
    opt.csrf_token = "tok";
    opt.retry_after = 0;  // zero seconds is still a Retry-After
    auto const r = make_response(e, opt);
    ASSERT_TRUE(r);
    EXPECT_EQ(header_list(*r), (std::vector<response_header>{{"Content-Type", "application/json"},
                                                        {"X-Content-Type-Options", "nosniff"},
                                                        {"X-API-Version", "1"},
                                                        {"Content-Location", "https://x/api/v1/tests/1"},
                                                        {"X-CSRF-Token", "tok"},
                                                        {"Retry-After", "0"}}));
    opt.retry_after = UINT64_MAX;
    EXPECT_EQ(make_response(e, opt)->headers.find("Retry-After"), "18446744073709551615");
    // Retry-After is required with 429 only: 428 and 430 go without it.
    for (int status : {428, 430, 200, 503}) {
        envelope other;
        other.status = status;
        EXPECT_TRUE(make_response(other)) << status;
    }
    auto const missing = make_response(e);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error(), kayako::failure(error::missing_parameter, 0, "Retry-After"));
    EXPECT_EQ(api_error_for(missing.error()), api_error_code::field_required);
    // The 400 for a bad callback carries no Retry-After requirement of the original 429.
    response_options bad_callback;
    bad_callback.jsonp_callback = "a b";
    auto const r400 = make_response(e, bad_callback);
    ASSERT_TRUE(r400);
    EXPECT_EQ(r400->status, 400);
}

// Exactly `capacity` fields fit, every one survives a copy, one more is too_many.
TEST(ResponseHeaders, CapacityOnBothSidesAndCopies) {
    response_headers h;
    for (std::size_t i = 0; i + 1 < response_headers::capacity; ++i) ASSERT_TRUE(h.add("X-Fill", "v"));
    ASSERT_TRUE(h.add_seconds("Retry-After", 7));
    EXPECT_EQ(h.size(), response_headers::capacity);
    EXPECT_EQ(h.add("X-More", "v").error(), kayako::failure(error::too_many, 0, "X-More"));
    response_headers const copy = h;
    EXPECT_EQ(copy.size(), response_headers::capacity);
    EXPECT_EQ(copy.find("Retry-After"), "7");
    EXPECT_EQ(std::vector<response_header>(copy.begin(), copy.end()).back().value, "7");
    response_headers assigned;
    assigned = copy;
    EXPECT_EQ(assigned.find("retry-after"), "7");
    EXPECT_NE(assigned.find("Retry-After")->data(), copy.find("Retry-After")->data());
    // An empty value is a value; CR, LF and NUL at every offset are refused at that offset.
    response_headers fresh;
    EXPECT_TRUE(fresh.add("X-Empty", ""));
    for (char bad : {'\r', '\n', '\0'})
        for (std::size_t at = 0; at < 3; ++at) {
            std::string value = "abc";
            value[at] = bad;
            EXPECT_EQ(fresh.add("X-V", value).error(), kayako::failure(error::header_injection, at, "X-V"));
        }
}

// nosniff goes with every body — JSON, JSONP, errors, the 400 of a bad callback — and never with
// a bare 304, which has no body (RFC 9110 §15.4.5).
TEST(Hardening, NosniffWithEveryBody) {
    envelope ok;
    auto const error_envelope = make_error_envelope({make_api_error(api_error_code::resource_not_found)});
    response_options jsonp;
    jsonp.jsonp_callback = "cb";
    response_options bad_callback;
    bad_callback.jsonp_callback = "a b";
    for (auto const& [e, opt, status] : {std::tuple{ok, response_options{}, 200}, std::tuple{error_envelope, response_options{}, 404},
                                         std::tuple{error_envelope, jsonp, 200}, std::tuple{ok, bad_callback, 400}}) {
        auto const r = make_response(e, opt);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, status);
        EXPECT_EQ(r->headers.find("X-Content-Type-Options"), "nosniff") << status;
        EXPECT_FALSE(r->body.empty());
    }
    envelope not_modified;
    not_modified.status = 304;
    EXPECT_FALSE(make_response(not_modified)->headers.find("X-Content-Type-Options"));
}

// RFC 9111 §5.2.2.7, RFC 9110 §12.5.5: each audience sends exactly its headers, in order.
TEST(Hardening, AudienceSetsCacheControlAndVary) {
    envelope e;
    response_options opt;
    EXPECT_EQ(header_list(*make_response(e, opt)), (std::vector<response_header>{{"Content-Type", "application/json"},
                                                                              {"X-Content-Type-Options", "nosniff"},
                                                                              {"X-API-Version", "1"}}));
    opt.audience = response_audience::anonymous;
    EXPECT_EQ(header_list(*make_response(e, opt)), (std::vector<response_header>{{"Content-Type", "application/json"},
                                                                              {"X-Content-Type-Options", "nosniff"},
                                                                              {"X-API-Version", "1"},
                                                                              {"Vary", "Authorization, X-Session-ID, Cookie"}}));
    opt.audience = response_audience::authenticated;
    EXPECT_EQ(header_list(*make_response(e, opt)), (std::vector<response_header>{{"Content-Type", "application/json"},
                                                                              {"X-Content-Type-Options", "nosniff"},
                                                                              {"X-API-Version", "1"},
                                                                              {"Cache-Control", "private"},
                                                                              {"Vary", "Authorization, X-Session-ID, Cookie"}}));
    // A server that reads no cookie names less; an empty Vary is none, Cache-Control stays.
    opt.vary = "Authorization, X-Session-ID";
    EXPECT_EQ(make_response(e, opt)->headers.find("Vary"), "Authorization, X-Session-ID");
    opt.vary = "";
    auto const no_vary = make_response(e, opt);
    EXPECT_FALSE(no_vary->headers.find("Vary"));
    EXPECT_EQ(no_vary->headers.find("Cache-Control"), "private");
    opt.vary = "Cookie\r\nSet-Cookie: a=b";
    auto const injected = make_response(e, opt);
    ASSERT_FALSE(injected);
    EXPECT_EQ(injected.error(), kayako::failure(error::header_injection, 6, "Vary"));
    // JSONP answers are cached like any other: an authenticated one is private too.
    response_options script;
    script.jsonp_callback = "cb";
    script.audience = response_audience::authenticated;
    auto const js = make_response(e, script);
    EXPECT_EQ(js->headers.find("Cache-Control"), "private");
    EXPECT_EQ(js->headers.find("Vary"), "Authorization, X-Session-ID, Cookie");
}

// A 304 carries the Cache-Control and Vary a 200 would (RFC 9110 §15.4.5, §21.8), and no body
// headers; an anonymous 304 keeps its Vary.
TEST(Hardening, NotModifiedKeepsCacheHeaders) {
    envelope e;
    e.status = 304;
    response_options opt;
    opt.audience = response_audience::authenticated;
    auto const r = make_response(e, opt);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 304);
    EXPECT_EQ(header_list(*r), (std::vector<response_header>{{"X-API-Version", "1"},
                                                        {"Cache-Control", "private"},
                                                        {"Vary", "Authorization, X-Session-ID, Cookie"}}));
    EXPECT_TRUE(r->body.empty());
    opt.audience = response_audience::anonymous;
    EXPECT_EQ(header_list(*make_response(e, opt)),
              (std::vector<response_header>{{"X-API-Version", "1"}, {"Vary", "Authorization, X-Session-ID, Cookie"}}));
}

// RFC 9110 §11.6.1: a 401 challenges — unless in AJAX mode (§9.3, §15), without a challenge, or
// as JSONP (a 200); no other status does, the neighbours of 401 included.
TEST(Hardening, ChallengeOnlyOn401OutsideAjax) {
    auto const failed = make_error_envelope({make_api_error(api_error_code::authentication_failed)});
    ASSERT_EQ(failed.status, 401);
    auto const r = make_response(failed);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(header_list(*r), (std::vector<response_header>{{"Content-Type", "application/json"},
                                                        {"X-Content-Type-Options", "nosniff"},
                                                        {"X-API-Version", "1"},
                                                        {"WWW-Authenticate", R"(Basic realm="Kayako", charset="UTF-8")"}}));
    auto const required = make_response(make_error_envelope({make_api_error(api_error_code::authorization_required)}));
    EXPECT_EQ(required->status, 401);
    EXPECT_EQ(required->headers.find("WWW-Authenticate"), default_challenge);

    response_options ajax;
    ajax.ajax_mode = true;
    auto const quiet = make_response(failed, ajax);
    EXPECT_EQ(quiet->status, 401);
    EXPECT_FALSE(quiet->headers.find("WWW-Authenticate"));
    response_options none;
    none.challenge = "";
    EXPECT_FALSE(make_response(failed, none)->headers.find("WWW-Authenticate"));
    response_options own;
    own.challenge = R"(Basic realm="Brewfictus", charset="UTF-8", Bearer realm="x")";
    EXPECT_EQ(make_response(failed, own)->headers.find("WWW-Authenticate"), own.challenge);
    own.challenge = "Basic\nrealm=x";
    EXPECT_EQ(make_response(failed, own).error(), kayako::failure(error::header_injection, 5, "WWW-Authenticate"));
    response_options script;
    script.jsonp_callback = "cb";
    auto const js = make_response(failed, script);
    EXPECT_EQ(js->status, 200);
    EXPECT_FALSE(js->headers.find("WWW-Authenticate"));
    for (int status : {400, 402, 403, 407, 200}) {
        envelope other;
        other.status = status;
        EXPECT_FALSE(make_response(other)->headers.find("WWW-Authenticate")) << status;
    }
}

// Every header at once: nine, in a fixed order, within capacity.
TEST(Hardening, EveryHeaderAtOnce) {
    auto const e = make_error_envelope({make_api_error(api_error_code::authentication_failed)});
    response_options opt;
    opt.content_location = "https://x/api/v1/tests/1";
    opt.csrf_token = "tok";
    opt.retry_after = 3;
    opt.audience = response_audience::authenticated;
    auto const r = make_response(e, opt);
    ASSERT_TRUE(r);
    EXPECT_EQ(header_list(*r), (std::vector<response_header>{{"Content-Type", "application/json"},
                                                        {"X-Content-Type-Options", "nosniff"},
                                                        {"X-API-Version", "1"},
                                                        {"Cache-Control", "private"},
                                                        {"Vary", "Authorization, X-Session-ID, Cookie"},
                                                        {"Content-Location", "https://x/api/v1/tests/1"},
                                                        {"X-CSRF-Token", "tok"},
                                                        {"Retry-After", "3"},
                                                        {"WWW-Authenticate", R"(Basic realm="Kayako", charset="UTF-8")"}}));
    EXPECT_LT(r->headers.size(), response_headers::capacity);
}

}  // namespace
