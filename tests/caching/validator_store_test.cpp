// Tests of validator_store.hpp: the client keeps a resource's validators verbatim and sends them
// back in If-* headers; it classifies the answer to a conditional request (§9.1, §9.2, §21.6).
#include <kayako/caching/validator_store.hpp>

#include <gtest/gtest.h>

#include <kayako/caching/preconditions.hpp>
#include <kayako/core/api_error.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using fields = std::vector<std::pair<std::string, std::string>>;

// The round trip below asks our own server side (preconditions.hpp) what it makes of the
// conditions the client sends.
kayako::precondition_outcome evaluate_on_server(std::string_view method, fields const& f, kayako::resource_validators const& v) {
    return kayako::evaluate_preconditions(method, kayako::pair_headers<fields>(f), v).outcome;
}

kayako::resource_validators stored_version(std::string_view opaque, bool weak, std::int64_t modified) {
    kayako::resource_validators v;
    v.etag = kayako::entity_tag{opaque, weak};
    v.last_modified = kayako::http_date{modified};
    return v;
}

constexpr auto outcome_proceed = kayako::precondition_outcome::proceed;
constexpr auto outcome_not_modified = kayako::precondition_outcome::not_modified;
constexpr auto outcome_failed = kayako::precondition_outcome::precondition_failed;


fields conditions(kayako::validator_entry const& e, std::string_view method) {
    fields out;
    e.add_conditions(method, [&](std::string_view n, std::string_view v) { out.emplace_back(std::string(n), std::string(v)); });
    return out;
}

TEST(ValidatorEntry, KeepsValidatorsVerbatimAndEchoesThem) {  // §9.1, §9.2, §21.6
    fields const response = {{"ETag", "1653fb55ce4603b2f3def1903eb81333"},
                             {"Last-Modified", " Fri, 14 Aug 2015 18:39:41 +0000 "}};
    auto const entry = kayako::validator_entry::from_response(kayako::pair_headers<fields>(response));
    ASSERT_TRUE(entry) << entry.error().message();
    EXPECT_EQ(entry->etag(), "1653fb55ce4603b2f3def1903eb81333");    // unquoted, as received
    EXPECT_EQ(entry->last_modified(), "Fri, 14 Aug 2015 18:39:41 +0000");  // +0000, as received (trimmed)
    EXPECT_EQ(conditions(*entry, "GET"), (fields{{"If-None-Match", "1653fb55ce4603b2f3def1903eb81333"},
                                                 {"If-Modified-Since", "Fri, 14 Aug 2015 18:39:41 +0000"}}));
    EXPECT_EQ(conditions(*entry, "HEAD"), conditions(*entry, "GET"));
    fields const guard = {{"If-Match", "1653fb55ce4603b2f3def1903eb81333"},
                          {"If-Unmodified-Since", "Fri, 14 Aug 2015 18:39:41 +0000"}};
    EXPECT_EQ(conditions(*entry, "PUT"), guard);
    EXPECT_EQ(conditions(*entry, "DELETE"), guard);
    EXPECT_EQ(conditions(*entry, "PATCH"), guard);
    EXPECT_TRUE(conditions(*entry, "POST").empty());
    EXPECT_TRUE(conditions(*entry, "OPTIONS").empty());
}

TEST(ValidatorEntry, RoundTripsThroughTheServer) {
    // The client's conditions, evaluated by our own server side, give the documented outcomes.
    fields const response = {{"ETag", R"("c5096115d7d05d842514f96831aa852f")"},
                             {"Last-Modified", "Thu, 10 Sep 2015 16:17:04 +0000"}};
    auto const entry = kayako::validator_entry::from_response(kayako::pair_headers<fields>(response)).value();
    auto const same = stored_version("c5096115d7d05d842514f96831aa852f", false, 1441901824);
    auto const changed = stored_version("35676ce12ba0543c84489f3c393f5491", false, 1441901900);
    EXPECT_EQ(evaluate_on_server("GET", conditions(entry, "GET"), same), outcome_not_modified);
    EXPECT_EQ(evaluate_on_server("GET", conditions(entry, "GET"), changed), outcome_proceed);
    EXPECT_EQ(evaluate_on_server("PUT", conditions(entry, "PUT"), same), outcome_proceed);
    EXPECT_EQ(evaluate_on_server("PUT", conditions(entry, "PUT"), changed), outcome_failed);
}

TEST(ValidatorEntry, WeakTagsAreNotSentInIfMatch) {
    fields const response = {{"ETag", R"(W/"a")"}, {"Last-Modified", "Thu, 10 Sep 2015 16:17:04 GMT"}};
    auto const entry = kayako::validator_entry::from_response(kayako::pair_headers<fields>(response)).value();
    EXPECT_EQ(conditions(entry, "GET"),
              (fields{{"If-None-Match", R"(W/"a")"}, {"If-Modified-Since", "Thu, 10 Sep 2015 16:17:04 GMT"}}));
    EXPECT_EQ(conditions(entry, "PUT"), (fields{{"If-Unmodified-Since", "Thu, 10 Sep 2015 16:17:04 GMT"}}));
}

TEST(ValidatorEntry, EmptyAndPartial) {
    auto const none = kayako::validator_entry::from_response(kayako::pair_headers<fields>(fields{})).value();
    EXPECT_TRUE(none.empty());
    EXPECT_TRUE(conditions(none, "GET").empty());
    EXPECT_TRUE(conditions(none, "PUT").empty());
    fields const only_date = {{"Last-Modified", "Thu, 10 Sep 2015 16:17:04 GMT"}};
    auto const dated = kayako::validator_entry::from_response(kayako::pair_headers<fields>(only_date)).value();
    EXPECT_FALSE(dated.empty());
    EXPECT_EQ(conditions(dated, "GET"), (fields{{"If-Modified-Since", "Thu, 10 Sep 2015 16:17:04 GMT"}}));
}

TEST(ValidatorEntry, UpdateReplacesOnlyWhatTheResponseCarries) {
    fields const first = {{"ETag", R"("a")"}, {"Last-Modified", "Thu, 10 Sep 2015 16:17:04 GMT"}};
    auto entry = kayako::validator_entry::from_response(kayako::pair_headers<fields>(first)).value();
    fields const not_modified_response = {{"ETag", R"("b")"}};
    ASSERT_TRUE(entry.update(kayako::pair_headers<fields>(not_modified_response)));
    EXPECT_EQ(entry.etag(), R"("b")");
    EXPECT_EQ(entry.last_modified(), "Thu, 10 Sep 2015 16:17:04 GMT");
    fields const bad = {{"ETag", R"("c")"}, {"Last-Modified", "never"}};
    auto const r = entry.update(kayako::pair_headers<fields>(bad));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), kayako::failure(kayako::error::invalid_http_date, 0, "Last-Modified"));
    EXPECT_EQ(entry.etag(), R"("b")");  // nothing changed on failure
}

TEST(ValidatorEntry, RejectsWhatItCouldNotSendBack) {
    using kayako::error;
    using kayako::failure;
    struct row {
        fields headers;
        failure expected;
    };
    row const rows[] = {
        {{{"ETag", "\"a\"\r\nX-Evil: 1"}}, failure(error::header_injection, 3, "ETag")},
        {{{"Last-Modified", std::string("Thu, 10 Sep 2015 16:17:04 GMT\0", 30)}}, failure(error::header_injection, 29, "Last-Modified")},
        {{{"ETag", R"("a")"}, {"ETag", R"("b")"}}, failure(error::duplicate, failure::no_offset, "ETag")},
        {{{"ETag", "  "}}, failure(error::empty_value, 0, "ETag")},
        {{{"ETag", R"("a)"}}, failure(error::unexpected_end, 2, "ETag")},
        {{{"ETag", "a b"}}, failure(error::invalid_entity_tag, 1, "ETag")},
        {{{"Last-Modified", "2015-09-10"}}, failure(error::invalid_http_date, 0, "Last-Modified")},
    };
    for (auto const& r : rows) {
        auto const e = kayako::validator_entry::from_response(kayako::pair_headers<fields>(r.headers));
        ASSERT_FALSE(e);
        EXPECT_EQ(e.error(), r.expected) << r.expected.message();
    }
    kayako::entity_tag_options strict;
    strict.syntax = kayako::entity_tag_syntax::strict;
    fields const unquoted = {{"ETag", "abc"}};
    EXPECT_FALSE(kayako::validator_entry::from_response(kayako::pair_headers<fields>(unquoted), strict));
    EXPECT_TRUE(kayako::validator_entry::from_response(kayako::pair_headers<fields>(unquoted)));
}

TEST(ConditionalResponse, Classification) {
    using kayako::conditional_response;
    using kayako::classify_conditional_response;
    std::string_view const modified[] = {"FIELD_INVALID", "RESOURCE_MODIFIED"};
    std::string_view const other[] = {"FIELD_INVALID"};
    std::span<std::string_view const> const none{};
    EXPECT_EQ(classify_conditional_response(304, none), conditional_response::not_modified);
    EXPECT_EQ(classify_conditional_response(412, modified), conditional_response::conflict);
    EXPECT_EQ(classify_conditional_response(412, "RESOURCE_MODIFIED"), conditional_response::conflict);
    EXPECT_EQ(classify_conditional_response(412, other), conditional_response::precondition_failed);
    EXPECT_EQ(classify_conditional_response(412, none), conditional_response::precondition_failed);
    EXPECT_EQ(classify_conditional_response(412, "resource_modified"), conditional_response::precondition_failed);
    EXPECT_EQ(classify_conditional_response(400, modified), conditional_response::other);
    EXPECT_EQ(classify_conditional_response(200, none), conditional_response::other);
    EXPECT_EQ(classify_conditional_response(428, "CONDITION_REQUIRED"), conditional_response::other);
}

}  // namespace
