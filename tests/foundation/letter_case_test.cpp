// Tests of <kayako/core/letter_case.hpp>: snake/camel/Pascal names (§2.5, §6.1, §21.5).
#include <kayako/core/letter_case.hpp>

#include <gtest/gtest.h>

#include "support/views.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

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

// ---- Boundaries (issue 12): every byte, every letter ------------------------------------------

TEST(LetterClasses, EveryByte) {  // ASCII letters only: A..Z and a..z, both ends included
    for (int b = 0; b < 256; ++b) {
        char const c = static_cast<char>(b);
        bool const upper = b >= 'A' && b <= 'Z', lower = b >= 'a' && b <= 'z';
        EXPECT_EQ(kayako::detail::is_upper(c), upper) << b;
        EXPECT_EQ(kayako::detail::is_lower(c), lower) << b;
        EXPECT_EQ(kayako::detail::to_lower(c), upper ? static_cast<char>(b + 32) : c) << b;
        EXPECT_EQ(kayako::detail::to_upper(c), lower ? static_cast<char>(b - 32) : c) << b;
    }
}

// §2.5, §21.5: a word may start with any letter, `a` and `z` included.
TEST(ConvertCase, EveryLetterStartsAndEndsAWord) {
    for (char c = 'a'; c <= 'z'; ++c) {
        char const C = static_cast<char>(c - 'a' + 'A');
        std::string const snake = std::string("x_") + c + "_" + c;
        std::string const camel = std::string("x") + C + C;
        std::string const pascal = std::string("X") + C + C;
        EXPECT_EQ(kayako::convert_case(snake, letter_case::camel), camel) << snake;
        EXPECT_EQ(kayako::convert_case(snake, letter_case::pascal), pascal) << snake;
        EXPECT_EQ(kayako::convert_case(camel, letter_case::snake), snake) << camel;
        EXPECT_EQ(kayako::convert_case(pascal, letter_case::snake), snake) << pascal;
        EXPECT_EQ(kayako::convert_case(std::string(1, c), letter_case::pascal), std::string(1, C)) << c;
        EXPECT_EQ(kayako::convert_case(std::string(1, C), letter_case::snake), std::string(1, c)) << c;
        EXPECT_TRUE(kayako::names_equal(camel, snake)) << camel;
        EXPECT_TRUE(kayako::names_equal(pascal, snake)) << pascal;
        EXPECT_EQ(kayako::name_hash(camel), kayako::name_hash(snake)) << camel;
    }
    // Bytes that are not ASCII letters never start a word and are never converted.
    for (int b = 0; b < 256; ++b) {
        if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || b == '_') continue;
        std::string const name = std::string("a_") + static_cast<char>(b);
        EXPECT_EQ(kayako::convert_case(name, letter_case::camel), std::string("a") + static_cast<char>(b)) << b;
        std::string const camel = std::string("a") + static_cast<char>(b) + "b";
        EXPECT_EQ(kayako::convert_case(camel, letter_case::snake), camel) << b;
    }
}

TEST(ConvertCase, LeadingUnderscoresAndCapitals) {
    EXPECT_EQ(kayako::convert_case("__double_lead", letter_case::camel), "__doubleLead");
    EXPECT_EQ(kayako::convert_case("__double_lead", letter_case::pascal), "__DoubleLead");
    EXPECT_EQ(kayako::convert_case("__DoubleLead", letter_case::snake), "__double_lead");
    EXPECT_EQ(kayako::convert_case("A", letter_case::snake), "a");   // a capital at the start starts no word
    EXPECT_EQ(kayako::convert_case("aB", letter_case::snake), "a_b");  // one at the second place does
    EXPECT_EQ(kayako::convert_case("ID", letter_case::snake), "i_d");  // all capitals: letter by letter
    EXPECT_TRUE(kayako::names_equal("ID", "i_d"));
    EXPECT_FALSE(kayako::names_equal("ID", "id"));
}

TEST(ParseLetterCase, EveryByteInEveryPosition) {  // §21.5: the three names in any letter case
    for (auto const& [name, expected] : {std::pair<std::string_view, letter_case>{"snake", letter_case::snake},
                                        {"camel", letter_case::camel}, {"pascal", letter_case::pascal}}) {
        EXPECT_EQ(kayako::to_string(expected), name);
        for (std::size_t at = 0; at < name.size(); ++at) {
            for (int b = 0; b < 256; ++b) {
                std::string text(name);
                text[at] = static_cast<char>(b);
                bool const same = b == name[at] || b == name[at] - 'a' + 'A';
                auto const r = kayako::parse_letter_case(text);
                EXPECT_EQ(r.has_value(), same) << text;
                if (r) {
                    EXPECT_EQ(*r, expected) << text;
                }
            }
        }
        EXPECT_FALSE(kayako::parse_letter_case(name.substr(1)).has_value()) << name;
        EXPECT_FALSE(kayako::parse_letter_case(std::string(name) + "s").has_value()) << name;
    }
}

// name_hash is FNV-1a over the snake spelling: pinned against a reference, not only against itself.
TEST(NameHash, IsFnv1aOfTheSnakeSpelling) {
    auto fnv1a = [](std::string_view s) {
        std::uint64_t h = 0xcbf29ce484222325ULL;
        for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
        return h;
    };
    EXPECT_EQ(kayako::name_hash(""), 0xcbf29ce484222325ULL);
    EXPECT_EQ(kayako::name_hash("a"), 0xaf63dc4c8601ec8cULL);
    for (std::string_view name : {"full_name", "fullName", "FullName", "_Case", "line2Address", "ID"})
        EXPECT_EQ(kayako::name_hash(name), fnv1a(kayako::convert_case(name, letter_case::snake))) << name;
    EXPECT_EQ(kayako::name_hasher{}("fullName"), static_cast<std::size_t>(fnv1a("full_name")));
}

TEST(LetterCase, ParsersGiveTheSameAnswerForViewsIntoLargerBuffers) {
    for (std::string_view text : {"", "snake", "camel", "pascal", "Pascal", "snak", "camelx", "pasca"}) {
        auto const expected = kayako::parse_letter_case(text);
        kayako::test::exact_buffer const exact(text);
        EXPECT_EQ(kayako::parse_letter_case(exact.view()), expected) << text;
        for (std::string_view tail : kayako::test::over_read_tails) {
            kayako::test::with_tail const tailed(text, tail);
            EXPECT_EQ(kayako::parse_letter_case(tailed.view()), expected) << text << '+' << tail;
        }
    }
    for (auto const& [a, b] : {std::pair<std::string_view, std::string_view>{"fullName", "full_name"}, {"a", "aB"}, {"aB", "a"},
                        {"ab", "a_b"}, {"", "A"}, {"_case", "_Case"}}) {
        bool const expected = kayako::names_equal(a, b);
        kayako::test::exact_buffer const ea(a), eb(b);
        EXPECT_EQ(kayako::names_equal(ea, eb), expected) << a << ' ' << b;
        EXPECT_EQ(kayako::name_hash(ea.view()), kayako::name_hash(a)) << a;
        for (std::string_view tail : kayako::test::over_read_tails) {
            kayako::test::with_tail const ta(a, tail), tb(b, tail);
            EXPECT_EQ(kayako::names_equal(ta, tb), expected) << a << ' ' << b << '+' << tail;
            EXPECT_EQ(kayako::name_hash(ta.view()), kayako::name_hash(a)) << a << '+' << tail;
            EXPECT_EQ(kayako::convert_case(ta.view(), letter_case::camel), kayako::convert_case(a, letter_case::camel));
        }
    }
}

}  // namespace
