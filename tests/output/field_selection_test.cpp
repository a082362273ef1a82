// Tests of output/field_selection.hpp: the §5.4 decisions on the type alone, without a sink —
// every row of §5.4's table and the rules of §21.2 (always / hidden / unknown names), §21.4 (what
// becomes of a nested resource in flat mode) and §21.5 (names in any letter case).
#include <kayako/output/field_selection.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using kayako::field;
using kayako::field_scope;
using kayako::field_selection;
using kayako::nested_verdict;
using kayako::resource_schema;

// The Role-like resource of §5.4: `title`, `type` default; `ip_restriction` not by default;
// `password` hidden; `agent` a nested user.
resource_schema const& role_schema() {
    static resource_schema const s{"role",
                                   {{"title"},
                                    {"type"},
                                    {"ip_restriction", field::optional},
                                    {"password", field::hidden},
                                    {"agent", kayako::nested("user")}}};
    return s;
}

// The members of the rendered resource, in order; `extra` is not in the schema.
std::vector<std::string_view> const role_members = {"id",    "title",    "type",          "ip_restriction",
                                                    "agent", "password", "extra",         "resource_type",
                                                    "resource_url"};

bool holds(std::vector<std::string_view> const& members, std::string_view name) {
    for (auto m : members)
        if (kayako::names_equal(m, name)) return true;
    return false;
}

// What the selection emits of `members` under `fields` at the top level.
std::string emitted(std::string_view fields, resource_schema const* schema = &role_schema(),
                    std::vector<std::string_view> const& members = role_members) {
    auto const mask = kayako::parse_fields(fields).value();
    field_selection select(mask, field_scope{&mask.root(), false}, schema,
                           [&](std::string_view n) { return holds(members, n); });
    std::string out;
    for (auto m : members) {
        if (!select.admit(m).emit) continue;
        if (!out.empty()) out += ',';
        out += m;
    }
    return out;
}

constexpr std::string_view always = "id,resource_type,resource_url";

struct row {
    std::string_view fields;
    std::string_view expected;
};

class FieldSelection54 : public ::testing::TestWithParam<row> {};

TEST_P(FieldSelection54, Row) {
    EXPECT_EQ(emitted(GetParam().fields), GetParam().expected) << "fields=" << GetParam().fields;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, FieldSelection54,
    ::testing::Values(
        // rule 1: no rule ⇒ A ∪ D (members the schema lacks are default fields)
        row{"", "id,title,type,agent,extra,resource_type,resource_url"},
        // rule 2: `+x` ⇒ A ∪ D ∪ {x}, x in D or N
        row{"+title", "id,title,type,agent,extra,resource_type,resource_url"},
        row{"+ip_restriction", "id,title,type,ip_restriction,agent,extra,resource_type,resource_url"},
        // rule 3: `-x` removes x
        row{"-title", "id,type,agent,extra,resource_type,resource_url"},
        row{"+full_name,-designation", "id,title,type,agent,extra,resource_type,resource_url"},
        // rule 4: a bare default field ⇒ explicit mode: A ∪ {listed}
        row{"title", "id,title,resource_type,resource_url"},
        row{"title,ip_restriction", "id,title,ip_restriction,resource_type,resource_url"},
        row{"title,-type", "id,title,resource_type,resource_url"},
        row{"extra", "id,extra,resource_type,resource_url"},  // a member the schema lacks is a default
        // rule 5: a bare non-default field behaves like `+x`
        row{"ip_restriction", "id,title,type,ip_restriction,agent,extra,resource_type,resource_url"},
        // rule 6: `*` ⇒ A ∪ D ∪ N; `*(*)` too at this level
        row{"*", "id,title,type,ip_restriction,agent,extra,resource_type,resource_url"},
        row{"*(*)", "id,title,type,ip_restriction,agent,extra,resource_type,resource_url"},
        row{"*,-type", "id,title,ip_restriction,agent,extra,resource_type,resource_url"},
        // §21.2: always fields whatever the rules say; hidden never; unknown names ignored
        row{"-id,-resource_type,-resource_url", "id,title,type,agent,extra,resource_type,resource_url"},
        row{"title,-id", "id,title,resource_type,resource_url"},
        row{"+password", "id,title,type,agent,extra,resource_type,resource_url"},
        row{"password", "id,title,type,agent,extra,resource_type,resource_url"},
        row{"nonexistent", "id,title,type,agent,extra,resource_type,resource_url"},
        row{"id", "id,title,type,agent,extra,resource_type,resource_url"},  // `id` does not switch modes
        // §21.5: rule names in any letter case
        row{"ipRestriction", "id,title,type,ip_restriction,agent,extra,resource_type,resource_url"},
        row{"Title", "id,title,resource_type,resource_url"}));

TEST(FieldSelection, HiddenNeverEvenUnderStarStar) {
    EXPECT_EQ(emitted("*(*)").find("password"), std::string::npos);
    auto const mask = kayako::parse_fields("").value();
    field_selection deep(mask, field_scope{nullptr, true}, &role_schema(), [](std::string_view) { return true; });
    EXPECT_TRUE(deep.all());
    EXPECT_FALSE(deep.admit("password").emit);
    EXPECT_TRUE(deep.admit("ip_restriction").emit);
}

TEST(FieldSelection, ModesAreReported) {
    auto const mask = kayako::parse_fields("title").value();
    field_selection s(mask, field_scope{&mask.root(), false}, &role_schema(), [](std::string_view) { return true; });
    EXPECT_TRUE(s.explicit_mode());
    EXPECT_FALSE(s.all());
    auto const star = kayako::parse_fields("*").value();
    field_selection a(star, field_scope{&star.root(), false}, &role_schema(), [](std::string_view) { return true; });
    EXPECT_FALSE(a.explicit_mode());
    EXPECT_TRUE(a.all());
}

TEST(FieldSelection, MemberNamesInAnyCaseFindTheSchemaField) {
    auto const mask = kayako::parse_fields("").value();
    field_selection s(mask, field_scope{&mask.root(), false}, &role_schema(), [](std::string_view) { return true; });
    auto const m = s.admit("IpRestriction");
    ASSERT_NE(m.field, nullptr);
    EXPECT_EQ(m.field->name(), "ip_restriction");
    EXPECT_EQ(m.field->name(kayako::letter_case::camel), "ipRestriction");  // §21.5: spelled for output
    EXPECT_FALSE(m.emit);                                                 // not a default field
}

TEST(FieldSelection, AFieldHeldTwiceIsEmittedOnce) {
    auto const mask = kayako::parse_fields("").value();
    field_selection s(mask, field_scope{&mask.root(), false}, &role_schema(), [](std::string_view) { return true; });
    EXPECT_TRUE(s.admit("title").emit);
    EXPECT_FALSE(s.admit("Title").emit);  // the same field in another case: the first wins
    EXPECT_TRUE(s.admit("type").emit);
}

TEST(FieldSelection, WithoutASchemaEveryMemberIsADefaultField) {
    std::vector<std::string_view> const members = {"id", "name", "colour", "password", "resource_type"};
    EXPECT_EQ(emitted("", nullptr, members), "id,name,colour,password,resource_type");
    EXPECT_EQ(emitted("name", nullptr, members), "id,name,resource_type");
    EXPECT_EQ(emitted("missing", nullptr, members), "id,name,colour,password,resource_type");  // not held: ignored
    EXPECT_EQ(emitted("-colour", nullptr, members), "id,name,password,resource_type");
}

TEST(FieldSelection, ChildScopeCarriesNestedRulesAndStarStar) {
    auto const mask = kayako::parse_fields("+agent(full_name)").value();
    field_selection s(mask, field_scope{&mask.root(), false}, &role_schema(), [](std::string_view) { return true; });
    auto const agent = s.admit("agent");
    ASSERT_TRUE(agent.emit);
    ASSERT_NE(agent.rule, nullptr);
    field_scope const child = s.child_scope(agent);
    ASSERT_NE(child.level, nullptr);
    ASSERT_EQ(child.level->rules.size(), 1u);
    EXPECT_EQ(child.level->rules[0].name, "full_name");
    EXPECT_FALSE(child.deep);
    EXPECT_EQ(s.child_scope(s.admit("type")).level, nullptr);  // no rule: the defaults below

    // `*` does not reach nested resources (§5.3); `*(*)` does, at every depth.
    auto const star = kayako::parse_fields("*").value();
    field_selection a(star, field_scope{&star.root(), false}, &role_schema(), [](std::string_view) { return true; });
    EXPECT_FALSE(a.child_scope(a.admit("agent")).deep);
    auto const deep = kayako::parse_fields("*(*)").value();
    field_selection d(deep, field_scope{&deep.root(), false}, &role_schema(), [](std::string_view) { return true; });
    EXPECT_TRUE(d.child_scope(d.admit("agent")).deep);
    field_selection below(deep, field_scope{nullptr, true}, &role_schema(), [](std::string_view) { return true; });
    EXPECT_TRUE(below.child_scope(below.admit("agent")).deep);  // carried on down
}

// §5.1 and §21.4: reference unless included; in flat mode sideloaded when it has a key.
TEST(NestedVerdict, IncludeAndFlat) {
    kayako::include_list const none;
    auto const roles = kayako::parse_include("role,caseStatus").value();
    auto const all = kayako::include_list::everything();
    using kayako::nested_verdict_for;
    EXPECT_EQ(nested_verdict_for(none, "role", false, true), nested_verdict::reference);
    EXPECT_EQ(nested_verdict_for(none, "role", true, true), nested_verdict::reference);  // nothing to sideload
    EXPECT_EQ(nested_verdict_for(roles, "role", false, true), nested_verdict::expand);
    EXPECT_EQ(nested_verdict_for(roles, "Role", false, false), nested_verdict::expand);
    EXPECT_EQ(nested_verdict_for(roles, "case_status", false, true), nested_verdict::expand);  // any case
    EXPECT_EQ(nested_verdict_for(roles, "team", false, true), nested_verdict::reference);
    EXPECT_EQ(nested_verdict_for(all, "team", false, true), nested_verdict::expand);
    EXPECT_EQ(nested_verdict_for(roles, "role", true, true), nested_verdict::sideload);
    EXPECT_EQ(nested_verdict_for(roles, "role", true, false), nested_verdict::expand);  // no key: in place
    EXPECT_EQ(nested_verdict_for(all, "team", true, true), nested_verdict::sideload);
    EXPECT_EQ(nested_verdict_for(roles, "team", true, true), nested_verdict::reference);
}

}  // namespace
