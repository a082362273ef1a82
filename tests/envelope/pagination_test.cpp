// Tests of pagination.hpp (§7, §21.11): arguments, the link rules row by row, the exact link of
// §7.4, and the client's next page.
#include <kayako/envelope/pagination.hpp>

#include <kayako/core/api_error.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace kayako;

// ---------------------------------------------------------------------------------------------
// Links.

constexpr std::string_view base = "https://kayako-mobile-testing.kayako.com/api/v1/conversations";
constexpr std::string_view prefix =
    "https://kayako-mobile-testing.kayako.com/api/v1/conversations.json?_case=camel&include=userMinimal%2Cteam%2CcaseStatus%2CcasePriority";

query_argument const request_arguments[] = {
    {"_case", "camel"},
    {"include", "userMinimal,team,caseStatus,casePriority"},
};

link_target conversations() {
    link_target t;
    t.base_url = base;
    t.arguments = request_arguments;
    t.name_case = letter_case::camel;
    return t;
}

// "offset=N" / "(no offset)" / "–" of the table, as the link that must come out.
std::optional<std::string> link(std::uint64_t limit, std::optional<std::uint64_t> offset) {
    std::string url(prefix);
    if (limit != 10) url += "&limit=" + std::to_string(limit);
    if (offset && *offset != 0) url += "&offset=" + std::to_string(*offset);
    return url;
}
constexpr std::nullopt_t absent = std::nullopt;
constexpr std::optional<std::uint64_t> no_offset = 0;

TEST(PaginationLinks, EveryRowOfTheSection74Table) {
    struct row {
        std::uint64_t offset, limit, total;
        std::optional<std::string> first, previous, next, last;
    };
    row const rows[] = {
        {0, 5, 15, absent, absent, link(5, 5), link(5, 10)},
        {5, 3, 15, link(3, no_offset), link(3, 2), link(3, 8), link(3, 12)},
        {8, 7, 15, link(7, no_offset), link(7, 1), absent, link(7, 14)},
        {15, 5, 15, link(5, no_offset), link(5, 10), absent, link(5, 10)},
        {0, 20, 12, absent, absent, absent, absent},
        {15, 5, 16, link(5, no_offset), link(5, 10), absent, absent},   // messages
        {0, 5, 16, absent, absent, link(5, 5), link(5, 15)},           // messages
        {0, 2, 5, absent, absent, link(2, 2), link(2, 4)},             // articles
        {0, 10, 269, absent, absent, link(10, 10), link(10, 260)},     // search: no `limit` (default)
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(testing::Message() << r.offset << "," << r.limit << " of " << r.total);
        auto const links = make_offset_links(conversations(), r.offset, r.limit, r.total);
        EXPECT_EQ(links.first_url, r.first);
        EXPECT_EQ(links.previous_url, r.previous);
        EXPECT_EQ(links.next_url, r.next);
        EXPECT_EQ(links.last_url, r.last);
    }
}

TEST(PaginationLinks, ExactNextUrlOfSection74) {
    auto const links = make_offset_links(conversations(), 5, 3, 15);
    EXPECT_EQ(links.next_url,
              "https://kayako-mobile-testing.kayako.com/api/v1/conversations.json?_case=camel&include=userMinimal%2Cteam%2CcaseStatus%2CcasePriority&limit=3&offset=8");
}

TEST(PaginationLinks, PreviousClampsAtZero) {  // §21.11
    auto const links = make_offset_links(conversations(), 3, 5, 20);
    EXPECT_EQ(links.previous_url, link(5, no_offset));
    EXPECT_EQ(links.first_url, link(5, no_offset));
}

TEST(PaginationLinks, EmptyAndDegenerateCollections) {
    auto const empty = make_offset_links(conversations(), 0, 10, 0);
    EXPECT_EQ(empty, pagination_links{});
    auto const past_end = make_offset_links(conversations(), 40, 10, 15);  // offset beyond the end
    EXPECT_EQ(past_end.previous_url, link(10, 30));
    EXPECT_FALSE(past_end.next_url);
    EXPECT_EQ(past_end.last_url, link(10, 10));
    auto const zero_limit = make_offset_links(conversations(), 0, 0, 25);  // read as the default
    EXPECT_EQ(zero_limit.next_url, link(10, 10));
}

TEST(PaginationLinks, ArgumentsSortedEncodedAndNamesConverted) {  // §6.1, §21.11
    query_argument const args[] = {
        {"section_id", "243"}, {"fields", "+name,*"}, {"offset", "999"}, {"Limit", "7"}, {"q", "a b&c"},
    };
    link_target t;
    t.base_url = "https://x.kayako.com/api/v1/articles.json";  // suffix not doubled
    t.arguments = args;
    t.name_case = letter_case::camel;
    EXPECT_EQ(make_offset_url(t, 20, 10),
              "https://x.kayako.com/api/v1/articles.json?fields=%2Bname%2C%2A&offset=20&q=a+b%26c&sectionId=243");
    t.name_case = letter_case::snake;
    t.json_suffix = false;
    t.base_url = "https://x.kayako.com/api/v1/articles";
    EXPECT_EQ(make_offset_url(t, 0, 25), "https://x.kayako.com/api/v1/articles?fields=%2Bname%2C%2A&limit=25&q=a+b%26c&section_id=243");
}

// Found by the pagination fuzzer: `limit_` is not `limit`, but its Pascal spelling `Limit` is.
// Names whose spelling in the response's case would name another argument are kept as sent.
// §21.24: a credential authenticates the request and never travels into its links. Each name in
// each spelling a client may send: snake, `[]`, camel, Pascal, `_Session_Id`, all capitals.
std::vector<std::string> spellings_of(std::string_view snake) {
    std::string capitalised(snake);  // every word capitalised, underscores kept: `_Session_Id`
    for (std::size_t i = 0; i < capitalised.size(); ++i)
        if (i == 0 || capitalised[i - 1] == '_') capitalised[i] = detail::to_upper(capitalised[i]);
    std::string upper(snake);
    for (char& c : upper) c = detail::to_upper(c);
    return {std::string(snake),
            std::string(snake) + "[]",
            convert_case(snake, letter_case::camel),
            convert_case(snake, letter_case::pascal),
            capitalised,
            capitalised + "[]",
            upper,
            convert_case(snake, letter_case::camel) + "[]"};
}

TEST(PaginationLinks, CredentialsNeverTravelInLinks) {
    std::size_t checked = 0;
    for (std::string_view credential : credential_argument_names) {
        for (std::string const& name : spellings_of(credential)) {
            SCOPED_TRACE(name);
            EXPECT_TRUE(is_credential_argument(name));
            query_argument const args[] = {{"_case", "camel"}, {name, "s3cr3t"}, {"include", "userMinimal"}};
            link_target t;
            t.base_url = "https://x.kayako.com/api/v1/conversations";
            t.arguments = args;
            t.name_case = letter_case::camel;
            auto const links = make_offset_links(t, 5, 5, 20);
            std::string const kept = "https://x.kayako.com/api/v1/conversations.json?_case=camel&include=userMinimal&limit=5";
            EXPECT_EQ(links.first_url, kept);
            EXPECT_EQ(links.previous_url, kept);
            EXPECT_EQ(links.next_url, kept + "&offset=10");
            EXPECT_EQ(links.last_url, kept + "&offset=15");
            auto const cursor = make_cursor_links(t, 10, 1, 9);
            EXPECT_EQ(cursor.next_url, "https://x.kayako.com/api/v1/conversations.json?_case=camel&afterId=9&include=userMinimal");
            ++checked;
        }
    }
    EXPECT_EQ(checked, 7u * 8u);
}

TEST(PaginationLinks, OnlyCredentialsAreDropped) {  // §21.24 at its edges: near names stay
    for (std::string_view name : {"token", "timestamp", "otp", "jwt", "session_id", "sessionid", "fingerprint_id",
                                  "_session", "_session_idx", "_tokens", "access", "_case", "_portal", "x_token"}) {
        SCOPED_TRACE(name);
        EXPECT_FALSE(is_credential_argument(name));
        query_argument const args[] = {{name, "v"}};
        link_target t;
        t.base_url = "https://x.kayako.com/api/v1/tests";
        t.arguments = args;
        std::string const url = make_offset_url(t, 10, 10);
        EXPECT_TRUE(url.find("?" + std::string(name) + "=v") != std::string::npos || url.find("&" + std::string(name) + "=v") != std::string::npos) << url;
    }
    // `access_token` has no leading `_` (§11.3): with one or without, it is the OAuth token.
    EXPECT_TRUE(is_credential_argument("_access_token"));
    EXPECT_TRUE(is_credential_argument("AccessToken"));
    EXPECT_TRUE(is_credential_argument("_fingerprint_id[][]"));
}

TEST(PaginationLinks, NamesTheConversionWouldChangeAreKeptAsSent) {
    query_argument const args[] = {{"limit_", "6"}, {"a__b", "1"}, {"section_id", "3"}};
    link_target t;
    t.base_url = "https://x.kayako.com/api/v1/articles";
    t.arguments = args;
    t.name_case = letter_case::pascal;
    EXPECT_EQ(make_offset_url(t, 20, 10), "https://x.kayako.com/api/v1/articles.json?Offset=20&SectionId=3&a__b=1&limit_=6");
}

TEST(PaginationLinks, CursorExampleOfSection74) {
    query_argument const args[] = {{"count", "25"}};
    link_target t;
    t.base_url = "http://v5.kayako.com/api/v1/tests";
    t.arguments = args;
    t.json_suffix = false;  // the docs' example has none
    auto const links = make_cursor_links(t, 10, 11, 20);
    EXPECT_EQ(links.first_url, "http://v5.kayako.com/api/v1/tests?before_id=11&count=25");
    EXPECT_EQ(links.previous_url, "http://v5.kayako.com/api/v1/tests?before_id=11&count=25");
    EXPECT_EQ(links.next_url, "http://v5.kayako.com/api/v1/tests?after_id=20&count=25");
    EXPECT_EQ(links.last_url, "http://v5.kayako.com/api/v1/tests?after_id=20&count=25");
    EXPECT_EQ(make_cursor_links(t, 5, 11, 20).next_url, "http://v5.kayako.com/api/v1/tests?after_id=20&count=25&limit=5");
    EXPECT_EQ(make_cursor_links(t, 10, std::nullopt, std::nullopt), pagination_links{});
}

TEST(PaginationLinks, ApplyToEnvelope) {
    auto const links = make_offset_links(conversations(), 5, 3, 15);
    envelope e;
    links.apply_to(e);
    EXPECT_EQ(e.next_url, *links.next_url);
    EXPECT_EQ(e.first_url, *links.first_url);
    auto const first_page = make_offset_links(conversations(), 0, 5, 15);
    first_page.apply_to(e);
    EXPECT_FALSE(e.first_url);
    EXPECT_FALSE(e.previous_url);
}

// ---------------------------------------------------------------------------------------------
// Arguments.

TEST(PaginationArguments, Good) {
    struct row {
        std::vector<query_argument> args;
        pagination_arguments expected;
    };
    pagination_arguments defaults;
    pagination_arguments page3 = defaults;
    page3.offset = 50;
    page3.limit = 25;
    pagination_arguments before = defaults;
    before.before_id = 15;
    pagination_arguments after = defaults;
    after.after_id = 19;
    pagination_arguments since = defaults;
    since.since = timestamp{1440776099, 300};  // 2015-08-28T20:34:59+05:00 (§7.3)
    pagination_arguments until = defaults;
    until.until = timestamp{1441828693, 0};
    pagination_arguments last_wins = defaults;
    last_wins.limit = 7;
    row const rows[] = {
        {{}, defaults},
        {{{"offset", "50"}, {"limit", "25"}}, page3},
        {{{"Offset", "50"}, {"LIMIT", "1"}, {"limit", "25"}}, page3},  // `LIMIT` is no letter case of `limit` (§2.5): ignored
        {{{"before_id", "15"}}, before},
        {{{"afterId", "19"}}, after},
        {{{"since", "2015-08-28T20:34:59+05:00"}}, since},
        {{{"until", "1441828693"}}, until},
        {{{"limit", "3"}, {"Limit", "7"}, {"other", "x"}}, last_wins},
    };
    for (auto const& r : rows) {
        auto const p = parse_pagination(r.args);
        ASSERT_TRUE(p);
        EXPECT_EQ(*p, r.expected);
    }
}

TEST(PaginationArguments, LimitZeroIsTheDefaultPage) {  // §21.17
    std::vector<query_argument> const zero{{"limit", "0"}, {"offset", "0"}};
    EXPECT_EQ(parse_pagination(zero).value().limit, 10u);
    pagination_options options;
    options.default_limit = 25;
    EXPECT_EQ(parse_pagination(zero, options).value().limit, 25u);
    EXPECT_EQ(parse_pagination(std::vector<query_argument>{{"limit", "1"}}).value().limit, 1u);
    EXPECT_EQ(parse_pagination(std::vector<query_argument>{{"limit", "1000"}}).value().limit, 1000u);  // §21.14
    EXPECT_EQ(parse_pagination(std::vector<query_argument>{{"limit", "1001"}}).error().code, error::integer_out_of_range);
    // The links of the SDK's limit=0 page follow the default size, which they omit (GetMessages_1).
    query_argument const request[] = {{"_case", "camel"}, {"include", "userMinimal"}, {"limit", "0"}, {"offset", "0"}};
    auto const page = parse_pagination(request).value();
    link_target t;
    t.base_url = "https://kayako-mobile-testing.kayako.com/api/v1/conversations/20/messages";
    t.arguments = request;
    t.name_case = letter_case::camel;
    auto const links = make_offset_links(t, page.offset, page.limit, 20);
    EXPECT_EQ(links.next_url,
              "https://kayako-mobile-testing.kayako.com/api/v1/conversations/20/messages.json?_case=camel&include=userMinimal&offset=10");
}

TEST(PaginationArguments, Bad) {
    struct row {
        std::vector<query_argument> args;
        error code;
        std::string_view parameter;
    };
    row const rows[] = {
        {{{"offset", "-1"}}, error::integer_out_of_range, "offset"},
        {{{"offset", ""}}, error::empty_value, "offset"},
        {{{"offset", "1x"}}, error::invalid_integer, "offset"},
        {{{"limit", "-1"}}, error::integer_out_of_range, "limit"},  // §21.17: negative stays an error
        {{{"limit", "1.5"}}, error::invalid_integer, "limit"},
        {{{"limit", "1001"}}, error::integer_out_of_range, "limit"},
        {{{"limit", "99999999999999999999999"}}, error::integer_out_of_range, "limit"},
        {{{"before_id", "abc"}}, error::invalid_integer, "before_id"},
        {{{"since", "yesterday"}}, error::invalid_timestamp, "since"},
        {{{"before_id", "1"}, {"after_id", "2"}}, error::conflicting_arguments, "after_id"},
        {{{"until", "1"}, {"since", "2"}}, error::conflicting_arguments, "since"},
        {{{"since", "1"}, {"before_id", "2"}}, error::conflicting_arguments, "before_id"},
    };
    for (auto const& r : rows) {
        auto const p = parse_pagination(r.args);
        ASSERT_FALSE(p) << r.args.front().name << "=" << r.args.front().value;
        EXPECT_EQ(p.error().code, r.code) << r.args.front().value;
        EXPECT_EQ(p.error().parameter, r.parameter);
    }
    // Two position arguments: ONE_FIELD_EXPECTED, as the reference's example (§7.3), naming
    // both in `parameters`, in the order sent.
    EXPECT_EQ(api_error_for(error::conflicting_arguments), api_error_code::one_field_expected);
    query_argument const both[] = {{"Until", "1"}, {"limit", "5"}, {"since", "2"}, {"until", "3"}};
    EXPECT_EQ(position_arguments(both), (std::vector<std::string_view>{"until", "since"}));
    auto const names = position_arguments(both);
    EXPECT_EQ(make_api_error(api_error_code::one_field_expected, names).parameters,
              (std::vector<std::string_view>{"until", "since"}));
    query_argument const absent[] = {{"offset", "5"}, {"q", "x"}};
    EXPECT_TRUE(position_arguments(absent).empty());
}

TEST(PaginationArguments, ResourceOptions) {
    pagination_options offset_only;
    offset_only.allow_cursor = false;
    offset_only.allow_dates = false;
    query_argument const cursor[] = {{"after_id", "3"}};
    auto const p = parse_pagination(cursor, offset_only);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, error::invalid_name);
    EXPECT_EQ(p.error().parameter, "after_id");
    pagination_options big;
    big.max_limit = 5000;
    big.default_limit = 50;
    query_argument const l[] = {{"limit", "4000"}};
    EXPECT_EQ(parse_pagination(l, big)->limit, 4000u);
    EXPECT_EQ(parse_pagination({}, big)->limit, 50u);
}

// ---------------------------------------------------------------------------------------------
// Client side (§7.3).

TEST(NextPage, FollowsNextUrl) {
    envelope_metadata m;
    m.next_url = "https://x/api/v1/tests.json?offset=10";
    auto const n = next_page(m, 10);
    ASSERT_TRUE(n);
    EXPECT_EQ(n->url, "https://x/api/v1/tests.json?offset=10");
    m.next_url.reset();
    m.last_url = "https://x/api/v1/tests.json?offset=10";  // links but no next: the last page
    EXPECT_FALSE(next_page(m, 10));
}

TEST(NextPage, FromOffsetAndLimit) {
    struct row {
        std::optional<std::uint64_t> offset, limit, total;
        std::uint64_t items, requested_offset, requested_limit;
        std::optional<next_page_request> expected;
    };
    row const rows[] = {
        {0, 10, 25, 10, 0, 10, next_page_request{std::nullopt, 10, 10}},
        {20, 10, 25, 5, 0, 10, std::nullopt},                                   // reached total_count
        {std::nullopt, std::nullopt, std::nullopt, 10, 30, 10, next_page_request{std::nullopt, 40, 10}},
        {std::nullopt, std::nullopt, std::nullopt, 4, 30, 10, std::nullopt},    // short page: the end
        {0, 10, std::nullopt, 13, 0, 10, next_page_request{std::nullopt, 13, 10}},  // longer than limit (§7.3)
        {0, 10, 100, 0, 0, 10, std::nullopt},                                   // empty page
    };
    for (auto const& r : rows) {
        envelope_metadata m;
        m.offset = r.offset;
        m.limit = r.limit;
        m.total_count = r.total;
        EXPECT_EQ(next_page(m, r.items, r.requested_offset, r.requested_limit), r.expected);
    }
}

TEST(NextPage, BuildsTheNextTarget) {
    envelope_metadata m;
    m.offset = 0;
    m.limit = 3;
    m.total_count = 15;
    auto const n = next_page(m, 3);
    ASSERT_TRUE(n);
    EXPECT_EQ(make_offset_url(conversations(), n->offset, n->limit),
              "https://kayako-mobile-testing.kayako.com/api/v1/conversations.json?_case=camel&include=userMinimal%2Cteam%2CcaseStatus%2CcasePriority&limit=3&offset=3");
}

// ---------------------------------------------------------------------------------------------
// Boundaries (issue 12).

// §21.15: the last of a repeated argument wins — a cursor or date sent twice (in any spelling of
// its name, §2.5) is ONE argument, not two of the §7.3 "at most one".
TEST(PaginationArguments, RepeatedPositionArgumentIsOneArgument) {
    struct row {
        std::vector<query_argument> args;
        pagination_arguments expected;
    };
    pagination_arguments after = {};
    after.after_id = 2;
    pagination_arguments before = {};
    before.before_id = 5;
    pagination_arguments since = {};
    since.since = timestamp{20, 0};
    pagination_arguments until = {};
    until.until = timestamp{30, 0};
    row const rows[] = {
        {{{"after_id", "1"}, {"after_id", "2"}}, after},
        {{{"after_id", "1"}, {"afterId", "2"}}, after},
        {{{"before_id", "9"}, {"limit", "10"}, {"beforeId", "5"}}, before},
        {{{"since", "10"}, {"since", "20"}}, since},
        {{{"until", "10"}, {"until", "30"}}, until},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(testing::Message() << r.args.front().name << " then " << r.args.back().name);
        auto const p = parse_pagination(r.args);
        ASSERT_TRUE(p) << p.error().message();
        EXPECT_EQ(*p, r.expected);
        EXPECT_EQ(position_arguments(r.args).size(), 1u);
    }
    // A different one after a repeated one still conflicts, naming the later one.
    query_argument const three[] = {{"after_id", "1"}, {"after_id", "2"}, {"before_id", "3"}};
    auto const p = parse_pagination(three);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error(), failure(error::conflicting_arguments, 0, "before_id"));
}

// §21.14 and every field of pagination_options, at its bound and one past.
TEST(PaginationArguments, EveryOptionAtItsBound) {
    pagination_options const defaults;
    EXPECT_EQ(defaults.default_limit, 10u);
    EXPECT_EQ(defaults.max_limit, 1000u);
    EXPECT_TRUE(defaults.allow_cursor);
    EXPECT_TRUE(defaults.allow_dates);
    pagination_options small;
    small.max_limit = 5;
    small.default_limit = 3;
    query_argument const at[] = {{"limit", "5"}};
    query_argument const past[] = {{"limit", "6"}};
    query_argument const zero[] = {{"limit", "0"}};
    EXPECT_EQ(parse_pagination(at, small).value().limit, 5u);
    EXPECT_EQ(parse_pagination(past, small).error(), failure(error::integer_out_of_range, 0, "limit"));
    EXPECT_EQ(parse_pagination(zero, small).value().limit, 3u);
    EXPECT_EQ(parse_pagination({}, small).value().limit, 3u);
    EXPECT_EQ(api_error_for(parse_pagination(past, small).error()), api_error_code::field_invalid);
    // The largest offset and cursor an unsigned 64-bit integer holds, and one more.
    query_argument const max_offset[] = {{"offset", "18446744073709551615"}, {"after_id", "18446744073709551615"}};
    EXPECT_EQ(parse_pagination(max_offset).value().offset, UINT64_MAX);
    EXPECT_EQ(parse_pagination(max_offset).value().after_id, UINT64_MAX);
    query_argument const past_offset[] = {{"offset", "18446744073709551616"}};
    EXPECT_EQ(parse_pagination(past_offset).error().code, error::integer_out_of_range);
    // Cursors and dates are refused separately: each option guards its own pair only.
    pagination_options no_dates;
    no_dates.allow_dates = false;
    pagination_options no_cursor;
    no_cursor.allow_cursor = false;
    for (std::string_view name : {"since", "until"}) {
        query_argument const a[] = {{name, "1"}};
        EXPECT_EQ(parse_pagination(a, no_dates).error(), failure(error::invalid_name, 0, name));
        EXPECT_TRUE(parse_pagination(a, no_cursor));
    }
    for (std::string_view name : {"before_id", "after_id"}) {
        query_argument const a[] = {{name, "1"}};
        EXPECT_EQ(parse_pagination(a, no_cursor).error(), failure(error::invalid_name, 0, name));
        EXPECT_TRUE(parse_pagination(a, no_dates));
    }
    EXPECT_EQ(api_error_for(error::invalid_name), api_error_code::field_invalid);
}

// §21.17: limit 0 asks for the default page — the *configured* default, in the links as well.
TEST(PaginationLinks, LimitZeroUsesTheConfiguredDefault) {
    link_target t;
    t.base_url = "https://x.kayako.com/api/v1/cases";
    t.default_limit = 25;
    auto const links = make_offset_links(t, 0, 0, 100);
    EXPECT_EQ(links.next_url, "https://x.kayako.com/api/v1/cases.json?offset=25");
    EXPECT_EQ(links.last_url, "https://x.kayako.com/api/v1/cases.json?offset=75");
    auto const same = make_offset_links(t, 0, 25, 100);
    EXPECT_EQ(links, same);
    // A page of the default size omits `limit`; any other size names it, 10 included.
    EXPECT_EQ(make_offset_url(t, 0, 10), "https://x.kayako.com/api/v1/cases.json?limit=10");
    EXPECT_EQ(make_offset_url(t, 0, 25), "https://x.kayako.com/api/v1/cases.json");
    // A target whose default is 0 falls back to the protocol's 10 (and then names it).
    t.default_limit = 0;
    EXPECT_EQ(make_offset_links(t, 0, 0, 100).next_url, "https://x.kayako.com/api/v1/cases.json?limit=10&offset=10");
    // Cursor links: limit 0 and the default are not written.
    t.default_limit = 25;
    EXPECT_EQ(make_cursor_links(t, 0, 1, 9).next_url, "https://x.kayako.com/api/v1/cases.json?after_id=9");
    EXPECT_EQ(make_cursor_links(t, 25, 1, 9).next_url, "https://x.kayako.com/api/v1/cases.json?after_id=9");
    EXPECT_EQ(make_cursor_links(t, 10, 1, 9).next_url, "https://x.kayako.com/api/v1/cases.json?after_id=9&limit=10");
}

// §7.4, §21.11 at the edges: next iff offset + limit < total_count, last iff L != offset.
TEST(PaginationLinks, EdgesOfTheLinkRules) {
    struct row {
        std::uint64_t offset, limit, total;
        std::optional<std::string> first, previous, next, last;
    };
    row const rows[] = {
        {0, 5, 5, absent, absent, absent, absent},                        // exactly one page
        {0, 5, 6, absent, absent, link(5, 5), link(5, 5)},            // one item more
        {0, 5, 1, absent, absent, absent, absent},
        {5, 5, 1, link(5, no_offset), link(5, no_offset), absent, link(5, no_offset)},  // past a one-item list
        {5, 5, 10, link(5, no_offset), link(5, no_offset), absent, absent},
        {5, 5, 11, link(5, no_offset), link(5, no_offset), link(5, 10), link(5, 10)},
        {1, 5, 3, link(5, no_offset), link(5, no_offset), absent, link(5, no_offset)},
        {5, 4, 20, link(4, no_offset), link(4, 1), link(4, 9), link(4, 16)},   // previous = offset - limit
        {4, 4, 20, link(4, no_offset), link(4, no_offset), link(4, 8), link(4, 16)},
        {3, 4, 20, link(4, no_offset), link(4, no_offset), link(4, 7), link(4, 16)},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(testing::Message() << r.offset << "," << r.limit << " of " << r.total);
        auto const links = make_offset_links(conversations(), r.offset, r.limit, r.total);
        EXPECT_EQ(links.first_url, r.first);
        EXPECT_EQ(links.previous_url, r.previous);
        EXPECT_EQ(links.next_url, r.next);
        EXPECT_EQ(links.last_url, r.last);
    }
}

TEST(NextPage, EveryRuleAtItsEdge) {  // §7.3
    envelope_metadata with_next;
    with_next.next_url = "https://x/api/v1/t.json?offset=3";
    EXPECT_EQ(next_page(with_next, 0, 7, 9), (next_page_request{"https://x/api/v1/t.json?offset=3", 0, 0}));
    // Any link but next_url marks the last page, each one alone.
    for (int which = 0; which < 3; ++which) {
        envelope_metadata m;
        (which == 0 ? m.first_url : which == 1 ? m.previous_url : m.last_url) = "https://x/api/v1/t.json";
        EXPECT_FALSE(next_page(m, 10)) << which;
    }
    struct row {
        std::optional<std::uint64_t> total;
        std::uint64_t items, limit;
        std::optional<next_page_request> expected;
    } const rows[] = {
        {11, 10, 10, next_page_request{std::nullopt, 10, 10}},  // one item left
        {10, 10, 10, std::nullopt},                              // total reached exactly
        {std::nullopt, 10, 10, next_page_request{std::nullopt, 10, 10}},  // a full page
        {std::nullopt, 9, 10, std::nullopt},                     // one short
    };
    for (auto const& r : rows) {
        envelope_metadata m;
        m.total_count = r.total;
        EXPECT_EQ(next_page(m, r.items, 0, r.limit), r.expected);
    }
    envelope_metadata overflow;
    overflow.offset = UINT64_MAX;
    EXPECT_FALSE(next_page(overflow, 1));
}

}  // namespace
