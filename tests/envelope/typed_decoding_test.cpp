// Tests of typed_decoding.hpp: a response's `data` read straight into described structs (§4.3),
// in the three letter cases (§2.5, §6.1, §21.5), with `parse_envelope`'s tolerance and typed
// errors that name the path and the offset; every member type at its boundaries; the same values
// as `value_to` on `parse_envelope`'s DOM; recorded Kayako responses (../shared/testdata).
#include <kayako/envelope/typed_decoding.hpp>

#include <kayako/envelope/envelope_parser.hpp>

#include "envelope_bad_inputs.hpp"
#include "envelope_vectors.hpp"
#include "support/testdata.hpp"
#include "support/views.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/parse.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/json/value_to.hpp>
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace typed {

struct ref {
    std::int64_t id = 0;
    std::string resource_type;
    friend bool operator==(ref const&, ref const&) = default;
};
BOOST_DESCRIBE_STRUCT(ref, (), (id, resource_type))

struct user {
    std::int64_t id = 0;
    std::string full_name;
    std::optional<std::string> email;
    std::vector<std::string> tags;
    ref role;
    std::optional<int> rating;
    double score = 0;
    bool is_enabled = false;
    friend bool operator==(user const&, user const&) = default;
};
BOOST_DESCRIBE_STRUCT(user, (), (id, full_name, email, tags, role, rating, score, is_enabled))

struct with_raw {
    std::int32_t id = 0;
    boost::json::value custom_fields;
    std::optional<std::vector<std::optional<std::int16_t>>> counts;
    friend bool operator==(with_raw const&, with_raw const&) = default;
};
BOOST_DESCRIBE_STRUCT(with_raw, (), (id, custom_fields, counts))

// §1.1 TV-INTRO-2's resource.
struct test_resource {
    std::uint32_t id = 0;
    std::string name;
    std::string authentication_scheme;
    std::vector<int> array_items;
    bool is_boolean = false;
    std::string resource_type;
    std::string resource_url;
    friend bool operator==(test_resource const&, test_resource const&) = default;
};
BOOST_DESCRIBE_STRUCT(test_resource, (), (id, name, authentication_scheme, array_items, is_boolean, resource_type, resource_url))

// §6.1 TV-SO-1's locale (camel case on the wire).
struct locale_item {
    int id = 0;
    std::string locale;
    std::string native_name;
    std::string resource_type;
    std::string resource_url;
    friend bool operator==(locale_item const&, locale_item const&) = default;
};
BOOST_DESCRIBE_STRUCT(locale_item, (), (id, locale, native_name, resource_type, resource_url))

// §6.3 TV-SO-3's test, with a nested reference and a double.
struct sideloaded_test {
    int id = 0;
    std::string name;
    ref user;
    double generation_time = 0;
    friend bool operator==(sideloaded_test const&, sideloaded_test const&) = default;
};
BOOST_DESCRIBE_STRUCT(sideloaded_test, (), (id, name, user, generation_time))

}  // namespace typed

namespace {

using namespace kayako;
namespace json = boost::json;
using typed::user;

// `value_to` on a DOM, the reference. Boost.JSON 1.81 converts a described struct only from an
// object with exactly its members, each under its exact name; the DOM is brought to that shape
// first: keys renamed to their snake spelling, unknown ones dropped, absent `optional` and
// `json::value` members given as null.
template <class T>
void normalise_for(json::value& v);

template <class T>
struct normaliser {
    static void run(json::value&) {}
};
template <class T>
struct normaliser<std::optional<T>> {
    static void run(json::value& v) {
        if (!v.is_null()) normalise_for<T>(v);
    }
};
template <class T>
struct normaliser<std::vector<T>> {
    static void run(json::value& v) {
        if (auto* a = v.if_array())
            for (auto& item : *a) normalise_for<T>(item);
    }
};

template <class T>
void normalise_for(json::value& v) {
    if constexpr (detail::described_struct<T>) {
        auto* o = v.if_object();
        if (!o) return;
        json::object renamed;
        for (auto& kv : *o) renamed[convert_case(kv.key(), letter_case::snake)] = kv.value();
        json::object exact;
        boost::mp11::mp_for_each<detail::described_members_of<T>>([&](auto d) {
            using M = std::remove_cvref_t<decltype(std::declval<T&>().*d.pointer)>;
            if (auto* member = renamed.if_contains(d.name))
                exact[d.name] = *member;
            else if (detail::stores_null<M>)
                exact[d.name] = nullptr;
            if (auto* member = exact.if_contains(d.name)) normalise_for<M>(*member);
        });
        *o = std::move(exact);
    } else {
        normaliser<T>::run(v);
    }
}

template <class T>
std::optional<T> value_to_reference(json::value v) {
    normalise_for<T>(v);
    auto r = json::try_value_to<T>(v);
    if (!r) return std::nullopt;
    return std::move(*r);
}

// --- Scalars at their boundaries (bare documents: the path is empty, the offset the value's).

template <class T>
void expect_value(std::string_view json, T expected) {
    SCOPED_TRACE(json);
    auto r = decode_json<T>(test::exact_buffer(json));
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(*r, expected);
}

template <class T>
void expect_refused(std::string_view json, error code, std::string_view expected = {}, std::size_t offset = 0) {
    SCOPED_TRACE(json);
    auto r = decode_json<T>(test::exact_buffer(json));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, code) << r.error().message();
    EXPECT_EQ(r.error().path, "");
    EXPECT_EQ(r.error().offset, offset);
    EXPECT_EQ(r.error().expected, expected);
}

template <class T>
void expect_integer_edges() {
    using limits = std::numeric_limits<T>;
    expect_value<T>(std::to_string(limits::min()), limits::min());
    expect_value<T>(std::to_string(limits::max()), limits::max());
    // One past each end, where a wider type still holds it as an integer.
    if constexpr (sizeof(T) < 8) {
        expect_refused<T>(std::to_string(static_cast<std::int64_t>(limits::max()) + 1), error::integer_out_of_range);
        expect_refused<T>(std::to_string(static_cast<std::int64_t>(limits::min()) - 1), error::integer_out_of_range);
    }
}

TEST(TypedDecoding, IntegersAtTheirEdges) {
    expect_integer_edges<std::int8_t>();
    expect_integer_edges<std::uint8_t>();
    expect_integer_edges<std::int16_t>();
    expect_integer_edges<std::uint16_t>();
    expect_integer_edges<std::int32_t>();
    expect_integer_edges<std::uint32_t>();
    expect_integer_edges<std::int64_t>();
    expect_integer_edges<std::uint64_t>();
    // Past the 64-bit ends the parser reads a double: not an integer at all.
    expect_refused<std::int64_t>("9223372036854775808", error::integer_out_of_range);  // a uint64
    expect_refused<std::int64_t>("-9223372036854775809", error::wrong_type, "integer");
    expect_refused<std::uint64_t>("18446744073709551616", error::wrong_type, "integer");
    expect_refused<std::uint64_t>("-1", error::integer_out_of_range);
    expect_refused<int>("1.0", error::wrong_type, "integer");
    expect_refused<int>("1e2", error::wrong_type, "integer");
    expect_refused<int>("\"1\"", error::wrong_type, "integer");
    expect_refused<int>("true", error::wrong_type, "integer");
    expect_refused<int>("null", error::wrong_type, "integer");
    expect_refused<int>("  2147483648", error::integer_out_of_range, {}, 2);  // the number's first byte
}

TEST(TypedDecoding, DoublesAreTheNearestToTheirText) {
    expect_value<double>("-6e-49", -6e-49);  // Boost.JSON 1.81 alone reads -5.999999999999999e-49 (§21.19)
    expect_value<double>("2.9802322387695312e-08", 2.9802322387695312e-08);
    expect_value<double>("1.7976931348623157e308", std::numeric_limits<double>::max());
    expect_value<double>("4.9e-324", std::numeric_limits<double>::denorm_min());
    expect_value<double>("1e-400", 0.0);  // underflow: the nearest double
    expect_value<double>("-9223372036854775808", -9223372036854775808.0);
    expect_value<double>("18446744073709551615", 18446744073709551615.0);
    auto const negative_zero = decode_json<double>("-0.0");
    ASSERT_TRUE(negative_zero);
    EXPECT_TRUE(std::signbit(*negative_zero));
    auto const overflow = decode_json<double>(" 1.8e308");
    ASSERT_FALSE(overflow);
    EXPECT_EQ(overflow.error().code, error::float_out_of_range);
    EXPECT_EQ(overflow.error().offset, 1u);
    expect_refused<double>("\"1.5\"", error::wrong_type, "number");
}

TEST(TypedDecoding, BooleansAndStrings) {
    expect_value<bool>("true", true);
    expect_value<bool>("false", false);
    expect_refused<bool>("1", error::wrong_type, "boolean");
    expect_refused<bool>("\"true\"", error::wrong_type, "boolean");
    expect_value<std::string>(R"("Charlotte K\u00fcchler \"\ud83d\ude00\"")", "Charlotte Küchler \"😀\"");
    expect_value<std::string>(R"("")", "");
    expect_refused<std::string>("12", error::wrong_type, "string");
    expect_refused<std::string>("null", error::wrong_type, "string");
    // A long string with escapes comes from the parser in parts.
    std::string long_text(10000, 'a');
    long_text[5000] = '\\';
    long_text.insert(5001, "n");
    auto const r = decode_json<std::string>("\"" + long_text + "\"");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->size(), 10000u);
    EXPECT_EQ((*r)[5000], '\n');
}

TEST(TypedDecoding, OptionalsVectorsAndRawValues) {
    expect_value<std::optional<int>>("null", std::nullopt);
    expect_value<std::optional<int>>("7", 7);
    expect_value<std::vector<int>>("[]", {});
    expect_value<std::vector<int>>("[1,2,3]", {1, 2, 3});
    expect_value<std::vector<std::vector<int>>>("[[1],[],[2,3]]", {{1}, {}, {2, 3}});
    expect_value<std::vector<std::optional<std::string>>>(R"(["a",null])", {"a", std::nullopt});
    expect_refused<std::vector<int>>("{}", error::wrong_type, "array");
    expect_refused<user>("[]", error::wrong_type, "object");

    auto const r = decode_json<typed::with_raw>(
        R"({"id":1,"customFields":{"a":[1,-6e-49,{"b":null}],"c":"d"},"counts":[1,null,-32768]})");
    ASSERT_TRUE(r) << r.error().message();
    json::value expected = json::parse(R"({"a":[1,0,{"b":null}],"c":"d"})");
    expected.at("a").at(1) = -6e-49;
    EXPECT_EQ(r->custom_fields, expected);
    EXPECT_EQ(r->custom_fields.at("a").at(1).as_double(), -6e-49);  // read exactly, like the rest
    EXPECT_EQ(r->counts, (std::vector<std::optional<std::int16_t>>{1, std::nullopt, -32768}));
    // A raw member absent or null is null; scalars are kept as they are.
    auto const bare = decode_json<typed::with_raw>(R"({"id":2})");
    ASSERT_TRUE(bare);
    EXPECT_TRUE(bare->custom_fields.is_null());
    EXPECT_FALSE(bare->counts);
    auto const scalar = decode_json<typed::with_raw>(R"({"id":2,"custom_fields":"x","counts":null})");
    ASSERT_TRUE(scalar);
    EXPECT_EQ(scalar->custom_fields, json::value("x"));
}

// --- Envelopes.

std::string page(std::string_view items, std::string_view more = {}) {
    std::string s = R"({"status":200,"data":[)";
    s += items;
    s += "]";
    s += more;
    s += "}";
    return s;
}

user const ann{1, "Ann", "ann@example.com", {"a", "b"}, {2, "role"}, 5, 1.5, true};
user const bob{2, "Bob", std::nullopt, {}, {3, "role"}, std::nullopt, -2, false};

constexpr std::string_view snake_items =
    R"({"id":1,"full_name":"Ann","email":"ann@example.com","tags":["a","b"],"role":{"id":2,"resource_type":"role"},"rating":5,"score":1.5,"is_enabled":true},)"
    R"({"id":2,"full_name":"Bob","email":null,"tags":[],"role":{"id":3,"resource_type":"role"},"score":-2,"is_enabled":false})";
constexpr std::string_view camel_items =
    R"({"id":1,"fullName":"Ann","email":"ann@example.com","tags":["a","b"],"role":{"id":2,"resourceType":"role"},"rating":5,"score":1.5,"isEnabled":true},)"
    R"({"id":2,"fullName":"Bob","email":null,"tags":[],"role":{"id":3,"resourceType":"role"},"score":-2,"isEnabled":false})";
constexpr std::string_view pascal_items =
    R"({"Id":1,"FullName":"Ann","Email":"ann@example.com","Tags":["a","b"],"Role":{"Id":2,"ResourceType":"role"},"Rating":5,"Score":1.5,"IsEnabled":true},)"
    R"({"Id":2,"FullName":"Bob","Email":null,"Tags":[],"Role":{"Id":3,"ResourceType":"role"},"Score":-2,"IsEnabled":false})";

TEST(TypedDecoding, EveryLetterCaseFillsTheSameMembers) {
    for (auto items : {snake_items, camel_items, pascal_items}) {
        std::string const body = page(items, R"(,"resource":"user","totalCount":2,"Limit":10)");
        SCOPED_TRACE(body);
        auto const r = decode_envelope<std::vector<user>>(test::exact_buffer(body));
        ASSERT_TRUE(r) << r.error().message();
        ASSERT_TRUE(r->data);
        EXPECT_EQ(*r->data, (std::vector<user>{ann, bob}));
        EXPECT_EQ(r->meta.status, 200);
        EXPECT_EQ(r->meta.total_count, 2u);
        EXPECT_EQ(r->meta.limit, 10u);
        EXPECT_EQ(r->meta.resource, "user");
        EXPECT_TRUE(r->meta.has_data());
        // And the same as `value_to` on parse_envelope's DOM.
        auto const full = parse_envelope(body);
        ASSERT_TRUE(full);
        EXPECT_EQ(value_to_reference<std::vector<user>>(full->data()), *r->data);
    }
}

TEST(TypedDecoding, OtherSpellingsOfANameAreAcceptedToo) {
    auto const r = decode_json<typed::ref>(R"({"Id":4,"Resource_type":"x"})");
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(*r, (typed::ref{4, "x"}));
}

TEST(TypedDecoding, UnknownMembersAreSkippedWhateverTheyHold) {
    auto const r = decode_json<typed::ref>(
        R"({"before":{"id":"no","resource_type":[1,{"x":[]}]},"id":5,"list":[[{"id":true}],null],"resource_type":"r","after":1e300})");
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(*r, (typed::ref{5, "r"}));
    // Skipped, but still a number too large for a double (§21.19).
    auto const overflow = decode_json<typed::ref>(R"({"x":[1e999],"id":5,"resource_type":"r"})");
    ASSERT_FALSE(overflow);
    EXPECT_EQ(overflow.error().code, error::float_out_of_range);
    EXPECT_EQ(overflow.error().path, "x[0]");
    EXPECT_EQ(overflow.error().offset, 6u);
}

TEST(TypedDecoding, NullIsAbsent) {
    // Absent or null: an optional is empty; a required member is missing.
    auto const r = decode_json<typed::ref>(R"({"id":null,"id":6,"resource_type":"r"})");
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->id, 6);
    std::string const body = R"({"id":6,"resource_type":null})";
    auto const missing = decode_json<typed::ref>(body);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, error::missing_parameter);
    EXPECT_EQ(missing.error().path, "resource_type");
    EXPECT_EQ(missing.error().offset, body.size() - 1);  // where the object ends
}

// Errors of `data`, with the path and the offset of the offending value.
void expect_data_error(std::string const& body, error code, std::string_view path, std::string_view at,
                       std::string_view expected = {}, std::size_t after_at = 0) {
    SCOPED_TRACE(body);
    auto const r = decode_envelope<std::vector<user>>(test::exact_buffer(body));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, code) << r.error().message();
    EXPECT_EQ(r.error().path, path);
    EXPECT_EQ(r.error().expected, expected);
    ASSERT_NE(body.find(at), std::string::npos);
    EXPECT_EQ(r.error().offset, body.find(at) + after_at);
}

TEST(TypedDecoding, WrongTypesNameThePathAndTheOffset) {
    std::string const good(snake_items);
    std::string const items = good + "," + good;  // data[0..3]
    auto with = [&](std::string_view from, std::string_view to) {
        std::string s = page(items);
        s.replace(s.rfind(from), from.size(), to);
        return s;
    };
    expect_data_error(with(R"("email":null)", R"("email":42)"), error::wrong_type, "data[3].email", "42", "string");
    expect_data_error(with(R"("score":-2)", R"("score":"x")"), error::wrong_type, "data[3].score", R"("x")", "number");
    expect_data_error(with(R"("tags":[])", R"("tags":[1])"), error::wrong_type, "data[3].tags[0]", "1]", "string");
    expect_data_error(with(R"("tags":[])", R"("tags":{})"), error::wrong_type, "data[3].tags", "{}", "array");
    expect_data_error(with(R"({"id":3,)", R"({"id":3.5,)"), error::wrong_type, "data[3].role.id", "3.5", "integer");
    expect_data_error(with(R"("is_enabled":false)", R"("is_enabled":0)"), error::wrong_type, "data[3].is_enabled",
                      "0}", "boolean");
    expect_data_error(with(R"("rating":5)", R"("rating":2147483648)"), error::integer_out_of_range, "data[2].rating",
                      "2147483648");
    expect_data_error(page(R"(7)"), error::wrong_type, "data[0]", "7]", "object");
    expect_data_error(R"({"status":200,"data":{"id":1}})", error::wrong_type, "data", R"({"id)", "array");
    expect_data_error(with(R"("email":null)", R"("email":["\n"])"), error::wrong_type, "data[3].email", R"(["\n"])",
                      "string");
    // A string with escapes is located at its closing quote (the parser hands over the unescaped
    // text only).
    expect_data_error(with(R"("score":-2)", R"("score":"a\n")"), error::wrong_type, "data[3].score", R"(\n",)", "number", 2);
}

TEST(TypedDecoding, MissingMembersAndDuplicates) {
    std::string const body = page(R"({"id":1,"full_name":"A","tags":[],"role":{"id":2},"score":1,"is_enabled":true})");
    expect_data_error(body, error::missing_parameter, "data[0].role.resource_type", "},\"score\"");
    expect_data_error(page(R"({"id":1,"full_name":"A","fullName":"B"})"), error::duplicate, "data[0].fullName",
                      R"("fullName")");
    // The same spelling twice: the last value counts, as in parse_envelope's DOM.
    std::string twice(snake_items);
    twice.insert(1, R"("tags":["old"],"role":{"id":9,"resource_type":"old","x":1},"full_name":"Old",)");
    auto const r = decode_envelope<std::vector<user>>(page(twice));
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(*r->data, (std::vector<user>{ann, bob}));
    auto const full = parse_envelope(page(twice));
    ASSERT_TRUE(full);
    EXPECT_EQ(value_to_reference<std::vector<user>>(full->data()), *r->data);
}

TEST(TypedDecoding, MetadataAsParseEnvelopeReadsIt) {
    // An error response: no data, the errors and notifications read.
    auto const r = decode_envelope<std::vector<user>>(vectors::notification_401);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_FALSE(r->data);
    auto const full = parse_envelope(vectors::notification_401);
    ASSERT_TRUE(full);
    EXPECT_EQ(static_cast<envelope_metadata const&>(r->meta), static_cast<envelope_metadata const&>(*full));
    EXPECT_TRUE(r->meta.is_error());
    // A 304's empty body; `data: null`; a JSONP body (offsets count from the body).
    auto const empty = decode_envelope<user>("");
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->meta.status, 304);
    EXPECT_FALSE(empty->meta.has_body());
    std::string_view const two_spellings = R"({"data":{"id":1,"resource_type":"r"},"Data":null,"status":200})";
    auto const twice = decode_envelope<typed::ref>(two_spellings);
    ASSERT_FALSE(twice);  // `data` in two spellings, as parse_envelope says
    EXPECT_EQ(twice.error(), parse_envelope(two_spellings).error());
    // An error in `data` is reported first, even if a later member would excuse it (documented).
    auto const bad_first = decode_envelope<typed::ref>(R"({"data":{"id":"x"},"data":null,"status":200})");
    ASSERT_FALSE(bad_first);
    EXPECT_EQ(bad_first.error().path, "data.id");
    auto const last_null = decode_envelope<std::vector<user>>(page(snake_items, R"(,"data":null)"));
    ASSERT_TRUE(last_null);
    EXPECT_FALSE(last_null->data);
    std::string const jsonp = "cb(" + page(R"({"id":"1"})") + ");";
    auto const wrapped = decode_envelope<std::vector<user>>(jsonp);
    ASSERT_FALSE(wrapped);
    EXPECT_EQ(wrapped.error().path, "data[0].id");
    EXPECT_EQ(wrapped.error().offset, jsonp.find(R"("1")"));
}

TEST(TypedDecoding, DataOfAnyTypeAndWhereverItComes) {
    // `data` may be a scalar, and may come after the metadata.
    auto const number = decode_envelope<std::int16_t>(R"({"status":200,"total_count":1,"data":-32768})");
    ASSERT_TRUE(number) << number.error().message();
    EXPECT_EQ(number->data, std::int16_t{-32768});
    EXPECT_EQ(number->meta.total_count, 1u);
    std::string const body = R"({"status":200,"data":"x"})";
    auto const wrong = decode_envelope<std::int16_t>(body);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().path, "data");
    EXPECT_EQ(wrong.error().offset, body.find(R"("x")"));
    EXPECT_EQ(wrong.error().expected, "integer");
    auto const last = decode_envelope<std::vector<int>>(R"({"data":[1],"errors":[],"Status":201,"data":[2,3]})");
    ASSERT_TRUE(last) << last.error().message();
    EXPECT_EQ(last->data, (std::vector<int>{2, 3}));
    EXPECT_EQ(last->meta.status, 201);
}

TEST(TypedDecoding, BadEnvelopesGiveParseEnvelopesErrors) {
    // With `data` kept raw nothing in it can be of the wrong type: every other error is the one
    // parse_envelope reports.
    for (auto const& row : vectors::bad_envelopes()) {
        SCOPED_TRACE(row.name);
        auto const r = decode_envelope<json::value>(row.body);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error(), parse_envelope(row.body).error()) << r.error().message();
    }
    envelope_parse_options opt;
    opt.max_depth = 3;
    auto const deep = decode_envelope<std::vector<user>>(page(R"({"role":{"id":[]}})"), opt);
    ASSERT_FALSE(deep);
    EXPECT_EQ(deep.error().code, error::too_deep);
}

std::string_view const all_vectors[] = {
    vectors::intro2,       vectors::resp1,      vectors::resp2,           vectors::resp3,
    vectors::notification_401, vectors::resp4,  vectors::single_delete,   vectors::bulk_update,
    vectors::session_created,  vectors::so1,    vectors::so3,             vectors::cursor_links,
    vectors::empty_collection, vectors::camel_page, vectors::cache2,      vectors::sec1,
    vectors::otp_step,     vectors::credential_expired_step, vectors::rl1, vectors::js1,
    vectors::three_errors, vectors::one_field_expected, vectors::timestamp_mismatch,
};

TEST(TypedDecoding, TheSpecificationsVectorsGiveValueTosValues) {
    for (auto body : all_vectors) {
        SCOPED_TRACE(body);
        auto const full = parse_envelope(body);
        ASSERT_TRUE(full);
        auto const raw = decode_envelope<json::value>(body);
        ASSERT_TRUE(raw) << raw.error().message();
        EXPECT_EQ(static_cast<envelope_metadata const&>(raw->meta), static_cast<envelope_metadata const&>(*full));
        EXPECT_EQ(raw->data.has_value(), full->has_data());
        if (full->has_data()) {
            EXPECT_EQ(*raw->data, full->data());
        }
    }
    auto const intro = decode_envelope<typed::test_resource>(vectors::intro2);
    ASSERT_TRUE(intro) << intro.error().message();
    EXPECT_EQ(intro->data, value_to_reference<typed::test_resource>(parse_envelope(vectors::intro2)->data()));
    EXPECT_EQ(intro->data->array_items, (std::vector<int>{1, 2, 3}));
    auto const so1 = decode_envelope<std::vector<typed::locale_item>>(vectors::so1);
    ASSERT_TRUE(so1) << so1.error().message();
    ASSERT_EQ(so1->data->size(), 1u);
    EXPECT_EQ((*so1->data)[0].native_name, "English (United States)");
    EXPECT_EQ(so1->data, value_to_reference<std::vector<typed::locale_item>>(parse_envelope(vectors::so1)->data()));
    auto const so3 = decode_envelope<typed::sideloaded_test>(vectors::so3);
    ASSERT_TRUE(so3) << so3.error().message();
    EXPECT_EQ(so3->data->generation_time, 0.000134);
    EXPECT_EQ(so3->data, value_to_reference<typed::sideloaded_test>(parse_envelope(vectors::so3)->data()));
    auto const empty = decode_envelope<std::vector<user>>(vectors::empty_collection);
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->data, std::vector<user>{});
}

// --- Recorded Kayako responses (../shared/testdata/peers/kayako-java-sdk, camel case).

namespace recorded {
struct user_minimal {
    std::int64_t id = 0;
    std::string full_name;
    std::optional<std::string> last_active_at;
    std::string avatar;
    std::string resource_type;
    std::string resource_url;
    friend bool operator==(user_minimal const&, user_minimal const&) = default;
};
BOOST_DESCRIBE_STRUCT(user_minimal, (), (id, full_name, last_active_at, avatar, resource_type, resource_url))

struct conversation {
    std::int64_t id = 0;
    std::string uuid;
    std::optional<std::int64_t> legacy_id;
    std::string subject;
    std::string channel;
    user_minimal requester;
    std::optional<user_minimal> assigned_agent;
    boost::json::value custom_fields;
    std::string created_at;
    std::string resource_url;
    friend bool operator==(conversation const&, conversation const&) = default;
};
BOOST_DESCRIBE_STRUCT(conversation, (), (id, uuid, legacy_id, subject, channel, requester, assigned_agent, custom_fields,
                                         created_at, resource_url))

struct locale_item {
    int id = 0;
    std::string locale;
    std::string native_name;
    bool is_public = false;
    bool is_localised = false;
    std::string direction;
    friend bool operator==(locale_item const&, locale_item const&) = default;
};
BOOST_DESCRIBE_STRUCT(locale_item, (), (id, locale, native_name, is_public, is_localised, direction))
}  // namespace recorded

std::string recorded_body(std::string_view file) {
    return test::read_testdata(std::string("peers/kayako-java-sdk/responses/") + std::string(file));
}

bool skip_without_testdata() {
    if (test::testdata_present("peers/kayako-java-sdk")) return false;
    if (test::testdata_required()) ADD_FAILURE() << "../shared/testdata is missing (KAYAKO_REQUIRE_TESTDATA)";
    return true;
}

template <class T>
void expect_recorded_envelope(std::string_view file, std::size_t items) {
    SCOPED_TRACE(file);
    std::string const body = recorded_body(file);
    auto const r = decode_envelope<std::vector<T>>(body);
    ASSERT_TRUE(r) << r.error().message();
    ASSERT_TRUE(r->data);
    EXPECT_EQ(r->data->size(), items);
    auto const full = parse_envelope(body);
    ASSERT_TRUE(full);
    EXPECT_EQ(static_cast<envelope_metadata const&>(r->meta), static_cast<envelope_metadata const&>(*full));
    EXPECT_EQ(r->data, value_to_reference<std::vector<T>>(full->data()));
}

TEST(TypedDecoding, RecordedCollections) {
    if (skip_without_testdata()) GTEST_SKIP() << "../shared/testdata/peers/kayako-java-sdk is absent";
    expect_recorded_envelope<recorded::conversation>("GetConversationList_1.json", 12);
    expect_recorded_envelope<recorded::locale_item>("GetLocales_1.json", json::parse(recorded_body("GetLocales_1.json")).at("data").as_array().size());
    auto const r = decode_envelope<std::vector<recorded::conversation>>(recorded_body("GetConversationList_1.json"));
    ASSERT_TRUE(r);
    EXPECT_EQ((*r->data)[0].id, 32);
    EXPECT_EQ((*r->data)[0].requester.full_name, "John Doe 2");
    EXPECT_FALSE((*r->data)[0].legacy_id);
}

TEST(TypedDecoding, RecordedBareResource) {
    if (skip_without_testdata()) GTEST_SKIP() << "../shared/testdata/peers/kayako-java-sdk is absent";
    std::string const body = recorded_body("UserMinimalParserTest_1.json");
    auto const r = decode_json<recorded::user_minimal>(body);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->id, 6);
    EXPECT_EQ(r->full_name, "Robin Malhotra");
    EXPECT_EQ(r->last_active_at, "2017-03-14T16:00:12+00:00");
    EXPECT_EQ(std::optional(*r), value_to_reference<recorded::user_minimal>(json::parse(body)));
}

}  // namespace
