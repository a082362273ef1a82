// Tests of output/render_source.hpp and its two models (json_source.hpp, struct_source.hpp): what
// `_empty=false` drops (§21.3), what a resource's id and own type are (§5.1, §21.4), and that a
// third source kind renders through the one walk by writing one model — here a small document
// type of the test's own, rendered byte for byte as the same data held as JSON.
#include <kayako/output/render_source.hpp>

#include <kayako/output/json_source.hpp>
#include <kayako/output/renderer.hpp>
#include <kayako/output/struct_source.hpp>

#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// ---- a third source kind: a tiny document type ------------------------------------------------

namespace tiny {
struct value;
struct member;
struct object {
    std::vector<member> members;
};
struct array {
    std::vector<value> elements;
};
struct value {
    std::variant<std::monostate, std::int64_t, std::string, array, object> v;
};
struct member {
    std::string name;
    value v;
};
}  // namespace tiny

template <>
struct kayako::source_model<tiny::value> {
    template <class Visitor>
    static void visit(tiny::value const& x, Visitor&& visit) {
        switch (x.v.index()) {
        case 0: visit(source_null{}); return;
        case 1: visit(std::get<1>(x.v)); return;
        case 2: visit(std::string_view(std::get<2>(x.v))); return;
        case 3: visit(source_array<std::vector<tiny::value>>{std::get<3>(x.v).elements}); return;
        default: visit(source_object<tiny::object>{std::get<4>(x.v)}); return;
        }
    }
    static bool is_empty(tiny::value const& x) noexcept {
        return x.v.index() == 0 || (x.v.index() == 3 && std::get<3>(x.v).elements.empty());
    }
};

template <>
struct kayako::object_model<tiny::object> {
    template <class F>
    static void for_each_member(tiny::object const& o, F&& f) {
        for (auto const& m : o.members)
            if (!f(std::string_view(m.name), m.v)) return;
    }
    static bool has_member(tiny::object const& o, std::string_view name) noexcept {
        for (auto const& m : o.members)
            if (kayako::names_equal(m.name, name)) return true;
        return false;
    }
    static source_identity identity(tiny::object const& o) noexcept {
        source_identity out;
        for (auto const& m : o.members) {
            if (m.name == "id" && m.v.v.index() == 1)
                out.id.what = source_id::kind::integer, out.id.signed_value = std::get<1>(m.v.v);
            if (m.name == "resource_type" && m.v.v.index() == 2) out.own_type = std::get<2>(m.v.v);
        }
        return out;
    }
};

namespace {

namespace json = boost::json;

static_assert(kayako::renderable_source<json::value>);
static_assert(kayako::renderable_source<tiny::value>);
static_assert(kayako::renderable_source<std::optional<std::vector<std::int64_t>>>);
static_assert(!kayako::renderable_source<std::vector<void*>>);
static_assert(kayako::renderable_object<json::object>);
static_assert(kayako::renderable_object<tiny::object>);

// The JSON value as a tiny document.
tiny::value from_json(json::value const& j) {
    tiny::value out;
    if (j.is_int64()) {
        out.v = j.get_int64();
    } else if (j.is_string()) {
        out.v = std::string(j.get_string());
    } else if (j.is_array()) {
        tiny::array a;
        for (auto const& e : j.get_array()) a.elements.push_back(from_json(e));
        out.v = std::move(a);
    } else if (j.is_object()) {
        tiny::object o;
        for (auto const& m : j.get_object()) o.members.push_back({std::string(m.key()), from_json(m.value())});
        out.v = std::move(o);
    }
    return out;
}

kayako::schema_registry const& source_schemas() {
    static kayako::schema_registry const reg{
        kayako::resource_schema{"case",
                                {{"subject"},
                                 {"priority", kayako::field::optional},
                                 {"creator", kayako::nested("user")},
                                 {"tags"},
                                 {"custom_fields", kayako::map_field}}},
        kayako::resource_schema{"user", {{"full_name"}, {"role_id"}}},
    };
    return reg;
}

constexpr std::string_view source_case_json =
    R"([{"id":1,"subject":"Printer on fire","priority":"HIGH","creator":{"id":7,"full_name":"Ann Lee","role_id":2,)"
    R"("resource_type":"user"},"tags":[],"custom_fields":{"order_no":"A-1","extra_info":null},"resource_type":"case"},)"
    R"({"id":2,"subject":"Toner","creator":8,"tags":["ink"],"custom_fields":{},"note":null,"resource_type":"case"}])";

class ThirdModel : public ::testing::TestWithParam<int> {};

TEST_P(ThirdModel, RendersAsTheSameJson) {
    json::value const source = json::parse(source_case_json);
    tiny::value const doc = from_json(source);
    int const n = GetParam();
    kayako::render_options o;
    o.name_case = static_cast<kayako::letter_case>(n % 3);
    o.keep_empty = (n / 3) % 2 == 0;
    o.flat = n >= 6;
    o.include = kayako::parse_include(n % 2 ? "user" : "").value();
    o.fields = kayako::parse_fields(n % 4 == 1 ? "subject,creator(full_name)" : "+priority").value();

    kayako::rendered_text want;
    ASSERT_TRUE(kayako::render_text(want, source, "case", source_schemas(), o));
    kayako::rendered_text got;
    ASSERT_TRUE(kayako::render_text(got, doc, "case", source_schemas(), o));
    EXPECT_EQ(got.data, want.data);
    EXPECT_EQ(got.resources, want.resources);
    auto const as_value = kayako::render_value(doc, "case", source_schemas(), o);
    ASSERT_TRUE(as_value);
    auto const want_value = kayako::render_value(source, "case", source_schemas(), o);
    ASSERT_TRUE(want_value);
    EXPECT_EQ(as_value->data, want_value->data);
    EXPECT_EQ(as_value->resources, want_value->resources);
}

INSTANTIATE_TEST_SUITE_P(Options, ThirdModel, ::testing::Range(0, 12));

TEST(ThirdModel, PinnedCamelText) {
    kayako::render_options o;
    o.name_case = kayako::letter_case::camel;
    o.include = kayako::parse_include("user").value();
    o.keep_empty = false;
    kayako::rendered_text t;
    ASSERT_TRUE(kayako::render_text(t, from_json(json::parse(source_case_json)), "case", source_schemas(), o));
    EXPECT_EQ(t.data,
              R"([{"id":1,"subject":"Printer on fire","creator":{"id":7,"fullName":"Ann Lee","roleId":2,)"
              R"("resourceType":"user"},"customFields":{"order_no":"A-1"},"resourceType":"case"},)"
              R"({"id":2,"subject":"Toner","creator":{"id":8,"resourceType":"user"},"tags":["ink"],)"
              R"("customFields":{},"resourceType":"case"}])");
}

TEST(ThirdModel, DepthLimitAppliesToEveryModel) {
    tiny::value deep;
    deep.v = std::int64_t{1};
    for (int i = 0; i < 10; ++i) {
        tiny::array a;
        a.elements.push_back(std::move(deep));
        deep = tiny::value{};
        deep.v = std::move(a);
    }
    kayako::render_options o;
    o.max_depth = 10;
    kayako::rendered_text t;
    EXPECT_TRUE(kayako::render_text(t, deep, "thing", source_schemas(), o));
    o.max_depth = 9;
    auto const r = kayako::render_text(t, deep, "thing", source_schemas(), o);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, kayako::error::too_deep);
}

// ---- the shipped models -------------------------------------------------------------------------

// §21.3: null and [] are empty; "", 0, false, {} are not.
TEST(JsonModel, EmptyIsNullOrEmptyArray) {
    using model = kayako::source_model<json::value>;
    EXPECT_TRUE(model::is_empty(json::parse("null")));
    EXPECT_TRUE(model::is_empty(json::parse("[]")));
    for (auto text : {R"("")", "0", "false", "{}", "[null]", "0.0"}) EXPECT_FALSE(model::is_empty(json::parse(text))) << text;
}

TEST(StructModel, EmptyIsNullOrEmptyArray) {
    using std::optional;
    using std::vector;
    EXPECT_TRUE(kayako::source_model<std::nullptr_t>::is_empty(nullptr));
    EXPECT_TRUE(kayako::source_model<optional<std::string>>::is_empty(std::nullopt));
    EXPECT_TRUE(kayako::source_model<vector<int>>::is_empty({}));
    EXPECT_TRUE(kayako::source_model<optional<vector<int>>>::is_empty(vector<int>{}));
    EXPECT_FALSE(kayako::source_model<vector<int>>::is_empty({0}));
    EXPECT_FALSE(kayako::source_model<std::string>::is_empty(""));
    EXPECT_FALSE(kayako::source_model<int>::is_empty(0));
    EXPECT_FALSE(kayako::source_model<bool>::is_empty(false));
    EXPECT_FALSE(kayako::source_model<optional<std::string>>::is_empty(std::string()));
}

TEST(JsonModel, IdentityOfAnObject) {
    using model = kayako::object_model<json::object>;
    using kind = kayako::source_id::kind;
    // The identity views the object's text (its type, a string id): the objects outlive it here.
    std::deque<json::value> objects;
    auto id_of = [&](std::string_view text) { return model::identity(objects.emplace_back(json::parse(text)).get_object()); };
    EXPECT_EQ(id_of(R"({"id":5,"resource_type":"user"})").id.what, kind::integer);
    EXPECT_EQ(id_of(R"({"id":5,"resource_type":"user"})").own_type, "user");
    EXPECT_EQ(id_of(R"({"id":18446744073709551615})").id.what, kind::unsigned_integer);
    EXPECT_EQ(id_of(R"({"id":"abc"})").id.text, "abc");
    EXPECT_EQ(id_of(R"({"id":true})").id.what, kind::json);  // written as is, never a flat-mode key
    EXPECT_EQ(id_of(R"({"Id":5})").id.what, kind::none);     // the exact spelling only
    EXPECT_EQ(id_of(R"({"resource_type":7})").own_type, "");
    // past eight members the lookup hashes: the same answers
    auto const wide = id_of(R"({"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"id":9,"resource_type":"team"})");
    EXPECT_EQ(wide.id.signed_value, 9);
    EXPECT_EQ(wide.own_type, "team");
}

struct gizmo {
    bool id_flag;
    std::uint32_t id;
    std::string name;
};

}  // namespace

template <>
struct kayako::resource_traits<gizmo> {
    static constexpr std::string_view type = "gizmo";
    template <class V>
    static void for_each_field(gizmo const& g, V&& visit) {
        visit("id_flag", g.id_flag);
        visit("id", g.id);
        visit("name", g.name);
    }
};

namespace {

TEST(StructModel, IdentityOfAStruct) {
    auto const who = kayako::object_model<gizmo>::identity(gizmo{true, 42, "x"});
    EXPECT_EQ(who.own_type, "gizmo");
    EXPECT_EQ(who.id.what, kayako::source_id::kind::unsigned_integer);
    EXPECT_EQ(who.id.unsigned_value, 42u);
    EXPECT_TRUE(kayako::object_model<gizmo>::has_member(gizmo{}, "Name"));
    EXPECT_FALSE(kayako::object_model<gizmo>::has_member(gizmo{}, "colour"));
}

}  // namespace
