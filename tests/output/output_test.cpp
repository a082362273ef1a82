// Tests of output.hpp: rendering resources for a request (§5.4, §6, §21.2–§21.5). Every row is
// rendered both ways (`render_value` and the one-pass `render_text`), which must give the same
// bytes, and — for the user rows — from JSON and from a struct described by `resource_traits`.
#include <kayako/output/renderer.hpp>

#include <kayako/core/api_error.hpp>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace json = boost::json;
using kayako::field;
using kayako::letter_case;
using kayako::nested;
using kayako::nested_array;
using kayako::render_options;
using kayako::resource_schema;

// ---- schemas -----------------------------------------------------------------------------------

kayako::schema_registry const& schemas() {
    static kayako::schema_registry const reg{
        // Role-like resource of §5.4: `title` default, `ip_restriction` not by default.
        resource_schema{"role", {{"title"}, {"type"}, {"ip_restriction", field::optional}}},
        resource_schema{"team", {{"title"}, {"businesshour", nested("business_hour")}}},
        resource_schema{"business_hour", {{"title"}, {"zones"}}},
        resource_schema{"organization", {{"name"}, {"domains", nested_array("identity_domain")}}},
        resource_schema{"identity_domain", {{"domain"}}},
        resource_schema{"identity_email", {{"email"}}},
        resource_schema{"user",
                        {{"full_name"},
                         {"designation"},
                         {"locale", field::optional},
                         {"password", field::hidden},
                         {"role", nested("role")},
                         {"teams", nested_array("team")},
                         {"organization", nested("organization")},
                         {"emails", nested_array("identity_email")},
                         {"phones"},
                         {"avatar"}}},
        resource_schema{"case", {{"name"}, {"subject"}, {"creator", nested("user")}}},
        resource_schema{"locale", {{"locale"}, {"native_name"}, {"is_public"}}},
        resource_schema{"test",
                        {{"name"},
                         {"user", nested("user")},
                         {"array_items"},
                         {"is_boolean"},
                         {"option"},
                         {"updated_at"}}},
    };
    return reg;
}

// ---- sources ---------------------------------------------------------------------------------

constexpr std::string_view role_json =
    R"({"id":1,"title":"Agent","type":"AGENT","ip_restriction":"10.0.0.0/8","resource_type":"role",)"
    R"("resource_url":"https://brewfictus.kayako.com/api/v1/roles/1"})";

constexpr std::string_view user_json =
    R"({"id":1,"full_name":"Charlotte Küchler","designation":"CEO","locale":"en-us","password":"s3cret",)"
    R"("role":{"id":1,"title":"Agent","type":"AGENT","ip_restriction":"10.0.0.0/8","resource_type":"role",)"
    R"("resource_url":"https://brewfictus.kayako.com/api/v1/roles/1"},)"
    R"("teams":[{"id":1,"title":"Growth","businesshour":{"id":1,"title":"US office hours",)"
    R"("zones":{"monday":[9,10,11],"tuesday":[]},"resource_type":"business_hour"},"resource_type":"team"}],)"
    R"("organization":{"id":7,"name":"Brewfictus","domains":[{"id":5,"domain":"brewfictus.com",)"
    R"("resource_type":"identity_domain"}],"resource_type":"organization"},)"
    R"("emails":[{"id":1,"email":"charlotte.kuchler@brewfictus.com","resource_type":"identity_email"}],)"
    R"("phones":[],"avatar":null,"resource_type":"user","resource_url":"https://brewfictus.kayako.com/api/v1/users/1"})";

// The same user as structs.
struct business_hour {
    std::int64_t id;
    std::string title;
    json::value zones;
};
struct team {
    std::int64_t id;
    std::string title;
    business_hour businesshour;
};
struct role {
    std::int64_t id;
    std::string title, type, ip_restriction;
};
struct identity_domain {
    std::int64_t id;
    std::string domain;
};
struct organization {
    std::int64_t id;
    std::string name;
    std::vector<identity_domain> domains;
};
struct identity_email {
    std::int64_t id;
    std::string email;
};
struct user {
    std::int64_t id;
    std::string full_name, designation;
    std::optional<std::string> locale;
    std::string password;
    role role_;
    std::vector<team> teams;
    organization org;
    std::vector<identity_email> emails;
    std::vector<std::string> phones;
    std::optional<std::string> avatar;
};

}  // namespace

template <>
struct kayako::resource_traits<business_hour> {
    static constexpr std::string_view type = "business_hour";
    template <class V>
    static void for_each_field(business_hour const& b, V&& visit) {
        visit("id", b.id);
        visit("title", b.title);
        visit("zones", b.zones);
        visit("resource_type", type);
    }
};
template <>
struct kayako::resource_traits<team> {
    static constexpr std::string_view type = "team";
    template <class V>
    static void for_each_field(team const& t, V&& visit) {
        visit("id", t.id);
        visit("title", t.title);
        visit("businesshour", t.businesshour);
        visit("resource_type", type);
    }
};
template <>
struct kayako::resource_traits<role> {
    static constexpr std::string_view type = "role";
    template <class V>
    static void for_each_field(role const& r, V&& visit) {
        visit("id", r.id);
        visit("title", r.title);
        visit("type", r.type);
        visit("ip_restriction", r.ip_restriction);
        visit("resource_type", type);
        visit("resource_url", "https://brewfictus.kayako.com/api/v1/roles/1");
    }
};
template <>
struct kayako::resource_traits<identity_domain> {
    static constexpr std::string_view type = "identity_domain";
    template <class V>
    static void for_each_field(identity_domain const& d, V&& visit) {
        visit("id", d.id);
        visit("domain", d.domain);
        visit("resource_type", type);
    }
};
template <>
struct kayako::resource_traits<organization> {
    static constexpr std::string_view type = "organization";
    template <class V>
    static void for_each_field(organization const& o, V&& visit) {
        visit("id", o.id);
        visit("name", o.name);
        visit("domains", o.domains);
        visit("resource_type", type);
    }
};
template <>
struct kayako::resource_traits<identity_email> {
    static constexpr std::string_view type = "identity_email";
    template <class V>
    static void for_each_field(identity_email const& e, V&& visit) {
        visit("id", e.id);
        visit("email", e.email);
        visit("resource_type", type);
    }
};
template <>
struct kayako::resource_traits<user> {
    static constexpr std::string_view type = "user";
    template <class V>
    static void for_each_field(user const& u, V&& visit) {
        visit("id", u.id);
        visit("full_name", u.full_name);
        visit("designation", u.designation);
        visit("locale", u.locale);
        visit("password", u.password);
        visit("role", u.role_);
        visit("teams", u.teams);
        visit("organization", u.org);
        visit("emails", u.emails);
        visit("phones", u.phones);
        visit("avatar", u.avatar);
        visit("resource_type", type);
        visit("resource_url", "https://brewfictus.kayako.com/api/v1/users/1");
    }
};

namespace {

user const& user_struct() {
    static user const u{1,
                        "Charlotte Küchler",
                        "CEO",
                        std::string("en-us"),
                        "s3cret",
                        role{1, "Agent", "AGENT", "10.0.0.0/8"},
                        {team{1, "Growth", business_hour{1, "US office hours", json::parse(R"({"monday":[9,10,11],"tuesday":[]})")}}},
                        organization{7, "Brewfictus", {identity_domain{5, "brewfictus.com"}}},
                        {identity_email{1, "charlotte.kuchler@brewfictus.com"}},
                        {},
                        std::nullopt};
    return u;
}

// ---- the row runner ----------------------------------------------------------------------------

struct request {
    std::string_view fields{};
    std::string_view include{};
    bool keep_empty = true;
    letter_case name_case = letter_case::snake;
    bool flat = false;
};

render_options options_for(request const& q) {
    render_options o;
    auto f = kayako::parse_fields(q.fields);
    EXPECT_TRUE(f) << q.fields;
    if (f) o.fields = *f;
    auto i = kayako::parse_include(q.include);
    EXPECT_TRUE(i) << q.include;
    if (i) o.include = *i;
    o.keep_empty = q.keep_empty;
    o.name_case = q.name_case;
    o.flat = q.flat;
    return o;
}

// JSON text of `v` as the library writes it (doubles in the shortest round-trip form, not
// Boost.JSON's `1.23E0`): the text path's bytes are compared with this, so the two paths must
// agree byte for byte.
std::string written(json::value const& v) {
    std::string out;
    kayako::detail::append_json_value(out, v);
    return out;
}

std::string canonical_json(std::string_view text) { return written(json::parse(text)); }

// Renders both ways; checks they agree byte for byte; returns data (and resources).
std::pair<std::string, std::string> render_both(json::value const& source, std::string_view type, render_options const& o) {
    auto v = kayako::render_value(source, type, schemas(), o);
    EXPECT_TRUE(v);
    kayako::rendered_text t;
    t.data = "stale";  // rendering must clear
    auto r = kayako::render_text(t, source, type, schemas(), o);
    EXPECT_TRUE(r);
    if (!v || !r) return {};
    std::string const value_data = written(v->data);
    EXPECT_EQ(value_data, t.data) << "value and text paths disagree";
    if (o.flat) {
        EXPECT_EQ(written(v->resources), t.resources) << "value and text paths disagree on resources";
    } else {
        EXPECT_TRUE(v->resources.is_null());
        EXPECT_TRUE(t.resources.empty());
    }
    return {t.data, t.resources};
}

struct render_row {
    std::string_view name;
    std::string_view source;
    std::string_view type;
    request req;
    std::string_view expected;            // data
    std::string_view expected_resources;  // flat mode only
};

void PrintTo(render_row const& r, std::ostream* os) { *os << r.name; }

class Render : public ::testing::TestWithParam<render_row> {};

TEST_P(Render, Row) {
    auto const& r = GetParam();
    render_options const o = options_for(r.req);
    auto [data, resources] = render_both(json::parse(r.source), r.type, o);
    EXPECT_EQ(data, canonical_json(r.expected));
    if (r.req.flat) {
        EXPECT_EQ(resources, canonical_json(r.expected_resources));
    }
    // the user rows again from structs: the same bytes
    if (r.source == user_json) {
        auto v = kayako::render_value(user_struct(), schemas(), o);
        ASSERT_TRUE(v);
        EXPECT_EQ(written(v->data), data) << "struct source (value path)";
        kayako::rendered_text t;
        ASSERT_TRUE(kayako::render_text(t, user_struct(), schemas(), o));
        EXPECT_EQ(t.data, data) << "struct source (text path)";
        if (o.flat) {
            EXPECT_EQ(t.resources, resources);
            EXPECT_EQ(written(v->resources), resources);
        }
    }
}

#define ROLE_URL R"("resource_url":"https://brewfictus.kayako.com/api/v1/roles/1")"
#define USER_URL R"("resource_url":"https://brewfictus.kayako.com/api/v1/users/1")"
#define ROLE_ALL R"({"id":1,"title":"Agent","type":"AGENT","ip_restriction":"10.0.0.0/8","resource_type":"role",)" ROLE_URL "}"
#define ROLE_DEFAULT R"({"id":1,"title":"Agent","type":"AGENT","resource_type":"role",)" ROLE_URL "}"
#define ROLE_REF R"({"id":1,"resource_type":"role"})"
#define TEAMS_REF R"([{"id":1,"resource_type":"team"}])"
#define ORG_REF R"({"id":7,"resource_type":"organization"})"
#define EMAILS_REF R"([{"id":1,"resource_type":"identity_email"}])"

INSTANTIATE_TEST_SUITE_P(
    RoleExamples, Render,  // §5.4's table, on the Role-like resource
    ::testing::Values(
        render_row{"no_fields", role_json, "role", {}, ROLE_DEFAULT, ""},
        render_row{"title", role_json, "role", {"title"}, R"({"id":1,"title":"Agent","resource_type":"role",)" ROLE_URL "}", ""},
        render_row{"plus_title", role_json, "role", {"+title"}, ROLE_DEFAULT, ""},
        render_row{"ip_restriction", role_json, "role", {"ip_restriction"}, ROLE_ALL, ""},
        render_row{"star", role_json, "role", {"*"}, ROLE_ALL, ""},
        render_row{"star_star", role_json, "role", {"*(*)"}, ROLE_ALL, ""},
        render_row{"minus_type", role_json, "role", {"-type"}, R"({"id":1,"title":"Agent","resource_type":"role",)" ROLE_URL "}", ""},
        render_row{"minus_id_ignored", role_json, "role", {"-id,-resource_type,-resource_url"}, ROLE_DEFAULT, ""},
        render_row{"bare_id_not_explicit", role_json, "role", {"id"}, ROLE_DEFAULT, ""},
        render_row{"unknown_name_ignored", role_json, "role", {"nonsense,+other(x)"}, ROLE_DEFAULT, ""},
        render_row{"case_blind_rule", role_json, "role", {"IpRestriction,-Type"},
            R"({"id":1,"title":"Agent","ip_restriction":"10.0.0.0/8","resource_type":"role",)" ROLE_URL "}", ""},
        render_row{"star_minus", role_json, "role", {"*,-title"},
            R"({"id":1,"type":"AGENT","ip_restriction":"10.0.0.0/8","resource_type":"role",)" ROLE_URL "}", ""}));

INSTANTIATE_TEST_SUITE_P(
    User, Render,
    ::testing::Values(
        render_row{"defaults_references", user_json, "user", {},
            R"({"id":1,"full_name":"Charlotte Küchler","designation":"CEO","role":)" ROLE_REF R"(,"teams":)" TEAMS_REF
            R"(,"organization":)" ORG_REF R"(,"emails":)" EMAILS_REF R"(,"phones":[],"avatar":null,"resource_type":"user",)" USER_URL "}",
            ""},
        // §5.4: `?fields=+full_name,-designation`
        render_row{"plus_full_name_minus_designation", user_json, "user", {"+full_name,-designation"},
            R"({"id":1,"full_name":"Charlotte Küchler","role":)" ROLE_REF R"(,"teams":)" TEAMS_REF
            R"(,"organization":)" ORG_REF R"(,"emails":)" EMAILS_REF R"(,"phones":[],"avatar":null,"resource_type":"user",)" USER_URL "}",
            ""},
        // §5.4: `?fields=+role(+title,-type)` with role included
        render_row{"plus_role_nested", user_json, "user", {"+role(+title,-type)", "role"},
            R"({"id":1,"full_name":"Charlotte Küchler","designation":"CEO","role":{"id":1,"title":"Agent","resource_type":"role",)" ROLE_URL
            R"(},"teams":)" TEAMS_REF R"(,"organization":)" ORG_REF R"(,"emails":)" EMAILS_REF
            R"(,"phones":[],"avatar":null,"resource_type":"user",)" USER_URL "}",
            ""},
        // `role(*)`: explicit mode at the top (role is a default field), every field of the role
        render_row{"role_star", user_json, "user", {"role(*)", "role"},
            R"({"id":1,"role":)" ROLE_ALL R"(,"resource_type":"user",)" USER_URL "}", ""},
        // `role(*)` without include: the role stays a reference (§5.3)
        render_row{"role_star_not_included", user_json, "user", {"role(*)"},
            R"({"id":1,"role":)" ROLE_REF R"(,"resource_type":"user",)" USER_URL "}", ""},
        // `fields` on a reference that is not included: the rules inside are not applied
        render_row{"fields_on_reference", user_json, "user", {"+role(title)"},
            R"({"id":1,"full_name":"Charlotte Küchler","designation":"CEO","role":)" ROLE_REF R"(,"teams":)" TEAMS_REF
            R"(,"organization":)" ORG_REF R"(,"emails":)" EMAILS_REF R"(,"phones":[],"avatar":null,"resource_type":"user",)" USER_URL "}",
            ""},
        // `*`: every field of this level, nested resources' own fields untouched
        render_row{"star_include_role", user_json, "user", {"*", "role"},
            R"({"id":1,"full_name":"Charlotte Küchler","designation":"CEO","locale":"en-us","role":)" ROLE_DEFAULT
            R"(,"teams":)" TEAMS_REF R"(,"organization":)" ORG_REF R"(,"emails":)" EMAILS_REF
            R"(,"phones":[],"avatar":null,"resource_type":"user",)" USER_URL "}",
            ""},
        // `*(*)`: every field at every depth; hidden still never (§21.2)
        render_row{"star_star_include_all", user_json, "user", {"*(*)", "*"},
            R"({"id":1,"full_name":"Charlotte Küchler","designation":"CEO","locale":"en-us","role":)" ROLE_ALL
            R"(,"teams":[{"id":1,"title":"Growth","businesshour":{"id":1,"title":"US office hours",)"
            R"("zones":{"monday":[9,10,11],"tuesday":[]},"resource_type":"business_hour"},"resource_type":"team"}],)"
            R"("organization":{"id":7,"name":"Brewfictus","domains":[{"id":5,"domain":"brewfictus.com",)"
            R"("resource_type":"identity_domain"}],"resource_type":"organization"},)"
            R"("emails":[{"id":1,"email":"charlotte.kuchler@brewfictus.com","resource_type":"identity_email"}],)"
            R"("phones":[],"avatar":null,"resource_type":"user",)" USER_URL "}",
            ""},
        // `*(*)` with a rule below it: the rule still applies
        render_row{"star_star_minus_nested", user_json, "user", {"*(*),role(-ip_restriction),-teams,-organization,-emails", "role"},
            R"({"id":1,"full_name":"Charlotte Küchler","designation":"CEO","locale":"en-us","role":)" ROLE_DEFAULT
            R"(,"phones":[],"avatar":null,"resource_type":"user",)" USER_URL "}",
            ""},
        // `-id`: ignored, id is always returned
        render_row{"minus_id", user_json, "user", {"full_name,-id"},
            R"({"id":1,"full_name":"Charlotte Küchler","resource_type":"user",)" USER_URL "}", ""},
        // `+password` on a hidden field: never returned
        render_row{"plus_password", user_json, "user", {"full_name,+password,password"},
            R"({"id":1,"full_name":"Charlotte Küchler","resource_type":"user",)" USER_URL "}", ""},
        // bare non-default field: defaults stay (§5.4 rule 5)
        render_row{"bare_optional", user_json, "user", {"locale,-role,-teams,-organization,-emails,-phones,-avatar"},
            R"({"id":1,"full_name":"Charlotte Küchler","designation":"CEO","locale":"en-us","resource_type":"user",)" USER_URL "}", ""},
        // empty `fields=`: the defaults
        render_row{"empty_fields", user_json, "user", {""},
            R"({"id":1,"full_name":"Charlotte Küchler","designation":"CEO","role":)" ROLE_REF R"(,"teams":)" TEAMS_REF
            R"(,"organization":)" ORG_REF R"(,"emails":)" EMAILS_REF R"(,"phones":[],"avatar":null,"resource_type":"user",)" USER_URL "}",
            ""},
        // `_case=camel` with `fields=fullName`
        render_row{"camel_fields_camel", user_json, "user", {"fullName", "", true, letter_case::camel},
            R"({"id":1,"fullName":"Charlotte Küchler","resourceType":"user","resourceUrl":"https://brewfictus.kayako.com/api/v1/users/1"})",
            ""},
        // `_case=pascal`: names and resource_type values; enum values untouched (§21.5)
        render_row{"pascal_nested", user_json, "user", {"role(+ip_restriction),emails", "role", true, letter_case::pascal},
            R"({"Id":1,"Role":{"Id":1,"Title":"Agent","Type":"AGENT","IpRestriction":"10.0.0.0/8","ResourceType":"Role",)"
            R"("ResourceUrl":"https://brewfictus.kayako.com/api/v1/roles/1"},"Emails":[{"Id":1,"ResourceType":"IdentityEmail"}],)"
            R"("ResourceType":"User","ResourceUrl":"https://brewfictus.kayako.com/api/v1/users/1"})",
            ""},
        // camel inside plain nested objects, and `_empty=false` at every depth (§21.3)
        render_row{"camel_no_empty_deep", user_json, "user", {"teams", "team,business_hour", false, letter_case::camel},
            R"({"id":1,"teams":[{"id":1,"title":"Growth","businesshour":{"id":1,"title":"US office hours",)"
            R"("zones":{"monday":[9,10,11]},"resourceType":"businessHour"},"resourceType":"team"}],)"
            R"("resourceType":"user","resourceUrl":"https://brewfictus.kayako.com/api/v1/users/1"})",
            ""},
        // `_empty=false`: null and [] dropped
        render_row{"no_empty", user_json, "user", {"", "", false},
            R"({"id":1,"full_name":"Charlotte Küchler","designation":"CEO","role":)" ROLE_REF R"(,"teams":)" TEAMS_REF
            R"(,"organization":)" ORG_REF R"(,"emails":)" EMAILS_REF R"(,"resource_type":"user",)" USER_URL "}",
            ""},
        // include names case-blind
        render_row{"include_camel_names", user_json, "user", {"role,organization", "Role,Organization"},
            R"({"id":1,"role":)" ROLE_DEFAULT R"(,"organization":{"id":7,"name":"Brewfictus","domains":[{"id":5,"resource_type":"identity_domain"}],)"
            R"("resource_type":"organization"},"resource_type":"user",)" USER_URL "}",
            ""},
        // flat without include: nothing to sideload (§21.4)
        render_row{"flat_no_include", user_json, "user", {"full_name,role", "", true, letter_case::snake, true},
            R"({"id":1,"full_name":"Charlotte Küchler","role":)" ROLE_REF R"(,"resource_type":"user",)" USER_URL "}", "{}"},
        // flat: one resource sideloaded with the rules of the place it was reached from
        render_row{"flat_nested_rules", user_json, "user", {"role(title)", "role", true, letter_case::camel, true},
            R"({"id":1,"role":{"id":1,"resourceType":"role"},"resourceType":"user","resourceUrl":"https://brewfictus.kayako.com/api/v1/users/1"})",
            R"({"role":{"1":{"id":1,"title":"Agent","resourceType":"role","resourceUrl":"https://brewfictus.kayako.com/api/v1/roles/1"}}})"}));

// TV-SO-1: `GET /api/v1/locales?_case=camel` (a collection).
constexpr std::string_view locales_json =
    R"j([{"id":1,"locale":"en-us","native_name":"English (United States)","is_public":true,"resource_type":"locale",)j"
    R"("resource_url":"https://support.kayako.com/api/v1/locales/1"},)"
    R"({"id":2,"locale":"de","native_name":"Deutsch","is_public":false,"resource_type":"locale",)"
    R"("resource_url":"https://support.kayako.com/api/v1/locales/2"}])";

// §5.4's derived vector: `fields=name,creator(full_name)` on a case.
constexpr std::string_view case_json =
    R"({"id":3,"name":"Broken grinder","subject":"It broke","creator":{"id":1,"full_name":"Charlotte Küchler",)"
    R"("designation":"CEO","role":{"id":1,"resource_type":"role"},"resource_type":"user"},"resource_type":"case"})";

// TV-SO-2 / TV-SO-3: the Test resource.
constexpr std::string_view test_unauthenticated_json =
    R"({"id":1,"name":"Test 1","user":null,"array_items":[1,2,3],"is_boolean":true,"option":"FOO",)"
    R"("updated_at":"2016-08-18T15:17:39+00:00","resource_type":"test","resource_url":"https://brewfictus.kayako.com/api/v1/tests/1"})";

INSTANTIATE_TEST_SUITE_P(
    SpecVectors, Render,
    ::testing::Values(
        render_row{"tv_so_1_camel_locales", locales_json, "locale", {"", "", true, letter_case::camel},
            R"j([{"id":1,"locale":"en-us","nativeName":"English (United States)","isPublic":true,"resourceType":"locale",)j"
            R"("resourceUrl":"https://support.kayako.com/api/v1/locales/1"},)"
            R"({"id":2,"locale":"de","nativeName":"Deutsch","isPublic":false,"resourceType":"locale",)"
            R"("resourceUrl":"https://support.kayako.com/api/v1/locales/2"}])",
            ""},
        render_row{"tv_so_2_no_empty", test_unauthenticated_json, "test", {"", "", false},
            R"({"id":1,"name":"Test 1","array_items":[1,2,3],"is_boolean":true,"option":"FOO",)"
            R"("updated_at":"2016-08-18T15:17:39+00:00","resource_type":"test","resource_url":"https://brewfictus.kayako.com/api/v1/tests/1"})",
            ""},
        render_row{"tv_so_2_default_keeps_null", test_unauthenticated_json, "test", {"name,user"},
            R"({"id":1,"name":"Test 1","user":null,"resource_type":"test","resource_url":"https://brewfictus.kayako.com/api/v1/tests/1"})",
            ""},
        render_row{"derived_name_creator_no_include", case_json, "case", {"name,creator(full_name)"},
            R"({"id":3,"name":"Broken grinder","creator":{"id":1,"resource_type":"user"},"resource_type":"case"})", ""},
        render_row{"derived_name_creator_include_user", case_json, "case", {"name,creator(full_name)", "user"},
            R"({"id":3,"name":"Broken grinder","creator":{"id":1,"full_name":"Charlotte Küchler","resource_type":"user"},"resource_type":"case"})",
            ""},
        render_row{"derived_include_star", case_json, "case", {"name,creator(full_name)", "*"},
            R"({"id":3,"name":"Broken grinder","creator":{"id":1,"full_name":"Charlotte Küchler","resource_type":"user"},"resource_type":"case"})",
            ""}));

// TV-SO-3: `GET /api/v1/tests/1?_flat=true&include=*` (abridged as in the spec).
constexpr std::string_view test_with_user_json =
    R"({"id":1,"name":"Test 1","user":)"
    R"({"id":1,"full_name":"Charlotte Küchler","role":{"id":1,"title":"Agent","type":"AGENT","resource_type":"role"},)"
    R"("organization":{"id":7,"name":"Brewfictus","domains":[{"id":5,"domain":"brewfictus.com","resource_type":"identity_domain"}],"resource_type":"organization"},)"
    R"("teams":[{"id":1,"title":"Growth","businesshour":{"id":1,"title":"US office hours","zones":{"monday":[9,10]},"resource_type":"business_hour"},"resource_type":"team"}],)"
    R"("emails":[{"id":1,"email":"charlotte.kuchler@brewfictus.com","resource_type":"identity_email"}],"resource_type":"user"},)"
    R"("is_boolean":true,"resource_type":"test","resource_url":"https://brewfictus.kayako.com/api/v1/tests/1"})";

INSTANTIATE_TEST_SUITE_P(
    Flat, Render,
    ::testing::Values(
        render_row{"tv_so_3", test_with_user_json, "test", {"", "*", true, letter_case::snake, true},
            R"({"id":1,"name":"Test 1","user":{"id":1,"resource_type":"user"},"is_boolean":true,"resource_type":"test",)"
            R"("resource_url":"https://brewfictus.kayako.com/api/v1/tests/1"})",
            R"({"user":{"1":{"id":1,"full_name":"Charlotte Küchler","role":{"id":1,"resource_type":"role"},)"
            R"("organization":{"id":7,"resource_type":"organization"},"teams":[{"id":1,"resource_type":"team"}],)"
            R"("emails":[{"id":1,"resource_type":"identity_email"}],"resource_type":"user"}},)"
            R"("role":{"1":{"id":1,"title":"Agent","type":"AGENT","resource_type":"role"}},)"
            R"("organization":{"7":{"id":7,"name":"Brewfictus","domains":[{"id":5,"resource_type":"identity_domain"}],"resource_type":"organization"}},)"
            R"("team":{"1":{"id":1,"title":"Growth","businesshour":{"id":1,"resource_type":"business_hour"},"resource_type":"team"}},)"
            R"("identity_email":{"1":{"id":1,"email":"charlotte.kuchler@brewfictus.com","resource_type":"identity_email"}},)"
            R"("identity_domain":{"5":{"id":5,"domain":"brewfictus.com","resource_type":"identity_domain"}},)"
            R"("business_hour":{"1":{"id":1,"title":"US office hours","zones":{"monday":[9,10]},"resource_type":"business_hour"}}})"},
        // flat honours include: only users sideloaded, the user's nested stay references
        render_row{"flat_include_user_only", test_with_user_json, "test", {"name,user", "user", true, letter_case::camel, true},
            R"({"id":1,"name":"Test 1","user":{"id":1,"resourceType":"user"},"resourceType":"test",)"
            R"("resourceUrl":"https://brewfictus.kayako.com/api/v1/tests/1"})",
            R"({"user":{"1":{"id":1,"fullName":"Charlotte Küchler","role":{"id":1,"resourceType":"role"},)"
            R"("organization":{"id":7,"resourceType":"organization"},"teams":[{"id":1,"resourceType":"team"}],)"
            R"("emails":[{"id":1,"resourceType":"identityEmail"}],"resourceType":"user"}}})"}));

// ---- targeted behaviours ---------------------------------------------------------------------

TEST(Output, FlatSideloadsEachResourceOnceInCollections) {
    // the same creator in two cases: one entry under resources.user
    json::value const src = json::parse(
        R"([{"id":1,"name":"a","creator":{"id":9,"full_name":"X","resource_type":"user"},"resource_type":"case"},)"
        R"({"id":2,"name":"b","creator":{"id":9,"full_name":"X","resource_type":"user"},"resource_type":"case"},)"
        R"({"id":3,"name":"c","creator":{"id":"u-10","full_name":"Y","resource_type":"user"},"resource_type":"case"}])");
    render_options o = options_for({"name,creator", "user", true, letter_case::snake, true});
    auto [data, resources] = render_both(src, "case", o);
    EXPECT_EQ(data, canonical_json(R"([{"id":1,"name":"a","creator":{"id":9,"resource_type":"user"},"resource_type":"case"},)"
                                   R"({"id":2,"name":"b","creator":{"id":9,"resource_type":"user"},"resource_type":"case"},)"
                                   R"({"id":3,"name":"c","creator":{"id":"u-10","resource_type":"user"},"resource_type":"case"}])"));
    EXPECT_EQ(resources, canonical_json(R"({"user":{"9":{"id":9,"full_name":"X","resource_type":"user"},)"
                                        R"("u-10":{"id":"u-10","full_name":"Y","resource_type":"user"}}})"));
}

// A default `render_options` is the request with no special options (§6): everything included
// inline (§5.1 references unless `include` names them), snake case, empties kept, not flat — so
// the included creator stays in place and nothing is sideloaded (§21.4 only with `_flat=true`).
TEST(Output, DefaultOptionsRenderInlineAndNotFlat) {
    json::value const src = json::parse(
        R"({"id":1,"name":"a","empty":null,"creator":{"id":9,"full_name":"X","resource_type":"user"},"resource_type":"case"})");
    render_options const defaults;
    EXPECT_FALSE(defaults.flat);
    EXPECT_TRUE(defaults.keep_empty);
    EXPECT_EQ(defaults.name_case, letter_case::snake);
    auto const v = kayako::render_value(src, "case", schemas(), defaults);
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->resources.is_null());
    kayako::rendered_text t;
    ASSERT_TRUE(kayako::render_text(t, src, "case", schemas(), defaults));
    EXPECT_TRUE(t.resources.empty());
    EXPECT_EQ(json::parse(t.data), v->data);
    EXPECT_EQ(v->data, json::parse(R"({"id":1,"name":"a","empty":null,"creator":{"id":9,"resource_type":"user"},"resource_type":"case"})"));
}

TEST(Output, FlatResourceWithoutIdStaysInPlace) {
    json::value const src = json::parse(R"({"id":1,"name":"a","creator":{"full_name":"X"},"resource_type":"case"})");
    auto [data, resources] = render_both(src, "case", options_for({"", "*", true, letter_case::snake, true}));
    EXPECT_EQ(data, canonical_json(R"({"id":1,"name":"a","creator":{"full_name":"X"},"resource_type":"case"})"));
    EXPECT_EQ(resources, "{}");
}

TEST(Output, BareIdsBecomeReferences) {
    json::value const src = json::parse(R"({"id":1,"name":"a","creator":5,"resource_type":"case"})");
    auto [data, resources] = render_both(src, "case", options_for({}));
    EXPECT_EQ(data, canonical_json(R"({"id":1,"name":"a","creator":{"id":5,"resource_type":"user"},"resource_type":"case"})"));
}

TEST(Output, ObjectsOwnResourceTypeWins) {
    // a field declared as `user` holding a `user_minimal`: type from the object, converted (§21.5)
    json::value const src =
        json::parse(R"({"id":1,"creator":{"id":5,"full_name":"X","resource_type":"user_minimal"},"resource_type":"case"})");
    auto [data, r1] = render_both(src, "case", options_for({"", "user", true, letter_case::camel}));
    EXPECT_EQ(data, canonical_json(R"({"id":1,"creator":{"id":5,"resourceType":"userMinimal"},"resourceType":"case"})"));
    auto [data2, r2] = render_both(src, "case", options_for({"", "userMinimal", true, letter_case::camel}));
    EXPECT_EQ(data2, canonical_json(R"({"id":1,"creator":{"id":5,"fullName":"X","resourceType":"userMinimal"},"resourceType":"case"})"));
}

TEST(Output, UnknownTypeRendersAllMembersAsDefaults) {
    json::value const src = json::parse(R"({"id":1,"someThing":{"innerName":null},"list":[],"resource_type":"gadget"})");
    auto [data, r] = render_both(src, "gadget", options_for({"", "", true, letter_case::pascal}));
    EXPECT_EQ(data, canonical_json(R"({"Id":1,"SomeThing":{"InnerName":null},"List":[],"ResourceType":"Gadget"})"));
    // a bare name of a member the schema does not list still counts as a default field
    auto [data2, r2] = render_both(src, "gadget", options_for({"list"}));
    EXPECT_EQ(data2, canonical_json(R"({"id":1,"list":[],"resource_type":"gadget"})"));
}

TEST(Output, MembersNamedTwiceRenderOnce) {
    json::value const src = json::parse(R"({"id":1,"title":"A","Title":"B","resource_type":"role"})");
    auto [data, r] = render_both(src, "role", options_for({}));
    EXPECT_EQ(data, canonical_json(R"({"id":1,"title":"A","resource_type":"role"})"));
}

TEST(Output, ScalarsAndEscapes) {
    json::value const src = json::parse(
        R"({"id":18446744073709551615,"name":"q\"uo\\te\n\u0001\u001f/é","f":1.5e-7,"neg":-3,"t":true,"resource_type":"thing"})");
    auto [data, r] = render_both(src, "thing", options_for({}));
    EXPECT_EQ(data, written(src));
}

TEST(Output, DoublesInShortestRoundTripForm) {
    // §16.2 `"float_number":1.23`, TV-SO-3 `"generation_time":0.000134`; an integral double keeps
    // `.0` (still a double when parsed again); NaN and infinities have no JSON spelling: `null`.
    struct number_row {
        double value;
        std::string_view text;
    };
    double const inf = std::numeric_limits<double>::infinity();
    for (auto const& n : {number_row{1.23, "1.23"}, number_row{0.000134, "0.000134"}, number_row{-0.5, "-0.5"},
                          number_row{1e100, "1e+100"}, number_row{3.0, "3.0"}, number_row{-0.0, "-0.0"},
                          number_row{1.5e-7, "1.5e-07"}, number_row{0.1, "0.1"},
                          number_row{std::numeric_limits<double>::quiet_NaN(), "null"}, number_row{inf, "null"},
                          number_row{-inf, "null"}}) {
        SCOPED_TRACE(n.text);
        json::object o;
        o["id"] = 1;
        o["f"] = n.value;
        o["a"] = json::array{n.value, n.value};
        o["resource_type"] = "thing";
        auto [data, r] = render_both(json::value(std::move(o)), "thing", options_for({}));
        EXPECT_EQ(data, std::string(R"({"id":1,"f":)") + std::string(n.text) + R"(,"a":[)" + std::string(n.text) + "," +
                            std::string(n.text) + R"(],"resource_type":"thing"})");
        if (std::isfinite(n.value)) {  // a double again when parsed; the same double (from_chars)
            EXPECT_TRUE(json::parse(data).at("f").is_double());
            double back = 0;
            std::from_chars(n.text.data(), n.text.data() + n.text.size(), back);
            EXPECT_EQ(back, n.value);
        }
    }
}

TEST(Output, LongStringsGrowTheBufferAndEscapeExactly) {
    // every escape class at every alignment, in a value far larger than the writer's first buffer
    std::string text;
    for (int i = 0; i < 20000; ++i) {
        text += static_cast<char>('a' + i % 26);
        if (i % 7 == 0) text += '"';
        if (i % 11 == 0) text += '\\';
        if (i % 13 == 0) text += static_cast<char>(i % 32);
        if (i % 17 == 0) text += "\xc3\xa9";
    }
    json::object o;
    o["id"] = 1;
    o["name"] = text;
    o["resource_type"] = "thing";
    json::value const src(std::move(o));
    auto [data, r] = render_both(src, "thing", options_for({}));
    EXPECT_EQ(data, written(src));
    EXPECT_EQ(json::parse(data), src);
}

TEST(Output, DepthLimitIsAnError) {
    std::string deep;
    for (int i = 0; i < 30; ++i) deep += "[";
    for (int i = 0; i < 30; ++i) deep += "]";
    json::value const src = json::parse(R"({"id":1,"x":)" + deep + "}");
    render_options o;
    o.max_depth = 20;
    auto v = kayako::render_value(src, "thing", schemas(), o);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().code, kayako::error::too_deep);
    kayako::rendered_text t;
    auto r = kayako::render_text(t, src, "thing", schemas(), o);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, kayako::error::too_deep);
    o.max_depth = 64;
    EXPECT_TRUE(kayako::render_value(src, "thing", schemas(), o));
}

TEST(Output, TextBuffersAreReused) {
    kayako::rendered_text t;
    json::value const src = json::parse(role_json);
    ASSERT_TRUE(kayako::render_text(t, src, "role", schemas(), render_options{}));
    std::string const first = t.data;
    auto const cap = t.data.capacity();
    ASSERT_TRUE(kayako::render_text(t, src, "role", schemas(), render_options{}));
    EXPECT_EQ(t.data, first);
    EXPECT_EQ(t.data.capacity(), cap);
}

TEST(Output, StructCollection) {
    std::vector<role> const roles{{1, "Agent", "AGENT", "x"}, {2, "Admin", "ADMIN", "y"}};
    render_options const o = options_for({"title", "", true, letter_case::camel});
    auto v = kayako::render_value(std::span<role const>(roles), schemas(), o);
    ASSERT_TRUE(v);
    kayako::rendered_text t;
    ASSERT_TRUE(kayako::render_text(t, std::span<role const>(roles), schemas(), o));
    EXPECT_EQ(written(v->data), t.data);
    EXPECT_EQ(t.data, canonical_json(R"([{"id":1,"title":"Agent","resourceType":"role","resourceUrl":"https://brewfictus.kayako.com/api/v1/roles/1"},)"
                                     R"({"id":2,"title":"Admin","resourceType":"role","resourceUrl":"https://brewfictus.kayako.com/api/v1/roles/1"}])"));
}

// §21.14: a collection of struct resources counts its array as a level, as a JSON collection does:
// at every `max_depth` both sources render or both are `too_deep` (0: not even the array).
TEST(Output, StructCollectionDepthLimitAgreesWithJson) {
    std::vector<role> const roles{{1, "Agent", "AGENT", "x"}, {2, "Admin", "ADMIN", "y"}};
    json::value const as_json = json::array{json::object{{"id", 1}, {"title", "Agent"}, {"type", "AGENT"}},
                                            json::object{{"id", 2}, {"title", "Admin"}, {"type", "ADMIN"}}};
    std::size_t rendered_from = 0;
    for (std::size_t limit = 0; limit <= 4; ++limit) {
        SCOPED_TRACE(limit);
        render_options o;
        o.max_depth = limit;
        kayako::rendered_text t;
        auto const from_json = kayako::render_value(as_json, "role", schemas(), o);
        auto const value = kayako::render_value(std::span<role const>(roles), schemas(), o);
        auto const text = kayako::render_text(t, std::span<role const>(roles), schemas(), o);
        EXPECT_EQ(bool(value), bool(from_json));
        EXPECT_EQ(bool(text), bool(from_json));
        if (!value) {
            EXPECT_EQ(value.error().code, kayako::error::too_deep);
            ASSERT_FALSE(text);
            EXPECT_EQ(text.error().code, kayako::error::too_deep);
        } else if (rendered_from == 0) {
            rendered_from = limit;
            EXPECT_TRUE(value->data.is_array());
            EXPECT_EQ(value->data.as_array().size(), 2u);
        }
    }
    EXPECT_EQ(rendered_from, 2u);  // the array, then each resource object
}

// ---- §5.4 and §21.2–§21.4 at their edges, on a chain of four resource types -------------------

// a → b → c → d, each with a default `name`, an optional `secret`, a hidden `pin`, a plain object
// `extra` and, except d, the next one nested.
kayako::schema_registry const& chain_schemas() {
    static kayako::schema_registry const reg{
        resource_schema{"a", {{"name"}, {"secret", field::optional}, {"pin", field::hidden}, {"extra"}, {"b", nested("b")}}},
        resource_schema{"b", {{"name"}, {"secret", field::optional}, {"pin", field::hidden}, {"extra"}, {"c", nested("c")}}},
        resource_schema{"c", {{"name"}, {"secret", field::optional}, {"pin", field::hidden}, {"extra"}, {"d", nested("d")}}},
        resource_schema{"d", {{"name"}, {"secret", field::optional}, {"pin", field::hidden}, {"extra"}}},
        // §21.2: the always fields listed under other categories stay always.
        resource_schema{"listed", {{"title"}, {"resource_url", field::optional}, {"id", field::hidden},
                                   {"ResourceType", field::optional}}},
    };
    return reg;
}

std::string chain_level(char type, int id, std::string_view next) {
    std::string out = R"({"id":)" + std::to_string(id) + R"(,"name":"n)" + std::to_string(id) + R"(","secret":"s)" +
                      std::to_string(id) + R"(","pin":"p","extra":{"e":null,"f":[],"g":{"h":null,"i":[[]]},"k":0,"l":"","m":false,"o":{}})";
    if (!next.empty()) out += ",\"" + std::string(1, static_cast<char>(type + 1)) + "\":" + std::string(next);
    out += R"(,"resource_type":")" + std::string(1, type) + "\"}";
    return out;
}

std::string const& chain_json() {
    static std::string const text = chain_level('a', 1, chain_level('b', 2, chain_level('c', 3, chain_level('d', 4, ""))));
    return text;
}

// Renders both ways with the chain's schemas; checks the paths agree; gives data and resources.
std::pair<std::string, std::string> render_chain(request const& q, std::string const& source = chain_json(),
                                                 std::string_view type = "a") {
    render_options const o = options_for(q);
    json::value const src = json::parse(source);
    auto v = kayako::render_value(src, type, chain_schemas(), o);
    EXPECT_TRUE(v);
    kayako::rendered_text t;
    auto r = kayako::render_text(t, src, type, chain_schemas(), o);
    EXPECT_TRUE(r);
    if (!v || !r) return {};
    EXPECT_EQ(written(v->data), t.data);
    if (o.flat) {
        EXPECT_EQ(written(v->resources), t.resources);
    }
    return {t.data, t.resources};
}

// Which of the four levels show their optional `secret`.
std::string secrets_shown(std::string_view data) {
    json::value const v = json::parse(data);
    std::string out;
    json::value const* level = &v;
    for (char type = 'a'; type <= 'd' && level && level->is_object(); ++type) {
        out += level->as_object().contains("secret") ? type : '.';
        level = level->as_object().if_contains(std::string(1, static_cast<char>(type + 1)));
    }
    return out;
}

// §5.4 rule 6: `*(*)` adds every non-hidden field at EVERY depth (three levels of nesting below
// the top here), also past a level that has rules of its own; `*` only at its level; a `*(*)`
// inside a nested list applies from there down.
TEST(Output, StarStarReachesEveryDepth) {
    struct row {
        std::string_view fields;
        std::string_view secrets;  // levels a..d: the letter where `secret` is shown
    } const rows[] = {
        {"", "...."},
        {"*", "a..."},
        {"*(*)", "abcd"},
        {"*(*),b(-secret)", "a.cd"},           // a rule at level b; deep still reaches c and d
        {"*(*),b(c(-secret))", "ab.d"},        // a rule two levels down
        {"*(*),b(c(d(-secret)))", "abc."},     // three levels down
        {"b(*(*))", ".bcd"},                   // from b down
        {"b(c(*(*)))", "..cd"},                // from c down
        {"b(c(d(*(*))))", "...d"},             // d only
        {"b(*)", ".b.."},                      // `*` stays at its level
        {"b(c(*))", "..c."},
        {"+secret,b(+secret(x)),b(c(+secret))", "abc."},
        {"-secret,*(*)", ".bcd"},              // `-secret` at a's level wins there
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.fields);
        auto const [data, resources] = render_chain({r.fields, "*"});
        EXPECT_EQ(secrets_shown(data), r.secrets) << data;
        EXPECT_EQ(data.find("\"pin\""), std::string::npos);  // hidden at every depth (§21.2)
    }
    // Flat mode sideloads each level with the rules of the place it was reached from.
    auto const [data, resources] = render_chain({"*(*)", "*", true, letter_case::snake, true});
    json::value const res = json::parse(resources);
    for (char const* t : {"b", "c", "d"}) {
        SCOPED_TRACE(t);
        json::object const& group = res.at(t).as_object();
        ASSERT_EQ(group.size(), 1u);
        EXPECT_TRUE(group.begin()->value().as_object().contains("secret"));
    }
    EXPECT_EQ(secrets_shown(data), "a.");  // data holds a reference to b, which has no `c`
}

// §21.3: `_empty=false` drops a member whose value is null or `[]` at every depth — in each of
// the four resources, in plain objects inside them, in references — and keeps `{}`, `""`, `0`,
// `false` and `[[]]` (an array holding an empty array is not empty).
TEST(Output, NoEmptyAtEveryDepth) {
    auto const [data, resources] = render_chain({"*(*)", "*", false});
    std::string level_d = R"({"id":4,"name":"n4","secret":"s4","extra":{"g":{"i":[[]]},"k":0,"l":"","m":false,"o":{}},"resource_type":"d"})";
    std::string expected = level_d;
    for (auto [type, id] : {std::pair{'c', 3}, std::pair{'b', 2}, std::pair{'a', 1}}) {
        expected = R"({"id":)" + std::to_string(id) + R"(,"name":"n)" + std::to_string(id) + R"(","secret":"s)" +
                   std::to_string(id) + R"(","extra":{"g":{"i":[[]]},"k":0,"l":"","m":false,"o":{}},")" +
                   std::string(1, static_cast<char>(type + 1)) + "\":" + expected + R"(,"resource_type":")" +
                   std::string(1, type) + "\"}";
    }
    EXPECT_EQ(data, canonical_json(expected));
    // Kept when `_empty` is true: null and [] at every depth.
    auto const [kept, r2] = render_chain({"*(*)", "*", true});
    EXPECT_EQ(kept, canonical_json(R"({"id":1,"name":"n1","secret":"s1","extra":{"e":null,"f":[],"g":{"h":null,"i":[[]]},"k":0,"l":"","m":false,"o":{}},"b":)"
                                   R"({"id":2,"name":"n2","secret":"s2","extra":{"e":null,"f":[],"g":{"h":null,"i":[[]]},"k":0,"l":"","m":false,"o":{}},"c":)"
                                   R"({"id":3,"name":"n3","secret":"s3","extra":{"e":null,"f":[],"g":{"h":null,"i":[[]]},"k":0,"l":"","m":false,"o":{}},"d":)"
                                   R"({"id":4,"name":"n4","secret":"s4","extra":{"e":null,"f":[],"g":{"h":null,"i":[[]]},"k":0,"l":"","m":false,"o":{}},"resource_type":"d"})"
                                   R"(,"resource_type":"c"},"resource_type":"b"},"resource_type":"a"})"));
    // A nested resource that is null or an empty array is dropped too; flat mode's `resources` too.
    std::string const empties = R"({"id":1,"name":null,"b":null,"resource_type":"a"})";
    EXPECT_EQ(render_chain({"", "*", false}, empties).first, R"({"id":1,"resource_type":"a"})");
    auto const [flat_data, flat_resources] = render_chain({"", "*", false, letter_case::snake, true});
    EXPECT_EQ(flat_resources.find(":null"), std::string::npos);
    EXPECT_EQ(flat_resources.find(":[]"), std::string::npos);
    EXPECT_EQ(flat_data.find(":null"), std::string::npos);
    EXPECT_NE(flat_resources.find("[[]]"), std::string::npos);
}

// §21.4: flat mode sideloads a resource under its id as a string key when the id is an integer
// (signed or unsigned, any magnitude) or a string; any other id keeps it expanded in place.
TEST(Output, FlatIdsOfEveryKind) {
    struct row {
        std::string_view id;
        std::string_view key;  // empty: stays in place
    } const rows[] = {
        {"4", "4"}, {"-4", "-4"}, {"0", "0"}, {"9223372036854775807", "9223372036854775807"},
        {"-9223372036854775808", "-9223372036854775808"}, {"18446744073709551615", "18446744073709551615"},
        {"\"d-4\"", "d-4"}, {"\"\"", ""}, {"4.0", ""}, {"true", ""}, {"null", ""}, {"[4]", ""}, {"{}", ""},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.id);
        std::string const source = R"({"id":1,"d":{"id":)" + std::string(r.id) + R"(,"name":"x","resource_type":"d"},"resource_type":"c"})";
        auto const [data, resources] = render_chain({"", "*", true, letter_case::snake, true}, source, "c");
        json::value const d = json::parse(data).at("d");
        bool const sideloaded = !r.key.empty() || r.id == "\"\"";
        if (sideloaded) {
            EXPECT_FALSE(d.as_object().contains("name")) << data;  // a reference in place
            EXPECT_EQ(json::parse(resources).at("d").at(r.key).at("name"), "x") << resources;
        } else {
            EXPECT_EQ(d.at("name"), "x") << data;  // expanded in place
            EXPECT_EQ(resources, "{}");
        }
    }
}

// §21.2: listing an always field under another category, in any letter case, keeps it always,
// whatever `fields` asks; §5.4 rule 4: a bare always name does not switch to explicit mode.
TEST(Output, AlwaysFieldsListedOtherwiseStayAlways) {
    std::string const source =
        R"({"id":1,"title":"T","resource_type":"listed","resource_url":"https://brewfictus.kayako.com/api/v1/listed/1"})";
    for (std::string_view fields : {"", "title", "-id,-resource_url,-resource_type,-title", "resource_url", "+id"}) {
        SCOPED_TRACE(fields);
        auto const [data, r] = render_chain({fields}, source, "listed");
        json::value const v = json::parse(data);
        EXPECT_EQ(v.at("id"), 1);
        EXPECT_EQ(v.at("resource_type"), "listed");
        EXPECT_EQ(v.at("resource_url"), "https://brewfictus.kayako.com/api/v1/listed/1");
        EXPECT_EQ(v.as_object().contains("title"), fields != "-id,-resource_url,-resource_type,-title");
    }
}

// §21.2 with §2.5: a source may spell the three identity members in camel or Pascal case; they
// are always emitted all the same, whatever `fields` says.
TEST(Output, AlwaysFieldsInEverySpellingOfTheSource) {
    for (std::string_view const spelling : {"camel", "pascal"}) {
        bool const pascal = spelling == "pascal";
        std::string const source = std::string(R"({")") + (pascal ? "Id" : "id") + R"(":1,"title":"T",")" +
                                   (pascal ? "ResourceType" : "resourceType") + R"(":"listed",")" +
                                   (pascal ? "ResourceUrl" : "resourceUrl") + R"(":"https://brewfictus.kayako.com/api/v1/listed/1"})";
        for (std::string_view fields : {"title", "-id,-resource_url,-resource_type,-title", "-resourceUrl,-resourceType"}) {
            SCOPED_TRACE(std::string(spelling) + " " + std::string(fields));
            auto const [data, r] = render_chain({fields}, source, "schemaless");  // no schema: the names decide
            json::object const v = json::parse(data).as_object();
            int identity = 0;
            for (auto const& member : v)
                identity += kayako::names_equal(member.key(), "id") || kayako::names_equal(member.key(), "resource_type") ||
                            kayako::names_equal(member.key(), "resource_url");
            EXPECT_EQ(identity, 3) << data;
        }
    }
}

// §21.14: the source's nesting is limited by `max_depth`: the resource object is level 1, so
// `max_depth - 1` nested arrays inside it render, one more is `too_deep` (both outputs).
TEST(Output, DepthLimitAtTheBound) {
    for (std::size_t limit : {std::size_t{2}, std::size_t{20}, std::size_t{64}}) {
        SCOPED_TRACE(limit);
        auto source = [](std::size_t arrays) {
            std::string const x = arrays == 0 ? "0" : std::string(arrays, '[') + std::string(arrays, ']');
            json::parse_options deep_enough;
            deep_enough.max_depth = 100;
            return json::parse(R"({"id":1,"x":)" + x + "}", {}, deep_enough);
        };
        render_options o;
        o.max_depth = limit;
        kayako::rendered_text t;
        EXPECT_TRUE(kayako::render_value(source(limit - 1), "thing", schemas(), o));
        EXPECT_TRUE(kayako::render_text(t, source(limit - 1), "thing", schemas(), o));
        auto const v = kayako::render_value(source(limit), "thing", schemas(), o);
        ASSERT_FALSE(v);
        EXPECT_EQ(v.error().code, kayako::error::too_deep);
        auto const r = kayako::render_text(t, source(limit), "thing", schemas(), o);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, kayako::error::too_deep);
        // A collection adds its array as one level.
        json::value const collection = json::array{source(limit - 2), source(limit - 2)};
        EXPECT_TRUE(kayako::render_value(collection, "thing", schemas(), o));
        json::value const deeper = json::array{source(limit - 1)};
        EXPECT_FALSE(kayako::render_value(deeper, "thing", schemas(), o));
    }
}

// A resource's members named twice (in two letter cases) render once, the first, for schema
// fields at every index: the renderer's per-resource set of seen fields has a fast part (the
// first 256 indices, in four words) and a slow part past it.
TEST(Output, MembersNamedTwiceRenderOnceAtEveryIndex) {
    auto letters = [](std::size_t i) {  // a name without digits: its camel case is unambiguous
        std::string s = "f";
        do {
            s += static_cast<char>('a' + i % 26);
            i /= 26;
        } while (i);
        return s;
    };
    std::vector<kayako::field_spec> specs;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < 300; ++i) names.push_back(letters(i) + "_x");
    for (auto const& n : names) specs.emplace_back(n);
    kayako::schema_registry const reg{resource_schema{"wide", std::span<kayako::field_spec const>(specs)}};
    json::object src;
    json::object expected;
    src["id"] = 1;
    expected["id"] = 1;
    for (std::size_t i = 0; i < names.size(); ++i) src[names[i]] = i;
    for (std::size_t i = 0; i < names.size(); ++i) src[kayako::convert_case(names[i], letter_case::camel)] = -1;  // again
    for (std::size_t i = 0; i < names.size(); ++i) expected[names[i]] = i;
    src["resource_type"] = "wide";
    expected["resource_type"] = "wide";
    for (bool flat : {false, true}) {
        render_options o;
        o.flat = flat;
        auto const v = kayako::render_value(json::value(src), "wide", reg, o);
        ASSERT_TRUE(v);
        EXPECT_EQ(v->data, json::value(expected));
        kayako::rendered_text t;
        ASSERT_TRUE(kayako::render_text(t, json::value(src), "wide", reg, o));
        EXPECT_EQ(t.data, written(json::value(expected)));
    }
}

// §5.1: a nested object whose own `resource_type` is empty (or not a string) takes the schema's.
TEST(Output, EmptyOwnResourceTypeTakesTheSchemas) {
    for (std::string_view own : {R"("")", "null", "5"}) {
        SCOPED_TRACE(own);
        json::value const src = json::parse(R"({"id":1,"creator":{"id":5,"full_name":"X","resource_type":)" + std::string(own) + "},\"resource_type\":\"case\"}");
        auto [data, r] = render_both(src, "case", options_for({}));
        EXPECT_EQ(data, canonical_json(R"({"id":1,"creator":{"id":5,"resource_type":"user"},"resource_type":"case"})"));
    }
}

// §21.14: the default limit is 64 levels of the source.
TEST(Output, DefaultDepthLimitIs64) {
    json::parse_options deep_enough;
    deep_enough.max_depth = 100;
    auto source = [&](std::size_t arrays) {
        return json::parse(R"({"id":1,"x":)" + std::string(arrays, '[') + std::string(arrays, ']') + "}", {}, deep_enough);
    };
    EXPECT_TRUE(kayako::render_value(source(63), "thing", schemas(), render_options{}));
    auto const v = kayako::render_value(source(64), "thing", schemas(), render_options{});
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().code, kayako::error::too_deep);
    EXPECT_EQ(kayako::api_error_for(v.error()), kayako::api_error_code::field_invalid);
}

// A struct without a schema: every member is a default field (§21.2).
struct widget {
    std::int64_t id;
    std::string label;
    std::vector<int> sizes;
    role owner;
};

}  // namespace

template <>
struct kayako::resource_traits<widget> {
    static constexpr std::string_view type = "widget";
    template <class V>
    static void for_each_field(widget const& w, V&& visit) {
        visit("id", w.id);
        visit("label", w.label);
        visit("sizes", w.sizes);
        visit("nothing", nullptr);
        visit("owner", w.owner);
        visit("resource_type", type);
    }
};

namespace {

// §5.4 rule 4 for structs: a bare name of a member the schema does not list switches to explicit
// mode as it does for JSON; `_empty=false` drops a `nullptr` member and an empty vector (§21.3).
TEST(Output, StructWithoutSchema) {
    widget const w{3, "W", {}, role{1, "Agent", "AGENT", "x"}};
    struct row {
        request req;
        std::string_view expected;
    } const rows[] = {
        {{}, R"({"id":3,"label":"W","sizes":[],"nothing":null,"owner":{"id":1,"resource_type":"role"},"resource_type":"widget"})"},
        {{"label"}, R"({"id":3,"label":"W","resource_type":"widget"})"},
        {{"+label"}, R"({"id":3,"label":"W","sizes":[],"nothing":null,"owner":{"id":1,"resource_type":"role"},"resource_type":"widget"})"},
        {{"", "", false}, R"({"id":3,"label":"W","owner":{"id":1,"resource_type":"role"},"resource_type":"widget"})"},
        {{"-label,-owner"}, R"({"id":3,"sizes":[],"nothing":null,"resource_type":"widget"})"},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.req.fields);
        render_options const o = options_for(r.req);
        auto const v = kayako::render_value(w, schemas(), o);
        ASSERT_TRUE(v);
        EXPECT_EQ(written(v->data), canonical_json(r.expected));
        kayako::rendered_text t;
        ASSERT_TRUE(kayako::render_text(t, w, schemas(), o));
        EXPECT_EQ(t.data, canonical_json(r.expected));
    }
}

// §21.4 for a collection of structs: flat mode sideloads each nested resource once.
TEST(Output, StructCollectionFlat) {
    std::vector<widget> const ws{{1, "A", {1}, role{7, "Agent", "AGENT", "x"}}, {2, "B", {}, role{7, "Agent", "AGENT", "x"}}};
    render_options const o = options_for({"label,owner", "role", true, letter_case::snake, true});
    auto const v = kayako::render_value(std::span<widget const>(ws), schemas(), o);
    ASSERT_TRUE(v) << v.error().message();
    kayako::rendered_text t;
    ASSERT_TRUE(kayako::render_text(t, std::span<widget const>(ws), schemas(), o));
    EXPECT_EQ(written(v->data), t.data);
    EXPECT_EQ(written(v->resources), t.resources);
    EXPECT_EQ(t.data, canonical_json(R"([{"id":1,"label":"A","owner":{"id":7,"resource_type":"role"},"resource_type":"widget"},)"
                                     R"({"id":2,"label":"B","owner":{"id":7,"resource_type":"role"},"resource_type":"widget"}])"));
    EXPECT_EQ(t.resources, canonical_json(R"({"role":{"7":{"id":7,"title":"Agent","type":"AGENT","resource_type":"role",)" ROLE_URL "}}}"));
}

TEST(Output, StorageIsUsed) {
    json::monotonic_resource mr;
    json::storage_ptr sp(&mr);
    auto v = kayako::render_value(json::parse(role_json), "role", schemas(), render_options{}, sp);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->data.storage().get(), sp.get());
}

}  // namespace
