// Tests of target_builder.hpp: targets written from typed arguments, parsed back (§1, §2.2, §21.1, §21.16).
#include <kayako/request/request_target.hpp>
#include <kayako/request/target_builder.hpp>

#include <kayako/core/api_error.hpp>

#include <gtest/gtest.h>

#include "support/views.hpp"

#include <cstdint>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using kayako::error;
using kayako::failure;

kayako::request_target parse_ok(std::string_view target, kayako::target_options const& options = {}) {
    auto r = kayako::parse_target(target, options);
    EXPECT_TRUE(r) << target << ": " << (r ? "" : r.error().message());
    return r ? *r : kayako::request_target{};
}

TEST(TargetBuilder, EveryIntegerRangeAndValueKind) {
    kayako::target_builder b("tests");
    b.id(std::numeric_limits<std::int64_t>::min());
    b.add("a", std::numeric_limits<std::int64_t>::max()).add("b", std::numeric_limits<std::uint64_t>::max());
    b.add("c", std::int8_t{-128}).add("d", true).add("e", "x y").add("f", kayako::timestamp{0, -1439});
    b.add("g", kayako::letter_case::pascal).add("h", kayako::letter_case::snake);
    std::vector<std::int64_t> const none;
    b.add_list("ids", none);
    b.add_list("ids", none, kayako::array_style::brackets);
    EXPECT_EQ(b.str(), "/api/v1/tests/-9223372036854775808?a=9223372036854775807&b=18446744073709551615&c=-128&d=true&e=x+y"
                       "&f=1969-12-31T00%3A01%3A00-23%3A59&g=pascal&h=snake");
    std::vector<std::int64_t> const one{std::numeric_limits<std::int64_t>::min()};
    kayako::target_builder single("tests");
    single.add_list("ids", one);
    EXPECT_EQ(single.query(), "ids=-9223372036854775808");
    EXPECT_EQ(kayako::target_builder("tests").str(), "/api/v1/tests");  // no `?` without arguments
    std::string const built = b.str();
    auto const parsed = parse_ok(built);
    EXPECT_EQ(parsed.path().numeric_id().value(), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(parsed.arguments().require<std::uint64_t>("b").value(), std::numeric_limits<std::uint64_t>::max());
    EXPECT_EQ(parsed.arguments().require<kayako::timestamp>("f").value().offset_minutes, -1439);
}

// ---- Client side -----------------------------------------------------------------------------

TEST(TargetBuilder, BuildsTargets) {
    kayako::target_builder b("tests");
    b.id(1).add("_case", kayako::letter_case::camel).add("limit", 5).add("_empty", false).add("fields", "+name");
    EXPECT_EQ(b.str(), "/api/v1/tests/1?_case=camel&limit=5&_empty=false&fields=%2Bname");  // §21.1
    EXPECT_EQ(kayako::target_builder("user", "base").id(1).str(), "/api/v1/base/user/1");
    EXPECT_EQ(kayako::target_builder("users").segment("a/b c+").str(), "/api/v1/users/a%2Fb%20c%2B");
    std::vector<std::int64_t> const ids{997, 998, 999};
    kayako::target_builder del("tests");
    del.add_list("ids", ids);
    EXPECT_EQ(del.str(), "/api/v1/tests?ids=997%2C998%2C999");  // TV-INTRO-4
    kayako::target_builder brackets("tests");
    brackets.add_list("ids", ids, kayako::array_style::brackets);
    EXPECT_EQ(brackets.str(), "/api/v1/tests?ids%5B%5D=997&ids%5B%5D=998&ids%5B%5D=999");
    std::string const built = brackets.str();
    auto const parsed = parse_ok(built);
    EXPECT_EQ(std::vector<std::int64_t>(parsed.arguments().ids().begin(), parsed.arguments().ids().end()), ids);
}

TEST(TargetBuilder, NeverWritesEmptySegments) {  // §21.16: clients never send `//`
    kayako::target_builder b("tests");
    b.segment("").segment("1").segment("");
    EXPECT_EQ(b.str(), "/api/v1/tests/1");
    EXPECT_EQ(kayako::target_builder("user", "").segment("").str(), "/api/v1/user");
    for (std::string_view segment : {"/", "//", "a//b", " "}) {
        kayako::target_builder s("tests");
        s.segment(segment);
        EXPECT_EQ(s.path().find("//"), std::string_view::npos) << segment;
    }
}

TEST(TargetBuilder, JsonSuffixOnTheLastSegment) {  // §1: `/api/v1/tests/1.json`
    kayako::target_builder item("tests");
    item.id(1).json_suffix().add("fields", "name");
    EXPECT_EQ(item.str(), "/api/v1/tests/1.json?fields=name");
    EXPECT_EQ(item.path(), "/api/v1/tests/1.json");
    EXPECT_EQ(kayako::target_builder("tests").json_suffix().json_suffix().str(), "/api/v1/tests.json");  // once
    EXPECT_EQ(kayako::target_builder("files").json_suffix().id(7).segment("content").str(),
              "/api/v1/files/7/content.json");  // carried to the new last segment
    EXPECT_EQ(kayako::target_builder("tests").json_suffix().segment("").str(), "/api/v1/tests.json");
    EXPECT_EQ(kayako::target_builder("tests").str(), "/api/v1/tests");  // only when asked
    std::string const built = item.str();  // the parsed target views it
    auto const parsed = parse_ok(built);   // servers read the suffix away (§1)
    EXPECT_EQ(parsed.path().resource(), "tests");
    EXPECT_EQ(parsed.path().numeric_id().value(), 1);
}

// Property: build → parse gives back what was built (seeded, many cases).
TEST(TargetBuilder, RoundTripProperty) {
    std::mt19937_64 rng(20260101);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    // Text with every byte class that matters: specials, spaces, plus, percent, UTF-8, commas.
    std::vector<std::string> const atoms{"a", "Z", "0", " ", "+", "%", "&", "=", "#", "?", "/", "[]", ",", "é", "☺", "%41", "\t", "~"};
    auto random_text = [&](bool allow_comma) {
        std::string s;
        std::size_t const n = pick(8);
        for (std::size_t i = 0; i < n; ++i) {
            std::string const& atom = atoms[pick(atoms.size())];
            if (!allow_comma && atom == ",") continue;
            s += atom;
        }
        return s;
    };
    for (int round = 0; round < 2000; ++round) {
        kayako::target_builder b("tests");
        std::int64_t const id = static_cast<std::int64_t>(rng() % 100000);
        std::string segment_text = random_text(true);
        std::erase(segment_text, '/');  // a decoded segment may not hold `/` (servers refuse %2F)
        bool const with_segment = !segment_text.empty() && segment_text != "." && segment_text != ".." && pick(2);
        b.id(id);
        if (with_segment) b.segment(segment_text);
        ASSERT_EQ(b.path().find("//"), std::string_view::npos) << b.path();  // §21.16
        std::int64_t const limit = 1 + static_cast<std::int64_t>(pick(1000));
        std::int64_t const offset = static_cast<std::int64_t>(rng() % 1000000);
        auto const letter = static_cast<kayako::letter_case>(pick(3));
        bool const empty = pick(2), flat = pick(2);
        std::string const fields = random_text(true), custom = random_text(true);
        kayako::timestamp const since{static_cast<std::int64_t>(rng() % 4000000000), static_cast<std::int32_t>(pick(48)) * 30 - 720};
        std::vector<std::int64_t> ids(pick(20));
        for (auto& v : ids) v = static_cast<std::int64_t>(rng() % 1000000);
        std::vector<std::string> tags(pick(5));
        for (auto& t : tags) t = random_text(false);
        std::vector<std::string_view> tag_views(tags.begin(), tags.end());

        b.add("fields", fields).add("limit", limit).add("offset", offset).add("_case", letter).add("_empty", empty);
        b.add("_flat", flat).add("since", since).add("custom_arg", custom);
        b.add_list("ids", ids, pick(2) ? kayako::array_style::comma : kayako::array_style::brackets);
        ASSERT_TRUE(b.add_list("tags", tag_views, kayako::array_style::brackets));

        std::string const target = b.str();
        auto parsed = kayako::parse_target(target);
        ASSERT_TRUE(parsed) << target << ": " << parsed.error().message();
        auto const& p = parsed->path();
        auto const& a = parsed->arguments();
        ASSERT_EQ(p.resource(), "tests") << target;
        ASSERT_EQ(p.numeric_id().value(), id) << target;
        ASSERT_EQ(p.size(), with_segment ? 3u : 2u) << target;
        if (with_segment) {
            ASSERT_EQ(p.segment(2), segment_text) << target;
        }
        ASSERT_EQ(a.fields(), fields) << target;
        ASSERT_EQ(a.limit(), limit) << target;
        ASSERT_EQ(a.offset(), offset) << target;
        ASSERT_EQ(a.letter_case(), letter) << target;
        ASSERT_EQ(a.keep_empty(), empty) << target;
        ASSERT_EQ(a.flat(), flat) << target;
        ASSERT_EQ(a.since()->seconds, since.seconds) << target;
        ASSERT_EQ(a.since()->offset_minutes, since.offset_minutes) << target;
        ASSERT_EQ(a.find("customArg"), custom) << target;
        ASSERT_EQ(std::vector<std::int64_t>(a.ids().begin(), a.ids().end()), ids) << target;
        ASSERT_EQ(std::vector<std::string_view>(a.list("tags").begin(), a.list("tags").end()), tag_views) << target;
        // Strict decoding accepts everything the builder writes.
        kayako::target_options strict;
        strict.strict = true;
        ASSERT_TRUE(kayako::parse_target(target, strict)) << target;
    }
}

}  // namespace
