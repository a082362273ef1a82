#include <kayako/caching/etag.hpp>

#include <kayako/core/api_error.hpp>

#include "support/views.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using namespace std::string_literals;
using kayako::entity_tag;
using kayako::entity_tag_options;
using kayako::entity_tag_syntax;
using kayako::error;
using kayako::parse_entity_tag;

constexpr entity_tag_options strict{entity_tag_syntax::strict};

// ---- parsing: RFC 9110 §8.8.3 and the Kayako unquoted form (§9.1, §21.6) ----

struct good_row {
    std::string_view text;
    std::string_view opaque;
    bool weak;
    bool strict_ok;  // also valid in the strict mode
};
constexpr good_row good_tags[] = {
    {R"("xyzzy")", "xyzzy", false, true},                                    // RFC 9110 §8.8.3 example
    {R"(W/"xyzzy")", "xyzzy", true, true},                                   // RFC 9110 §8.8.3 example
    {R"("")", "", false, true},                                              // *etagc: empty is valid
    {R"(W/"")", "", true, true},
    {R"("35676ce12ba0543c84489f3c393f5491")", "35676ce12ba0543c84489f3c393f5491", false, true},  // §9.1
    {"1653fb55ce4603b2f3def1903eb81333", "1653fb55ce4603b2f3def1903eb81333", false, false},        // §9.1 unquoted
    {R"("a,b")", "a,b", false, true},                                        // a comma is etagc
    {R"("!#~")", "!#~", false, true},                                        // %x21, %x23, %x7E
    {"\"caf\xC3\xA9\"", "caf\xC3\xA9", false, true},                         // obs-text
    {"\"W/\"", "W/", false, true},                                           // W/ inside the quotes
    {"abc/def", "abc/def", false, false},
};

TEST(EntityTag, ParsesGoodTags) {
    for (auto const& row : good_tags) {
        auto const kayako_mode = parse_entity_tag(row.text);
        ASSERT_TRUE(kayako_mode) << row.text;
        EXPECT_EQ(kayako_mode->opaque, row.opaque) << row.text;
        EXPECT_EQ(kayako_mode->weak, row.weak) << row.text;
        auto const strict_mode = parse_entity_tag(row.text, strict);
        EXPECT_EQ(strict_mode.has_value(), row.strict_ok) << row.text;
        if (strict_mode) {
            EXPECT_EQ(*strict_mode, *kayako_mode);
        }
    }
}

TEST(EntityTag, KayakoModeIsTheDefault) {
    EXPECT_EQ(entity_tag_options{}.syntax, entity_tag_syntax::kayako);
}

struct bad_row {
    std::string_view text;
    entity_tag_syntax syntax;
    error code;
    std::size_t offset;
};
constexpr auto K = entity_tag_syntax::kayako;
constexpr auto S = entity_tag_syntax::strict;
constexpr bad_row bad_tags[] = {
    {"", K, error::empty_value, 0},
    {"", S, error::empty_value, 0},
    {"abc", S, error::invalid_entity_tag, 0},       // unquoted: Kayako mode only
    {"\"abc", K, error::unexpected_end, 4},        // no closing quote
    {"\"", K, error::unexpected_end, 1},
    {"W/", K, error::unexpected_end, 2},
    {"W/abc", K, error::invalid_entity_tag, 2},    // W/ introduces a quoted tag, always
    {"w/\"abc\"", S, error::invalid_entity_tag, 0}, // W is case-sensitive
    {"\"abc\" ", K, error::invalid_entity_tag, 5}, // trailing bytes (trim before parsing)
    {" \"abc\"", K, error::invalid_entity_tag, 0},
    {"\"abc\"x", K, error::invalid_entity_tag, 5},
    {"\"a b\"", K, error::invalid_entity_tag, 2},  // SP is not etagc
    {"\"a\tb\"", K, error::invalid_entity_tag, 2},
    {"\"a\x7F\"", K, error::invalid_entity_tag, 2}, // DEL
    {"*", K, error::invalid_entity_tag, 0},         // `*` is "any", not a tag
    {"a b", K, error::invalid_entity_tag, 1},
    {"a,b", K, error::invalid_entity_tag, 1},       // unquoted tags end at a comma
    {"a\"b", K, error::invalid_entity_tag, 1},
    {",", K, error::invalid_entity_tag, 0},
};

TEST(EntityTag, RejectsBadTagsWithCodeAndOffset) {
    for (auto const& row : bad_tags) {
        auto const r = parse_entity_tag(row.text, {row.syntax});
        ASSERT_FALSE(r) << row.text;
        EXPECT_EQ(r.error().code, row.code) << row.text;
        EXPECT_EQ(r.error().offset, row.offset) << row.text;
    }
}

TEST(EntityTag, RejectsNulAtItsOffset) {
    auto const r = parse_entity_tag("\"ab\0c\""s);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), kayako::failure(error::invalid_entity_tag, 3));
    auto const unquoted = parse_entity_tag("ab\0c"s);
    ASSERT_FALSE(unquoted);
    EXPECT_EQ(unquoted.error(), kayako::failure(error::invalid_entity_tag, 2));
}

TEST(EntityTag, LengthLimit) {
    entity_tag_options options;
    options.max_tag_length = 8;
    EXPECT_TRUE(parse_entity_tag(R"("123456")", options));       // 8 bytes with the quotes
    EXPECT_TRUE(parse_entity_tag(R"(W/"1234")", options));
    EXPECT_TRUE(parse_entity_tag("12345678", options));
    auto const quoted = parse_entity_tag(R"("1234567")", options);
    ASSERT_FALSE(quoted);
    EXPECT_EQ(quoted.error(), kayako::failure(error::too_long, 0));
    auto const unquoted = parse_entity_tag("123456789", options);
    ASSERT_FALSE(unquoted);
    EXPECT_EQ(unquoted.error(), kayako::failure(error::too_long, 0));
    auto const huge = parse_entity_tag("\"" + std::string(10000, 'a') + "\"");
    ASSERT_FALSE(huge);
    EXPECT_EQ(huge.error().code, error::too_long);
}

// ---- comparison: the table of RFC 9110 §8.8.3.2 ----

TEST(EntityTag, Rfc9110ComparisonTable) {
    struct row {
        std::string_view a, b;
        bool strong, weak;
    };
    constexpr row table[] = {
        {R"(W/"1")", R"(W/"1")", false, true},
        {R"(W/"1")", R"(W/"2")", false, false},
        {R"(W/"1")", R"("1")", false, true},
        {R"("1")", R"("1")", true, true},
    };
    for (auto const& r : table) {
        auto const a = parse_entity_tag(r.a).value();
        auto const b = parse_entity_tag(r.b).value();
        EXPECT_EQ(kayako::strong_compare(a, b), r.strong) << r.a << " vs " << r.b;
        EXPECT_EQ(kayako::strong_compare(b, a), r.strong) << r.b << " vs " << r.a;
        EXPECT_EQ(kayako::weak_compare(a, b), r.weak) << r.a << " vs " << r.b;
        EXPECT_EQ(kayako::weak_compare(b, a), r.weak) << r.b << " vs " << r.a;
    }
}

TEST(EntityTag, UnquotedKayakoTagEqualsItsQuotedSpelling) {  // §20.5: compare loosely
    auto const unquoted = parse_entity_tag("1653fb55ce4603b2f3def1903eb81333").value();
    auto const quoted = parse_entity_tag(R"("1653fb55ce4603b2f3def1903eb81333")").value();
    EXPECT_TRUE(kayako::strong_compare(unquoted, quoted));
    EXPECT_EQ(unquoted, quoted);
}

// ---- lists: If-Match / If-None-Match (RFC 9110 §5.6.1, §13.1.1, §13.1.2; §21.8) ----

struct list_outcome {
    bool ok = false;
    bool any = false;
    std::vector<std::pair<std::string, bool>> tags;
    kayako::failure error{};
};

list_outcome scan(std::string_view value, entity_tag_options options = {}) {
    list_outcome out;
    auto r = kayako::scan_entity_tag_list(
        value, [&](entity_tag const& t) { out.tags.emplace_back(std::string(t.opaque), t.weak); }, options);
    out.ok = r.has_value();
    if (r) {
        out.any = r->any;
        EXPECT_EQ(r->tags, out.tags.size());
        EXPECT_EQ(r->lines, 1u);
    } else {
        out.error = r.error();
    }
    return out;
}

using tag_list = std::vector<std::pair<std::string, bool>>;

TEST(EntityTagList, GoodLists) {
    struct row {
        std::string_view value;
        bool any;
        tag_list tags;
    };
    row const rows[] = {
        {"*", true, {}},
        {"  *  ", true, {}},
        {"*,", true, {}},                      // empty elements are ignored
        {", *", true, {}},
        {"", false, {}},                       // #entity-tag allows zero elements
        {" \t ", false, {}},
        {",", false, {}},
        {", ,\t,", false, {}},
        {R"("a")", false, {{"a", false}}},
        {R"("a","b")", false, {{"a", false}, {"b", false}}},
        {R"("a" , W/"b",,"c")", false, {{"a", false}, {"b", true}, {"c", false}}},
        {R"(,"a",)", false, {{"a", false}}},
        {R"("a,b", "c")", false, {{"a,b", false}, {"c", false}}},  // the comma inside quotes
        {R"(W/"x", W/"x")", false, {{"x", true}, {"x", true}}},     // duplicates are harmless
        {"abc, def", false, {{"abc", false}, {"def", false}}},   // Kayako unquoted
        {"abc,\"def\"", false, {{"abc", false}, {"def", false}}},
        {"\t\"a\"\t,\t\"b\"\t", false, {{"a", false}, {"b", false}}},
        {"*abc", false, {{"*abc", false}}},    // an unquoted tag that starts with `*`
    };
    for (auto const& r : rows) {
        auto const out = scan(r.value);
        ASSERT_TRUE(out.ok) << r.value << ": " << out.error.message();
        EXPECT_EQ(out.any, r.any) << r.value;
        EXPECT_EQ(out.tags, r.tags) << r.value;
    }
}

TEST(EntityTagList, BadLists) {
    struct row {
        std::string_view value;
        entity_tag_syntax syntax;
        error code;
        std::size_t offset;
    };
    constexpr row rows[] = {
        {R"(*, "a")", K, error::invalid_entity_tag, 3},  // `*` is alone or not at all
        {R"("a", *)", K, error::invalid_entity_tag, 5},
        {"*, *", K, error::invalid_entity_tag, 3},
        {"* *", K, error::invalid_entity_tag, 2},
        {R"("a" "b")", K, error::invalid_entity_tag, 4},  // missing comma
        {R"("a"x)", K, error::invalid_entity_tag, 3},
        {R"("a)", K, error::unexpected_end, 2},
        {R"("a", W/)", K, error::unexpected_end, 7},
        {"abc, def", S, error::invalid_entity_tag, 0},    // unquoted: strict rejects
        {R"("a", b)", S, error::invalid_entity_tag, 5},
        {"a b", K, error::invalid_entity_tag, 2},
        {"\"a\"\x01", K, error::invalid_entity_tag, 3},
    };
    for (auto const& r : rows) {
        auto const out = scan(r.value, {r.syntax});
        ASSERT_FALSE(out.ok) << r.value;
        EXPECT_EQ(out.error.code, r.code) << r.value;
        EXPECT_EQ(out.error.offset, r.offset) << r.value;
    }
    EXPECT_TRUE(scan(";").ok);  // any run of etagc but ',' is an unquoted tag in the Kayako mode
    EXPECT_FALSE(scan(";", strict).ok);
}

TEST(EntityTagList, ElementLimitCountsEmptyElements) {
    entity_tag_options options;
    options.max_list_elements = 3;
    EXPECT_TRUE(scan(R"("a","b","c")", options).ok);
    auto const four = scan(R"("a","b","c","d")", options);
    ASSERT_FALSE(four.ok);
    EXPECT_EQ(four.error.code, error::too_many);
    EXPECT_EQ(four.error.offset, 12u);
    EXPECT_FALSE(scan(",,,,", options).ok);
    auto const flood = scan(std::string(100000, ','));
    ASSERT_FALSE(flood.ok);  // the default limit of 1000 elements
    EXPECT_EQ(flood.error.code, error::too_many);
}

TEST(EntityTagList, SeveralHeaderLinesAreOneList) {  // RFC 9110 §5.3
    using fields = std::vector<std::pair<std::string, std::string>>;
    auto run = [](fields const& f, tag_list* tags = nullptr) {
        kayako::pair_headers<fields> headers(f);
        return kayako::scan_entity_tag_list(headers, "If-None-Match", [&](entity_tag const& t) {
            if (tags) tags->emplace_back(std::string(t.opaque), t.weak);
        });
    };
    tag_list tags;
    auto const two = run({{"If-None-Match", R"("a", "b")"}, {"Accept", "*/*"}, {"if-none-match", R"(W/"c")"}}, &tags);
    ASSERT_TRUE(two);
    EXPECT_EQ(two->lines, 2u);
    EXPECT_EQ(two->tags, 3u);
    EXPECT_EQ(tags, (tag_list{{"a", false}, {"b", false}, {"c", true}}));

    auto const absent = run({{"If-Match", R"("a")"}});
    ASSERT_TRUE(absent);
    EXPECT_FALSE(absent->present());

    auto const star_and_tag = run({{"If-None-Match", "*"}, {"If-None-Match", R"("a")"}});
    ASSERT_FALSE(star_and_tag);
    EXPECT_EQ(star_and_tag.error(), kayako::failure(error::invalid_entity_tag, 0, "If-None-Match"));

    auto const bad_second = run({{"If-None-Match", R"("a")"}, {"If-None-Match", R"("b" junk)"}});
    ASSERT_FALSE(bad_second);
    EXPECT_EQ(bad_second.error(), kayako::failure(error::invalid_entity_tag, 4, "If-None-Match"));

    auto const empty_lines = run({{"If-None-Match", ""}, {"If-None-Match", " , "}});
    ASSERT_TRUE(empty_lines);
    EXPECT_TRUE(empty_lines->present());
    EXPECT_EQ(empty_lines->tags, 0u);
}

TEST(EntityTagList, ScansInPlace) {
    std::string const value = R"(W/"abc", "def")";
    std::vector<char const*> starts;
    (void)kayako::scan_entity_tag_list(value, [&](entity_tag const& t) { starts.push_back(t.opaque.data()); });
    ASSERT_EQ(starts.size(), 2u);
    EXPECT_EQ(starts[0], value.data() + 3);  // views into the field value, no copies
    EXPECT_EQ(starts[1], value.data() + 10);
}

// ---- generation (§9.1, §21.6) ----

bool is_quoted_lower_hex(std::string_view s) {
    if (s.size() != 34 || s.front() != '"' || s.back() != '"') return false;
    for (char c : s.substr(1, 32))
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

TEST(EntityTagGeneration, StrongTagsAre32LowercaseHexDigitsQuoted) {
    auto const tag = kayako::entity_tag_for_bytes("abc");
    EXPECT_EQ(tag.view(), R"("900150983cd24fb0d6963f7d28e17f72")");  // MD5("abc"), RFC 1321
    EXPECT_TRUE(is_quoted_lower_hex(tag.view()));
    auto const parsed = parse_entity_tag(tag.view(), strict).value();
    EXPECT_EQ(parsed, tag.tag());
    EXPECT_FALSE(tag.tag().weak);
}

TEST(EntityTagGeneration, WeakOnRequest) {
    auto const weak = kayako::entity_tag_for_bytes("abc", kayako::entity_tag_strength::weak);
    EXPECT_EQ(weak.view(), R"(W/"900150983cd24fb0d6963f7d28e17f72")");
    EXPECT_TRUE(weak.tag().weak);
    EXPECT_EQ(parse_entity_tag(weak.view(), strict).value(), weak.tag());
    EXPECT_TRUE(kayako::weak_compare(weak.tag(), kayako::entity_tag_for_bytes("abc").tag()));
    EXPECT_FALSE(kayako::strong_compare(weak.tag(), kayako::entity_tag_for_bytes("abc").tag()));
}

boost::json::object object(std::string_view json) { return boost::json::parse(json).as_object(); }

std::string resource_tag(std::string_view json) {
    return std::string(kayako::resource_entity_tag(object(json)).value().view());
}

TEST(EntityTagGeneration, ResourceTagIgnoresMemberOrder) {
    auto const a = resource_tag(R"({"id":1,"name":"Caryn Pryor","is_boolean":true,"resource_type":"test"})");
    auto const b = resource_tag(R"({"resource_type":"test","is_boolean":true,"name":"Caryn Pryor","id":1})");
    EXPECT_EQ(a, b);
    EXPECT_TRUE(is_quoted_lower_hex(a));
}

TEST(EntityTagGeneration, ResourceTagChangesWithOwnState) {
    auto const base = resource_tag(R"({"id":1,"name":"a","count":1,"tags":["x"],"meta":{"k":null}})");
    char const* const variants[] = {
        R"({"id":2,"name":"a","count":1,"tags":["x"],"meta":{"k":null}})",
        R"({"id":1,"name":"b","count":1,"tags":["x"],"meta":{"k":null}})",
        R"({"id":1,"name":"a","count":2,"tags":["x"],"meta":{"k":null}})",
        R"({"id":1,"name":"a","count":1.0,"tags":["x"],"meta":{"k":null}})",  // a float is not an integer
        R"({"id":1,"name":"a","count":"1","tags":["x"],"meta":{"k":null}})",  // nor a string
        R"({"id":1,"name":"a","count":1,"tags":["x","y"],"meta":{"k":null}})",
        R"({"id":1,"name":"a","count":1,"tags":[],"meta":{"k":null}})",
        R"({"id":1,"name":"a","count":1,"tags":["x"],"meta":{"k":false}})",
        R"({"id":1,"name":"a","count":1,"tags":["x"],"meta":{}})",
        R"({"id":1,"name":"a","count":1,"tags":["x"]})",
        R"({"id":1,"name":"a","count":1,"tags":["x"],"meta":{"k":null},"extra":null})",
        R"({"id":1,"name":"a","count":1,"tags":"x","meta":{"k":null}})",
        R"({"id":1,"name":"a","count":1,"tags":[["x"]],"meta":{"k":null}})",
    };
    for (auto const* v : variants) EXPECT_NE(resource_tag(v), base) << v;
    // Same state written with an unsigned integer is the same state.
    boost::json::object same = object(R"({"id":1,"name":"a","tags":["x"],"meta":{"k":null}})");
    same["count"] = std::uint64_t{1};
    EXPECT_EQ(std::string(kayako::resource_entity_tag(same).value().view()), base);
}

TEST(EntityTagGeneration, NestedResourcesCountByIdentityOnly) {  // §9.1
    auto const base = resource_tag(
        R"({"id":7,"subject":"Help","requester":{"id":3,"full_name":"Ann","resource_type":"user"},
            "tags":[{"id":1,"name":"x","resource_type":"tag"}]})");
    // The nested user and tag change: the case's own state does not.
    EXPECT_EQ(base, resource_tag(R"({"id":7,"subject":"Help","requester":{"id":3,"full_name":"Anne","role":"agent",
            "resource_type":"user"},"tags":[{"id":1,"name":"renamed","resource_type":"tag"}]})"));
    // Pointing at another user is a change of our state.
    EXPECT_NE(base, resource_tag(R"({"id":7,"subject":"Help","requester":{"id":4,"full_name":"Ann",
            "resource_type":"user"},"tags":[{"id":1,"name":"x","resource_type":"tag"}]})"));
    EXPECT_NE(base, resource_tag(R"({"id":7,"subject":"Help","requester":{"id":3,"full_name":"Ann",
            "resource_type":"user"},"tags":[]})"));
    // A reference ({id, resource_type}) and the full nested resource give the same tag.
    EXPECT_EQ(base, resource_tag(R"({"id":7,"subject":"Help","requester":{"id":3,"resource_type":"user"},
            "tags":[{"id":1,"resource_type":"tag"}]})"));
    // The top-level object is the resource itself, never "nested".
    EXPECT_NE(resource_tag(R"({"id":3,"full_name":"Ann","resource_type":"user"})"),
              resource_tag(R"({"id":3,"full_name":"Anne","resource_type":"user"})"));
}

TEST(EntityTagGeneration, CallerDecidesWhatIsNested) {
    auto const a = object(R"({"id":1,"owner":{"kind":"user","id":5,"name":"x"}})");
    auto const b = object(R"({"id":1,"owner":{"kind":"user","id":5,"name":"y"}})");
    auto by_kind = [](boost::json::object const& o) { return o.contains("kind"); };
    EXPECT_EQ(kayako::resource_entity_tag(a, {}, by_kind).value(), kayako::resource_entity_tag(b, {}, by_kind).value());
    EXPECT_NE(kayako::resource_entity_tag(a).value(), kayako::resource_entity_tag(b).value());  // default: resource_type
}

TEST(EntityTagGeneration, WeakResourceTag) {
    auto const o = object(R"({"id":1})");
    kayako::resource_entity_tag_options options;
    options.strength = kayako::entity_tag_strength::weak;
    auto const weak = kayako::resource_entity_tag(o, options).value();
    auto const strong = kayako::resource_entity_tag(o).value();
    EXPECT_EQ(weak.view().substr(0, 2), "W/");
    EXPECT_EQ(weak.view().substr(2), strong.view());
}

TEST(EntityTagGeneration, DepthLimit) {
    boost::json::value deep = boost::json::array{};
    for (int i = 0; i < 10; ++i) deep = boost::json::array{deep};
    boost::json::object o;
    o["deep"] = deep;
    kayako::resource_entity_tag_options options;
    options.max_depth = 5;
    auto const r = kayako::resource_entity_tag(o, options);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::too_deep);
    EXPECT_TRUE(kayako::resource_entity_tag(o));  // within the default 64
}

TEST(EntityTagGeneration, ObjectsWithManyMembersUseTheSameOrderRule) {
    boost::json::object forward, backward;
    for (int i = 0; i < 200; ++i) forward[std::to_string(i)] = i;
    for (int i = 199; i >= 0; --i) backward[std::to_string(i)] = i;
    EXPECT_EQ(kayako::resource_entity_tag(forward).value(), kayako::resource_entity_tag(backward).value());
    backward["7"] = 8;
    EXPECT_NE(kayako::resource_entity_tag(forward).value(), kayako::resource_entity_tag(backward).value());
}

TEST(EntityTagGeneration, CollectionTagFromMemberIdsOnly) {  // §9.1
    std::int64_t const ids[] = {1, 2, 3};
    auto const tag = kayako::collection_entity_tag(ids);
    EXPECT_TRUE(is_quoted_lower_hex(tag.view()));
    // The members' contents do not matter; their IDs and order do.
    auto const members = boost::json::parse(R"([{"id":1,"name":"a"},{"id":2},{"id":3,"x":[1,2]}])").as_array();
    auto const changed = boost::json::parse(R"([{"id":1,"name":"b"},{"id":2,"y":1},{"id":3}])").as_array();
    EXPECT_EQ(kayako::collection_entity_tag(members), tag);
    EXPECT_EQ(kayako::collection_entity_tag(changed), tag);
    EXPECT_EQ(kayako::collection_entity_tag(boost::json::parse("[1,2,3]").as_array()), tag);  // bare IDs
    std::int64_t const reordered[] = {3, 2, 1};
    std::int64_t const fewer[] = {1, 2};
    std::int64_t const negative[] = {1, 2, -3};
    EXPECT_NE(kayako::collection_entity_tag(reordered), tag);
    EXPECT_NE(kayako::collection_entity_tag(fewer), tag);
    EXPECT_NE(kayako::collection_entity_tag(negative), tag);
    EXPECT_NE(kayako::collection_entity_tag(std::span<std::int64_t const>{}), tag);
    EXPECT_EQ(kayako::collection_entity_tag(boost::json::parse("[1,2,-3]").as_array()),
              kayako::collection_entity_tag(negative));
    std::int64_t const extreme[] = {INT64_MIN, INT64_MAX};
    EXPECT_EQ(kayako::collection_entity_tag(boost::json::parse("[-9223372036854775808,9223372036854775807]").as_array()),
              kayako::collection_entity_tag(extreme));
    EXPECT_NE(kayako::collection_entity_tag(boost::json::parse(R"(["1","2","3"])").as_array()), tag);  // string IDs differ
}

static_assert(kayako::entity_tag_for_bytes("abc").view() == R"("900150983cd24fb0d6963f7d28e17f72")");
static_assert(noexcept(parse_entity_tag("x")));

// ---- Boundaries (issue 12) ----

// RFC 9110 §8.8.3: etagc = %x21 / %x23-7E / obs-text. Every byte inside quotes (both modes), and
// in the unquoted Kayako form (§21.6), where a comma ends the tag and OWS is not part of it.
TEST(EntityTag, EveryByteInEachForm) {
    std::size_t etagcs = 0;
    for (int b = 0; b < 256; ++b) {
        SCOPED_TRACE(b);
        char const c = static_cast<char>(b);
        bool const etagc = b == 0x21 || (b >= 0x23 && b <= 0x7E) || b >= 0x80;
        etagcs += etagc;
        std::string const quoted = "\"a"s + c + "\"";
        for (auto const syntax : {K, S}) {
            kayako::test::exact_buffer const exact(quoted);
            auto const q = parse_entity_tag(exact.view(), {syntax});
            if (b == '"') {  // closes the tag early: the last quote is then trailing
                EXPECT_EQ(q.error(), kayako::failure(error::invalid_entity_tag, 3));
                continue;
            }
            ASSERT_EQ(bool(q), etagc);
            if (q) { EXPECT_EQ(q->opaque, quoted.substr(1, 2)); }
            else { EXPECT_EQ(q.error(), kayako::failure(error::invalid_entity_tag, 2)); }
        }
        std::string const unquoted = "a"s + c + "b";
        kayako::test::exact_buffer const exact(unquoted);
        auto const u = parse_entity_tag(exact.view());
        bool const unquoted_ok = etagc && c != ',';
        ASSERT_EQ(bool(u), unquoted_ok);
        if (u) { EXPECT_EQ(*u, (entity_tag{unquoted, false})); }
        else { EXPECT_EQ(u.error(), kayako::failure(error::invalid_entity_tag, 1)); }
        EXPECT_FALSE(parse_entity_tag(unquoted, strict));
        // In a list an element ends at OWS or a comma: `a<b>b` is one tag, two, or refused.
        auto const listed = scan(unquoted);
        if (unquoted_ok) { EXPECT_EQ(listed.tags, (tag_list{{unquoted, false}})); }
        else if (c == ',' ) { EXPECT_EQ(listed.tags, (tag_list{{"a", false}, {"b", false}})); }
        else if (c == ' ' || c == '\t') { EXPECT_EQ(listed.error, kayako::failure(error::invalid_entity_tag, 2)); }
        else { EXPECT_FALSE(listed.ok); }
    }
    EXPECT_EQ(etagcs, 1u + (0x7E - 0x23 + 1) + 128u);
}

// entity_tag_options: max_tag_length at the limit and one past, for each form; max_list_elements
// at the limit and one past, empty elements and `*` counted.
TEST(EntityTag, EveryLimitOnBothSides) {
    EXPECT_EQ(entity_tag_options{}.max_tag_length, 1024u);
    EXPECT_EQ(entity_tag_options{}.max_list_elements, 1000u);
    for (std::size_t const limit : {std::size_t{4}, std::size_t{8}, std::size_t{1024}}) {
        SCOPED_TRACE(limit);
        entity_tag_options options;
        options.max_tag_length = limit;
        std::string const quoted_at = "\"" + std::string(limit - 2, 'a') + "\"";
        std::string const weak_at = "W/\"" + std::string(limit - 4, 'a') + "\"";
        std::string const unquoted_at(limit, 'a');
        for (std::string const& at : {quoted_at, weak_at, unquoted_at}) {
            SCOPED_TRACE(at);
            EXPECT_TRUE(parse_entity_tag(at, options));
            std::string past = at;
            past.insert(past.size() - (past.back() == '"' ? 1 : 0), "b");
            EXPECT_EQ(parse_entity_tag(past, options).error(), kayako::failure(error::too_long, 0));
            EXPECT_EQ(scan(" " + past, options).error, kayako::failure(error::too_long, 1));
        }
    }
    entity_tag_options options;
    options.max_list_elements = 2;
    EXPECT_TRUE(scan("\"a\", \"b\"", options).ok);
    EXPECT_TRUE(scan("*,", options).ok);
    EXPECT_TRUE(scan(" , ", options).ok);
    EXPECT_TRUE(scan("\"a\", \"b\",", options).ok);  // a trailing comma opens no element
    EXPECT_EQ(scan("\"a\", \"b\", \"c\"", options).error, kayako::failure(error::too_many, 10));
    EXPECT_EQ(scan(",,,", options).error, kayako::failure(error::too_many, 2));
    EXPECT_EQ(kayako::api_error_for(error::too_many), kayako::api_error_code::field_invalid);
    EXPECT_EQ(kayako::api_error_for(error::invalid_entity_tag), kayako::api_error_code::field_invalid);
}

// Every parser of etag.hpp on views into larger buffers: the answer is the one of the exact view.
TEST(EntityTag, ViewsIntoLargerBuffers) {
    std::vector<std::string_view> texts;
    for (auto const& row : good_tags) texts.push_back(row.text);
    for (auto const& row : bad_tags) texts.push_back(row.text);
    for (std::string_view extra : {"*", "* ", "W", "W/\"", "\"a\", *", "a,", "a ,", "\"a\"\t"}) texts.push_back(extra);
    for (std::string_view text : texts) {
        SCOPED_TRACE(text);
        for (auto const syntax : {K, S}) {
            kayako::test::exact_buffer const exact(text);
            auto const want = parse_entity_tag(exact.view(), {syntax});
            auto const want_list = scan(exact.view(), {syntax});
            for (std::string_view tail : kayako::test::over_read_tails) {
                kayako::test::with_tail const longer(text, tail);
                auto const got = parse_entity_tag(longer.view(), {syntax});
                ASSERT_EQ(bool(got), bool(want)) << tail;
                if (got) { EXPECT_EQ(*got, *want); }
                else { EXPECT_EQ(got.error(), want.error()); }
                auto const list = scan(longer.view(), {syntax});
                EXPECT_EQ(list.ok, want_list.ok);
                EXPECT_EQ(list.any, want_list.any);
                EXPECT_EQ(list.tags, want_list.tags);
                EXPECT_EQ(list.error, want_list.error);
            }
        }
    }
    // `*` followed by OWS or a comma is "any"; followed by anything else it starts a tag.
    EXPECT_TRUE(scan("*\t").any);
    EXPECT_TRUE(scan("* ,").any);
    EXPECT_EQ(scan("*a").tags, (tag_list{{"*a", false}}));
}

// §9.1: a nested resource counts by its identity, which is its type AND its id.
TEST(EntityTagGeneration, NestedIdentityIncludesTheResourceType) {
    auto const user = resource_tag(R"({"id":7,"owner":{"id":3,"resource_type":"user"}})");
    auto const team = resource_tag(R"({"id":7,"owner":{"id":3,"resource_type":"team"}})");
    EXPECT_NE(user, team);
    EXPECT_NE(resource_tag(R"({"id":7,"owners":[{"id":3,"resource_type":"user"}]})"),
              resource_tag(R"({"id":7,"owners":[{"id":3,"resource_type":"team"}]})"));
    EXPECT_NE(user, resource_tag(R"({"id":7,"owner":{"id":4,"resource_type":"user"}})"));
    EXPECT_NE(user, resource_tag(R"({"id":7,"owner":{"id":"3","resource_type":"user"}})"));
    // Without an id, or with a structured one, the identity is the type alone — still by type.
    EXPECT_NE(resource_tag(R"({"owner":{"resource_type":"user"}})"), resource_tag(R"({"owner":{"resource_type":"team"}})"));
    EXPECT_EQ(resource_tag(R"({"owner":{"resource_type":"user","id":{"a":1}}})"),
              resource_tag(R"({"owner":{"resource_type":"user","id":[2]}})"));
    EXPECT_EQ(resource_tag(R"({"owner":{"resource_type":"user"}})"), resource_tag(R"({"owner":{"resource_type":"user","id":null}})"));
}

TEST(EntityTagGeneration, EveryJsonKindCountsByValue) {  // §21.6
    char const* const values[] = {"null", "true", "false", "0", "-1", "1", "1.5", "2.5", "-0.0", "1e300",
                                  "9223372036854775807", "9223372036854775808", "18446744073709551615",
                                  R"("")", R"("1")", "[]", "[null]", "{}", R"({"a":null})"};
    std::vector<std::string> tags;
    for (char const* v : values) tags.push_back(resource_tag(std::string(R"({"v":)") + v + "}"));
    for (std::size_t i = 0; i < tags.size(); ++i)
        for (std::size_t j = i + 1; j < tags.size(); ++j) EXPECT_NE(tags[i], tags[j]) << values[i] << " vs " << values[j];
}

TEST(EntityTagGeneration, DepthLimitOnBothSides) {  // §21.14
    for (std::size_t const max_depth : {std::size_t{1}, std::size_t{2}, std::size_t{5}}) {
        SCOPED_TRACE(max_depth);
        kayako::resource_entity_tag_options options;
        options.max_depth = max_depth;
        // The resource is depth 0, its members 1; each array around a member one more.
        auto nested = [](std::size_t levels) {
            boost::json::value v = 1;
            for (std::size_t i = 0; i < levels; ++i) v = boost::json::array{v};
            boost::json::object o;
            o["v"] = v;
            return o;
        };
        EXPECT_TRUE(kayako::resource_entity_tag(nested(max_depth - 1), options));
        EXPECT_EQ(kayako::resource_entity_tag(nested(max_depth), options).error().code, error::too_deep);
    }
    kayako::resource_entity_tag_options flat;
    flat.max_depth = 0;  // only an empty resource is that flat
    EXPECT_TRUE(kayako::resource_entity_tag(boost::json::object{}, flat));
    EXPECT_EQ(kayako::resource_entity_tag(object(R"({"v":1})"), flat).error().code, error::too_deep);
    EXPECT_EQ(kayako::resource_entity_tag_options{}.max_depth, 64u);
}

TEST(EntityTagGeneration, CollectionIdsEverySizeOfNumber) {  // §9.1: both overloads encode alike
    for (std::int64_t const id : {std::int64_t{0}, std::int64_t{7}, std::int64_t{10}, std::int64_t{99}, std::int64_t{100},
                                  std::int64_t{123456}, std::int64_t{-1}, std::int64_t{-10}, std::int64_t{-123456},
                                  INT64_MIN, INT64_MAX}) {
        SCOPED_TRACE(id);
        std::int64_t const ids[] = {id};
        boost::json::array members;
        members.emplace_back(id);
        EXPECT_EQ(kayako::collection_entity_tag(ids), kayako::collection_entity_tag(members));
        boost::json::array objects;
        objects.emplace_back(boost::json::object{{"id", id}});
        EXPECT_EQ(kayako::collection_entity_tag(ids), kayako::collection_entity_tag(objects));
    }
    std::int64_t const zero[] = {0}, one[] = {1};
    EXPECT_NE(kayako::collection_entity_tag(zero), kayako::collection_entity_tag(one));
    // A member without an id, or with a structured one, is "no identity": the same either way.
    EXPECT_EQ(kayako::collection_entity_tag(boost::json::parse(R"([{"x":1}])").as_array()),
              kayako::collection_entity_tag(boost::json::parse(R"([{"id":[1]}])").as_array()));
    EXPECT_NE(kayako::collection_entity_tag(boost::json::parse(R"([{"x":1}])").as_array()),
              kayako::collection_entity_tag(zero));
}

TEST(EntityTagGeneration, TextAndTagOfEveryStrength) {
    kayako::entity_tag_text const none;
    EXPECT_EQ(none.view(), "");
    EXPECT_EQ(none.tag(), (entity_tag{"", false}));
    auto const strong = kayako::entity_tag_for_bytes("abc");
    auto const weak = kayako::entity_tag_for_bytes("abc", kayako::entity_tag_strength::weak);
    EXPECT_EQ(strong.tag(), (entity_tag{"900150983cd24fb0d6963f7d28e17f72", false}));
    EXPECT_EQ(weak.tag(), (entity_tag{"900150983cd24fb0d6963f7d28e17f72", true}));
    EXPECT_EQ(weak.view().size(), kayako::entity_tag_text::max_size);
}

}  // namespace
