// Tests of detail/http_grammar.hpp and request/header_parameters.hpp, the HTTP grammar every
// header parser shares (RFC 9110 §5.6, RFC 3629): each character class over all 256 bytes against a reference written from the RFC,
// each parameter rule at its edges, and every input also read from a view into a larger buffer.
#include <kayako/detail/http_grammar.hpp>

#include <kayako/request/header_parameters.hpp>
#include <kayako/request/headers.hpp>

#include "support/views.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using kayako::error;
using kayako::failure;
using namespace std::literals;
namespace detail = kayako::detail;

// RFC 9110 §5.6.2: tchar.
bool reference_tchar(int b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
           (b != 0 && std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(b)) != std::string_view::npos);
}
// RFC 9110 §5.6.4: qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text.
bool reference_qdtext(int b) {
    return b == '\t' || b == ' ' || b == 0x21 || (b >= 0x23 && b <= 0x5B) || (b >= 0x5D && b <= 0x7E) || b >= 0x80;
}
// quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ).
bool reference_pair_char(int b) { return b == '\t' || (b >= 0x20 && b <= 0x7E) || b >= 0x80; }

TEST(HttpGrammar, EveryCharacterClassOverAll256Bytes) {
    std::size_t tchars = 0, qdtexts = 0, pair_chars = 0;
    for (int b = 0; b < 256; ++b) {
        SCOPED_TRACE(b);
        char const c = static_cast<char>(b);
        EXPECT_EQ(detail::is_token_char(c), reference_tchar(b));
        EXPECT_EQ(detail::is_token_char(c), kayako::detail::is_token_character(c));  // headers.hpp agrees
        EXPECT_EQ(detail::is_ows(c), b == ' ' || b == '\t');
        EXPECT_EQ(detail::is_qdtext(c), reference_qdtext(b));
        EXPECT_EQ(detail::is_quoted_pair_char(c), reference_pair_char(b));
        EXPECT_EQ(detail::bad_byte(c, 7), failure(b == 0 ? error::nul_byte : error::unexpected_character, 7));
        tchars += reference_tchar(b);
        qdtexts += reference_qdtext(b);
        pair_chars += reference_pair_char(b);
    }
    EXPECT_EQ(tchars, 77u);
    EXPECT_EQ(qdtexts, 2u + 1u + (0x5B - 0x23 + 1) + (0x7E - 0x5D + 1) + 128u);
    EXPECT_EQ(pair_chars, 1u + 95u + 128u);
}

struct parameter_row {
    std::string_view text;
    std::vector<std::pair<std::string, std::string>> parameters;  // name, unescaped value
    std::optional<failure> error;                                  // after the parameters above
};

// Reads every parameter of `text` as a header parser does; stops at the first failure.
std::pair<std::vector<std::pair<std::string, std::string>>, std::optional<failure>> read_all_fields(std::string_view text,
                                                                                              bool literal = false) {
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t pos = 0;
    for (;;) {
        kayako::header_parameter p;
        auto const more = detail::next_header_parameter(text, pos, p, literal);
        if (!more) return {out, more.error()};
        if (!*more) {
            EXPECT_EQ(pos, text.size());
            return {out, std::nullopt};
        }
        EXPECT_EQ(text.substr(p.offset, p.name.size()), p.name);
        EXPECT_EQ(text.substr(p.value_offset, p.value.size()), p.value);
        std::string unescaped(p.value.size(), '\0');
        unescaped.resize(p.unescape_to(unescaped.data()));
        EXPECT_EQ(unescaped, p.text());
        EXPECT_TRUE(p.value_equals(unescaped));
        EXPECT_FALSE(p.value_equals(unescaped + "x"));
        if (!unescaped.empty()) { EXPECT_FALSE(p.value_equals(unescaped.substr(1))); }
        out.emplace_back(std::string(p.name), unescaped);
    }
}

// RFC 9110 §5.6.6 parameters, with the readings of §21.21 (OWS around `=`, `filename *=`).
TEST(HttpGrammar, ParameterRows) {
    using u = error;
    parameter_row const rows[] = {
        {"", {}, std::nullopt},
        {";", {}, std::nullopt},
        {" ; ;\t", {}, std::nullopt},
        {"; a=b", {{"a", "b"}}, std::nullopt},
        {";a=b;c=d", {{"a", "b"}, {"c", "d"}}, std::nullopt},
        {" ;a = \tb ; ;c=d;", {{"a", "b"}, {"c", "d"}}, std::nullopt},
        {"; a=\"\"", {{"a", ""}}, std::nullopt},
        {"; a=\"x;y,z\"", {{"a", "x;y,z"}}, std::nullopt},
        {"; a=\"x\\\"y\\\\\"", {{"a", "x\"y\\"}}, std::nullopt},
        {"; a=\"\\x\\ \"", {{"a", "x "}}, std::nullopt},
        {"; filename *=x", {{"filename *", "x"}}, std::nullopt},
        {"a=b", {}, failure(u::unexpected_character, 0)},
        {"; =b", {}, failure(u::unexpected_character, 2)},
        {"; a", {}, failure(u::unexpected_end, 3)},
        {"; a ", {}, failure(u::unexpected_end, 4)},
        {"; a b", {}, failure(u::unexpected_character, 4)},
        {"; a=", {}, failure(u::unexpected_end, 4)},
        {"; a= ", {}, failure(u::unexpected_end, 5)},
        {"; a=,", {}, failure(u::unexpected_character, 4)},
        {"; a=\"x", {}, failure(u::unexpected_end, 6)},
        {"; a=\"x\\", {}, failure(u::unexpected_end, 7)},
        {"; a=\"\x01\"", {}, failure(u::unexpected_character, 5)},
        {"; a=\"\\\x01\"", {}, failure(u::unexpected_character, 6)},
        {"; a=\"\\\x7F\"", {}, failure(u::unexpected_character, 6)},
        {"; a=\"\0\""sv, {}, failure(u::nul_byte, 5)},
        {"; a=b c", {{"a", "b"}}, failure(u::unexpected_character, 6)},
        {"; a=b;\0"sv, {{"a", "b"}}, failure(u::nul_byte, 6)},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(testing::PrintToString(std::string(r.text)));
        kayako::test::exact_buffer const exact(r.text);
        auto const [parameters, failed] = read_all_fields(exact.view());
        EXPECT_EQ(parameters, r.parameters);
        EXPECT_EQ(failed, r.error);
        for (std::string_view tail : kayako::test::over_read_tails) {
            auto const [p, f] = read_all_fields(kayako::test::with_tail(r.text, tail).view());
            EXPECT_EQ(p, r.parameters) << tail;
            EXPECT_EQ(f, r.error) << tail;
        }
    }
}

// Every byte inside a quoted value and inside a token value, read both ways (§21.21).
TEST(HttpGrammar, EveryByteOfAParameterValue) {
    for (int b = 0; b < 256; ++b) {
        SCOPED_TRACE(b);
        char const c = static_cast<char>(b);
        std::string const quoted = "; a=\"x"s + c + "y\"";
        auto const [q, qf] = read_all_fields(quoted);
        if (c == '"') {
            EXPECT_EQ(qf, failure(error::unexpected_character, 7));  // `y` after the closed value
        } else if (c == '\\') {
            EXPECT_EQ(q, (std::vector<std::pair<std::string, std::string>>{{"a", "xy"}}));  // `\y` is a pair
        } else if (reference_qdtext(b)) {
            EXPECT_EQ(q, (std::vector<std::pair<std::string, std::string>>{{"a", "x"s + c + "y"}}));
            EXPECT_FALSE(qf);
        } else {
            EXPECT_EQ(qf, detail::bad_byte(c, 6));
        }
        std::string const token = "; a=x"s + c + "y";
        auto const [t, tf] = read_all_fields(token);
        if (reference_tchar(b)) {
            EXPECT_EQ(t, (std::vector<std::pair<std::string, std::string>>{{"a", "x"s + c + "y"}}));
            EXPECT_FALSE(tf);
        } else if (c == ';') {
            EXPECT_EQ(tf, failure(error::unexpected_end, 7));  // `y` is a name without `=`
        } else if (c == ' ' || c == '\t') {
            EXPECT_EQ(tf, failure(error::unexpected_character, 6));
        } else {
            EXPECT_EQ(tf, detail::bad_byte(c, 5));
        }
    }
}

TEST(HttpGrammar, LiteralBackslashesAsBrowsersWriteThem) {  // §21.21
    std::string_view const path = "; filename=\"C:\\dir\\a\\\"b\\\\c.txt\"";
    auto const [literal, lf] = read_all_fields(path, true);
    EXPECT_FALSE(lf);
    EXPECT_EQ(literal, (std::vector<std::pair<std::string, std::string>>{{"filename", "C:\\dir\\a\"b\\c.txt"}}));
    auto const [escaped, ef] = read_all_fields(path, false);
    EXPECT_FALSE(ef);
    EXPECT_EQ(escaped, (std::vector<std::pair<std::string, std::string>>{{"filename", "C:dira\"b\\c.txt"}}));
    // A trailing backslash before the closing quote is literal in that reading, and a lone one
    // at the very end of the text is an open quoted string either way.
    auto const [trailing, tf] = read_all_fields("; a=\"x\\\"", true);
    EXPECT_EQ(tf, failure(error::unexpected_end, 8));
    EXPECT_TRUE(trailing.empty());
    auto const [back, bf] = read_all_fields("; a=\"x\\\\\"", true);
    EXPECT_EQ(back, (std::vector<std::pair<std::string, std::string>>{{"a", "x\\"}}));
    kayako::header_parameter_range const range("; a=1; b=\"2\"; c=3");
    std::vector<std::string> names;
    for (auto const& p : range) names.emplace_back(p.name);
    EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(kayako::header_parameter_range("").begin(), kayako::header_parameter_range("").end());
    auto const literal_range = kayako::header_parameter_range("; f=\"a\\b\"", true);
    EXPECT_EQ(literal_range.begin()->text(), "a\\b");
    EXPECT_EQ(kayako::header_parameter_range("; f=\"a\\b\"").begin()->text(), "ab");
}

// RFC 3629 §4, written as the decoding it describes (not as the byte ranges the library uses):
// the offset of the first byte that does not start a well-formed sequence, or npos.
std::size_t reference_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto const c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t const length = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (length == 0 || i + length > s.size()) return i;
        std::uint32_t cp = c & (0xFF >> (length + 1));
        for (std::size_t k = 1; k < length; ++k) {
            auto const t = static_cast<unsigned char>(s[i + k]);
            if ((t & 0xC0) != 0x80) return i;
            cp = cp << 6 | (t & 0x3F);
        }
        std::uint32_t const smallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < smallest[length] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return i;
        i += length;
    }
    return std::string_view::npos;
}

TEST(HttpGrammar, Utf8AgainstTheRfc3629Decoding) {
    std::size_t checked = 0, valid = 0;
    auto check = [&](std::string const& bytes) {
        kayako::test::exact_buffer const exact(bytes);  // a sequence cut by the end is read no further
        std::size_t const want = reference_invalid_utf8(bytes);
        ASSERT_EQ(detail::find_invalid_utf8(exact.view()), want) << testing::PrintToString(bytes);
        ++checked;
        valid += want == std::string_view::npos;
    };
    // Every one- and two-byte text, then every lead byte with every second byte and a few endings.
    for (int a = 0; a < 256; ++a) {
        check(std::string(1, static_cast<char>(a)));
        for (int b = 0; b < 256; ++b) {
            std::string const two{static_cast<char>(a), static_cast<char>(b)};
            check(two);
            if (a < 0xE0) continue;
            for (int c : {0x80, 0xBF, 0x7F, 0xC0}) {
                check(two + static_cast<char>(c));
                check(two + static_cast<char>(c) + "a");
                if (a < 0xF0) continue;
                for (int d : {0x80, 0xBF, 0x41}) check(two + static_cast<char>(c) + static_cast<char>(d));
            }
        }
    }
    EXPECT_GT(checked, 100000u);
    EXPECT_GT(valid, 2000u);
    // Every code point U+0000..U+10FFFF as its own encoding: surrogates alone are refused.
    for (std::uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
        std::string s;
        if (cp < 0x80) s = {static_cast<char>(cp)};
        else if (cp < 0x800) s = {static_cast<char>(0xC0 | cp >> 6), static_cast<char>(0x80 | (cp & 0x3F))};
        else if (cp < 0x10000)
            s = {static_cast<char>(0xE0 | cp >> 12), static_cast<char>(0x80 | (cp >> 6 & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
        else
            s = {static_cast<char>(0xF0 | cp >> 18), static_cast<char>(0x80 | (cp >> 12 & 0x3F)),
                 static_cast<char>(0x80 | (cp >> 6 & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
        bool const surrogate = cp >= 0xD800 && cp <= 0xDFFF;
        ASSERT_EQ(detail::find_invalid_utf8("a" + s), surrogate ? 1 : std::string_view::npos) << cp;
    }
}

// RFC 9110 §5.5: only CR, LF and NUL can end or cut a header value the library writes.
TEST(HttpGrammar, HeaderValueCheckAndQuoting) {
    for (int b = 0; b < 256; ++b) {
        SCOPED_TRACE(b);
        char const c = static_cast<char>(b);
        bool const breaks = c == '\r' || c == '\n' || c == '\0';
        std::string const value = "ab"s + c;
        auto const r = kayako::check_header_value(value, "X-V");
        EXPECT_EQ(bool(r), !breaks);
        if (!r) { EXPECT_EQ(r.error(), failure(error::header_injection, 2, "X-V")); }
        // A quoted string holds `"` and `\` escaped, anything else as it is; it reads back.
        std::string quoted = "; v=";
        detail::append_quoted_string(quoted, "x"s + c);
        std::string const expected_quoted = "; v=\"x"s + (c == '"' || c == '\\' ? "\\" : "") + c + "\"";
        EXPECT_EQ(quoted, expected_quoted);
        if (reference_qdtext(b) || c == '"' || c == '\\') {
            auto const [p, f] = read_all_fields(quoted);
            EXPECT_FALSE(f);
            EXPECT_EQ(p, (std::vector<std::pair<std::string, std::string>>{{"v", "x"s + c}}));
        }
    }
    EXPECT_TRUE(kayako::check_header_value("", "X-V"));
}

TEST(HttpGrammar, SecretsEqual) {  // §10: the CSRF token compare
    EXPECT_TRUE(detail::secrets_equal("", ""));
    EXPECT_TRUE(detail::secrets_equal("token", "token"));
    EXPECT_FALSE(detail::secrets_equal("token", "toke"));
    EXPECT_FALSE(detail::secrets_equal("toke", "token"));
    EXPECT_FALSE(detail::secrets_equal("", "t"));
    for (std::size_t at = 0; at < 5; ++at)
        for (int bit = 0; bit < 8; ++bit) {
            std::string other = "token";
            other[at] = static_cast<char>(other[at] ^ (1 << bit));
            EXPECT_FALSE(detail::secrets_equal("token", other)) << at << " " << bit;
        }
}

}  // namespace
