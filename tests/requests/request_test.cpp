// Tests of request.hpp: one typed request read once, each argument by its one owner. Every table
// feeds both the typed request and the owner's own reader (`parse_pagination`, `read_credentials`,
// `parse_fields`...), so that one argument gets one verdict wherever it is read; every input also
// goes through an exact heap buffer and with a tail behind its view (tests/support/views.hpp).
#include <kayako/request/typed_request.hpp>

#include <kayako/core/api_error.hpp>
#include <kayako/request/auth.hpp>
#include <kayako/output/fields.hpp>
#include <kayako/request/page_arguments.hpp>
#include <kayako/request/request_target.hpp>

#include "support/views.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using kayako::api_error_code;
using kayako::error;
using header_list = std::vector<std::pair<std::string, std::string>>;
using header_view = kayako::pair_headers<header_list>;

/// What a request came to, comparable across the ways of reading it.
struct verdict {
    bool ok = true;
    error cause = error::empty_value;           // when refused: the library's error
    api_error_code code = api_error_code::field_invalid;  // when refused: the wire code
    std::string parameter;                      // when refused: the wire parameter
    std::vector<std::string> parameters;        // when refused: the wire parameters
    kayako::pagination_arguments page;          // when accepted

    friend bool operator==(verdict const&, verdict const&) = default;
    friend std::ostream& operator<<(std::ostream& os, verdict const& v) {
        if (v.ok) return os << "accepted (limit " << v.page.limit << ", offset " << v.page.offset << ")";
        os << kayako::to_string(v.code) << " '" << v.parameter << "' (" << kayako::make_error_code(v.cause).message() << ")";
        for (auto const& p : v.parameters) os << " " << p;
        return os;
    }
};

verdict refused(kayako::request_error const& e) {
    verdict v;
    v.ok = false;
    v.cause = e.cause.code;
    v.code = e.code;
    v.parameter = e.parameter;
    for (auto p : e.parameters()) v.parameters.emplace_back(p);
    return v;
}

verdict refused(kayako::failure const& f, std::vector<std::string> parameters = {}) {
    verdict v;
    v.ok = false;
    v.cause = f.code;
    v.code = kayako::api_error_for(f);
    v.parameter = parameters.empty() ? std::string(f.parameter) : std::string();
    v.parameters = std::move(parameters);
    return v;
}

verdict accepted(kayako::pagination_arguments page) {
    verdict v;
    v.page = page;
    return v;
}

/// The typed request's verdict on the page of a collection that offers `kinds`.
verdict through_request(std::string_view method, std::string_view target, header_list const& headers,
                        std::string_view body = {}, kayako::page_kinds kinds = {}) {
    auto r = kayako::read_request(method, target, header_view(headers), body);
    if (!r) return refused(r.error());
    auto page = r->page(kinds);
    if (!page) return refused(page.error());
    return accepted(*page);
}

/// The decoded `name=value` pieces of a query the test wrote without escapes.
std::vector<kayako::query_argument> split_query(std::string_view query) {
    std::vector<kayako::query_argument> out;
    while (!query.empty()) {
        std::size_t const amp = query.find('&');
        std::string_view const piece = query.substr(0, amp);
        std::size_t const eq = piece.find('=');
        out.push_back({piece.substr(0, eq), eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1)});
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    }
    return out;
}

/// `parse_pagination`'s verdict on the same query.
verdict through_parse_pagination(std::string_view query, kayako::page_kinds kinds) {
    auto const args = split_query(query);
    kayako::pagination_options options;
    options.allow_cursor = kinds.cursor;
    options.allow_dates = kinds.dates;
    auto page = kayako::parse_pagination(args, options);
    if (page) return accepted(*page);
    std::vector<std::string> names;
    if (page.error().code == error::conflicting_arguments)
        for (auto n : kayako::position_arguments(args)) names.emplace_back(n);
    return refused(page.error(), std::move(names));
}

/// The typed request's verdict with the target in an exact heap buffer and behind every tail:
/// all must agree with the plain one.
void expect_same_through_views(std::string_view method, std::string const& target, header_list const& headers,
                               kayako::page_kinds kinds, verdict const& expected) {
    kayako::test::exact_buffer exact(target);
    EXPECT_EQ(through_request(method, exact.view(), headers, {}, kinds), expected) << target << " (exact buffer)";
    for (std::string_view tail : kayako::test::over_read_tails) {
        kayako::test::with_tail tailed(target, tail);
        EXPECT_EQ(through_request(method, tailed.view(), headers, {}, kinds), expected) << target << " (tail)";
    }
}

kayako::pagination_arguments page_with(auto&& set) {
    kayako::pagination_arguments p;
    set(p);
    return p;
}

// ---- Pagination: one owner (page_arguments.hpp), one verdict ---------------------------------

struct page_row {
    std::string_view query;
    kayako::page_kinds kinds;
    verdict expected;
};

std::vector<page_row> const& page_rows() {
    constexpr kayako::page_kinds all{};
    constexpr kayako::page_kinds cursor_only{true, false};
    constexpr kayako::page_kinds offset_only{false, false};
    auto bad = [](error e, std::string_view name, api_error_code code = api_error_code::field_invalid) {
        verdict v;
        v.ok = false;
        v.cause = e;
        v.code = code;
        v.parameter = name;
        return v;
    };
    auto both = [](std::vector<std::string> names) {
        verdict v;
        v.ok = false;
        v.cause = error::conflicting_arguments;
        v.code = api_error_code::one_field_expected;
        v.parameters = std::move(names);
        return v;
    };
    static std::vector<page_row> const rows = {
        {"", all, accepted({})},
        {"limit=0", all, accepted({})},                                                    // §21.17
        {"limit=-0", all, accepted({})},
        {"limit=1", all, accepted(page_with([](auto& p) { p.limit = 1; }))},
        {"limit=1000", all, accepted(page_with([](auto& p) { p.limit = 1000; }))},        // §21.14
        {"limit=1001", all, bad(error::integer_out_of_range, "limit")},
        {"limit=-1", all, bad(error::integer_out_of_range, "limit")},
        {"limit=1.5", all, bad(error::invalid_integer, "limit")},
        {"limit=abc&limit=7", all, accepted(page_with([](auto& p) { p.limit = 7; }))},   // §21.15: the last wins
        {"limit[]=5", all, accepted(page_with([](auto& p) { p.limit = 5; }))},          // §21.15: `[]` is the name
        {"Limit=5", all, accepted(page_with([](auto& p) { p.limit = 5; }))},            // §2.5
        {"LIMIT=5", all, accepted({})},                                                  // no letter case of `limit`
        {"offset=50&limit=25", all, accepted(page_with([](auto& p) { p.offset = 50, p.limit = 25; }))},
        {"offset=-1", all, bad(error::integer_out_of_range, "offset")},
        {"offset=", all, bad(error::empty_value, "offset")},
        {"offset=-1&limit=-1", all, bad(error::integer_out_of_range, "limit")},          // limit is checked first
        {"offset=18446744073709551615", all, accepted(page_with([](auto& p) { p.offset = UINT64_MAX; }))},
        {"offset=18446744073709551616", all, bad(error::integer_out_of_range, "offset")},
        // §7.2: a cursor is a position in ID order, the item need not exist; IDs are never negative.
        {"after_id=0", all, accepted(page_with([](auto& p) { p.after_id = 0; }))},
        {"after_id=-5", all, bad(error::integer_out_of_range, "after_id")},
        {"before_id=-1", all, bad(error::integer_out_of_range, "before_id")},
        {"after_id=x", all, bad(error::invalid_integer, "after_id")},
        {"afterId=19", all, accepted(page_with([](auto& p) { p.after_id = 19; }))},
        {"after_id=18446744073709551615", all, accepted(page_with([](auto& p) { p.after_id = UINT64_MAX; }))},
        {"after_id=18446744073709551616", all, bad(error::integer_out_of_range, "after_id")},
        {"after_id=1&after_id=2", all, accepted(page_with([](auto& p) { p.after_id = 2; }))},  // one argument
        {"since=2015-08-28T15:34:59Z", all,
         accepted(page_with([](auto& p) { p.since = kayako::timestamp{1440776099, 0}; }))},  // §7.3
        {"since=yesterday", all, bad(error::invalid_timestamp, "since")},
        {"until=253402300800", all, bad(error::timestamp_out_of_range, "until")},
        // What the collection offers (§7): the Test collection pages by cursor, not by date.
        {"since=1", cursor_only, bad(error::invalid_name, "since")},
        {"after_id=3", offset_only, bad(error::invalid_name, "after_id")},
        {"since=1&before_id=2", offset_only, bad(error::invalid_name, "since")},
        // Two position arguments: ONE_FIELD_EXPECTED naming all in the order sent (§7.3).
        {"after_id=5&before_id=9", all, both({"after_id", "before_id"})},
        {"until=1&limit=5&since=2&Until=3", all, both({"until", "since"})},
        {"after_id=1&after_id=2&before_id=3", all, both({"after_id", "before_id"})},
        {"since=1&before_id=2&after_id=3", all, both({"since", "before_id", "after_id"})},
    };
    return rows;
}

TEST(RequestPagination, OneVerdictThroughEveryReader) {  // §7, §21.14, §21.15, §21.17
    for (auto const& row : page_rows()) {
        SCOPED_TRACE(row.query);
        std::string const target = "/api/v1/tests?" + std::string(row.query);
        EXPECT_EQ(through_parse_pagination(row.query, row.kinds), row.expected);
        EXPECT_EQ(through_request("GET", target, {}, {}, row.kinds), row.expected);
        // parse_target alone gives the value verdicts (it does not know the collection's kinds).
        auto const parsed = kayako::parse_target(target);
        bool const value_error = !row.expected.ok && row.expected.cause != error::invalid_name &&
                                 row.expected.cause != error::conflicting_arguments;
        ASSERT_EQ(!parsed, value_error) << (parsed ? "accepted" : parsed.error().message());
        if (value_error) {
            EXPECT_EQ(parsed.error().code, row.expected.cause);
            EXPECT_EQ(parsed.error().parameter, row.expected.parameter);
        } else if (row.expected.ok) {
            EXPECT_EQ(parsed->arguments().page(), row.expected.page);
        }
        expect_same_through_views("GET", target, {}, row.kinds, row.expected);
    }
}

// The issue's URL: parse_target accepted it, parse_pagination refused `after_id`, read_credentials
// refused `_timestamp`. Now every reader refuses it, first for `after_id` (the target is read first).
TEST(RequestPagination, TheInconsistentUrlGetsOneVerdict) {
    std::string const target = "/api/v1/tests?after_id=-5&_timestamp=2016-08-18T15:17:39Z";
    auto const parsed = kayako::parse_target(target);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error(), kayako::failure(error::integer_out_of_range, 23, "after_id"));
    auto const page = kayako::parse_pagination(split_query("after_id=-5&_timestamp=2016-08-18T15:17:39Z"));
    ASSERT_FALSE(page);
    EXPECT_EQ(page.error().code, error::integer_out_of_range);
    EXPECT_EQ(page.error().parameter, "after_id");
    auto const read = kayako::read_request("GET", target, header_view(header_list{}), "");
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, api_error_code::field_invalid);
    EXPECT_EQ(read.error().status(), 400);
    EXPECT_EQ(read.error().parameter, "after_id");
    EXPECT_EQ(read.error().cause, parsed.error());
    // With a good cursor, `_timestamp` in ISO-8601 is refused by the credentials, its owner (§11.10).
    auto const timestamp = kayako::read_request("GET", "/api/v1/tests?after_id=5&_timestamp=2016-08-18T15:17:39Z",
                                                header_view(header_list{}), "");
    ASSERT_FALSE(timestamp);
    EXPECT_EQ(timestamp.error().code, api_error_code::field_invalid);
    EXPECT_EQ(timestamp.error().parameter, "_timestamp");
    EXPECT_EQ(timestamp.error().cause.code, error::invalid_integer);
}

TEST(RequestPagination, OneDefaultPageSize) {  // §7: 10, defined once
    EXPECT_EQ(kayako::default_page_limit, 10u);
    EXPECT_EQ(kayako::target_options{}.default_limit, kayako::default_page_limit);
    EXPECT_EQ(kayako::pagination_options{}.default_limit, kayako::default_page_limit);
    EXPECT_EQ(kayako::pagination_arguments{}.limit, kayako::default_page_limit);
    EXPECT_EQ(kayako::link_target{}.default_limit, kayako::default_page_limit);
    EXPECT_EQ(kayako::target_options{}.max_limit, kayako::max_page_limit);
    EXPECT_EQ(kayako::pagination_options{}.max_limit, kayako::max_page_limit);
    // The target's limits reach the page: a smaller maximum and another default.
    kayako::request_options options;
    options.target.max_limit = 50;
    options.target.default_limit = 7;
    auto const small = kayako::read_request("GET", "/api/v1/tests?limit=0", header_view(header_list{}), "", options);
    ASSERT_TRUE(small);
    EXPECT_EQ(small->page()->limit, 7u);
    auto const past = kayako::read_request("GET", "/api/v1/tests?limit=51", header_view(header_list{}), "", options);
    ASSERT_FALSE(past);
    EXPECT_EQ(past.error().parameter, "limit");
}

// ---- Credentials: every source of §11.9 from the arguments, no hand-copying ------------------

struct credential_row {
    std::string_view query;
    header_list headers;
    std::optional<verdict> refusal;  // nothing: accepted
};

TEST(RequestCredentials, SameVerdictAsReadCredentials) {  // §11, §11.9, §11.10
    auto bad = [](error e, std::string_view name) {
        verdict v;
        v.ok = false;
        v.cause = e;
        v.code = kayako::api_error_for(e);
        v.parameter = name;
        return std::optional<verdict>(v);
    };
    credential_row const rows[] = {
        {"_session_id=S&_token=T&_otp=1&_fingerprint_id=F&_portal=P&_timestamp=1441828693", {}, std::nullopt},
        {"_session_id=S", {{"X-Session-ID", "S"}}, std::nullopt},
        {"_session_id=S", {{"X-Session-ID", "T"}}, bad(error::parameters_inconsistent, "_session_id")},
        {"_token=T", {{"X-Token", "U"}}, bad(error::parameters_inconsistent, "_token")},
        {"_otp=1", {{"X-OTP", "2"}}, bad(error::parameters_inconsistent, "_otp")},
        {"_portal=A", {{"X-Portal", "B"}}, bad(error::parameters_inconsistent, "_portal")},
        {"_fingerprint_id=A", {{"X-Fingerprint-ID", "B"}}, bad(error::parameters_inconsistent, "_fingerprint_id")},
        {"access_token=A", {{"Authorization", "Bearer B"}}, bad(error::parameters_inconsistent, "access_token")},
        {"_jwt=A&access_token=B", {}, bad(error::parameters_inconsistent, "_jwt")},
        {"_session_id=", {}, bad(error::empty_value, "_session_id")},
        {"_session_id=a+b", {}, bad(error::unexpected_character, "_session_id")},
        // `_timestamp`: Unix seconds, one format for header and argument (§11.10).
        {"_timestamp=1441828693", {{"X-Timestamp", "1441828693"}}, std::nullopt},
        {"_timestamp=2", {{"X-Timestamp", "1"}}, bad(error::parameters_inconsistent, "_timestamp")},
        {"_timestamp=2016-08-18T15:17:39Z", {}, bad(error::invalid_integer, "_timestamp")},
        {"_timestamp=%41", {}, bad(error::invalid_integer, "_timestamp")},
        {"", {{"X-Timestamp", "2016-08-18T15:17:39Z"}}, bad(error::invalid_integer, "X-Timestamp")},
        {"_timestamp=-62135596800", {}, std::nullopt},  // 0001-01-01T00:00:00Z
        {"_timestamp=-62135596801", {}, bad(error::timestamp_out_of_range, "_timestamp")},
        {"_timestamp=253402300799", {}, std::nullopt},  // 9999-12-31T23:59:59Z
        {"_timestamp=253402300800", {}, bad(error::timestamp_out_of_range, "_timestamp")},
        {"_timestamp=99999999999999999999", {}, bad(error::integer_out_of_range, "_timestamp")},
    };
    for (auto const& row : rows) {
        SCOPED_TRACE(row.query);
        std::string const target = "/api/v1/tests?" + std::string(row.query);
        // The owner alone, with the arguments copied by hand as servers did.
        auto const parsed = kayako::parse_target(target);
        ASSERT_TRUE(parsed) << parsed.error().message();
        auto const& args = parsed->arguments();
        kayako::auth_arguments by_hand;
        by_hand.session_id = args.session_id();
        by_hand.token = args.token();
        by_hand.otp = args.otp();
        by_hand.fingerprint_id = args.fingerprint_id();
        by_hand.access_token = args.access_token();
        by_hand.jwt = args.jwt();
        by_hand.portal = args.portal();
        by_hand.timestamp = args.request_timestamp();
        auto const alone = kayako::read_credentials(header_view(row.headers), by_hand);
        auto const from_query = kayako::read_credentials(header_view(row.headers), args);
        auto const read = kayako::read_request("GET", target, header_view(row.headers), "");
        ASSERT_EQ(bool(alone), !row.refusal);
        ASSERT_EQ(bool(from_query), !row.refusal);
        ASSERT_EQ(bool(read), !row.refusal);
        if (row.refusal) {
            EXPECT_EQ(refused(alone.error()), *row.refusal);
            EXPECT_EQ(refused(from_query.error()), *row.refusal);
            EXPECT_EQ(refused(read.error()), *row.refusal);
            continue;
        }
        EXPECT_EQ(read->credentials().session_id, alone->session_id);
        EXPECT_EQ(read->credentials().token, alone->token);
        EXPECT_EQ(read->credentials().otp, alone->otp);
        EXPECT_EQ(read->credentials().fingerprint_id, alone->fingerprint_id);
        EXPECT_EQ(read->credentials().portal, alone->portal);
        EXPECT_EQ(read->credentials().timestamp, alone->timestamp);
        EXPECT_EQ(read->credentials().bearer, alone->bearer);
    }
}

TEST(RequestCredentials, TimestampInUnixSeconds) {  // §11.10
    EXPECT_EQ(kayako::parse_request_timestamp("1441828693").value(), 1441828693);
    EXPECT_EQ(kayako::parse_request_timestamp("-0").value(), 0);
    EXPECT_EQ(kayako::parse_request_timestamp("2015-09-09T19:58:13Z").error(), kayako::failure(error::invalid_integer, 4));
    EXPECT_EQ(kayako::parse_request_timestamp("").error().code, error::empty_value);
    EXPECT_EQ(kayako::parse_request_timestamp("253402300800").error(), kayako::failure(error::timestamp_out_of_range, 0));
    auto read = kayako::read_request("GET", "/api/v1/tests?_timestamp=1441828693", header_view(header_list{}), "");
    ASSERT_TRUE(read);
    EXPECT_EQ(read->credentials().timestamp, 1441828693);
}

// ---- Output options (§5, §6, §13) -----------------------------------------------------------

TEST(RequestOutput, OneRenderOptions) {
    header_list const headers = {{"X-Options", "no_empty"}, {"X-Options", "flat"}};
    auto read = kayako::read_request("GET", "/api/v1/tests?fields=name,-id&include=user&_case=camel&_jsonp_callback=cb",
                                     header_view(headers), "");
    ASSERT_TRUE(read) << read.error().cause.message();
    auto const& out = read->output();
    EXPECT_EQ(out.fields, kayako::parse_fields("name,-id").value());
    EXPECT_EQ(out.include, kayako::parse_include("user").value());
    EXPECT_EQ(out.name_case, kayako::letter_case::camel);
    EXPECT_EQ(read->name_case(), kayako::letter_case::camel);
    EXPECT_FALSE(out.keep_empty);  // X-Options: no_empty (§6.2)
    EXPECT_TRUE(out.flat);         // X-Options: flat (§6.3)
    EXPECT_EQ(read->jsonp_callback(), "cb");

    auto plain = kayako::read_request("GET", "/api/v1/tests?_empty=false&_flat=true", header_view(header_list{}), "");
    ASSERT_TRUE(plain);
    EXPECT_FALSE(plain->output().keep_empty);
    EXPECT_TRUE(plain->output().flat);
    EXPECT_TRUE(plain->output().fields.empty());
    EXPECT_TRUE(plain->output().include.empty());
    auto defaults = kayako::read_request("GET", "/api/v1/tests", header_view(header_list{}), "");
    ASSERT_TRUE(defaults);
    EXPECT_TRUE(defaults->output().keep_empty);
    EXPECT_FALSE(defaults->output().flat);
    EXPECT_FALSE(defaults->jsonp_callback());
}

TEST(RequestOutput, JsonpOnlyForGetAndHead) {  // §13
    for (std::string_view method : {"GET", "HEAD"}) {
        auto read = kayako::read_request(method, "/api/v1/tests?_jsonp_callback=1bad", header_view(header_list{}), "");
        ASSERT_FALSE(read) << method;
        EXPECT_EQ(read.error().code, api_error_code::field_invalid);
        EXPECT_EQ(read.error().parameter, "_jsonp_callback");
        EXPECT_EQ(read.error().cause, kayako::parse_jsonp_callback("1bad").error());
    }
    for (std::string_view method : {"POST", "PUT", "DELETE"}) {
        auto read = kayako::read_request(method, "/api/v1/tests?_jsonp_callback=1bad", header_view(header_list{}), "");
        ASSERT_TRUE(read) << method;
        EXPECT_FALSE(read->jsonp_callback());
    }
}

// ---- Each error: its wire code, status and parameter, and how to answer it -----------------

struct error_row {
    std::string_view name;
    std::string_view method;
    std::string target;
    header_list headers;
    error cause;
    api_error_code code;
    int status;
    std::string_view parameter;
};

TEST(RequestErrors, WireCodeStatusAndParameter) {
    error_row const rows[] = {
        {"not an API path", "GET", "/foo", {}, error::invalid_target, api_error_code::url_resource_missing, 404, ""},
        {"a bad _case", "GET", "/api/v1/tests?_case=kebab", {}, error::invalid_option, api_error_code::field_invalid, 400, "_case"},
        {"a bad _empty", "GET", "/api/v1/tests?_empty=maybe", {}, error::invalid_boolean, api_error_code::field_invalid, 400, "_empty"},
        {"a bad fields", "GET", "/api/v1/tests?fields=((", {}, error::invalid_fields, api_error_code::field_invalid, 400, "fields"},
        {"a bad include", "GET", "/api/v1/tests?include=a,,b", {}, error::invalid_include, api_error_code::field_invalid, 400, "include"},
        {"a bad ids", "PUT", "/api/v1/tests?ids=1,x", {}, error::invalid_integer, api_error_code::field_invalid, 400, "ids"},
        {"Accept without JSON (§21.13)", "GET", "/api/v1/tests", {{"Accept", "text/html"}}, error::not_acceptable,
         api_error_code::format_not_acceptable, 406, "Accept"},
        {"PATCH (§1)", "PATCH", "/api/v1/tests", {}, error::unsupported_method, api_error_code::method_not_supported, 405, ""},
        {"a lower-case method (RFC 9110 §9.1)", "get", "/api/v1/tests", {}, error::unsupported_method,
         api_error_code::method_not_supported, 405, ""},
        {"a bad Authorization", "GET", "/api/v1/tests", {{"Authorization", "Digest x"}}, error::invalid_credentials,
         api_error_code::authentication_failed, 401, "Authorization"},
        {"two session IDs", "GET", "/api/v1/tests?_session_id=a", {{"X-Session-ID", "b"}}, error::parameters_inconsistent,
         api_error_code::parameters_inconsistent, 400, "_session_id"},
        // The first failure wins, in the documented order: target, fields, include, JSONP, Accept,
        // method, credentials.
        {"target before method", "PATCH", "/foo", {}, error::invalid_target, api_error_code::url_resource_missing, 404, ""},
        {"fields before include", "GET", "/api/v1/tests?include=a,,b&fields=((", {}, error::invalid_fields,
         api_error_code::field_invalid, 400, "fields"},
        {"Accept before method", "PATCH", "/api/v1/tests", {{"Accept", "text/html"}}, error::not_acceptable,
         api_error_code::format_not_acceptable, 406, "Accept"},
        {"method before credentials", "PATCH", "/api/v1/tests", {{"Authorization", "Digest x"}}, error::unsupported_method,
         api_error_code::method_not_supported, 405, ""},
    };
    for (auto const& row : rows) {
        SCOPED_TRACE(row.name);
        auto read = kayako::read_request(row.method, row.target, header_view(row.headers), "");
        ASSERT_FALSE(read);
        auto const& e = read.error();
        EXPECT_EQ(e.cause.code, row.cause);
        EXPECT_EQ(e.code, row.code);
        EXPECT_EQ(e.status(), row.status);
        EXPECT_EQ(kayako::http_status(e.code), row.status);
        EXPECT_EQ(e.parameter, row.parameter);
        EXPECT_TRUE(e.parameters().empty());
        kayako::test::exact_buffer exact(row.target);
        auto again = kayako::read_request(row.method, exact.view(), header_view(row.headers), "");
        ASSERT_FALSE(again);
        EXPECT_EQ(again.error().cause, e.cause);
    }
}

TEST(RequestErrors, SayHowToAnswer) {  // §6.1, §13: an error goes out in the form asked for
    header_list const html = {{"Accept", "text/html"}};
    auto late = kayako::read_request("GET", "/api/v1/tests?_case=camel&_jsonp_callback=%63b", header_view(html), "");
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().name_case, kayako::letter_case::camel);
    EXPECT_EQ(late.error().jsonp_callback, "cb");  // owned: the request it was decoded into is gone
    auto in_fields = kayako::read_request("GET", "/api/v1/tests?_case=pascal&_jsonp_callback=cb&fields=((",
                                          header_view(header_list{}), "");
    ASSERT_FALSE(in_fields);
    EXPECT_EQ(in_fields.error().name_case, kayako::letter_case::pascal);
    EXPECT_FALSE(in_fields.error().jsonp_callback);  // not read yet: a JSONP answer is not what it asked for
    auto in_target = kayako::read_request("GET", "/api/v1/tests?_case=camel&limit=x", header_view(header_list{}), "");
    ASSERT_FALSE(in_target);
    EXPECT_EQ(in_target.error().name_case, kayako::letter_case::snake);  // the target was not read
    // An error's parameter outlives the request: the value throws, the error survives.
    EXPECT_THROW((void)late.value(), boost::system::system_error);
}

// ---- Precondition inputs and the body ------------------------------------------------------

TEST(RequestPreconditions, AjaxModeAndHeaders) {  // §9.3, §21.9
    header_list const ajax = {{"X-Requested-With", "XMLHttpRequest"}, {"If-Match", "\"abc\""}};
    auto read = kayako::read_request("PUT", "/api/v1/tests/1", header_view(ajax), "");
    ASSERT_TRUE(read);
    EXPECT_TRUE(read->ajax_mode());
    EXPECT_TRUE(read->preconditions().ajax_mode);
    std::vector<std::string_view> seen;
    read->headers()("If-Match", [&](std::string_view v) { seen.push_back(v); });
    EXPECT_EQ(seen, (std::vector<std::string_view>{"\"abc\""}));
    auto plain = kayako::read_request("PUT", "/api/v1/tests/1", header_view(header_list{}), "");
    ASSERT_TRUE(plain);
    EXPECT_FALSE(plain->ajax_mode());
    EXPECT_FALSE(plain->preconditions().ajax_mode);
}

TEST(RequestBody, ParametersOnDemandByContentType) {  // §2.1–§2.3
    header_list const json = {{"Content-Type", "application/json"}};
    // A GET never reads its body: a broken one is no error until asked for.
    auto get = kayako::read_request("GET", "/api/v1/tests", header_view(json), "{not json");
    ASSERT_TRUE(get);
    auto broken = get->body_parameters();
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error().cause.code, error::invalid_json);
    EXPECT_EQ(broken.error().code, api_error_code::field_invalid);

    kayako::test::exact_buffer body(R"({"name":"Caryn Pryor","integer_number":123})");
    auto post = kayako::read_request("POST", "/api/v1/tests", header_view(json), body.view());
    ASSERT_TRUE(post);
    EXPECT_EQ(post->content_type(), "application/json");
    auto params = post->body_parameters();
    ASSERT_TRUE(params);
    EXPECT_EQ(params->encoding(), kayako::body_encoding::json);
    EXPECT_EQ(params->get<std::string>("name").value(), "Caryn Pryor");
    EXPECT_EQ(params->get<std::int64_t>("integerNumber").value(), 123);

    // No Content-Type: a form (§1); a Content-Type on two lines is one list (RFC 9110 §5.3).
    auto form = kayako::read_request("PUT", "/api/v1/tests/1", header_view(header_list{}), "name=a+b");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->body_parameters()->get<std::string>("name").value(), "a b");
    header_list const two_lines = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Content-Type", "charset=utf-8"}};
    auto folded = kayako::read_request("PUT", "/api/v1/tests/1", header_view(two_lines), "");
    ASSERT_TRUE(folded);
    EXPECT_EQ(folded->content_type(), "application/x-www-form-urlencoded, charset=utf-8");
    auto typed = kayako::read_request("POST", "/api/v1/tests", header_view(json), "{\"is_boolean\":\"maybe\"}");
    ASSERT_TRUE(typed);
    auto const held = typed->body_parameters();  // failures name the parameter by a view into it
    ASSERT_TRUE(held);
    auto value = held->get<bool>("is_boolean");
    ASSERT_FALSE(value);
    EXPECT_EQ(value.error().parameter, "is_boolean");
}

// ---- Lifetimes ------------------------------------------------------------------------------

TEST(RequestLifetime, MovingKeepsEveryView) {
    // Decoded values live in the parsed target's buffer: moving the request must not move them.
    std::string const target = "/api/v1/te%73ts/1?_session_id=%41B&_jsonp_callback=%63b&_case=camel";
    header_list const headers;
    auto read = kayako::read_request("GET", target, header_view(headers), "");
    ASSERT_TRUE(read);
    kayako::typed_request<header_view> moved = std::move(*read);
    EXPECT_EQ(moved.path().resource(), "tests");
    EXPECT_EQ(moved.credentials().session_id, "AB");
    EXPECT_EQ(moved.jsonp_callback(), "cb");
    EXPECT_EQ(moved.arguments().find("_session_id"), "AB");
    // One object for many requests: assign reads into it again.
    EXPECT_TRUE(moved.assign("GET", "/api/v1/users/2?limit=3", header_view(headers), ""));
    EXPECT_EQ(moved.path().resource(), "users");
    EXPECT_EQ(moved.page()->limit, 3u);
    EXPECT_FALSE(moved.jsonp_callback());
    EXPECT_FALSE(moved.credentials().session_id);
}

TEST(RequestLinks, LinksReadTheArgumentsInPlace) {  // §7.4, §21.24
    auto read = kayako::read_request("GET", "/api/v1/tests?_case=camel&section_id=3&_session_id=S&limit=5&offset=5",
                                     header_view(header_list{}), "");
    ASSERT_TRUE(read);
    auto const page = read->page().value();
    auto const links = kayako::make_offset_links(read->links_to("https://x/api/v1/tests"), page.offset, page.limit, 20);
    EXPECT_EQ(links.next_url, "https://x/api/v1/tests.json?_case=camel&limit=5&offset=10&sectionId=3");
    // The same links from a list copied by hand, as servers wrote before.
    std::vector<kayako::query_argument> copied;
    for (std::size_t i = 0; i < read->arguments().size(); ++i) copied.push_back(read->arguments()[i]);
    kayako::link_target by_hand;
    by_hand.base_url = "https://x/api/v1/tests";
    by_hand.arguments = copied;
    by_hand.name_case = kayako::letter_case::camel;
    EXPECT_EQ(kayako::make_offset_links(by_hand, page.offset, page.limit, 20), links);
}

}  // namespace
