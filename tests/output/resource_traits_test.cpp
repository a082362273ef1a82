// Tests of output/resource_traits.hpp: a struct described with Boost.Describe needs no
// hand-written traits — its described members are its fields, in order, then `resource_type` —
// and renders exactly as the same data held as JSON, in all three letter cases (§5, §6.1, §21.5),
// nested, included, flat (§21.4), with `_empty=false` (§21.3) and with a map field (§21.18).
#include <kayako/output/resource_traits.hpp>

#include <kayako/detail/json_writer.hpp>
#include <kayako/output/renderer.hpp>

#include <boost/describe/class.hpp>
#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fixture {

struct described_role {
    static constexpr std::string_view resource_type = "role";
    std::int64_t id;
    std::string title;
    std::string type;
};
BOOST_DESCRIBE_STRUCT(described_role, (), (id, title, type))

struct described_team {
    static constexpr std::string_view resource_type = "team";
    std::int64_t id;
    std::string title;
};
BOOST_DESCRIBE_STRUCT(described_team, (), (id, title))

struct described_user {
    static constexpr std::string_view resource_type = "user";
    std::int64_t id;
    std::string full_name;
    std::optional<std::string> locale;
    std::string password;
    described_role role;
    std::vector<described_team> teams;
    boost::json::value metadata;
    std::vector<std::string> phones;
    std::optional<std::string> avatar;
    bool is_enabled;
    double score;
};
BOOST_DESCRIBE_STRUCT(described_user, (),
                      (id, full_name, locale, password, role, teams, metadata, phones, avatar, is_enabled, score))

// A described member named `resource_type` is the field itself: nothing is appended.
struct with_own_type_member {
    static constexpr std::string_view resource_type = "widget";
    std::int64_t id;
};
BOOST_DESCRIBE_STRUCT(with_own_type_member, (), (id))

// Described, but with hand-written traits: those win.
struct hand_written {
    static constexpr std::string_view resource_type = "gadget";
    std::int64_t id;
    std::string secret;
};
BOOST_DESCRIBE_STRUCT(hand_written, (), (id, secret))

// Described without a resource type: not a resource.
struct no_type {
    std::int64_t id;
};
BOOST_DESCRIBE_STRUCT(no_type, (), (id))

}  // namespace fixture

template <>
struct kayako::resource_traits<fixture::hand_written> {
    static constexpr std::string_view type = "gadget";
    template <class V>
    static void for_each_field(fixture::hand_written const& h, V&& visit) {
        visit("id", h.id);
        visit("resource_type", type);
    }
};

namespace {

namespace json = boost::json;
using kayako::letter_case;

static_assert(kayako::described_resource<fixture::described_user>);
static_assert(kayako::described_resource<fixture::described_role>);
static_assert(!kayako::described_resource<fixture::no_type>);
static_assert(kayako::resource_traits<fixture::described_user>::type == "user");

template <class T>
std::string field_names(T const& r) {
    std::string out;
    kayako::resource_traits<T>::for_each_field(r, [&](std::string_view name, auto const&) {
        if (!out.empty()) out += ',';
        out += name;
    });
    return out;
}

TEST(DescribedStruct, FieldsAreTheDescribedMembersThenResourceType) {
    EXPECT_EQ(field_names(fixture::described_role{1, "Agent", "AGENT"}), "id,title,type,resource_type");
    EXPECT_EQ(field_names(fixture::described_user{}),
              "id,full_name,locale,password,role,teams,metadata,phones,avatar,is_enabled,score,resource_type");
    EXPECT_EQ(field_names(fixture::with_own_type_member{}), "id,resource_type");
    EXPECT_EQ(field_names(fixture::hand_written{}), "id,resource_type");  // the specialisation wins
}

kayako::schema_registry const& traits_schemas() {
    using kayako::field;
    static kayako::schema_registry const reg{
        kayako::resource_schema{"role", {{"title"}, {"type"}}},
        kayako::resource_schema{"team", {{"title"}}},
        kayako::resource_schema{"user",
                                {{"full_name"},
                                 {"locale", field::optional},
                                 {"password", field::hidden},
                                 {"role", kayako::nested("role")},
                                 {"teams", kayako::nested_array("team")},
                                 {"metadata", kayako::map_field},
                                 {"phones"},
                                 {"avatar"},
                                 {"is_enabled"},
                                 {"score"}}},
    };
    return reg;
}

fixture::described_user user() {
    fixture::described_user u;
    u.id = 1;
    u.full_name = "Charlotte Küchler";
    u.locale = "en-us";
    u.password = "s3cret";
    u.role = {2, "Agent", "AGENT"};
    u.teams = {{1, "Growth"}, {2, "Support"}};
    u.metadata = json::parse(R"({"user_agent":"curl","page_url":null,"nested_map":{"a_b":[]}})");
    u.phones = {};
    u.avatar = std::nullopt;
    u.is_enabled = true;
    u.score = 0.5;
    return u;
}

// The same user as JSON, member for member.
json::value traits_user_json() {
    return json::parse(
        R"({"id":1,"full_name":"Charlotte Küchler","locale":"en-us","password":"s3cret",)"
        R"("role":{"id":2,"title":"Agent","type":"AGENT","resource_type":"role"},)"
        R"("teams":[{"id":1,"title":"Growth","resource_type":"team"},{"id":2,"title":"Support","resource_type":"team"}],)"
        R"("metadata":{"user_agent":"curl","page_url":null,"nested_map":{"a_b":[]}},"phones":[],"avatar":null,)"
        R"("is_enabled":true,"score":0.5,"resource_type":"user"})");
}

std::string written_json(json::value const& v) {
    std::string out;
    kayako::detail::append_json_value(out, v);
    return out;
}

struct variant {
    std::string_view name;
    std::string_view fields;
    std::string_view include;
    bool keep_empty;
    bool flat;
};

std::string variant_name(::testing::TestParamInfo<std::tuple<letter_case, variant>> const& info) {
    std::string_view const cases[] = {"snake", "camel", "pascal"};
    return std::string(cases[static_cast<int>(std::get<0>(info.param))]) + "_" + std::string(std::get<1>(info.param).name);
}

class DescribedRendersAsJson
    : public ::testing::TestWithParam<std::tuple<letter_case, variant>> {};

TEST_P(DescribedRendersAsJson, SameBytes) {
    auto const [c, v] = GetParam();
    kayako::render_options o;
    o.name_case = c;
    o.fields = kayako::parse_fields(v.fields).value();
    o.include = kayako::parse_include(v.include).value();
    o.keep_empty = v.keep_empty;
    o.flat = v.flat;

    kayako::rendered_text from_json;
    ASSERT_TRUE(kayako::render_text(from_json, traits_user_json(), "user", traits_schemas(), o));
    kayako::rendered_text from_struct;
    ASSERT_TRUE(kayako::render_text(from_struct, user(), traits_schemas(), o));
    EXPECT_EQ(from_struct.data, from_json.data);
    EXPECT_EQ(from_struct.resources, from_json.resources);

    auto const value = kayako::render_value(user(), traits_schemas(), o);
    ASSERT_TRUE(value);
    EXPECT_EQ(written_json(value->data), from_json.data);
    if (v.flat) {
        EXPECT_EQ(written_json(value->resources), from_json.resources);
    }

    // never the hidden field; the map's keys as held, whatever the case (§21.18)
    EXPECT_EQ(from_struct.data.find("s3cret"), std::string::npos);
    if (v.keep_empty && v.fields.empty()) {
        EXPECT_NE(from_struct.data.find("\"user_agent\""), std::string::npos);
    }
}

INSTANTIATE_TEST_SUITE_P(
    AllCases, DescribedRendersAsJson,
    ::testing::Combine(::testing::Values(letter_case::snake, letter_case::camel, letter_case::pascal),
                       ::testing::Values(variant{"defaults", "", "", true, false},
                                         variant{"included", "", "role,team", true, false},
                                         variant{"explicit", "full_name,role(title)", "*", true, false},
                                         variant{"star", "*", "", false, false},
                                         variant{"star_star", "*(*)", "*", false, false},
                                         variant{"flat", "+locale", "*", true, true},
                                         variant{"flat_no_empty", "", "team", false, true})),
    variant_name);

// One expected text, pinned: the described struct in camel case with everything included.
TEST(DescribedStruct, CamelCaseIncluded) {
    kayako::render_options o;
    o.name_case = letter_case::camel;
    o.include = kayako::include_list::everything();
    o.keep_empty = false;
    kayako::rendered_text t;
    ASSERT_TRUE(kayako::render_text(t, user(), traits_schemas(), o));
    EXPECT_EQ(t.data,
              R"({"id":1,"fullName":"Charlotte Küchler","role":{"id":2,"title":"Agent","type":"AGENT",)"
              R"("resourceType":"role"},"teams":[{"id":1,"title":"Growth","resourceType":"team"},)"
              R"({"id":2,"title":"Support","resourceType":"team"}],"metadata":{"user_agent":"curl",)"
              R"("nested_map":{}},"isEnabled":true,"score":0.5,"resourceType":"user"})");
}

TEST(DescribedStruct, CollectionOfDescribedStructs) {
    std::vector<fixture::described_role> const roles = {{1, "Agent", "AGENT"}, {2, "Admin", "ADMIN"}};
    kayako::render_options o;
    o.name_case = letter_case::pascal;
    kayako::rendered_text t;
    ASSERT_TRUE(kayako::render_text(t, std::span<fixture::described_role const>(roles), traits_schemas(), o));
    EXPECT_EQ(t.data, R"([{"Id":1,"Title":"Agent","Type":"AGENT","ResourceType":"Role"},)"
                      R"({"Id":2,"Title":"Admin","Type":"ADMIN","ResourceType":"Role"}])");
}

}  // namespace
