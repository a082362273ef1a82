// Tests of envelope.hpp: the envelope model and the writer (§4.3-§4.6, §21.5).
#include <kayako/envelope/envelope_writer.hpp>

#include "envelope_vectors.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace kayako;
using namespace std::string_view_literals;

std::string write(envelope const& e, letter_case c = letter_case::snake) { return serialize_envelope(e, c); }

envelope with_errors(std::vector<api_error_object> errors) { return make_error_envelope(std::move(errors)); }

// Every example envelope of the specification, built from its parts, writes to its exact bytes.
TEST(EnvelopeWrite, Intro2CreatedTestResource) {  // §1.1 TV-INTRO-2
    envelope e;
    e.status = 201;
    e.data = raw_json{vectors::intro2_data};
    e.resource = "test";
    EXPECT_EQ(write(e), vectors::intro2);

    // The same data as a boost::json::value writes the same bytes.
    auto const v = boost::json::parse(vectors::intro2_data);
    e.data = v;
    EXPECT_EQ(write(e), vectors::intro2);
}

TEST(EnvelopeWrite, CatalogueErrors) {  // §4.4, §9.2, §12
    EXPECT_EQ(write(with_errors({make_api_error(api_error_code::resource_action_not_available)})), vectors::resp1);
    EXPECT_EQ(write(with_errors({make_api_error(api_error_code::field_required, "email")})), vectors::resp2);
    EXPECT_EQ(write(with_errors({make_api_error(api_error_code::resource_modified)})), vectors::cache2);
    EXPECT_EQ(write(with_errors({make_api_error(api_error_code::rate_limit_reached)})), vectors::rl1);
    auto const m = make_api_error(api_error_code::method_not_supported);
    EXPECT_EQ(write(with_errors({m, m, m})), vectors::three_errors);
    std::string_view const params[] = {"until", "since"};
    EXPECT_EQ(write(with_errors({make_api_error(api_error_code::one_field_expected, params)})),
              vectors::one_field_expected);
}

TEST(EnvelopeWrite, TimestampMismatchCarriesServerTime) {  // §11.10
    envelope e = with_errors({make_api_error(api_error_code::timestamp_mismatch)});
    e.server_time = timestamp{1441828693, 0};
    EXPECT_EQ(write(e), vectors::timestamp_mismatch);
}

TEST(EnvelopeWrite, NotificationsAndLogs) {  // §4.5, §4.6
    envelope e;
    e.notifications.emplace_back(notification_type::info, "A message has been sent to your email");
    EXPECT_EQ(write(e), vectors::resp3);

    envelope f = with_errors({make_api_error(api_error_code::authentication_failed)});
    notification n(notification_type::error, "Invalid Email or Password");
    n.sticky = false;
    f.notifications.push_back(n);
    EXPECT_EQ(write(f), vectors::notification_401);

    envelope g;
    g.logs.emplace_back(log_level::notice,
                        "To avoid long delays instead of supplying username and password with each request use just the session id");
    EXPECT_EQ(write(g), vectors::resp4);
}

TEST(EnvelopeWrite, MinimalBodies) {  // §4.3
    envelope e;
    EXPECT_EQ(write(e), vectors::single_delete);
    e.total_count = 5;
    EXPECT_EQ(write(e), vectors::bulk_update);
    envelope s;
    s.session_id = "OK8tQ2bVHpW3";
    EXPECT_EQ(write(s), vectors::session_created);
    envelope sec;
    sec.session_id = "lNlZU4goODSinE8DkW3PKs79d60c497f0a5c507e897da818682d6cf21321fca5la58k2s8ZxGYYRfjcuAVgRFA";
    EXPECT_EQ(write(sec), vectors::sec1);  // §10 TV-SEC-1
}

TEST(EnvelopeWrite, AuthenticationSteps) {  // §11.2
    envelope otp = with_errors({make_api_error(api_error_code::otp_expected)});
    otp.notifications.emplace_back(notification_type::info, "Two-factor authentication is enabled for your account");
    otp.auth_token = "dPQBJfPG5cGYd6MMPtowGz93x3uSN7Vc7yBw3JrKL5owqfowKFda4mezGefo5QDmRnxyV2";
    EXPECT_EQ(otp.status, 403);
    EXPECT_EQ(write(otp), vectors::otp_step);

    envelope expired = with_errors({make_api_error(api_error_code::credential_expired)});
    expired.auth_token = "eGDPtbMcQCXBLwef58Kz4HBCuaRPyq5QCMqFLD1iUUIGxUq48bADFUv2gRdxRJXhmduY0t37BAXeaaT1";
    EXPECT_EQ(write(expired), vectors::credential_expired_step);
}

TEST(EnvelopeWrite, Collections) {  // §6.1, §6.3, §7.4
    envelope empty;
    boost::json::value const no_items = boost::json::array();
    empty.data = no_items;
    empty.resource = "conversation";
    empty.offset = 0;
    empty.limit = 10;
    empty.total_count = 0;
    EXPECT_EQ(write(empty), vectors::empty_collection);

    envelope cursor;
    cursor.data = raw_json{"[]"};
    cursor.resource = "test";
    cursor.limit = 10;
    cursor.total_count = 25;
    cursor.first_url = cursor.previous_url = "http://v5.kayako.com/api/v1/tests?before_id=11&count=25";
    cursor.next_url = cursor.last_url = "http://v5.kayako.com/api/v1/tests?after_id=20&count=25";
    EXPECT_EQ(write(cursor), vectors::cursor_links);

    envelope locales;  // TV-SO-1: envelope keys in camel case; data already rendered in camel
    locales.data = raw_json{vectors::so1_data};
    locales.resource = "locale";
    locales.total_count = 42;
    EXPECT_EQ(write(locales, letter_case::camel), vectors::so1);

    envelope flat;  // TV-SO-3
    flat.data = raw_json{vectors::so3_data};
    flat.resource = "test";
    flat.resources = raw_json{vectors::so3_resources};
    EXPECT_EQ(write(flat), vectors::so3);
}

// §21.5: every member name converts, and the value of `resource`; enum values never do.
TEST(EnvelopeWrite, LetterCaseOfNamesAndResourceValue) {
    envelope e = with_errors({make_api_error(api_error_code::field_invalid, "full_name")});
    e.status = 200;
    e.resource = "case_status";
    e.total_count = 1;
    e.next_url = "u";
    notification n(notification_type::success, "ok");
    n.related_url = "r";
    n.related_href = "h";
    n.related_label = "l";
    n.sticky = true;
    e.notifications.push_back(n);
    e.session_id = "s";
    e.auth_token = "t";
    EXPECT_EQ(write(e, letter_case::camel),
              R"({"status":200,"resource":"caseStatus","totalCount":1,"nextUrl":"u","sessionId":"s","errors":[{"code":"FIELD_INVALID","parameter":"full_name","message":"The value of the field is invalid","moreInfo":"https://developer.kayako.com/api/v1/reference/errors/FIELD_INVALID"}],"notifications":[{"type":"SUCCESS","message":"ok","sticky":true,"relatedUrl":"r","relatedHref":"h","relatedLabel":"l"}],"authToken":"t"})");
    EXPECT_EQ(write(e, letter_case::pascal),
              R"({"Status":200,"Resource":"CaseStatus","TotalCount":1,"NextUrl":"u","SessionId":"s","Errors":[{"Code":"FIELD_INVALID","Parameter":"full_name","Message":"The value of the field is invalid","MoreInfo":"https://developer.kayako.com/api/v1/reference/errors/FIELD_INVALID"}],"Notifications":[{"Type":"SUCCESS","Message":"ok","Sticky":true,"RelatedUrl":"r","RelatedHref":"h","RelatedLabel":"l"}],"AuthToken":"t"})");
}

TEST(EnvelopeWrite, StringsAreEscaped) {
    envelope e;
    e.session_id = "a\"b\\c\n\t\x01\x1f/é";
    e.resource = "we\"ird";
    EXPECT_EQ(write(e), "{\"status\":200,\"resource\":\"we\\\"ird\",\"session_id\":\"a\\\"b\\\\c\\n\\t\\u0001\\u001f/é\"}");
    // The written text is JSON, and the string comes back unchanged.
    auto const v = boost::json::parse(write(e, letter_case::camel));
    EXPECT_EQ(v.at("sessionId").as_string(), *e.session_id);
    EXPECT_EQ(v.at("resource").as_string(), "we\"ird");
}

TEST(EnvelopeWrite, TextIsAlwaysUtf8) {
    // §21.20: whatever a server hands the writer, the JSON it writes is UTF-8. Each maximal
    // ill-formed subpart becomes one U+FFFD (as the form decoder and the WHATWG decoder count),
    // and well-formed text, the boundary sequences included, is copied as it is.
    std::string const fffd = "\xEF\xBF\xBD";
    struct row {
        std::string_view name;
        std::string in;
        std::string out;      // as written between the quotes
        std::string read{};   // as read back, when escapes make it differ from `out`
    };
    std::vector<row> const rows = {
        // well formed: the smallest and largest of each length, and the neighbours of surrogates
        {"U+0080", "\xC2\x80", "\xC2\x80"},
        {"U+07FF", "\xDF\xBF", "\xDF\xBF"},
        {"U+0800", "\xE0\xA0\x80", "\xE0\xA0\x80"},
        {"U+D7FF", "\xED\x9F\xBF", "\xED\x9F\xBF"},
        {"U+E000", "\xEE\x80\x80", "\xEE\x80\x80"},
        {"U+FFFF", "\xEF\xBF\xBF", "\xEF\xBF\xBF"},
        {"U+10000", "\xF0\x90\x80\x80", "\xF0\x90\x80\x80"},
        {"U+10FFFF", "\xF4\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF"},
        // overlong forms
        {"overlong C0 80", "\xC0\x80", fffd + fffd},
        {"overlong C1 BF", "\xC1\xBF", fffd + fffd},
        {"overlong E0 9F BF", "\xE0\x9F\xBF", fffd + fffd + fffd},
        {"overlong F0 8F BF BF", "\xF0\x8F\xBF\xBF", fffd + fffd + fffd + fffd},
        // surrogates U+D800 and U+DFFF, alone and as a CESU-8 pair
        {"surrogate D800", "\xED\xA0\x80", fffd + fffd + fffd},
        {"surrogate DFFF", "\xED\xBF\xBF", fffd + fffd + fffd},
        {"CESU-8 pair", "\xED\xA0\xBD\xED\xB8\x80", fffd + fffd + fffd + fffd + fffd + fffd},
        // beyond U+10FFFF
        {"U+110000", "\xF4\x90\x80\x80", fffd + fffd + fffd + fffd},
        {"F5 lead", "\xF5\x80\x80\x80", fffd + fffd + fffd + fffd},
        {"FF", "\xFF", fffd},
        // truncated sequences: one U+FFFD for the part that fits, at the end and before ASCII
        {"truncated 2 of 3", "a\xE2\x82", "a" + fffd},
        {"truncated 3 of 4", "\xF0\x9F\x98", fffd},
        {"truncated before ASCII", "\xF0\x9F\x98x\xC3", fffd + "x" + fffd},
        // continuation bytes alone
        {"lone continuation", "\x80", fffd},
        {"continuations after ASCII", "abc\xBF\xBF", "abc" + fffd + fffd},
        // in a long ASCII run (the eight-byte path), next to escapes
        {"inside a long run", "0123456789\xFF" "abcdefghij\"", "0123456789" + fffd + "abcdefghij\\\"", "0123456789" + fffd + "abcdefghij\""},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.name);
        envelope e;
        e.session_id = r.in;                       // a member the writer spells
        boost::json::value const data = {{r.in, r.in}};  // a key and a value of `data`
        e.data = data;
        std::string const text = write(e);
        std::string const quoted = "\"" + r.out + "\"";
        EXPECT_EQ(text, "{\"status\":200,\"data\":{" + quoted + ":" + quoted + "},\"session_id\":" + quoted + "}");
        auto const back = boost::json::parse(text);  // Boost.JSON refuses invalid UTF-8
        EXPECT_EQ(back.at("session_id").as_string(), r.read.empty() ? r.out : r.read);
    }
}

TEST(EnvelopeWrite, DoublesInShortestRoundTripForm) {
    // §16.2 `"float_number":1.23`, TV-SO-3 `"generation_time":0.000134`: `data` and `resources`
    // given as values write doubles in the shortest round-trip form, not Boost.JSON's `1.23E0`;
    // an integral double keeps `.0`; NaN and infinities (no JSON spelling) are written as `null`.
    double const inf = std::numeric_limits<double>::infinity();
    boost::json::value const data = boost::json::array{1.23, 0.000134, -0.5, 1e100, 3.0, std::numeric_limits<double>::quiet_NaN(),
                                                       inf, -inf, 7, -2, -2.109808898695963e16, 1e15, 2.9802322387695312e-08};
    boost::json::value const resources = boost::json::object{{"test", boost::json::object{{"1", boost::json::object{{"float_number", 1.23}}}}}};
    envelope e;
    e.data = data;
    e.resources = resources;
    // §21.19: shortest digits, never more (`-21098088986959632.0` was the old, longer form),
    // positional below 1e16 as Python's repr.
    EXPECT_EQ(write(e), R"({"status":200,"data":[1.23,0.000134,-0.5,1e+100,3.0,null,null,null,7,-2,)"
                        R"(-2.109808898695963e+16,1000000000000000.0,2.9802322387695312e-08],)"
                        R"("resources":{"test":{"1":{"float_number":1.23}}}})");
    auto const back = boost::json::parse(write(e));
    EXPECT_TRUE(back.at("data").at(4).is_double());  // 3.0 stays a double
    EXPECT_TRUE(back.at("data").at(8).is_int64());
}

TEST(EnvelopeWrite, UnsetMembersAreAbsent) {
    envelope e;
    e.data = raw_json{""};  // empty raw text is not JSON: treated as unset
    e.resources = json_payload{};
    e.resource = std::nullopt;
    EXPECT_EQ(write(e), "{\"status\":200}");
    api_error_object bare;
    bare.code = "SOMETHING_NEW";
    EXPECT_EQ(write(with_errors({bare})), R"({"status":400,"errors":[{"code":"SOMETHING_NEW"}]})");
}

TEST(EnvelopeWrite, AppendsToExistingText) {
    std::string out = "cb(";
    append_envelope(out, envelope{});
    EXPECT_EQ(out, "cb({\"status\":200}");
}

}  // namespace
