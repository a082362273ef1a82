// Base64 vectors (Go encoding/base64 with RFC 4648 §10, CPython test_base64) through values.hpp,
// letter-case vectors (Rails inflector, Jackson naming strategies) through letter_case.hpp, and
// the snake ↔ camel names recorded from live Kayako servers (§3, §2.5, §6.1, §21.18). Read in
// place from ../shared/testdata.
#include <kayako/core/letter_case.hpp>
#include <kayako/core/values.hpp>

#include "support/testdata.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace {

namespace json = boost::json;

/// A vector string: UTF-8 text, or `{"hex": "..."}` for raw bytes.
std::string bytes_of(json::value const& v) {
    if (v.is_string()) return std::string(v.get_string());
    std::string_view const hex = v.as_object().at("hex").as_string();
    auto digit = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1]));
    return out;
}

/// The expected result: the vector's own, or the library's where the vector records a deviation.
json::value const& expected_of(json::object const& v, std::size_t& deviations) {
    if (auto const* d = v.if_contains("deviation")) {
        EXPECT_FALSE(d->as_object().at("ref").as_string().empty());
        ++deviations;
        return d->as_object().at("expected");
    }
    return v.at("expected");
}

TEST(PeersValues, Base64) {  // §3 binary: strict RFC 4648 §4 base64
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/urls-forms-json/base64/base64_vectors.json");
    auto const vectors = json::parse(kayako::test::read_file_bytes(path));
    std::size_t read = 0, checked = 0, deviations = 0, not_covered = 0;
    for (auto const& item : vectors.as_array()) {
        auto const& v = item.as_object();
        SCOPED_TRACE(std::string(v.at("id").as_string()));
        ++read;
        if (v.contains("not_covered")) {  // other alphabets (altchars, URL-safe): §3 names base64 only
            EXPECT_FALSE(v.at("not_covered").as_string().empty());
            ++not_covered;
            continue;
        }
        std::string_view const kind = v.at("kind").as_string();
        json::value const& expected = expected_of(v, deviations);
        std::string const input = bytes_of(v.at("input"));
        if (kind == "encode") {
            EXPECT_EQ(kayako::encode_base64(input), bytes_of(expected));
            EXPECT_EQ(kayako::decode_base64(bytes_of(expected)).value().bytes, input);  // and back
        } else if (kind == "decode") {
            auto const decoded = kayako::decode_base64(input);
            if (expected.is_string() && expected.as_string() == "invalid") {
                ASSERT_FALSE(decoded);
                EXPECT_EQ(decoded.error().code, kayako::error::invalid_base64);
            } else {
                ASSERT_TRUE(decoded) << decoded.error().message();
                EXPECT_EQ(decoded->bytes, bytes_of(expected));
                EXPECT_EQ(kayako::encode_base64(decoded->bytes), input);  // one spelling per byte string
            }
        } else if (kind == "decode_validity") {
            auto const decoded = kayako::decode_base64(input);
            EXPECT_EQ(decoded.has_value(), expected.as_string() == "valid");
            if (!decoded) {
                EXPECT_EQ(decoded.error().code, kayako::error::invalid_base64);
                EXPECT_LE(decoded.error().offset, input.size());
            }
        } else {
            ADD_FAILURE() << "unknown kind " << kind;
            continue;
        }
        ++checked;
    }
    EXPECT_EQ(read, 102u);
    EXPECT_EQ(not_covered, 2u);
    EXPECT_EQ(deviations, 15u);
    EXPECT_EQ(checked + not_covered, read);
}

TEST(PeersValues, LetterCase) {  // §2.5, §6.1
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/urls-forms-json/letter_case/letter_case_vectors.json");
    auto const vectors = json::parse(kayako::test::read_file_bytes(path));
    std::size_t read = 0, checked = 0, deviations = 0, not_covered = 0;
    for (auto const& item : vectors.as_array()) {
        auto const& v = item.as_object();
        SCOPED_TRACE(std::string(v.at("id").as_string()));
        ++read;
        if (v.contains("not_covered")) {  // `$` is no name character of the protocol
            EXPECT_FALSE(v.at("not_covered").as_string().empty());
            ++not_covered;
            continue;
        }
        std::string_view const kind = v.at("kind").as_string();
        json::value const& expected = expected_of(v, deviations);
        if (kind == "names_equal") {
            auto const& names = v.at("input").as_array();
            EXPECT_EQ(kayako::names_equal(names[0].as_string(), names[1].as_string()), expected.as_bool());
            ++checked;
            continue;
        }
        std::string_view const input = v.at("input").as_string();
        kayako::letter_case to = kayako::letter_case::snake;
        if (kind == "to_camel") to = kayako::letter_case::camel;
        else if (kind == "to_pascal") to = kayako::letter_case::pascal;
        else if (kind != "to_snake") {
            ADD_FAILURE() << "unknown kind " << kind;
            continue;
        }
        std::string const converted = kayako::convert_case(input, to);
        EXPECT_EQ(converted, expected.as_string());
        EXPECT_TRUE(kayako::names_equal(converted, input));  // a conversion names the same thing
        ++checked;
    }
    EXPECT_EQ(read, 80u);
    EXPECT_EQ(not_covered, 8u);
    EXPECT_EQ(deviations, 22u);
    EXPECT_EQ(checked + not_covered, read);
}

// The names a live Kayako server wrote under `_case=camel`, and their snake spelling: the
// converter must produce each pair both ways. The names the server left in snake case are free-
// form map keys and a hand-written fixture (§21.18, §20.12: rendering them is the output's job);
// here only the name conversion is checked, which gives the camel spelling for each of them.
TEST(PeersValues, KayakoCasePairs) {
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/kayako-java-sdk/case-pairs.json");
    auto const file = json::parse(kayako::test::read_file_bytes(path));
    std::size_t pairs = 0, unconverted = 0;
    for (auto const& item : file.at("pairs").as_array()) {
        auto const& p = item.as_object();
        std::string_view const snake = p.at("snake").as_string(), camel = p.at("camel").as_string();
        SCOPED_TRACE(std::string(snake) + " / " + std::string(camel));
        EXPECT_EQ(kayako::convert_case(snake, kayako::letter_case::camel), camel);
        EXPECT_EQ(kayako::convert_case(camel, kayako::letter_case::snake), snake);
        EXPECT_TRUE(kayako::names_equal(snake, camel));
        EXPECT_EQ(kayako::name_hash(snake), kayako::name_hash(camel));
        // Pascal is camel with its first letter raised, and reads back to the same snake name.
        std::string const pascal = kayako::convert_case(snake, kayako::letter_case::pascal);
        EXPECT_EQ(kayako::convert_case(pascal, kayako::letter_case::snake), snake);
        ++pairs;
    }
    for (auto const& item : file.at("snake_under_camel").as_array()) {
        auto const& u = item.as_object();
        std::string_view const sent = u.at("sent").as_string();
        SCOPED_TRACE(std::string(sent));
        EXPECT_EQ(kayako::convert_case(sent, kayako::letter_case::camel), u.at("expected_camel").as_string());
        EXPECT_TRUE(kayako::names_equal(sent, u.at("expected_camel").as_string()));
        ++unconverted;
    }
    EXPECT_EQ(pairs, 159u);
    EXPECT_EQ(unconverted, 5u);
}

}  // namespace
