// The example envelopes of the specification (§4, §6, §7, §9, §10, §11, §12, §13, §15), byte for
// byte as this library writes them, with the doc errata of §20 corrected (TV-INTRO-2's status is
// the body's 201; no trailing commas in TV-RESP-3 and TV-SO-3). Shared by the writer and reader
// tests: every vector is parsed, and written back to these exact bytes.
#ifndef KAYAKO_TESTS_ENVELOPE_VECTORS_HPP
#define KAYAKO_TESTS_ENVELOPE_VECTORS_HPP

#include <string_view>

namespace vectors {

// §1.1 TV-INTRO-2 (errata: status line says 200, the body's 201 is the real one).
inline constexpr std::string_view intro2_data =
    R"~({"id":99,"name":"Caryn Pryor","authentication_scheme":"NONE","array_items":[1,2,3],"is_boolean":true,"resource_type":"test","resource_url":"https://brewfictus.kayako.com/api/v1/tests/99"})~";
inline constexpr std::string_view intro2 =
    R"~({"status":201,"data":{"id":99,"name":"Caryn Pryor","authentication_scheme":"NONE","array_items":[1,2,3],"is_boolean":true,"resource_type":"test","resource_url":"https://brewfictus.kayako.com/api/v1/tests/99"},"resource":"test"})~";

// §4.4 TV-RESP-1, TV-RESP-2.
inline constexpr std::string_view resp1 =
    R"~({"status":400,"errors":[{"code":"RESOURCE_ACTION_NOT_AVAILABLE","message":"Not supported method, misspelled action name or action is not available for the resource","more_info":"https://developer.kayako.com/api/v1/reference/errors/RESOURCE_ACTION_NOT_AVAILABLE"}]})~";
inline constexpr std::string_view resp2 =
    R"~({"status":400,"errors":[{"code":"FIELD_REQUIRED","parameter":"email","message":"This action requires the field to be specified","more_info":"https://developer.kayako.com/api/v1/reference/errors/FIELD_REQUIRED"}]})~";
// §4.5 TV-RESP-3 (errata: the docs' trailing comma removed).
inline constexpr std::string_view resp3 =
    R"~({"status":200,"notifications":[{"type":"INFO","message":"A message has been sent to your email"}]})~";
// §4.5: the other observed notification shape, on a 401.
inline constexpr std::string_view notification_401 =
    R"~({"status":401,"errors":[{"code":"AUTHENTICATION_FAILED","message":"Used authentication credentials are invalid or signature verification failed","more_info":"https://developer.kayako.com/api/v1/reference/errors/AUTHENTICATION_FAILED"}],"notifications":[{"type":"ERROR","message":"Invalid Email or Password","sticky":false}]})~";
// §4.6 TV-RESP-4.
inline constexpr std::string_view resp4 =
    R"~({"status":200,"logs":[{"level":"NOTICE","message":"To avoid long delays instead of supplying username and password with each request use just the session id"}]})~";

// §4.3 observed minimal bodies.
inline constexpr std::string_view single_delete = R"~({"status":200})~";
inline constexpr std::string_view bulk_update = R"~({"status":200,"total_count":5})~";
inline constexpr std::string_view session_created = R"~({"status":200,"session_id":"OK8tQ2bVHpW3"})~";

// §6.1 TV-SO-1, written with _case=camel.
inline constexpr std::string_view so1_data =
    R"~([{"id":1,"locale":"en-us","nativeName":"English (United States)","resourceType":"locale","resourceUrl":"https://support.kayako.com/api/v1/locales/1"}])~";
inline constexpr std::string_view so1 =
    R"~({"status":200,"data":[{"id":1,"locale":"en-us","nativeName":"English (United States)","resourceType":"locale","resourceUrl":"https://support.kayako.com/api/v1/locales/1"}],"resource":"locale","totalCount":42})~";

// §6.3 TV-SO-3, abridged further (errata: no trailing comma in `zones`).
inline constexpr std::string_view so3_data =
    R"~({"id":1,"name":"Test 1","user":{"id":1,"resource_type":"user"},"generation_time":0.000134,"resource_type":"test","resource_url":"https://brewfictus.kayako.com/api/v1/tests/1"})~";
inline constexpr std::string_view so3_resources =
    R"~({"role":{"1":{"id":1,"title":"Agent","type":"AGENT","resource_type":"role"}},"business_hour":{"1":{"id":1,"title":"US office hours","zones":{"monday":[9,10,18]},"resource_type":"business_hour"}},"user":{"1":{"id":1,"full_name":"Charlotte Küchler","role":{"id":1,"resource_type":"role"},"resource_type":"user"}}})~";
inline constexpr std::string_view so3 =
    R"~({"status":200,"data":{"id":1,"name":"Test 1","user":{"id":1,"resource_type":"user"},"generation_time":0.000134,"resource_type":"test","resource_url":"https://brewfictus.kayako.com/api/v1/tests/1"},"resource":"test","resources":{"role":{"1":{"id":1,"title":"Agent","type":"AGENT","resource_type":"role"}},"business_hour":{"1":{"id":1,"title":"US office hours","zones":{"monday":[9,10,18]},"resource_type":"business_hour"}},"user":{"1":{"id":1,"full_name":"Charlotte Küchler","role":{"id":1,"resource_type":"role"},"resource_type":"user"}}}})~";

// §7.4 cursor example (the `[...]` of the docs as an empty array).
inline constexpr std::string_view cursor_links =
    R"~({"status":200,"data":[],"resource":"test","limit":10,"total_count":25,"first_url":"http://v5.kayako.com/api/v1/tests?before_id=11&count=25","previous_url":"http://v5.kayako.com/api/v1/tests?before_id=11&count=25","next_url":"http://v5.kayako.com/api/v1/tests?after_id=20&count=25","last_url":"http://v5.kayako.com/api/v1/tests?after_id=20&count=25"})~";
// §7.4 empty collection.
inline constexpr std::string_view empty_collection =
    R"~({"status":200,"data":[],"resource":"conversation","offset":0,"limit":10,"total_count":0})~";
// §7.4 exact link example, as the whole camel-case envelope of that page (data elided).
inline constexpr std::string_view camel_page =
    R"~({"status":200,"data":[],"resource":"conversation","offset":5,"limit":3,"totalCount":15,"firstUrl":"https://kayako-mobile-testing.kayako.com/api/v1/conversations.json?_case=camel&include=userMinimal%2Cteam%2CcaseStatus%2CcasePriority&limit=3","previousUrl":"https://kayako-mobile-testing.kayako.com/api/v1/conversations.json?_case=camel&include=userMinimal%2Cteam%2CcaseStatus%2CcasePriority&limit=3&offset=2","nextUrl":"https://kayako-mobile-testing.kayako.com/api/v1/conversations.json?_case=camel&include=userMinimal%2Cteam%2CcaseStatus%2CcasePriority&limit=3&offset=8","lastUrl":"https://kayako-mobile-testing.kayako.com/api/v1/conversations.json?_case=camel&include=userMinimal%2Cteam%2CcaseStatus%2CcasePriority&limit=3&offset=12"})~";

// §9.2 TV-CACHE-2.
inline constexpr std::string_view cache2 =
    R"~({"status":412,"errors":[{"code":"RESOURCE_MODIFIED","message":"The action cannot be performed as the resource has been modified","more_info":"https://developer.kayako.com/api/v1/reference/errors/RESOURCE_MODIFIED"}]})~";

// §10 TV-SEC-1.
inline constexpr std::string_view sec1 =
    R"~({"status":200,"session_id":"lNlZU4goODSinE8DkW3PKs79d60c497f0a5c507e897da818682d6cf21321fca5la58k2s8ZxGYYRfjcuAVgRFA"})~";

// §11.2 OTP step and password-update step.
inline constexpr std::string_view otp_step =
    R"~({"status":403,"errors":[{"code":"OTP_EXPECTED","message":"To complete authentication you need to provide the one-time password","more_info":"https://developer.kayako.com/api/v1/reference/errors/OTP_EXPECTED"}],"notifications":[{"type":"INFO","message":"Two-factor authentication is enabled for your account"}],"auth_token":"dPQBJfPG5cGYd6MMPtowGz93x3uSN7Vc7yBw3JrKL5owqfowKFda4mezGefo5QDmRnxyV2"})~";
inline constexpr std::string_view credential_expired_step =
    R"~({"status":403,"errors":[{"code":"CREDENTIAL_EXPIRED","message":"The credential (e.g. password) is valid but has expired","more_info":"https://developer.kayako.com/api/v1/reference/errors/CREDENTIAL_EXPIRED"}],"auth_token":"eGDPtbMcQCXBLwef58Kz4HBCuaRPyq5QCMqFLD1iUUIGxUq48bADFUv2gRdxRJXhmduY0t37BAXeaaT1"})~";

// §12 TV-RL-1.
inline constexpr std::string_view rl1 =
    R"~({"status":429,"errors":[{"code":"RATE_LIMIT_REACHED","message":"The rate limit for this action was reached","more_info":"https://developer.kayako.com/api/v1/reference/errors/RATE_LIMIT_REACHED"}]})~";

// §13 TV-JS-1: the JSONP body of a 404.
inline constexpr std::string_view js1 =
    R"~(cb({"status":404,"errors":[{"code":"RESOURCE_NOT_FOUND","message":"Resource does not exist or has been removed","more_info":"https://developer.kayako.com/api/v1/reference/errors/RESOURCE_NOT_FOUND"}]});)~";

// §15: several errors (SDK fixture shape), `parameters`, and TIMESTAMP_MISMATCH's `timestamp`.
inline constexpr std::string_view three_errors =
    R"~({"status":405,"errors":[{"code":"METHOD_NOT_SUPPORTED","message":"HTTP method is not supported or is not allowed for the resource","more_info":"https://developer.kayako.com/api/v1/reference/errors/METHOD_NOT_SUPPORTED"},{"code":"METHOD_NOT_SUPPORTED","message":"HTTP method is not supported or is not allowed for the resource","more_info":"https://developer.kayako.com/api/v1/reference/errors/METHOD_NOT_SUPPORTED"},{"code":"METHOD_NOT_SUPPORTED","message":"HTTP method is not supported or is not allowed for the resource","more_info":"https://developer.kayako.com/api/v1/reference/errors/METHOD_NOT_SUPPORTED"}]})~";
inline constexpr std::string_view one_field_expected =
    R"~({"status":400,"errors":[{"code":"ONE_FIELD_EXPECTED","parameters":["until","since"],"message":"This action expects only one of the related fields to be specified","more_info":"https://developer.kayako.com/api/v1/reference/errors/ONE_FIELD_EXPECTED"}]})~";
inline constexpr std::string_view timestamp_mismatch =
    R"~({"status":400,"errors":[{"code":"TIMESTAMP_MISMATCH","message":"The difference between client and server times is too big, possible attempt of replay attack","more_info":"https://developer.kayako.com/api/v1/reference/errors/TIMESTAMP_MISMATCH"}],"timestamp":"2015-09-09T19:58:13+00:00"})~";

}  // namespace vectors

#endif  // KAYAKO_TESTS_ENVELOPE_VECTORS_HPP
