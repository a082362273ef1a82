// Tests of envelope_parser.hpp: response bytes into a typed envelope (§4, §6.1, §13, §21.5).
#include <kayako/envelope/envelope_parser.hpp>

#include "envelope_bad_inputs.hpp"
#include "envelope_vectors.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value_from.hpp>
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <string_view>

namespace {

using namespace kayako;
namespace json = boost::json;

parsed_envelope parse_ok(std::string_view body, envelope_parse_options const& opt = {}) {
    auto r = parse_envelope(body, opt);
    EXPECT_TRUE(r) << body << "\n" << (r ? std::string() : r.error().message());
    return r ? std::move(*r) : parsed_envelope{};
}

// Every example parses, and writes back to the same bytes (its case given).
struct vector_row {
    std::string_view name;
    std::string_view body;
    letter_case name_case;
    std::function<void(parsed_envelope const&)> check;
};

std::vector<vector_row> const& vector_rows() {
    static std::vector<vector_row> const rows = {
        {"TV-INTRO-2", vectors::intro2, letter_case::snake,
         [](parsed_envelope const& e) {
             EXPECT_EQ(e.status, 201);
             EXPECT_EQ(e.resource, "test");
             ASSERT_TRUE(e.has_data());
             EXPECT_EQ(e.data().at("name").as_string(), "Caryn Pryor");
             EXPECT_EQ(e.data().at("array_items"), json::array({1, 2, 3}));
             EXPECT_FALSE(e.is_error());
         }},
        {"TV-RESP-1", vectors::resp1, letter_case::snake,
         [](parsed_envelope const& e) {
             EXPECT_EQ(e.status, 400);
             ASSERT_EQ(e.errors.size(), 1u);
             EXPECT_EQ(e.errors[0].known_code(), api_error_code::resource_action_not_available);
             EXPECT_EQ(e.errors[0].more_info,
                       "https://developer.kayako.com/api/v1/reference/errors/RESOURCE_ACTION_NOT_AVAILABLE");
             EXPECT_TRUE(e.is_error());
             EXPECT_FALSE(e.has_data());
         }},
        {"TV-RESP-2", vectors::resp2, letter_case::snake,
         [](parsed_envelope const& e) {
             ASSERT_EQ(e.errors.size(), 1u);
             EXPECT_EQ(e.errors[0].known_code(), api_error_code::field_required);
             EXPECT_EQ(e.errors[0].parameter, "email");
             EXPECT_EQ(e.errors[0].message, "This action requires the field to be specified");
         }},
        {"TV-RESP-3", vectors::resp3, letter_case::snake,
         [](parsed_envelope const& e) {
             ASSERT_EQ(e.notifications.size(), 1u);
             EXPECT_EQ(e.notifications[0].known_type(), notification_type::info);
             EXPECT_EQ(e.notifications[0].message, "A message has been sent to your email");
             EXPECT_FALSE(e.notifications[0].sticky);
         }},
        {"401 notification", vectors::notification_401, letter_case::snake,
         [](parsed_envelope const& e) {
             EXPECT_EQ(e.status, 401);
             ASSERT_EQ(e.notifications.size(), 1u);
             EXPECT_EQ(e.notifications[0].known_type(), notification_type::error);
             EXPECT_EQ(e.notifications[0].sticky, false);
         }},
        {"TV-RESP-4", vectors::resp4, letter_case::snake,
         [](parsed_envelope const& e) {
             ASSERT_EQ(e.logs.size(), 1u);
             EXPECT_EQ(e.logs[0].known_level(), log_level::notice);
         }},
        {"single delete", vectors::single_delete, letter_case::snake,
         [](parsed_envelope const& e) {
             EXPECT_EQ(e.status, 200);
             EXPECT_FALSE(e.total_count);
             EXPECT_TRUE(e.has_body());
         }},
        {"bulk update", vectors::bulk_update, letter_case::snake,
         [](parsed_envelope const& e) { EXPECT_EQ(e.total_count, 5u); }},
        {"session created", vectors::session_created, letter_case::snake,
         [](parsed_envelope const& e) { EXPECT_EQ(e.session_id, "OK8tQ2bVHpW3"); }},
        {"TV-SO-1", vectors::so1, letter_case::camel,
         [](parsed_envelope const& e) {
             EXPECT_EQ(e.total_count, 42u);  // from `totalCount`
             EXPECT_EQ(e.resource, "locale");
             EXPECT_EQ(e.data().as_array().size(), 1u);
         }},
        {"TV-SO-3", vectors::so3, letter_case::snake,
         [](parsed_envelope const& e) {
             ASSERT_TRUE(e.has_resources());
             EXPECT_EQ(e.resources().at("user").at("1").at("full_name").as_string(), "Charlotte Küchler");
             EXPECT_EQ(e.data().at("user").at("resource_type").as_string(), "user");
         }},
        {"§7.4 cursor links", vectors::cursor_links, letter_case::snake,
         [](parsed_envelope const& e) {
             EXPECT_EQ(e.limit, 10u);
             EXPECT_EQ(e.total_count, 25u);
             EXPECT_EQ(e.first_url, "http://v5.kayako.com/api/v1/tests?before_id=11&count=25");
             EXPECT_EQ(e.next_url, "http://v5.kayako.com/api/v1/tests?after_id=20&count=25");
             EXPECT_FALSE(e.offset);
         }},
        {"empty collection", vectors::empty_collection, letter_case::snake,
         [](parsed_envelope const& e) {
             EXPECT_EQ(e.offset, 0u);
             EXPECT_EQ(e.limit, 10u);
             EXPECT_EQ(e.total_count, 0u);
             EXPECT_TRUE(e.data().as_array().empty());
         }},
        {"§7.4 camel page", vectors::camel_page, letter_case::camel,
         [](parsed_envelope const& e) {
             EXPECT_EQ(e.next_url,
                       "https://kayako-mobile-testing.kayako.com/api/v1/conversations.json?_case=camel&include=userMinimal%2Cteam%2CcaseStatus%2CcasePriority&limit=3&offset=8");
             EXPECT_TRUE(e.first_url && e.previous_url && e.last_url);
         }},
        {"TV-CACHE-2", vectors::cache2, letter_case::snake,
         [](parsed_envelope const& e) {
             EXPECT_EQ(e.status, 412);
             EXPECT_EQ(e.errors.at(0).known_code(), api_error_code::resource_modified);
         }},
        {"TV-SEC-1", vectors::sec1, letter_case::snake,
         [](parsed_envelope const& e) {
             EXPECT_EQ(e.session_id->size(), 88u);
             EXPECT_FALSE(e.auth_token);
         }},
        {"OTP step", vectors::otp_step, letter_case::snake,
         [](parsed_envelope const& e) {
             EXPECT_EQ(e.status, 403);
             EXPECT_EQ(e.errors.at(0).known_code(), api_error_code::otp_expected);
             EXPECT_EQ(e.notifications.size(), 1u);
             EXPECT_EQ(e.auth_token, "dPQBJfPG5cGYd6MMPtowGz93x3uSN7Vc7yBw3JrKL5owqfowKFda4mezGefo5QDmRnxyV2");
         }},
        {"CREDENTIAL_EXPIRED step", vectors::credential_expired_step, letter_case::snake,
         [](parsed_envelope const& e) {
             EXPECT_EQ(e.errors.at(0).known_code(), api_error_code::credential_expired);
             EXPECT_TRUE(e.auth_token);
         }},
        {"TV-RL-1", vectors::rl1, letter_case::snake,
         [](parsed_envelope const& e) {
             EXPECT_EQ(e.status, 429);
             EXPECT_EQ(e.errors.at(0).http_status(), 429);
         }},
        {"three errors", vectors::three_errors, letter_case::snake,
         [](parsed_envelope const& e) { EXPECT_EQ(e.errors.size(), 3u); }},
        {"ONE_FIELD_EXPECTED", vectors::one_field_expected, letter_case::snake,
         [](parsed_envelope const& e) {
             ASSERT_EQ(e.errors.at(0).parameters.size(), 2u);
             EXPECT_EQ(e.errors[0].parameters[0], "until");
             EXPECT_EQ(e.errors[0].parameters[1], "since");
         }},
        {"TIMESTAMP_MISMATCH", vectors::timestamp_mismatch, letter_case::snake,
         [](parsed_envelope const& e) {
             ASSERT_TRUE(e.server_time);
             EXPECT_EQ(e.server_time->seconds, 1441828693);
         }},
    };
    return rows;
}

TEST(EnvelopeParse, EverySpecExampleParsesAndWritesBack) {
    for (auto const& row : vector_rows()) {
        SCOPED_TRACE(row.name);
        auto const e = parse_ok(row.body);
        row.check(e);
        std::string const written = serialize_envelope(e.to_envelope(), row.name_case);
        EXPECT_EQ(json::parse(written), json::parse(row.body));
        // Byte for byte, floats included (TV-SO-3's 0.000134 is written as 0.000134).
        EXPECT_EQ(written, row.body);
    }
}

TEST(EnvelopeParse, Jsonp) {  // §13 TV-JS-1
    auto const e = parse_ok(vectors::js1);
    EXPECT_EQ(e.status, 404);  // the real status, although HTTP said 200
    EXPECT_EQ(e.errors.at(0).known_code(), api_error_code::resource_not_found);
    envelope_parse_options no_jsonp;
    no_jsonp.allow_jsonp = false;
    auto const r = parse_envelope(vectors::js1, no_jsonp);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::invalid_json);
    EXPECT_EQ(r.error().offset, 0u);
}

TEST(EnvelopeParse, EmptyBodyIsA304) {  // §4.1, §9.2
    for (std::string_view body : {"", " \r\n"}) {
        auto const e = parse_ok(body);
        EXPECT_FALSE(e.has_body());
        EXPECT_EQ(e.status, 304);
        EXPECT_FALSE(e.has_data());
    }
    envelope_parse_options told;
    told.http_status = 304;
    EXPECT_TRUE(parse_envelope("", told));
    told.http_status = 200;  // an empty 200 is not a Kayako response
    auto const r = parse_envelope("", told);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::empty_value);
}

// §21.5: member names in any of the three cases.
TEST(EnvelopeParse, MemberNamesInAnyCase) {
    auto const e = parse_ok(
        R"({"Status":400,"Data":{"a":1},"Resource":"caseStatus","TotalCount":3,"offset":1,"Limit":2,)"
        R"("firstUrl":"f","PreviousUrl":"p","next_url":"n","LastUrl":"l","sessionId":"s","AuthToken":"t",)"
        R"("Errors":[{"Code":"FIELD_INVALID","Parameter":"x","MoreInfo":"m","Pointer":"/0"}],)"
        R"("Notifications":[{"Type":"WARNING","Message":"w","Sticky":true,"RelatedHref":"h","relatedLabel":"l","related_url":"u"}],)"
        R"("Logs":[{"Level":"ERROR","Message":"e"}],"Timestamp":"2016-03-15T06:09:23Z"})");
    EXPECT_EQ(e.status, 400);
    EXPECT_EQ(e.data().at("a"), 1);
    EXPECT_EQ(e.resource, "caseStatus");
    EXPECT_EQ(e.total_count, 3u);
    EXPECT_EQ(e.offset, 1u);
    EXPECT_EQ(e.limit, 2u);
    EXPECT_EQ(e.first_url, "f");
    EXPECT_EQ(e.previous_url, "p");
    EXPECT_EQ(e.next_url, "n");
    EXPECT_EQ(e.last_url, "l");
    EXPECT_EQ(e.session_id, "s");
    EXPECT_EQ(e.auth_token, "t");
    ASSERT_EQ(e.errors.size(), 1u);
    EXPECT_EQ(e.errors[0].parameter, "x");
    EXPECT_EQ(e.errors[0].more_info, "m");
    EXPECT_EQ(e.errors[0].pointer, "/0");
    ASSERT_EQ(e.notifications.size(), 1u);
    EXPECT_EQ(e.notifications[0].sticky, true);
    EXPECT_EQ(e.notifications[0].related_href, "h");
    EXPECT_EQ(e.notifications[0].related_label, "l");
    EXPECT_EQ(e.notifications[0].related_url, "u");
    EXPECT_EQ(e.logs.at(0).known_level(), log_level::error);
    EXPECT_EQ(e.server_time->seconds, 1458022163);
}

TEST(EnvelopeParse, UnknownMembersAndNullsAreIgnored) {
    auto const e = parse_ok(
        R"({"status":200,"future":{"x":[1,2,{"y":null}]},"next_url":null,"errors":null,"data":null,)"
        R"("notifications":[{"type":"NEW_KIND","message":"m","extra":1,"sticky":null}],"timestamp":1441828693})");
    EXPECT_FALSE(e.next_url);
    EXPECT_TRUE(e.errors.empty());
    EXPECT_FALSE(e.has_data());
    ASSERT_EQ(e.notifications.size(), 1u);
    EXPECT_EQ(e.notifications[0].type, "NEW_KIND");  // unknown values are kept as text
    EXPECT_FALSE(e.notifications[0].known_type());
    EXPECT_FALSE(e.notifications[0].sticky);
    EXPECT_EQ(e.server_time->seconds, 1441828693);  // Unix seconds accepted too
}

TEST(EnvelopeParse, UnknownErrorCodesAreKept) {
    auto const e = parse_ok(R"({"status":418,"errors":[{"code":"TEAPOT"}]})");
    EXPECT_EQ(e.errors.at(0).code, "TEAPOT");
    EXPECT_FALSE(e.errors[0].known_code());
    EXPECT_EQ(e.errors[0].name().name(), "TEAPOT");
    EXPECT_TRUE(e.is_error());
}

// Duplicate members: the same spelling twice keeps the last value (Boost.JSON, JSON.parse);
// two spellings of one member are ambiguous and refused.
TEST(EnvelopeParse, DuplicateMembers) {
    EXPECT_EQ(parse_ok(R"({"status":200,"status":404})").status, 404);
    EXPECT_EQ(parse_ok(R"({"status":200,"next_url":"a","next_url":"b"})").next_url, "b");
    auto r = parse_envelope(R"({"status":200,"total_count":1,"totalCount":2})");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::duplicate);
    EXPECT_EQ(r.error().path, "totalCount");
    r = parse_envelope(R"({"status":400,"errors":[{"code":"A","Code":"B"}]})");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::duplicate);
    EXPECT_EQ(r.error().path, "errors[0].Code");
}

struct my_user {
    std::int64_t id;
    std::string name;
};
my_user tag_invoke(json::value_to_tag<my_user>, json::value const& v) {
    return {v.at("id").as_int64(), std::string(v.at("name").as_string())};
}

TEST(EnvelopeParse, DataIntoUserTypes) {
    auto const e = parse_ok(vectors::intro2);
    auto const u = e.data_as<my_user>();
    ASSERT_TRUE(u);
    EXPECT_EQ(u->id, 99);
    EXPECT_EQ(u->name, "Caryn Pryor");
    auto const wrong = parse_ok(vectors::single_delete).data_as<my_user>();  // no data: null
    EXPECT_FALSE(wrong);
}

TEST(EnvelopeParse, MonotonicResourceAndMoves) {
    json::monotonic_resource mr;
    auto r = parse_envelope(vectors::otp_step, {}, &mr);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->root().storage().get(), &mr);
    parsed_envelope moved = std::move(*r);
    EXPECT_EQ(moved.errors.at(0).code, "OTP_EXPECTED");  // views survive a move
    parsed_envelope assigned = parse_ok(vectors::resp3);
    assigned = std::move(moved);
    EXPECT_EQ(assigned.auth_token, "dPQBJfPG5cGYd6MMPtowGz93x3uSN7Vc7yBw3JrKL5owqfowKFda4mezGefo5QDmRnxyV2");
    EXPECT_EQ(serialize_envelope(assigned.to_envelope()), vectors::otp_step);
}

TEST(EnvelopeParse, BadInputIsATypedError) {
    for (auto const& row : vectors::bad_envelopes()) {
        SCOPED_TRACE(row.name);
        auto const r = parse_envelope(row.body);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, row.code) << r.error().message();
        EXPECT_EQ(r.error().path, row.path);
        EXPECT_EQ(r.error().offset, row.offset);
        EXPECT_EQ(r.error().expected, row.expected);
    }
}

TEST(EnvelopeParse, SizeLimit) {
    // A 100 MB `data`: past the default 64 MiB limit, refused before any parsing.
    std::string body = R"({"status":200,"data":")";
    body.append(100u * 1000 * 1000, 'a');
    body += "\"}";
    auto const r = parse_envelope(body);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::too_long);
    EXPECT_EQ(r.error().offset, envelope_parse_options{}.max_size);
    // Within a limit the caller raises, a large `data` parses.
    envelope_parse_options big;
    big.max_size = 200u * 1000 * 1000;
    std::string medium = R"({"status":200,"data":")";
    medium.append(8u * 1000 * 1000, 'a');
    medium += "\"}";
    auto const ok = parse_envelope(medium, big);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->data().as_string().size(), 8u * 1000 * 1000);
}

TEST(EnvelopeParse, DepthLimitIsConfigurable) {
    std::string deep = R"({"status":200,"data":)" + std::string(100, '[') + std::string(100, ']') + "}";
    EXPECT_FALSE(parse_envelope(deep));  // default 64
    envelope_parse_options opt;
    opt.max_depth = 128;
    EXPECT_TRUE(parse_envelope(deep, opt));
}

}  // namespace

namespace {

// The readers' camel/Pascal tables are the foundation's conversions of the snake names.
TEST(EnvelopeParse, SpellingTablesMatchLetterCaseConversion) {
    using namespace kayako::detail;
    auto check = [](auto const& snake, auto const& camel, auto const& pascal) {
        for (std::size_t i = 0; i < snake.size(); ++i) {
            EXPECT_EQ(kayako::convert_case(snake[i], kayako::letter_case::camel), camel[i]);
            EXPECT_EQ(kayako::convert_case(snake[i], kayako::letter_case::pascal), pascal[i]);
        }
    };
    check(envelope_member_names, envelope_member_camel, envelope_member_pascal);
    check(error_field_names, error_field_camel, error_field_pascal);
    check(notification_field_names, notification_field_camel, notification_field_pascal);
    check(log_field_names, log_field_camel, log_field_pascal);
    for (std::size_t i = 0; i < envelope_member_names.size(); ++i) {
        EXPECT_EQ(match_envelope_member(envelope_member_camel[i]), i);
        EXPECT_EQ(match_envelope_member(envelope_member_pascal[i]), i);
    }
    // Positions follow the tables' row order (the order written, envelope_members.hpp).
    EXPECT_EQ(match_envelope_member("Total_count"), envelope_table::row_named("total_count"));  // any spelling names_equal accepts
    EXPECT_EQ(match_envelope_member("TOTAL_COUNT"), envelope_member_names.size());  // not a letter case
    EXPECT_EQ(match_envelope_member(""), envelope_member_names.size());
    EXPECT_EQ(match_error_field("moreInfo"), entry_table<kayako::api_error_object>::row_named("more_info"));
    EXPECT_EQ(match_notification_field("RelatedLabel"), 5u);
    EXPECT_EQ(match_log_field("Level"), 0u);
}

}  // namespace
