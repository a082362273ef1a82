// Tests of <kayako/letter_case.hpp>: snake/camel/Pascal names (§2.5, §6.1, §21.5).
#include <kayako/letter_case.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <unordered_map>

namespace {

using kayako::letter_case;

TEST(ParseLetterCase, AcceptsTheThreeCasesInAnyLetterCase) {
    EXPECT_EQ(kayako::parse_letter_case("snake"), letter_case::snake);
    EXPECT_EQ(kayako::parse_letter_case("camel"), letter_case::camel);
    EXPECT_EQ(kayako::parse_letter_case("pascal"), letter_case::pascal);
    EXPECT_EQ(kayako::parse_letter_case("CAMEL"), letter_case::camel);
    EXPECT_EQ(kayako::parse_letter_case("Pascal"), letter_case::pascal);
    for (std::string_view bad : {std::string_view(""), std::string_view("kebab"), std::string_view("camelCase"),
                                 std::string_view("snake "), std::string_view("pasca"), std::string_view("camel\0", 6)})
        EXPECT_FALSE(kayako::parse_letter_case(bad).has_value()) << bad;
    EXPECT_EQ(kayako::to_string(letter_case::pascal), "pascal");
}

// §6.1's table and the names seen in SDK fixtures (TV-SO-1, §7.4's nextUrl).
struct conversion_row {
    std::string_view snake, camel, pascal;
};
constexpr conversion_row conversions[] = {
    {"snake_case", "snakeCase", "SnakeCase"},
    {"full_name", "fullName", "FullName"},
    {"native_name", "nativeName", "NativeName"},
    {"resource_type", "resourceType", "ResourceType"},
    {"resource_url", "resourceUrl", "ResourceUrl"},
    {"total_count", "totalCount", "TotalCount"},
    {"next_url", "nextUrl", "NextUrl"},
    {"more_info", "moreInfo", "MoreInfo"},
    {"user_minimal", "userMinimal", "UserMinimal"},
    {"case_status", "caseStatus", "CaseStatus"},
    {"section_id", "sectionId", "SectionId"},
    {"id", "id", "Id"},
    {"status", "status", "Status"},
    {"line2_address", "line2Address", "Line2Address"},
    {"is_base_installed", "isBaseInstalled", "IsBaseInstalled"},
    {"_case", "_case", "_Case"},
    {"_jsonp_callback", "_jsonpCallback", "_JsonpCallback"},
    {"", "", ""},
};

TEST(ConvertCase, FollowsTheWordRule) {
    for (auto const& row : conversions) {
        EXPECT_EQ(kayako::convert_case(row.snake, letter_case::snake), row.snake);
        EXPECT_EQ(kayako::convert_case(row.snake, letter_case::camel), row.camel);
        EXPECT_EQ(kayako::convert_case(row.snake, letter_case::pascal), row.pascal);
        // Any spelling converts to any other: the input's case does not matter.
        for (std::string_view from : {row.snake, row.camel, row.pascal}) {
            EXPECT_EQ(kayako::convert_case(from, letter_case::snake), row.snake) << from;
            EXPECT_EQ(kayako::convert_case(from, letter_case::camel), row.camel) << from;
            EXPECT_EQ(kayako::convert_case(from, letter_case::pascal), row.pascal) << from;
        }
    }
}

TEST(ConvertCase, AppendsToExistingText) {
    std::string out = "x=";
    kayako::append_case(out, "category_id", letter_case::camel);
    EXPECT_EQ(out, "x=categoryId");
}

TEST(NamesEqual, MatchesTheSameNameInAnyCase) {
    // §2.5: fullName ≡ FullName ≡ full_name; _Case ≡ _case.
    EXPECT_TRUE(kayako::names_equal("fullName", "full_name"));
    EXPECT_TRUE(kayako::names_equal("FullName", "full_name"));
    EXPECT_TRUE(kayako::names_equal("FullName", "fullName"));
    EXPECT_TRUE(kayako::names_equal("_Case", "_case"));
    EXPECT_TRUE(kayako::names_equal("Full_Name", "full_name"));
    EXPECT_TRUE(kayako::names_equal("", ""));
    for (auto const& row : conversions) {
        EXPECT_TRUE(kayako::names_equal(row.snake, row.camel)) << row.snake;
        EXPECT_TRUE(kayako::names_equal(row.pascal, row.camel)) << row.snake;
        EXPECT_EQ(kayako::name_hash(row.snake), kayako::name_hash(row.camel)) << row.snake;
        EXPECT_EQ(kayako::name_hash(row.snake), kayako::name_hash(row.pascal)) << row.snake;
    }
}

TEST(NamesEqual, KeepsDifferentNamesApart) {
    EXPECT_FALSE(kayako::names_equal("case", "_case"));      // the leading underscore is part of the name
    EXPECT_FALSE(kayako::names_equal("fullname", "full_name"));  // not a spelling of full_name in any case
    EXPECT_FALSE(kayako::names_equal("full_name", "full_names"));
    EXPECT_FALSE(kayako::names_equal("full_name", "full__name"));
    EXPECT_FALSE(kayako::names_equal("a", ""));
    EXPECT_FALSE(kayako::names_equal("ids", "id"));
    EXPECT_NE(kayako::name_hash("case"), kayako::name_hash("_case"));
}

TEST(NamesEqual, IsConstexpr) {
    static_assert(kayako::names_equal("isBoolean", "is_boolean"));
    static_assert(!kayako::names_equal("isBoolean", "is_bool"));
    static_assert(kayako::name_hash("arrayItems") == kayako::name_hash("array_items"));
    std::string_view const runtime_name = "arrayItems";  // and the same at run time
    EXPECT_EQ(kayako::name_hash(runtime_name), kayako::name_hash("array_items"));
}

TEST(NameHasher, KeysAMapByNamesInAnyCase) {
    std::unordered_map<std::string, int, kayako::name_hasher, kayako::name_equal> m;
    m["full_name"] = 1;
    m["is_boolean"] = 2;
    EXPECT_EQ(m.count("fullName"), 1u);
    EXPECT_EQ(m.at("IsBoolean"), 2);
    EXPECT_EQ(m.count("fullname"), 0u);
    m["FullName"] = 3;  // the same key
    EXPECT_EQ(m.size(), 2u);
    EXPECT_EQ(m.at("full_name"), 3);
}

}  // namespace
