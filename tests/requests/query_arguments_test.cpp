// Tests of query_arguments.hpp: the documented arguments of §17 and any argument by name (§2.5,
// §21.14, §21.15), read through parse_target and parse_query.
#include <kayako/request/request_target.hpp>

#include <kayako/core/api_error.hpp>

#include <gtest/gtest.h>

#include "support/views.hpp"

#include <cstdint>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using kayako::error;
using kayako::failure;

kayako::request_target parse_ok(std::string_view target, kayako::target_options const& options = {}) {
    auto r = kayako::parse_target(target, options);
    EXPECT_TRUE(r) << target << ": " << (r ? "" : r.error().message());
    return r ? *r : kayako::request_target{};
}

// ---- Documented arguments (§17) --------------------------------------------------------------

TEST(Arguments, Defaults) {
    auto t = parse_ok("/api/v1/tests");
    auto const& a = t.arguments();
    EXPECT_FALSE(a.fields());
    EXPECT_FALSE(a.include());
    EXPECT_EQ(a.letter_case(), kayako::letter_case::snake);
    EXPECT_TRUE(a.keep_empty());
    EXPECT_FALSE(a.flat());
    EXPECT_EQ(a.limit(), 10);  // §7
    EXPECT_FALSE(a.has_limit());
    EXPECT_EQ(a.offset(), 0);
    EXPECT_FALSE(a.before_id());
    EXPECT_FALSE(a.since());
    EXPECT_TRUE(a.ids().empty());
    EXPECT_EQ(a.size(), 0u);
}

TEST(Arguments, LimitZeroIsTheDefaultPage) {  // §21.17: the Java SDK's getMessages(20, 0, 0)
    auto t = parse_ok("/api/v1/conversations/20/messages?_case=camel&include=userMinimal&limit=0&offset=0");
    EXPECT_EQ(t.arguments().limit(), 10);
    EXPECT_TRUE(t.arguments().has_limit());
    kayako::target_options options;
    options.default_limit = 25;
    EXPECT_EQ(parse_ok("/api/v1/tests?limit=0", options).arguments().limit(), 25);
    EXPECT_EQ(parse_ok("/api/v1/tests?limit=-0").arguments().limit(), 10);  // zero, however spelt
    EXPECT_EQ(parse_ok("/api/v1/tests?limit=1").arguments().limit(), 1);
    EXPECT_EQ(parse_ok("/api/v1/tests?limit=1000").arguments().limit(), 1000);  // the maximum, §21.14
    EXPECT_EQ(parse_ok("/api/v1/tests?limit=7&limit=0").arguments().limit(), 10);  // the last wins (§21.15)
    for (std::string_view bad : {"limit=-1", "limit=1001", "limit=0.0", "limit=0x0", "limit=%200"}) {
        auto r = kayako::parse_target("/api/v1/tests?" + std::string(bad));
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().parameter, "limit") << bad;
        EXPECT_EQ(kayako::api_error_for(r.error()), kayako::api_error_code::field_invalid) << bad;
    }
}

TEST(Arguments, EveryDocumentedArgument) {
    auto t = parse_ok(
        "/api/v1/tests?fields=%2Bname%2C-id&include=user,team&_case=camel&_empty=false&_flat=true"
        "&_jsonp_callback=cb&limit=50&offset=100&before_id=9&after_id=3&since=1441118415"
        "&until=2015-09-09T19:58:13Z&ids=1,2,3&_session_id=S&_token=T&_otp=123456&access_token=AT"
        "&_jwt=J.W.T&_fingerprint_id=F&_portal=API&_timestamp=1441828693&_filename=a.txt&_field=attachment&_md5=abc");
    auto const& a = t.arguments();
    EXPECT_EQ(a.fields(), "+name,-id");
    EXPECT_EQ(a.include(), "user,team");
    EXPECT_EQ(std::vector<std::string_view>(a.include_list().begin(), a.include_list().end()),
              (std::vector<std::string_view>{"user", "team"}));
    EXPECT_EQ(a.letter_case(), kayako::letter_case::camel);
    EXPECT_FALSE(a.keep_empty());
    EXPECT_TRUE(a.flat());
    EXPECT_EQ(a.jsonp_callback(), "cb");
    EXPECT_EQ(a.limit(), 50);
    EXPECT_EQ(a.offset(), 100);
    EXPECT_EQ(a.before_id(), 9);
    EXPECT_EQ(a.after_id(), 3);
    EXPECT_EQ(a.since()->seconds, 1441118415);
    EXPECT_EQ(a.until()->seconds, 1441828693);  // TV-DT-5
    EXPECT_EQ(std::vector<std::int64_t>(a.ids().begin(), a.ids().end()), (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(a.id_count(), 3u);
    EXPECT_EQ(a.session_id(), "S");
    EXPECT_EQ(a.token(), "T");
    EXPECT_EQ(a.otp(), "123456");
    EXPECT_EQ(a.access_token(), "AT");
    EXPECT_EQ(a.jwt(), "J.W.T");
    EXPECT_EQ(a.fingerprint_id(), "F");
    EXPECT_EQ(a.portal(), "API");
    EXPECT_EQ(a.request_timestamp(), "1441828693");  // as sent: the credentials type it (auth.hpp, §11.10)
    EXPECT_EQ(a.filename(), "a.txt");
    EXPECT_EQ(a.field(), "attachment");
    EXPECT_EQ(a.md5(), "abc");
}

TEST(Arguments, NamesAreCaseBlind) {  // §2.5
    auto t = parse_ok("/api/v1/tests?_Case=pascal&Limit=5&beforeId=4&SessionId=x&_sessionId=y&customArg=1");
    auto const& a = t.arguments();
    EXPECT_EQ(a.letter_case(), kayako::letter_case::pascal);
    EXPECT_EQ(a.limit(), 5);
    EXPECT_EQ(a.before_id(), 4);
    EXPECT_EQ(a.session_id(), "y");  // `SessionId` is `session_id`, not `_session_id`
    EXPECT_EQ(a.find("session_id"), "x");
    EXPECT_EQ(a.get<int>("custom_arg").value(), 1);
    EXPECT_EQ(a.get<int>("CustomArg").value(), 1);
}

TEST(Arguments, RepeatsFollow2115) {
    auto t = parse_ok("/api/v1/tests?_case=camel&_case=pascal&limit=abc&limit=7&ids=1,2&ids[]=3&ids%5B%5D=4&ids=5");
    auto const& a = t.arguments();
    EXPECT_EQ(a.letter_case(), kayako::letter_case::pascal);  // last wins
    EXPECT_EQ(a.limit(), 7);  // an earlier invalid repeat is overridden, not an error
    EXPECT_EQ(std::vector<std::int64_t>(a.ids().begin(), a.ids().end()), (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
    EXPECT_EQ(a.ids().size(), 5u);
}

TEST(Arguments, LenientDecoding) {  // raw [] and spaces, + as space, invalid escapes literal
    auto t = parse_ok("/api/v1/tests?q=a b+c%2&tags[]=x&&tags[]=y%");
    auto const& a = t.arguments();
    EXPECT_EQ(a.find("q"), "a b c%2");
    EXPECT_EQ(std::vector<std::string_view>(a.list("tags").begin(), a.list("tags").end()),
              (std::vector<std::string_view>{"x", "y%"}));
    EXPECT_EQ(a.size(), 3u);
}

TEST(Arguments, FieldsKeepsARawPlusAsSpace) {  // §21.1: the fields parser reads a leading space as +
    EXPECT_EQ(parse_ok("/api/v1/users?fields=+full_name").arguments().fields(), " full_name");
    EXPECT_EQ(parse_ok("/api/v1/users?fields=%2Bfull_name").arguments().fields(), "+full_name");
}

struct bad_argument_row {
    std::string query;
    error code;
    std::string parameter;
    std::size_t offset;
};

class BadArgument : public ::testing::TestWithParam<bad_argument_row> {};

TEST_P(BadArgument, NamesTheArgument) {
    auto const& row = GetParam();
    std::string const target = "/api/v1/tests?" + row.query;
    auto r = kayako::parse_target(target);
    ASSERT_FALSE(r) << row.query;
    EXPECT_EQ(r.error().code, row.code) << row.query;
    EXPECT_EQ(r.error().parameter, row.parameter) << row.query;
    EXPECT_EQ(r.error().offset, row.offset == failure::no_offset ? row.offset : row.offset + 14) << row.query;
    EXPECT_EQ(kayako::api_error_for(r.error()), kayako::api_error_code::field_invalid);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, BadArgument,
    ::testing::Values(bad_argument_row{"limit=1001", error::integer_out_of_range, "limit", 6},  // §21.14, §21.17
                      bad_argument_row{"limit=-1", error::integer_out_of_range, "limit", 6},
                      bad_argument_row{"limit=", error::empty_value, "limit", 6},
                      bad_argument_row{"limit=1x", error::invalid_integer, "limit", 7},
                      bad_argument_row{"a=1&limit=99999999999999999999999", error::integer_out_of_range, "limit", 10},
                      bad_argument_row{"offset=-5", error::integer_out_of_range, "offset", 7},
                      bad_argument_row{"_case=kebab", error::invalid_option, "_case", 6},
                      bad_argument_row{"_empty=no", error::invalid_boolean, "_empty", 7},
                      bad_argument_row{"_flat=2", error::invalid_boolean, "_flat", 6},
                      bad_argument_row{"since=yesterday", error::invalid_timestamp, "since", 6},
                      bad_argument_row{"until=2015-13-01T00:00:00Z", error::timestamp_out_of_range, "until", 6},
                      bad_argument_row{"before_id=x", error::invalid_integer, "before_id", 10},
                      bad_argument_row{"after_id=-5", error::integer_out_of_range, "after_id", 9},  // §7.2: IDs are never negative
                      // (`_timestamp` is the credentials' to type: request_test.cpp, RequestCredentials)
                      bad_argument_row{"ids=1,,2", error::empty_value, "ids", 6},
                      bad_argument_row{"ids=1,x", error::invalid_integer, "ids", 6},
                      bad_argument_row{"ids[]=1,2", error::invalid_integer, "ids", 6},
                      bad_argument_row{"ids=1,99999999999999999999", error::integer_out_of_range, "ids", 6},
                      bad_argument_row{"ids=9223372036854775808", error::integer_out_of_range, "ids", 4},
                      bad_argument_row{"ids=1,2,", error::empty_value, "ids", 8},
                      bad_argument_row{"ids=12a,3", error::invalid_integer, "ids", 4},
                      bad_argument_row{"ids=3,1%2C", error::empty_value, "ids", 4}));

// Every item of `ids` is read by the library's one integer parser (`parse_integer`): plain digits,
// a sign, 19 digits and leading zeros give the values it gives.
TEST(Arguments, IdsOfEveryShape) {
    auto t = parse_ok("/api/v1/tests?ids=999999999999999999,9223372036854775807,-4,007,0,-9223372036854775808");
    std::vector<std::int64_t> const ids(t.arguments().ids().begin(), t.arguments().ids().end());
    EXPECT_EQ(ids, (std::vector<std::int64_t>{999999999999999999, 9223372036854775807, -4, 7, 0,
                                              std::numeric_limits<std::int64_t>::min()}));
}

TEST(BadArgument, TooManyIds) {  // §21.14: 1,000 ids
    std::string target = "/api/v1/tests?ids=1";
    for (int i = 2; i <= 1000; ++i) target += "," + std::to_string(i);
    EXPECT_EQ(parse_ok(target).arguments().ids().size(), 1000u);
    target += ",1001";
    auto r = kayako::parse_target(target);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::too_many);
    EXPECT_EQ(r.error().parameter, "ids");
}

TEST(BadArgument, TooManyArguments) {  // §21.14: 1,000
    std::string query;
    for (int i = 0; i < 1000; ++i) query += "a=1&";
    std::string const ok = "/api/v1/tests?" + query;
    EXPECT_EQ(parse_ok(ok).arguments().size(), 1000u);
    std::string const one_more = ok + "b";  // the error's parameter views it
    auto r = kayako::parse_target(one_more);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), failure(error::too_many, ok.size(), "b"));  // the argument one too many
}

TEST(BadArgument, HundredThousandAmpersands) {
    kayako::target_options big;
    big.max_query_size = 200000;
    std::string const target = "/api/v1/tests?" + std::string(100000, '&') + "limit=2";
    auto t = parse_ok(target, big);
    EXPECT_EQ(t.arguments().limit(), 2);
    EXPECT_EQ(kayako::parse_target(target).error().code, error::too_long);  // default 8 KiB
}

TEST(BadArgument, StrictMode) {
    kayako::target_options strict;
    strict.strict = true;
    EXPECT_EQ(kayako::parse_target("/api/v1/tests?a=%", strict).error(), failure(error::invalid_percent_escape, 16));
    EXPECT_EQ(kayako::parse_target("/api/v1/tests?a=%00", strict).error(), failure(error::nul_byte, 16));
    EXPECT_EQ(kayako::parse_target("/api/v1/tests?a=%C3", strict).error(), failure(error::invalid_utf8, 16));
    EXPECT_EQ(kayako::parse_target("/api/index.php?/v1/tests&a=%", strict).error(), failure(error::invalid_percent_escape, 27));
    EXPECT_TRUE(kayako::parse_target("/api/v1/tests?a=%C3%A9", strict));
}

TEST(Arguments, GenericGetters) {
    auto t = parse_ok("/api/v1/tests?count=45&is_boolean=TRUE&ratio=1.5&when=1441828693&name=Caryn+Pryor&bad=x");
    auto const& a = t.arguments();
    EXPECT_EQ(a.get<int>("count").value(), 45);
    EXPECT_EQ(a.get<bool>("is_boolean").value(), true);
    EXPECT_DOUBLE_EQ(a.require<double>("ratio").value(), 1.5);
    EXPECT_EQ(a.require<kayako::timestamp>("when").value().seconds, 1441828693);
    EXPECT_EQ(a.get<std::string_view>("name").value(), "Caryn Pryor");
    EXPECT_EQ(a.get<int>("missing", 3).value(), 3);
    EXPECT_EQ(a.get<int>("missing").value(), std::nullopt);  // absent is not an error for `get`
    EXPECT_EQ(a.require<int>("missing").error(), failure(error::missing_parameter, failure::no_offset, "missing"));
    auto bad = a.get<int>("bad");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().parameter, "bad");
    EXPECT_EQ(bad.error().offset, t.arguments().query().find("=x") + 1 + 14 - 14);
    auto list = a.get_list<int>("count");
    EXPECT_EQ(list.value(), (std::vector<int>{45}));
}

TEST(Arguments, AssignReusesStorageAndCopiesStayValid) {
    kayako::query_arguments args;
    ASSERT_TRUE(args.assign("fields=a%2Cb&limit=3"));
    kayako::query_arguments copy = args;
    kayako::query_arguments moved = std::move(args);
    EXPECT_EQ(copy.fields(), "a,b");
    EXPECT_EQ(moved.fields(), "a,b");
    ASSERT_TRUE(copy.assign("limit=4"));
    EXPECT_EQ(copy.limit(), 4);
    EXPECT_FALSE(copy.fields());
    // A query larger than the inline buffer still works (one heap buffer).
    std::string big = "fields=";
    for (int i = 0; i < 600; ++i) big += "%41";
    ASSERT_TRUE(args.assign(big));
    EXPECT_EQ(args.fields()->size(), 600u);
    kayako::query_arguments big_copy = args;
    EXPECT_EQ(big_copy.fields(), args.fields());
    EXPECT_NE(big_copy.fields()->data(), args.fields()->data());
}

TEST(Arguments, ManyArgumentsSpillToTheHeap) {
    std::string query;
    for (int i = 0; i < 100; ++i) query += "k" + std::to_string(i) + "=" + std::to_string(i) + "&";
    auto a = kayako::parse_query(query).value();
    EXPECT_EQ(a.size(), 100u);
    EXPECT_EQ(a.get<int>("k99").value(), 99);
    EXPECT_EQ(a[50].name, "k50");
}

TEST(Arguments, GenericGetOfARepeatedNameTakesTheLast) {  // §21.15: the last one wins for scalars
    auto t = parse_ok("/api/v1/tests?x=1&X=2&x=3&y=bad&y=4&z=5&Z=bad&w=1&w[]=2");
    auto const& a = t.arguments();
    EXPECT_EQ(a.get<int>("x").value(), 3);
    EXPECT_EQ(a.get<int>("x", 0).value(), 3);
    EXPECT_EQ(a.find("x"), "3");
    EXPECT_EQ(a.find("X"), "3");
    EXPECT_EQ(a.get<int>("y").value(), 4);  // an earlier bad value is overridden
    auto const bad = a.get<int>("z");       // a bad last value is the error, where it is
    EXPECT_EQ(bad.error(), failure(error::invalid_integer, t.arguments().query().find("Z=bad") + 2, "Z"));  // named as sent
    EXPECT_EQ(a.get<int>("w").value(), 2);
    EXPECT_TRUE(a.contains("W"));
    EXPECT_FALSE(a.contains("v"));
}

TEST(Arguments, GetListExactlyMaxItemsPassAndOneMoreFails) {  // §21.14
    auto t = parse_ok("/api/v1/tests?c=1,2,3&b[]=1&b[]=2&b[]=3&m=1,2&m[]=3");
    auto const& a = t.arguments();
    for (std::string_view name : {"c", "b", "m"}) {
        EXPECT_EQ(a.get_list<int>(name, 3).value(), (std::vector<int>{1, 2, 3})) << name;
        EXPECT_EQ(a.get_list<int>(name, 2).error().code, error::too_many) << name;
    }
    // Offsets into the query, naming the occurrence as sent.
    std::string_view const q = a.query();
    EXPECT_EQ(a.get_list<int>("c", 0).error(), failure(error::too_many, q.find("c=") + 2, "c"));
    EXPECT_EQ(a.get_list<int>("c", 2).error(), failure(error::too_many, q.find("c=") + 6, "c"));
    EXPECT_EQ(a.get_list<int>("b", 2).error(), failure(error::too_many, q.rfind("b[]=") + 4, "b[]"));
    EXPECT_EQ(a.get_list<int>("m", 2).error(), failure(error::too_many, q.find("m[]=") + 4, "m[]"));
    EXPECT_TRUE(a.get_list<int>("absent", 0).value().empty());
    std::string thousand = "/api/v1/tests?n=1";
    for (int i = 1; i < 1000; ++i) thousand += ",1";
    auto const big = parse_ok(thousand);
    EXPECT_EQ(big.arguments().get_list<int>("n").value().size(), 1000u);  // the default limit, exactly
    std::string const thousand_and_one = thousand + ",1";
    auto const over = parse_ok(thousand_and_one);
    EXPECT_EQ(over.arguments().get_list<int>("n").error(), failure(error::too_many, thousand_and_one.size() - 1 - 14, "n"));
    EXPECT_EQ(a.get_list<int>("b", 3).value().size(), 3u);
    EXPECT_EQ(parse_ok("/api/v1/tests?c=1,x").arguments().get_list<int>("c").error(), failure(error::invalid_integer, 4, "c"));
    EXPECT_EQ(parse_ok("/api/v1/tests?c=1,2x").arguments().get_list<int>("c").error(), failure(error::invalid_integer, 5, "c"));
    EXPECT_EQ(parse_ok("/api/v1/tests?c=1,,2").arguments().get_list<int>("c").error(), failure(error::empty_value, 4, "c"));
    // A decoded value has no byte-exact way back to the query: its start is given.
    EXPECT_EQ(parse_ok("/api/v1/tests?c=%31,x").arguments().get_list<int>("c").error(), failure(error::invalid_integer, 2, "c"));
}

// Every documented argument (§17) in every letter case, with and without `[]` (§2.5, §21.15).
TEST(Arguments, EveryDocumentedNameInEverySpelling) {
    using kayako::detail::known_argument;
    for (std::size_t i = 0; i < std::size(kayako::detail::known_argument_names); ++i) {
        std::string_view const snake = kayako::detail::known_argument_names[i];
        auto const k = static_cast<known_argument>(i);
        std::string const camel = kayako::convert_case(snake, kayako::letter_case::camel);
        std::string const pascal = kayako::convert_case(snake, kayako::letter_case::pascal);
        for (std::string const& name : {std::string(snake), camel, pascal, std::string(snake) + "[]", camel + "[]"})
            EXPECT_EQ(kayako::detail::classify_argument(name), k) << name;
        for (std::string const& near : {std::string(snake) + "x", std::string(snake.substr(0, snake.size() - 1)), "x" + std::string(snake),
                                        std::string(snake) + "[", kayako::convert_case(snake, kayako::letter_case::snake) + "_"})
            EXPECT_EQ(kayako::detail::classify_argument(near), known_argument::none) << near;
    }
    EXPECT_EQ(kayako::detail::classify_argument(""), known_argument::none);
    EXPECT_EQ(kayako::detail::classify_argument("LIMIT"), known_argument::none);  // l_i_m_i_t
    EXPECT_EQ(kayako::detail::classify_argument("_FingerprintId"), known_argument::fingerprint_id);
    EXPECT_EQ(kayako::detail::classify_argument("_fingerprint_idx"), known_argument::none);  // 16 bytes
    EXPECT_EQ(kayako::detail::classify_argument("_FingerprintIdX"), known_argument::none);   // snake longer than 15
    // And through the parser: each accessor answers to its camel spelling.
    auto t = parse_ok("/api/v1/tests?_JsonpCallback=cb&_FingerprintId=F&AccessToken=A&_SessionId=S&_Md5=m&BeforeId=3&AfterId=4");
    auto const& a = t.arguments();
    EXPECT_EQ(a.jsonp_callback(), "cb");
    EXPECT_EQ(a.fingerprint_id(), "F");
    EXPECT_EQ(a.access_token(), "A");
    EXPECT_EQ(a.session_id(), "S");
    EXPECT_EQ(a.md5(), "m");
    EXPECT_EQ(a.before_id(), 3);
    EXPECT_EQ(a.after_id(), 4);
}

// The pagination arguments are one unsigned 64-bit type wherever they are read (page_arguments.hpp):
// a cursor is a position in ID order and IDs are never negative, so `before_id=-1` is refused like
// `offset=-1` (§7.2, §21.17; request_test.cpp holds the typed request and parse_pagination to the
// same verdicts).
TEST(Arguments, NumericArgumentsAtTheirBoundsAndOnePast) {  // §7, §17, §21.14, §21.17
    constexpr auto max = std::numeric_limits<std::uint64_t>::max();
    auto const target = parse_ok("/api/v1/tests?offset=0&before_id=0&after_id=18446744073709551615");
    auto const& a = target.arguments();  // a view into `target`: it must outlive it
    EXPECT_EQ(a.offset(), 0u);
    EXPECT_EQ(a.before_id(), 0u);
    EXPECT_EQ(a.after_id(), max);
    EXPECT_EQ(parse_ok("/api/v1/tests?offset=18446744073709551615").arguments().offset(), max);
    EXPECT_EQ(parse_ok("/api/v1/tests?before_id=-0").arguments().before_id(), 0u);  // zero, however spelt
    EXPECT_EQ(parse_ok("/api/v1/tests?since=-62135596800&until=253402300799").arguments().until()->seconds, kayako::timestamp_max_seconds);
    // `_timestamp` is the credentials' to type (auth.hpp): the target keeps it as sent.
    EXPECT_EQ(parse_ok("/api/v1/tests?_timestamp=2016-08-18T15:17:39Z").arguments().request_timestamp(), "2016-08-18T15:17:39Z");
    struct row {
        std::string_view query;
        error code;
        std::string_view parameter;
        std::size_t offset;
    };
    row const rows[] = {
        {"offset=-1", error::integer_out_of_range, "offset", 7},
        {"offset=18446744073709551616", error::integer_out_of_range, "offset", 7},
        {"before_id=-1", error::integer_out_of_range, "before_id", 10},
        {"before_id=-9223372036854775809", error::integer_out_of_range, "before_id", 10},
        {"after_id=-5", error::integer_out_of_range, "after_id", 9},
        {"after_id=18446744073709551616", error::integer_out_of_range, "after_id", 9},
        {"since=253402300800", error::timestamp_out_of_range, "since", 6},
        {"until=-62135596801", error::timestamp_out_of_range, "until", 6},
        {"limit=1001", error::integer_out_of_range, "limit", 6},
        {"limit=-1", error::integer_out_of_range, "limit", 6},
    };
    for (auto const& r : rows) {
        auto const got = kayako::parse_query(r.query);
        ASSERT_FALSE(got) << r.query;
        EXPECT_EQ(got.error(), failure(r.code, r.offset, r.parameter)) << r.query;
    }
    kayako::target_options options;
    options.max_limit = 50;
    options.default_limit = 7;
    EXPECT_EQ(kayako::parse_query("limit=50", options).value().limit(), 50);
    EXPECT_EQ(kayako::parse_query("limit=1", options).value().limit(), 1);
    EXPECT_EQ(kayako::parse_query("limit=0", options).value().limit(), 7);
    EXPECT_EQ(kayako::parse_query("", options).value().limit(), 7);
    EXPECT_EQ(kayako::parse_query("limit=51", options).error(), failure(error::integer_out_of_range, 6, "limit"));
}

TEST(Arguments, EveryBooleanAndCaseSpelling) {  // §3, §17
    for (std::string_view t : {"true", "TRUE", "True", "1"}) {
        EXPECT_TRUE(kayako::parse_query("_flat=" + std::string(t)).value().flat()) << t;
        EXPECT_TRUE(kayako::parse_query("_empty=" + std::string(t)).value().keep_empty()) << t;
    }
    for (std::string_view f : {"false", "FALSE", "0"}) {
        EXPECT_FALSE(kayako::parse_query("_flat=" + std::string(f)).value().flat()) << f;
        EXPECT_FALSE(kayako::parse_query("_empty=" + std::string(f)).value().keep_empty()) << f;
    }
    EXPECT_EQ(kayako::parse_query("_case=SNAKE").value().letter_case(), kayako::letter_case::snake);
    EXPECT_EQ(kayako::parse_query("_case=Camel").value().letter_case(), kayako::letter_case::camel);
    EXPECT_EQ(kayako::parse_query("_case=pascal").value().letter_case(), kayako::letter_case::pascal);
    EXPECT_EQ(kayako::parse_query("_case=").error(), failure(error::invalid_option, 6, "_case"));
}

// The ids are cached inline up to 32 and read again from the text past that: both give them all.
TEST(Arguments, IdsAtTheInlineCacheBound) {
    for (int count : {31, 32, 33, 64}) {
        std::string query = "ids=";
        std::vector<std::int64_t> expected;
        for (int i = 0; i < count; ++i) {
            expected.push_back(1000 + i * 7);
            query += (i ? "," : "") + std::to_string(expected.back());
        }
        auto const a = kayako::parse_query(query).value();
        EXPECT_EQ(std::vector<std::int64_t>(a.ids().begin(), a.ids().end()), expected) << count;
        EXPECT_EQ(a.ids().size(), static_cast<std::size_t>(count));
        kayako::query_arguments const copy = a;
        EXPECT_EQ(std::vector<std::int64_t>(copy.ids().begin(), copy.ids().end()), expected) << count;
    }
    // Eighteen digits are read as scanned; nineteen through the integer parser: same values.
    auto const a = kayako::parse_query("ids=999999999999999999,1000000000000000000,-1,00000000000000000001").value();
    EXPECT_EQ(std::vector<std::int64_t>(a.ids().begin(), a.ids().end()),
              (std::vector<std::int64_t>{999999999999999999, 1000000000000000000, -1, 1}));
}

// Arguments are held inline up to 32 and on the heap past that; decoded text inline up to 1 KiB.
TEST(Arguments, StorageAtItsInlineBounds) {
    for (int count : {32, 33}) {
        std::string query;
        for (int i = 0; i < count; ++i) query += "k" + std::to_string(i) + "=%" + std::to_string(40 + i % 10) + "&";
        auto a = kayako::parse_query(query).value();
        ASSERT_EQ(a.size(), static_cast<std::size_t>(count));
        kayako::query_arguments const copy = a;
        kayako::query_arguments const moved = std::move(a);
        for (int i = 0; i < count; ++i) {
            std::string const expected(1, static_cast<char>(0x40 + i % 10));
            EXPECT_EQ(copy[static_cast<std::size_t>(i)].value, expected) << i;
            EXPECT_EQ(moved.require<std::string>("k" + std::to_string(i)).value(), expected) << i;
        }
    }
    for (std::size_t size : {340u, 341u, 342u, 1023u, 1024u, 1025u}) {  // 3 × size on both sides of 1,024
        std::size_t const escapes = (size - 2) / 3, rest = (size - 2) % 3;
        std::string query = "f=";
        for (std::size_t i = 0; i < escapes; ++i) query += "%41";
        query += std::string(rest, 'b');
        ASSERT_EQ(query.size(), size);
        std::string const expected = std::string(escapes, 'A') + std::string(rest, 'b');
        auto const a = kayako::parse_query(query).value();
        EXPECT_EQ(a.find("f"), expected) << size;
        kayako::query_arguments copy;
        copy = a;
        EXPECT_EQ(copy.find("f"), expected) << size;
        kayako::query_arguments const& self = copy;
        copy = self;
        EXPECT_EQ(copy.find("f"), expected) << size;
        kayako::query_arguments moved;
        moved = std::move(copy);
        EXPECT_EQ(moved.find("f"), expected) << size;
    }
}

}  // namespace
