// Tests of what an error answer says beyond its code (answer.hpp): the `pointer` of a bad list
// item (§4.4; syntax §20.3, this project's) and the server's clock in `timestamp` with
// TIMESTAMP_MISMATCH (§11.10), in the request's letter case, and read back by the parser.
#include <kayako/response/answer.hpp>

#include <kayako/core/api_error.hpp>
#include <kayako/envelope/envelope_parser.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

using namespace kayako;

constexpr http_date now{1441901900};  // Thu, 10 Sep 2015 16:18:20 GMT

boost::json::object const& first_error(boost::json::value const& body) { return body.at("errors").at(0).as_object(); }

TEST(AnswerDetail, PointerOfAFailedListItem) {
    answer a;
    a.fail(failure(error::invalid_integer, 1, "array_items").at_index(1));
    auto const r = a.respond({.date = now});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    auto const body = boost::json::parse(r->body);
    EXPECT_EQ(first_error(body).at("code"), "FIELD_INVALID");
    EXPECT_EQ(first_error(body).at("parameter"), "array_items");
    EXPECT_EQ(first_error(body).at("pointer"), "array_items[1]");
    // The envelope parser reads it back.
    auto parsed = parse_envelope(r->body);
    ASSERT_TRUE(parsed);
    ASSERT_EQ(parsed->errors.size(), 1u);
    EXPECT_EQ(parsed->errors[0].pointer, "array_items[1]");
}

TEST(AnswerDetail, NoPointerUnlessAnItemIsNamed) {
    answer a;
    a.fail(failure(error::invalid_integer, 1, "integer_number"));
    auto const r = a.respond({.date = now});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body.find("pointer"), std::string::npos) << r->body;
    // A later error replaces the whole error, pointer included.
    answer b;
    b.fail(failure(error::invalid_integer, 1, "array_items").at_index(3));
    b.fail(api_error_code::field_required, "name");
    auto const rb = b.respond({.date = now});
    ASSERT_TRUE(rb);
    EXPECT_EQ(rb->body.find("pointer"), std::string::npos) << rb->body;
    // Set by hand, for an error a server found itself.
    answer c;
    c.fail(api_error_code::field_invalid, "array_items");
    c.set_error_pointer("array_items[2]");
    auto const rc = c.respond({.date = now});
    ASSERT_TRUE(rc);
    EXPECT_EQ(first_error(boost::json::parse(rc->body)).at("pointer"), "array_items[2]");
}

TEST(AnswerDetail, ServerTimeWithTimestampMismatch) {  // §11.10: the response adds `timestamp`
    answer a(answer_form{.name_case = letter_case::camel});
    a.fail(failure(error::timestamp_mismatch));
    a.set_server_time(timestamp{1441901900, 0});
    auto const r = a.respond({.date = now});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    auto const body = boost::json::parse(r->body);
    EXPECT_EQ(first_error(body).at("code"), "TIMESTAMP_MISMATCH");
    EXPECT_EQ(first_error(body).at("moreInfo"), "https://developer.kayako.com/api/v1/reference/errors/TIMESTAMP_MISMATCH");
    EXPECT_EQ(body.at("timestamp"), "2015-09-10T16:18:20+00:00");
    auto parsed = parse_envelope(r->body);
    ASSERT_TRUE(parsed);
    ASSERT_TRUE(parsed->server_time);
    EXPECT_EQ(parsed->server_time->seconds, 1441901900);
    // Without it, no `timestamp`.
    answer b;
    b.fail(failure(error::timestamp_missing));
    auto const rb = b.respond({.date = now});
    ASSERT_TRUE(rb);
    EXPECT_FALSE(boost::json::parse(rb->body).as_object().contains("timestamp"));
}

}  // namespace
