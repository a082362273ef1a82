// Tests of fields.hpp: the `fields` grammar (§5.3, §21.1), its merge rule, canonical text,
// the builder, limits (§21.14) and the `include` list (§5.1).
#include <kayako/output/fields.hpp>

#include <kayako/core/api_error.hpp>

#include "support/views.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

namespace {

using kayako::error;
using kayako::field_mask;
using kayako::field_modifier;
using kayako::fields_builder;
using kayako::parse_fields;
using kayako::parse_include;

std::string canonical(std::string_view text) {
    auto r = parse_fields(text);
    EXPECT_TRUE(r) << "'" << text << "': " << (r ? "" : r.error().message());
    return r ? to_string(*r) : std::string("<error>");
}

// Each row: input text → canonical text. Canonical: `*(*)`/`*` first, then rules sorted by
// name, one per name (merged), modifiers as written (`+`, `-`, bare).
struct canonical_row {
    std::string_view text;
    std::string_view expected;
};

class FieldsCanonical : public ::testing::TestWithParam<canonical_row> {};

TEST_P(FieldsCanonical, ParsesToCanonicalText) {
    auto const& row = GetParam();
    EXPECT_EQ(canonical(row.text), row.expected);
    // and the canonical text is a fixed point
    EXPECT_EQ(canonical(row.expected), row.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Spec, FieldsCanonical,
    ::testing::Values(
        // §5.4 vectors
        canonical_row{"title", "title"}, canonical_row{"+title", "+title"},
        canonical_row{"ip_restriction", "ip_restriction"}, canonical_row{"*", "*"},
        canonical_row{"role(*)", "role(*)"}, canonical_row{"*(*)", "*(*)"},
        canonical_row{"+full_name,-designation", "-designation,+full_name"},
        canonical_row{"+role(+title,-type)", "+role(+title,-type)"},
        canonical_row{"name,creator(full_name)", "creator(full_name),name"},
        // §21.1: a leading space is a `+` (a raw `+` after form decoding)
        canonical_row{" full_name,-designation", "-designation,+full_name"},
        canonical_row{" role( title,-type)", "+role(+title,-type)"},
        // §2.5: names are case-blind, stored snake
        canonical_row{"fullName", "full_name"}, canonical_row{"FullName,+IpRestriction", "full_name,+ip_restriction"},
        // merge rule
        canonical_row{"a,a(b)", "a(b)"}, canonical_row{"a(b),a(+c)", "a(b,+c)"},
        canonical_row{"+a,-a", "-a"}, canonical_row{"-a,+a", "-a"}, canonical_row{"+a,a", "a"},
        canonical_row{"a,+a", "a"}, canonical_row{"a,-a(b)", "-a(b)"},
        canonical_row{"full_name,fullName", "full_name"}, canonical_row{"*,*(*)", "*(*)"},
        canonical_row{"*(*),*", "*(*)"}, canonical_row{"+*", "*"}, canonical_row{"x,*", "*,x"},
        canonical_row{"a(b(c(d)))", "a(b(c(d)))"}, canonical_row{"a(*(*))", "a(*(*))"},
        // empty `fields=` is no rule at all
        canonical_row{"", ""}));

// Both parsers read exactly their view: a `fields` or `include` text at the very end of a heap
// block (ASan sees a read past it) and followed by bytes that would change the answer if read —
// the shared over-read tails and the grammar's own `(`, `)`, `,`, `*` — answers as the text alone.
TEST(Fields, ViewsIntoLargerBuffersGiveTheSameAnswer) {
    auto answer = [](auto const& r) {
        return r ? to_string(*r) : "error " + std::to_string(int(r.error().code)) + " at " + std::to_string(r.error().offset);
    };
    std::string_view const grammar_tails[] = {"(", ")", "(*)", ",b", "*", "(b)"};
    std::string_view const texts[] = {"",     "a",     "title", "+a",   "-a",    "*",     "*(*)", "a(b)", "a(b(c))", "a,b",
                                      "x,*",  "a(",    "a(b",   "a,",   "+",     "*(",    "a(*",  "a)",   "user",    "a(b),c"};
    for (std::string_view text : texts) {
        SCOPED_TRACE(text);
        std::string const fields_expected = answer(parse_fields(std::string(text)));
        std::string const include_expected = answer(parse_include(std::string(text)));
        kayako::test::exact_buffer const exact(text);
        EXPECT_EQ(answer(parse_fields(exact.view())), fields_expected);
        EXPECT_EQ(answer(parse_include(exact.view())), include_expected);
        auto check_tail = [&](std::string_view tail) {
            SCOPED_TRACE(tail);
            kayako::test::with_tail const padded(text, tail);
            EXPECT_EQ(answer(parse_fields(padded.view())), fields_expected);
            EXPECT_EQ(answer(parse_include(padded.view())), include_expected);
        };
        for (std::string_view tail : kayako::test::over_read_tails) check_tail(tail);
        for (std::string_view tail : grammar_tails) check_tail(tail);
    }
}

TEST(Fields, TreeShape) {
    auto m = parse_fields("+role(+title,-type),-designation,name");
    ASSERT_TRUE(m);
    auto const& root = m->root();
    ASSERT_EQ(root.rules.size(), 3u);
    EXPECT_EQ(root.rules[0].name, "designation");
    EXPECT_EQ(root.rules[0].modifier, field_modifier::exclude);
    EXPECT_EQ(root.rules[1].name, "name");
    EXPECT_EQ(root.rules[1].modifier, field_modifier::select);
    auto const* role = root.find("role");
    ASSERT_NE(role, nullptr);
    EXPECT_EQ(role->modifier, field_modifier::include);
    ASSERT_TRUE(role->has_nested());
    auto const& nested = m->nested(*role);
    ASSERT_EQ(nested.rules.size(), 2u);
    EXPECT_EQ(nested.find("title")->modifier, field_modifier::include);
    EXPECT_EQ(nested.find("type")->modifier, field_modifier::exclude);
    EXPECT_FALSE(root.all);
    EXPECT_FALSE(root.all_deep);
    EXPECT_EQ(root.find("nope"), nullptr);
}

TEST(Fields, StarFlags) {
    auto a = parse_fields("*");
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->root().all);
    EXPECT_FALSE(a->root().all_deep);
    auto b = parse_fields("*(*),-password");
    ASSERT_TRUE(b);
    EXPECT_TRUE(b->root().all);
    EXPECT_TRUE(b->root().all_deep);
    EXPECT_EQ(b->root().find("password")->modifier, field_modifier::exclude);
}

TEST(Fields, EmptyTextIsEmptyMask) {
    auto m = parse_fields("");
    ASSERT_TRUE(m);
    EXPECT_TRUE(m->empty());
    EXPECT_EQ(*m, field_mask{});
}

// Bad inputs: exact error and offset, parameter "fields", wire code FIELD_INVALID.
struct bad_row {
    std::string text;
    error code;
    std::size_t offset;
};

class FieldsBad : public ::testing::TestWithParam<bad_row> {};

TEST_P(FieldsBad, Rejected) {
    auto const& row = GetParam();
    auto r = parse_fields(row.text);
    ASSERT_FALSE(r) << row.text;
    EXPECT_EQ(r.error().code, row.code) << row.text;
    EXPECT_EQ(r.error().offset, row.offset) << row.text;
    EXPECT_EQ(r.error().parameter, "fields");
    EXPECT_EQ(kayako::api_error_for(r.error()), kayako::api_error_code::field_invalid);
}

std::string nested_depth(std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += "a(";
    s += "b";
    for (std::size_t i = 0; i < n; ++i) s += ")";
    return s;
}

INSTANTIATE_TEST_SUITE_P(
    Syntax, FieldsBad,
    ::testing::Values(
        bad_row{"a,", error::unexpected_end, 2}, bad_row{",", error::invalid_fields, 0},
        bad_row{",,", error::invalid_fields, 0}, bad_row{"a,,b", error::invalid_fields, 2},
        bad_row{"++a", error::invalid_fields, 1}, bad_row{"+-a", error::invalid_fields, 1},
        bad_row{"  a", error::invalid_fields, 1}, bad_row{"+", error::unexpected_end, 1},
        bad_row{"-", error::unexpected_end, 1}, bad_row{"a(", error::unexpected_end, 2},
        bad_row{"a(b", error::unexpected_end, 3}, bad_row{"()", error::invalid_fields, 0},
        bad_row{"a()", error::invalid_fields, 2}, bad_row{"a)", error::invalid_fields, 1},
        bad_row{"a(b))", error::invalid_fields, 4}, bad_row{"(a)", error::invalid_fields, 0},
        bad_row{"a b", error::invalid_fields, 1}, bad_row{"a,b ", error::invalid_fields, 3},
        bad_row{"full-name", error::invalid_fields, 4}, bad_row{"a.b", error::invalid_fields, 1},
        bad_row{"a(b)c", error::invalid_fields, 4}, bad_row{"-*", error::invalid_fields, 1},
        bad_row{"*(a)", error::invalid_fields, 2}, bad_row{"*(*", error::unexpected_end, 3},
        bad_row{"*(**)", error::invalid_fields, 3}, bad_row{"*x", error::invalid_fields, 1},
        bad_row{"**", error::invalid_fields, 1}, bad_row{"na\xc3\xafve", error::invalid_fields, 2},
        bad_row{"\xff", error::invalid_fields, 0}, bad_row{std::string("a\0b", 3), error::nul_byte, 1},
        bad_row{std::string("\0", 1), error::nul_byte, 0}, bad_row{"%2Ba", error::invalid_fields, 0},
        bad_row{"a\tb", error::invalid_fields, 1}, bad_row{"a, -b", error::invalid_fields, 3},
        // limits (§21.14): 16 nested levels pass, 17 do not; the offset is that of the 17th `(`
        bad_row{nested_depth(17), error::too_deep, 33},
        bad_row{std::string(8193, 'a'), error::too_long, 8192}));

TEST(Fields, DepthLimitBoundaryAndOption) {
    EXPECT_TRUE(parse_fields(nested_depth(16)));
    kayako::fields_options opt;
    opt.max_depth = 2;
    EXPECT_TRUE(parse_fields("a(b(c))", opt));
    auto r = parse_fields("a(b(c(d)))", opt);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::too_deep);
    EXPECT_EQ(r.error().offset, 5u);
    opt.max_depth = 0;
    EXPECT_FALSE(parse_fields("*(*)", opt));
    EXPECT_TRUE(parse_fields("a,b", opt));
}

TEST(Fields, LengthAndRuleLimits) {
    EXPECT_TRUE(parse_fields(std::string(8192, 'a')));
    kayako::fields_options opt;
    opt.max_rules = 3;
    EXPECT_TRUE(parse_fields("a,b,c", opt));
    auto r = parse_fields("a,b,c,d", opt);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::too_many);
    EXPECT_EQ(r.error().offset, 6u);
}

// §5.3: a field name is [A-Za-z0-9_]+; every other byte in a name is refused at its offset with
// its own code (`,` and `(` are syntax; NUL is `nul_byte`). Every byte value, between two letters.
TEST(Fields, EveryByteInAName) {
    std::size_t accepted = 0;
    for (int b = 0; b < 256; ++b) {
        char const c = static_cast<char>(b);
        std::string const text = std::string("x") + c + "y";
        SCOPED_TRACE(b);
        auto const r = parse_fields(text);
        bool const name_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        EXPECT_EQ(kayako::detail::is_field_name_char(c), name_char);
        if (name_char || c == ',') {
            ASSERT_TRUE(r) << r.error().message();
            EXPECT_EQ(r->root().rules.size(), name_char ? 1u : 2u);
            ++accepted;
            continue;
        }
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().parameter, "fields");
        if (c == '(') {
            EXPECT_EQ(r.error().code, error::unexpected_end);
            EXPECT_EQ(r.error().offset, 3u);
        } else {
            EXPECT_EQ(r.error().code, c == '\0' ? error::nul_byte : error::invalid_fields);
            EXPECT_EQ(r.error().offset, 1u);
        }
        EXPECT_EQ(kayako::api_error_for(r.error()), kayako::api_error_code::field_invalid);
    }
    EXPECT_EQ(accepted, 26u + 26u + 10u + 1u + 1u);
}

// §5.3, §21.14: `*(*)` opens a level too: at `max_depth` levels it is accepted, one deeper it is
// `too_deep` at its `(`.
TEST(Fields, StarStarCountsAsALevel) {
    kayako::fields_options opt;
    opt.max_depth = 1;
    EXPECT_TRUE(parse_fields("*(*)", opt));
    EXPECT_TRUE(parse_fields("a(b)", opt));
    auto const r = parse_fields("a(*(*))", opt);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::too_deep);
    EXPECT_EQ(r.error().offset, 3u);
    std::string at_bound = nested_depth(15);
    at_bound.replace(at_bound.find('b'), 1, "*(*)");
    EXPECT_TRUE(parse_fields(at_bound));  // 15 nested lists and `*(*)`: 16 levels
    std::string past = nested_depth(16);
    past.replace(past.find('b'), 1, "*(*)");
    auto const p = parse_fields(past);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, error::too_deep);
    EXPECT_EQ(p.error().offset, 33u);
}

// §21.14: text of exactly `max_length` bytes and exactly `max_rules` rules pass, one more does not.
TEST(Fields, ConfiguredLimitsAtTheBound) {
    kayako::fields_options opt;
    opt.max_length = 5;
    EXPECT_TRUE(parse_fields("a,b,c", opt));
    auto const r = parse_fields("a,b,cd", opt);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::too_long);
    EXPECT_EQ(r.error().offset, 5u);
    kayako::fields_options rules;
    rules.max_rules = 2;
    EXPECT_TRUE(parse_fields("a(b)", rules));  // nested rules count too
    auto const n = parse_fields("a(b,c)", rules);
    ASSERT_FALSE(n);
    EXPECT_EQ(n.error().code, error::too_many);
    EXPECT_EQ(n.error().offset, 4u);
    EXPECT_EQ(parse_fields("*,a,b", rules).error().code, error::too_many);  // `*` is a rule
}

TEST(Fields, BuilderMatchesParser) {
    auto built = fields_builder()
                     .add("full_name")
                     .remove("designation")
                     .add("role", fields_builder().add("title").remove("type"))
                     .build();
    auto parsed = parse_fields("+full_name,-designation,+role(+title,-type)");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(built, *parsed);
    EXPECT_EQ(to_string(built), "-designation,+full_name,+role(+title,-type)");

    auto star = fields_builder().all_deep().remove("password").build();
    EXPECT_EQ(to_string(star), "*(*),-password");
    EXPECT_EQ(to_string(fields_builder().select("name").select("creator", fields_builder().select("fullName")).build()),
              "creator(full_name),name");
    // builder merges like the parser
    EXPECT_EQ(to_string(fields_builder().add("a").remove("a").build()), "-a");
    EXPECT_EQ(to_string(fields_builder().select("a", fields_builder().select("b")).select("a", fields_builder().add("c")).build()),
              "a(b,+c)");
    // names that cannot be written as `fields` text are ignored
    EXPECT_EQ(to_string(fields_builder().add("").add("a,b").add("x(y)").all().build()), "*");
    // an empty nested builder adds no nested list
    EXPECT_EQ(to_string(fields_builder().add("role", fields_builder()).build()), "+role");
}

TEST(Fields, EqualityIgnoresLevelCreationOrder) {
    auto a = parse_fields("x(p),y(q)");
    auto b = parse_fields("y(q),x(p)");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(*a, *b);
    auto c = parse_fields("y(q),x(r)");
    ASSERT_TRUE(c);
    EXPECT_FALSE(*a == *c);
}

// Property: text → tree → text → tree is stable, on random well-formed texts (seeded).
std::string random_rules(std::mt19937& rng, int depth) {
    static constexpr std::string_view names[] = {"a", "b", "full_name", "fullName", "Role", "x1", "_p", "id"};
    std::string out;
    int const n = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < n; ++i) {
        if (i) out += ',';
        switch (rng() % 4) {
        case 0: out += '+'; break;
        case 1: out += '-'; break;
        case 2: out += ' '; break;
        default: break;
        }
        if (rng() % 10 == 0 && out.back() != '-') {
            out += rng() % 2 ? "*" : "*(*)";
            continue;
        }
        out += names[rng() % std::size(names)];
        if (depth < 5 && rng() % 3 == 0) {
            out += '(';
            out += random_rules(rng, depth + 1);
            out += ')';
        }
    }
    return out;
}

TEST(Fields, RoundTripPropertyRandomised) {
    std::mt19937 rng(20261128);
    for (int i = 0; i < 3000; ++i) {
        std::string const text = random_rules(rng, 0);
        auto t1 = parse_fields(text);
        ASSERT_TRUE(t1) << text << ": " << t1.error().message();
        std::string const c1 = to_string(*t1);
        auto t2 = parse_fields(c1);
        ASSERT_TRUE(t2) << c1;
        EXPECT_EQ(*t1, *t2) << text << " -> " << c1;
        EXPECT_EQ(to_string(*t2), c1) << text;
    }
}

TEST(Fields, SameNameEveryLengthAndPosition) {
    // the renderer's exact name comparison (overlapping word loads): a difference anywhere counts
    for (std::size_t n = 0; n <= 40; ++n) {
        std::string const a(n, 'x');
        EXPECT_TRUE(kayako::detail::same_name(a, std::string(n, 'x'))) << n;
        EXPECT_FALSE(kayako::detail::same_name(a, std::string(n + 1, 'x'))) << n;
        for (std::size_t i = 0; i < n; ++i) {
            std::string b = a;
            b[i] = 'y';
            EXPECT_FALSE(kayako::detail::same_name(a, b)) << n << " at " << i;
        }
    }
}

// include (§5.1)
TEST(Include, ListsAndStar) {
    auto a = parse_include("user,case");
    ASSERT_TRUE(a);
    EXPECT_FALSE(a->all());
    EXPECT_TRUE(a->includes("user"));
    EXPECT_TRUE(a->includes("case"));
    EXPECT_FALSE(a->includes("team"));
    EXPECT_EQ(to_string(*a), "user,case");

    auto star = parse_include("*");
    ASSERT_TRUE(star);
    EXPECT_TRUE(star->all());
    EXPECT_TRUE(star->includes("anything"));
    EXPECT_EQ(to_string(*star), "*");

    auto mixed = parse_include("user,*");
    ASSERT_TRUE(mixed);
    EXPECT_TRUE(mixed->all());
    EXPECT_TRUE(mixed->types().empty());
    EXPECT_EQ(*mixed, *parse_include("*,team"));

    auto none = parse_include("");
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
    EXPECT_FALSE(none->includes("user"));
}

TEST(Include, CaseBlind) {
    // §2.5, SDK: `include=userMinimal,team,caseStatus` with `_case=camel`
    auto a = parse_include("userMinimal,Team,caseStatus,user_minimal");
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->includes("user_minimal"));
    EXPECT_TRUE(a->includes("UserMinimal"));
    EXPECT_TRUE(a->includes("team"));
    EXPECT_TRUE(a->includes("case_status"));
    EXPECT_FALSE(a->includes("user"));
    EXPECT_EQ(a->types().size(), 3u);  // userMinimal ≡ user_minimal, listed once
    EXPECT_EQ(to_string(*a), "user_minimal,team,case_status");
}

struct include_bad_row {
    std::string text;
    error code;
    std::size_t offset;
};

class IncludeBad : public ::testing::TestWithParam<include_bad_row> {};

TEST_P(IncludeBad, Rejected) {
    auto const& row = GetParam();
    auto r = parse_include(row.text);
    ASSERT_FALSE(r) << row.text;
    EXPECT_EQ(r.error().code, row.code);
    EXPECT_EQ(r.error().offset, row.offset);
    EXPECT_EQ(r.error().parameter, "include");
    EXPECT_EQ(kayako::api_error_for(r.error()), kayako::api_error_code::field_invalid);
}

INSTANTIATE_TEST_SUITE_P(
    Syntax, IncludeBad,
    ::testing::Values(include_bad_row{",", error::invalid_include, 0}, include_bad_row{"user,", error::invalid_include, 5},
                      include_bad_row{"a,,b", error::invalid_include, 2}, include_bad_row{"us er", error::invalid_include, 2},
                      include_bad_row{"user-x", error::invalid_include, 4}, include_bad_row{"**", error::invalid_include, 0},
                      include_bad_row{"u*", error::invalid_include, 1}, include_bad_row{"*user", error::invalid_include, 0},
                      include_bad_row{std::string("u\0", 2), error::nul_byte, 1},
                      include_bad_row{"r\xc3\xb4le", error::invalid_include, 1},
                      include_bad_row{std::string(8193, 'u'), error::too_long, 8192}));

// §5.1: a type name is [A-Za-z0-9_]+ (or `*` alone); every other byte is `invalid_include` at its
// offset, NUL `nul_byte`. Every byte value, between two letters.
TEST(Include, EveryByteInAType) {
    std::size_t accepted = 0;
    for (int b = 0; b < 256; ++b) {
        char const c = static_cast<char>(b);
        SCOPED_TRACE(b);
        auto const r = parse_include(std::string("x") + c + "y");
        bool const name_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (name_char || c == ',') {
            ASSERT_TRUE(r);
            EXPECT_EQ(r->types().size(), name_char ? 1u : 2u);
            ++accepted;
            continue;
        }
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, c == '\0' ? error::nul_byte : error::invalid_include);
        EXPECT_EQ(r.error().offset, 1u);
        EXPECT_EQ(r.error().parameter, "include");
        EXPECT_EQ(kayako::api_error_for(r.error()), kayako::api_error_code::field_invalid);
    }
    EXPECT_EQ(accepted, 64u);
    // `*` is all only as a whole item, first, middle or last.
    for (std::string_view all : {"*", "*,a", "a,*", "a,*,b"}) EXPECT_TRUE(parse_include(all)->all()) << all;
    for (std::string_view bad : {"*a", "a*", "*,*a", "a,b*"}) EXPECT_FALSE(parse_include(bad)) << bad;
}

TEST(Include, LimitsAtTheBound) {
    kayako::include_options opt;
    opt.max_length = 3;
    EXPECT_TRUE(parse_include("a,b", opt));
    auto const r = parse_include("a,bc", opt);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::too_long);
    EXPECT_EQ(r.error().offset, 3u);
    EXPECT_TRUE(parse_include(std::string(8192, 'u')));
    std::string thousand = "a";
    for (int i = 1; i < 1000; ++i) thousand += ",a";
    EXPECT_TRUE(parse_include(thousand));  // repeats count as items listed
    auto const many = parse_include(thousand + ",b");
    ASSERT_FALSE(many);
    EXPECT_EQ(many.error().code, error::too_many);
    EXPECT_EQ(many.error().offset, thousand.size() + 1);
}

TEST(Include, CountLimit) {
    kayako::include_options opt;
    opt.max_types = 2;
    EXPECT_TRUE(parse_include("a,b", opt));
    auto r = parse_include("a,b,c", opt);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::too_many);
    EXPECT_EQ(r.error().offset, 4u);
}

}  // namespace
