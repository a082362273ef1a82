// Tests of schema.hpp: field categories (§5.2), nested resources, pre-spelled names (§6.1).
#include <kayako/output/schema.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

using kayako::field;
using kayako::field_category;
using kayako::letter_case;
using kayako::nested;
using kayako::nested_array;
using kayako::resource_schema;

// The field list can be a constant expression.
constexpr kayako::field_spec user_fields[] = {
    {"full_name"},
    {"designation", field::by_default},
    {"locale", field::optional},
    {"password", field::hidden},
    {"role", nested("role")},
    {"teams", nested_array("team")},
    {"organization", nested("organization"), field::optional},
};
static_assert(user_fields[4].resource.type == "role");
static_assert(user_fields[5].resource.array);
static_assert(user_fields[6].category == field_category::optional);

TEST(Schema, CategoriesAndNested) {
    resource_schema const user("user", user_fields);
    EXPECT_EQ(user.type(), "user");
    auto const* full_name = user.find("full_name");
    ASSERT_NE(full_name, nullptr);
    EXPECT_EQ(full_name->category(), field_category::by_default);
    EXPECT_FALSE(full_name->is_nested());
    EXPECT_EQ(user.find("locale")->category(), field_category::optional);
    EXPECT_EQ(user.find("password")->category(), field_category::hidden);
    auto const* role = user.find("role");
    ASSERT_TRUE(role->is_nested());
    EXPECT_FALSE(role->is_array());
    EXPECT_EQ(role->nested_type(), "role");
    auto const* teams = user.find("teams");
    EXPECT_TRUE(teams->is_array());
    EXPECT_EQ(teams->nested_type(), "team");
    EXPECT_EQ(user.find("organization")->category(), field_category::optional);
    EXPECT_EQ(user.find("nope"), nullptr);
}

TEST(Schema, AlwaysFieldsAreImplicitAndForced) {
    // §21.2: id, resource_type, resource_url are always returned, listed or not, whatever listed as
    resource_schema const s{"role", {{"title"}, {"id", field::hidden}}};
    for (std::string_view n : {"id", "resource_type", "resource_url"}) {
        auto const* f = s.find(n);
        ASSERT_NE(f, nullptr) << n;
        EXPECT_EQ(f->category(), field_category::always) << n;
    }
    EXPECT_EQ(s.fields().size(), 4u);
    EXPECT_EQ(s.fields()[0].name(), "title");
    EXPECT_EQ(s.fields()[1].name(), "id");
}

// §21.2: `id`, `resource_type` and `resource_url` are always returned whatever category a schema
// lists them under, and in whatever letter case it spells them: each of the three, listed under
// each category, in each spelling, is `always`, once.
TEST(Schema, AlwaysFieldsAreForcedWhateverTheCategoryAndSpelling) {
    struct spelled {
        std::string_view snake, listed_as;
    } const names[] = {
        {"id", "id"},
        {"id", "Id"},
        {"resource_type", "resource_type"},
        {"resource_type", "resourceType"},
        {"resource_type", "ResourceType"},
        {"resource_url", "resource_url"},
        {"resource_url", "resourceUrl"},
        {"resource_url", "ResourceUrl"},
    };
    std::size_t checked = 0;
    for (auto const& n : names) {
        for (field_category c : {field::always, field::by_default, field::optional, field::hidden}) {
            SCOPED_TRACE(std::string(n.listed_as) + " listed as " + std::to_string(static_cast<int>(c)));
            resource_schema const s{"thing", {{"title", field::optional}, {n.listed_as, c}}};
            auto const* f = s.find(n.snake);
            ASSERT_NE(f, nullptr);
            EXPECT_EQ(f->category(), field_category::always);
            EXPECT_EQ(f->name(), n.snake);
            EXPECT_EQ(s.fields().size(), 4u);  // title and the three, each once
            EXPECT_EQ(s.find("title")->category(), field_category::optional);  // others keep theirs
            for (std::string_view other : {"id", "resource_type", "resource_url"})
                EXPECT_EQ(s.find(other)->category(), field_category::always) << other;
            ++checked;
        }
    }
    EXPECT_EQ(checked, std::size(names) * 4);
    // A name that merely contains one of the three is an ordinary field.
    resource_schema const s{"thing", {{"ids", field::hidden}, {"resource_urls", field::optional}, {"user_id", field::optional}}};
    EXPECT_EQ(s.find("ids")->category(), field_category::hidden);
    EXPECT_EQ(s.find("resource_urls")->category(), field_category::optional);
    EXPECT_EQ(s.find("user_id")->category(), field_category::optional);
}

// A field's shape: plain, nested (one or an array) or map (§21.18).
TEST(Schema, FieldShapes) {
    resource_schema const s{"message", {{"body"}, {"creator", nested("user")}, {"tags", nested_array("tag")},
                                        {"metadata", kayako::map_field}, {"extra", kayako::map_field, field::optional}}};
    static_assert(!kayako::nested_resource{}.array && !kayako::nested_resource{}.is_nested());
    EXPECT_EQ(s.find("body")->shape(), kayako::field_shape::plain);
    EXPECT_FALSE(s.find("body")->is_array());
    EXPECT_FALSE(s.find("body")->is_nested());
    EXPECT_TRUE(s.find("body")->nested_type().empty());
    EXPECT_FALSE(s.find("body")->is_map());
    EXPECT_EQ(s.find("creator")->shape(), kayako::field_shape::nested);
    EXPECT_FALSE(s.find("creator")->is_array());
    EXPECT_TRUE(s.find("tags")->is_array());
    EXPECT_EQ(s.find("metadata")->shape(), kayako::field_shape::map);
    EXPECT_TRUE(s.find("metadata")->is_map());
    EXPECT_FALSE(s.find("metadata")->is_nested());
    EXPECT_EQ(s.find("extra")->category(), field_category::optional);
    EXPECT_TRUE(s.find("resource_type")->is_resource_type());
    EXPECT_FALSE(s.find("resource_url")->is_resource_type());
    EXPECT_EQ(s.find("extra")->index(), 4u);
    EXPECT_EQ(s.find("resource_url")->index(), 7u);
}

TEST(Schema, NamesPreSpelledInEveryCase) {
    resource_schema const s{"user_minimal", {{"full_name"}, {"IsEnabled"}}};
    auto const* f = s.find("full_name");
    EXPECT_EQ(f->name(letter_case::snake), "full_name");
    EXPECT_EQ(f->name(letter_case::camel), "fullName");
    EXPECT_EQ(f->name(letter_case::pascal), "FullName");
    EXPECT_EQ(f->json_key(letter_case::snake), "\"full_name\":");
    EXPECT_EQ(f->json_key(letter_case::camel), "\"fullName\":");
    EXPECT_EQ(f->json_key(letter_case::pascal), "\"FullName\":");
    // names given in another case are stored snake
    EXPECT_EQ(s.find("is_enabled")->name(), "is_enabled");
    EXPECT_EQ(s.find("resource_type")->json_key(letter_case::camel), "\"resourceType\":");
    EXPECT_EQ(s.type_json(letter_case::snake), "\"user_minimal\"");
    EXPECT_EQ(s.type_json(letter_case::camel), "\"userMinimal\"");
    EXPECT_EQ(s.type_json(letter_case::pascal), "\"UserMinimal\"");
}

TEST(Schema, FindIsCaseBlind) {
    resource_schema const s{"user", {{"full_name"}}};
    EXPECT_EQ(s.find("fullName"), s.find("full_name"));
    EXPECT_EQ(s.find("FullName"), s.find("full_name"));
    EXPECT_EQ(s.find("resourceType"), s.find("resource_type"));
}

TEST(Schema, DuplicateLineFirstWins) {
    resource_schema const s{"user", {{"full_name"}, {"fullName", field::hidden}}};
    EXPECT_EQ(s.find("full_name")->category(), field_category::by_default);
    EXPECT_EQ(s.fields().size(), 4u);
}

TEST(Schema, CopiesAndMovesKeepLookup) {
    resource_schema const a{"user", {{"full_name"}, {"designation"}}};
    resource_schema b = a;
    resource_schema c = std::move(b);
    resource_schema d{"x", {}};
    d = c;
    for (resource_schema const* s : {&a, static_cast<resource_schema const*>(&c), static_cast<resource_schema const*>(&d)}) {
        ASSERT_NE(s->find("designation"), nullptr);
        EXPECT_EQ(s->find("designation")->name(), "designation");
        EXPECT_EQ(s->type(), "user");
    }
}

TEST(SchemaRegistry, FindByTypeInAnyCase) {
    kayako::schema_registry const reg{
        resource_schema{"user_minimal", {{"full_name"}}},
        resource_schema{"role", {{"title"}}},
    };
    ASSERT_NE(reg.find("user_minimal"), nullptr);
    EXPECT_EQ(reg.find("userMinimal"), reg.find("user_minimal"));
    EXPECT_EQ(reg.find("UserMinimal"), reg.find("user_minimal"));
    EXPECT_EQ(reg.find("role")->type(), "role");
    EXPECT_EQ(reg.find("team"), nullptr);
}

TEST(SchemaRegistry, AddReplaces) {
    kayako::schema_registry reg;
    reg.add(resource_schema{"role", {{"title"}}});
    reg.add(resource_schema{"Role", {{"type"}}});
    ASSERT_NE(reg.find("role"), nullptr);
    EXPECT_NE(reg.find("role")->find("type"), nullptr);
    EXPECT_EQ(reg.find("role")->find("title"), nullptr);
}

}  // namespace
