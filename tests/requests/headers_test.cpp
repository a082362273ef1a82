#include <kayako/request/headers.hpp>

#include <kayako/core/api_error.hpp>

#include "support/views.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using fields = std::vector<std::pair<std::string, std::string>>;
using kayako::error;
using kayako::failure;
using namespace std::string_literals;

// ---- Accept (§2.1, §21.13) -------------------------------------------------------------------

struct accept_row {
    std::string value;
    bool allowed;
};

class Accept : public ::testing::TestWithParam<accept_row> {};

TEST_P(Accept, DecidesLikeRfc9110) {
    auto const& row = GetParam();
    EXPECT_EQ(kayako::accept_allows_json(row.value), row.allowed) << row.value;
    fields const h{{"accept", row.value}};
    auto r = kayako::check_accept(kayako::pair_headers(h));
    EXPECT_EQ(bool(r), row.allowed) << row.value;
    if (!r) {
        EXPECT_EQ(r.error(), failure(error::not_acceptable, failure::no_offset, "Accept"));
        EXPECT_EQ(kayako::api_error_for(r.error()), kayako::api_error_code::format_not_acceptable);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Rows, Accept,
    ::testing::Values(accept_row{"*/*", true},                      // TV-INTRO-1
                      accept_row{"application/json", true},
                      accept_row{"Application/JSON", true},
                      accept_row{"application/*", true},
                      accept_row{"application/json; charset=utf-8", true},
                      accept_row{"text/html, application/json;q=0.9", true},
                      accept_row{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", true},  // a browser
                      accept_row{"", true},                         // empty = anything
                      accept_row{" , ,", true},
                      accept_row{"text/html", false},
                      accept_row{"application/xml", false},
                      accept_row{"text/*", false},
                      accept_row{"application/json;q=0", false},    // explicit refusal
                      accept_row{"application/json;q=0.000", false},
                      accept_row{"application/json; Q=0", false},
                      accept_row{"*/*, application/json;q=0", false},   // the specific range wins
                      accept_row{"application/json;q=0, */*", false},
                      accept_row{"application/*;q=0, */*", false},
                      accept_row{"application/*;q=0, application/json", true},
                      accept_row{"*/*;q=0", false},
                      accept_row{"application/json;q=0.001", true},
                      accept_row{"application/json;q=2", false},      // malformed q: element dropped
                      accept_row{"application/json;q=0.0001", false},
                      accept_row{"application/json;q=, */*", true},   // malformed element dropped, */* remains
                      accept_row{"application", false},
                      accept_row{"application/", false},
                      accept_row{"/json", false},
                      accept_row{"text/plain;format=\"a,application/json\"", false},  // the comma is quoted
                      // §21.13, RFC 9110 §5.6.6: a `;` inside a quoted parameter value does not
                      // start a parameter, so no `q=0` is read from it; the `q` after it still counts.
                      accept_row{"application/json;foo=\"a;q=0\"", true},
                      accept_row{"application/json;foo=\"a\\\";q=0\"", true},  // an escaped quote stays inside
                      accept_row{"application/json;foo=\"a;b\";q=0", false},
                      accept_row{"application/json;foo=\"a;q=0\";q=0.5", true},
                      accept_row{"application/json;foo=\"a;q=0", false},          // left open: malformed, dropped
                      accept_row{"application/json;foo=\"a\\", false},
                      // A backslash that ends the field must not swallow the last element: the
                      // field then holds one (malformed) element, not none, which would mean "anything".
                      accept_row{"text/html;a=\"\\", false},
                      accept_row{std::string("application/json\0", 17), false}));

TEST(AcceptHeader, AbsentMeansAnything) {
    fields const none{{"Content-Type", "text/plain"}};
    EXPECT_TRUE(kayako::check_accept(kayako::pair_headers(none)));
}

TEST(AcceptHeader, SeveralLinesAreOneList) {  // RFC 9110 §5.3
    fields const h{{"Accept", "text/html"}, {"ACCEPT", "application/json"}};
    EXPECT_TRUE(kayako::check_accept(kayako::pair_headers(h)));
    fields const refused{{"Accept", "*/*"}, {"Accept", "application/json;q=0"}};
    EXPECT_FALSE(kayako::check_accept(kayako::pair_headers(refused)));
}

// ---- X-Options (§6) --------------------------------------------------------------------------

struct options_row {
    std::string value;
    bool no_empty, flat;
};

class XOptions : public ::testing::TestWithParam<options_row> {};

TEST_P(XOptions, Reads) {
    auto const& row = GetParam();
    auto const o = kayako::parse_x_options(row.value);
    EXPECT_EQ(o.no_empty, row.no_empty) << row.value;
    EXPECT_EQ(o.flat, row.flat) << row.value;
}

INSTANTIATE_TEST_SUITE_P(Rows, XOptions,
                         ::testing::Values(options_row{"no_empty,flat", true, true}, options_row{"no_empty", true, false},
                                           options_row{"flat", false, true}, options_row{" FLAT , No_Empty ", true, true},
                                           options_row{"pretty,flat,unknown", false, true}, options_row{"", false, false},
                                           options_row{",,,", false, false}, options_row{"noempty", false, false},
                                           options_row{"no_empty flat", false, false}, options_row{"flatter", false, false}));

TEST(XOptionsHeader, SeveralLinesAndFormat) {
    fields const h{{"X-Options", "no_empty"}, {"x-options", "flat"}};
    EXPECT_EQ(kayako::read_x_options(kayako::pair_headers(h)), (kayako::header_options{true, true}));
    fields const none;
    EXPECT_EQ(kayako::read_x_options(kayako::pair_headers(none)), kayako::header_options{});
    for (bool a : {false, true})
        for (bool b : {false, true}) {
            kayako::header_options const o{a, b};
            EXPECT_EQ(kayako::parse_x_options(kayako::format_x_options(o)), o);
        }
    EXPECT_EQ(kayako::format_x_options({true, true}), "no_empty,flat");
}

// ---- X-Requested-With (§9.3, §21.9) ----------------------------------------------------------

TEST(XRequestedWith, BothSpellings) {
    EXPECT_TRUE(kayako::is_ajax_value("XMLHttpRequest"));
    EXPECT_TRUE(kayako::is_ajax_value("XMHTTPRequest"));  // as the reference spells it
    EXPECT_TRUE(kayako::is_ajax_value(" xmlhttprequest "));
    EXPECT_FALSE(kayako::is_ajax_value("XMLHttpRequest2"));
    EXPECT_FALSE(kayako::is_ajax_value("fetch"));
    EXPECT_FALSE(kayako::is_ajax_value(""));
    fields const h{{"X-Requested-With", "XMLHttpRequest"}};
    EXPECT_TRUE(kayako::is_ajax_request(kayako::pair_headers(h)));
    fields const none{{"X-Requested-By", "XMLHttpRequest"}};
    EXPECT_FALSE(kayako::is_ajax_request(kayako::pair_headers(none)));
}

// ---- Header injection ------------------------------------------------------------------------

struct injection_row {
    std::string value;
    std::size_t offset;  // npos: accepted
};

class HeaderInjection : public ::testing::TestWithParam<injection_row> {};

TEST_P(HeaderInjection, ValuesNeverCarryCrLfNul) {
    auto const& row = GetParam();
    auto r = kayako::check_header_value(row.value);
    if (row.offset == std::string::npos) {
        EXPECT_TRUE(r) << row.value;
    } else {
        ASSERT_FALSE(r) << row.value;
        EXPECT_EQ(r.error(), failure(error::header_injection, row.offset));
    }
}

INSTANTIATE_TEST_SUITE_P(Rows, HeaderInjection,
                         ::testing::Values(injection_row{"Basic bm9ydG9u", std::string::npos}, injection_row{"", std::string::npos},
                                           injection_row{"a\tb \"c\"", std::string::npos},
                                           injection_row{"token\r\nSet-Cookie: x", 5}, injection_row{"token\nX: y", 5},
                                           injection_row{"\rtoken", 0}, injection_row{std::string("ab\0c", 4), 2},
                                           injection_row{"caf\xC3\xA9", std::string::npos}));

TEST(HeaderInjection, Names) {
    EXPECT_TRUE(kayako::check_header_name("X-CSRF-Token"));
    EXPECT_EQ(kayako::check_header_name("").error(), failure(error::header_injection, 0));
    EXPECT_EQ(kayako::check_header_name("X-A: b").error(), failure(error::header_injection, 3));
    EXPECT_EQ(kayako::check_header_name("X\r\nY").error(), failure(error::header_injection, 1));
}

// ---- Boundaries (issue 12) ------------------------------------------------------------------

// RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths.
TEST(QValue, EveryRowAtItsBounds) {
    struct row {
        std::string_view text;
        std::optional<int> thousandths;
    } const rows[] = {
        {"0", 0}, {"1", 1000}, {"0.", 0}, {"1.", 1000}, {"1.0", 1000}, {"1.00", 1000}, {"1.000", 1000},
        {"0.001", 1}, {"0.01", 10}, {"0.1", 100}, {"0.5", 500}, {"0.999", 999}, {"0.000", 0},
        {"1.001", std::nullopt}, {"1.5", std::nullopt}, {"1.999", std::nullopt}, {"1.1", std::nullopt},
        {"0.0001", std::nullopt}, {"1.0000", std::nullopt}, {"0.9999", std::nullopt},  // 4 decimals
        {"2", std::nullopt}, {"9", std::nullopt}, {"", std::nullopt}, {".5", std::nullopt}, {"01", std::nullopt},
        {"0,5", std::nullopt}, {"0.5a", std::nullopt}, {"0.a", std::nullopt}, {"-0", std::nullopt}, {"+1", std::nullopt},
        {"0.:", std::nullopt}, {"0./", std::nullopt},  // the bytes either side of the digits
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.text);
        kayako::test::exact_buffer const exact(r.text);
        EXPECT_EQ(kayako::detail::parse_qvalue(exact.view()), r.thousandths);
        for (std::string_view tail : kayako::test::over_read_tails)
            EXPECT_EQ(kayako::detail::parse_qvalue(kayako::test::with_tail(r.text, tail).view()), r.thousandths);
        // The same q on an Accept element: a malformed one drops the element (RFC 9110 §12.5.1).
        std::string const accept = "application/json;q=" + std::string(r.text);
        EXPECT_EQ(kayako::accept_allows_json(accept), r.thousandths.value_or(0) > 0);
    }
    // Every byte as the first decimal: only a digit is one.
    for (int b = 0; b < 256; ++b) {
        std::string const q = "0."s + static_cast<char>(b);
        bool const digit = b >= '0' && b <= '9';
        EXPECT_EQ(kayako::detail::parse_qvalue(q), digit ? std::optional<int>((b - '0') * 100) : std::nullopt) << b;
    }
}

TEST(AcceptHeader, WireCodeAndViews) {  // §21.13
    EXPECT_EQ(kayako::api_error_for(error::not_acceptable), kayako::api_error_code::format_not_acceptable);
    // A view that ends before `;q=0` must not see it; one that ends inside a quoted string must
    // not read past its end looking for the closing quote.
    std::string const text = "application/json;q=0";
    EXPECT_TRUE(kayako::accept_allows_json(std::string_view(text).substr(0, 16)));
    for (std::string_view value : {"application/json", "text/html;a=\"\\", "application/json;q=1", "application/json;q=0.5",
                                   "application/json;q=0", "*/*;q=0", "a/b, application/json;foo=\"x"}) {
        kayako::test::exact_buffer const exact(value);
        bool const want = kayako::accept_allows_json(exact.view());
        for (std::string_view tail : kayako::test::over_read_tails)
            EXPECT_EQ(kayako::accept_allows_json(kayako::test::with_tail(value, tail).view()), want) << value;
    }
}

// RFC 9110 §5.6.2: tchar. Every byte, through check_header_name; the grammar's table agrees.
TEST(HeaderInjection, EveryByteOfANameAndAValue) {
    std::string_view const marks = "!#$%&'*+-.^_`|~";
    std::size_t tchars = 0;
    for (int b = 0; b < 256; ++b) {
        SCOPED_TRACE(b);
        char const c = static_cast<char>(b);
        bool const tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                           (c != '\0' && marks.find(c) != std::string_view::npos);
        tchars += tchar;
        std::string const name = "X-"s + c;
        auto const r = kayako::check_header_name(name);
        EXPECT_EQ(bool(r), tchar);
        if (!r) { EXPECT_EQ(r.error(), failure(error::header_injection, 2)); }
        EXPECT_EQ(kayako::detail::is_token_character(c), tchar);
        // RFC 9110 §5.5: only CR, LF and NUL can end or cut a value the library writes.
        bool const breaks = c == '\r' || c == '\n' || c == '\0';
        std::string const value = "v"s + c + "v";
        auto const v = kayako::check_header_value(value);
        EXPECT_EQ(bool(v), !breaks);
        if (!v) { EXPECT_EQ(v.error(), failure(error::header_injection, 1)); }
    }
    EXPECT_EQ(tchars, 26u + 26u + 10u + 15u);
}

// ASCII case-insensitive names (RFC 9110 §5.1): every pair of bytes, against a reference.
TEST(HeaderNames, CaseInsensitiveOverEveryPairOfBytes) {
    auto lower = [](int b) { return b >= 'A' && b <= 'Z' ? b + 32 : b; };
    std::size_t equal_pairs = 0;
    for (int a = 0; a < 256; ++a)
        for (int b = 0; b < 256; ++b) {
            bool const want = lower(a) == lower(b);
            equal_pairs += want;
            std::string const x(1, static_cast<char>(a)), y(1, static_cast<char>(b));
            ASSERT_EQ(kayako::header_name_equal(x, y), want) << a << " " << b;
        }
    EXPECT_EQ(equal_pairs, 256u + 2u * 26u);
    EXPECT_FALSE(kayako::header_name_equal("Accept", "Accep"));
    EXPECT_FALSE(kayako::header_name_equal("", "A"));
    EXPECT_TRUE(kayako::header_name_equal("", ""));
}

// RFC 9110 §5.6.3: OWS is SP and HTAB only, trimmed on both ends.
TEST(HeaderValues, TrimOwsIsSpaceAndTabOnly) {
    EXPECT_EQ(kayako::trim_ows(""), "");
    EXPECT_EQ(kayako::trim_ows(" \t "), "");
    EXPECT_EQ(kayako::trim_ows("\t a b \t"), "a b");
    for (int b = 0; b < 256; ++b) {
        if (b == ' ' || b == '\t') continue;
        std::string const s = std::string(1, static_cast<char>(b)) + "x" + static_cast<char>(b);
        EXPECT_EQ(kayako::trim_ows(s), s) << b;
    }
}

// RFC 9110 §5.3: one line is its own value; two and more are joined with ", ".
TEST(HeaderValues, FoldedHeaderJoinsLines) {
    std::string storage;
    fields const none;
    EXPECT_FALSE(kayako::folded_header(kayako::pair_headers(none), "X-A", storage));
    fields const one{{"X-A", " a "}};
    EXPECT_EQ(kayako::folded_header(kayako::pair_headers(one), "X-A", storage), "a");
    EXPECT_TRUE(storage.empty());
    fields const two{{"X-A", "a"}, {"X-B", "z"}, {"x-a", " b\t"}};
    EXPECT_EQ(kayako::folded_header(kayako::pair_headers(two), "X-A", storage), "a, b");
    fields const three{{"X-A", "a"}, {"X-A", ""}, {"X-A", "c"}};
    storage.clear();
    EXPECT_EQ(kayako::folded_header(kayako::pair_headers(three), "X-A", storage), "a, , c");
}

TEST(XOptionsHeader, ViewsIntoLargerBuffers) {  // §6.2, §6.3: a view that ends at `flat` must not see `ter`
    std::string const text = "no_empty,flatter";
    EXPECT_EQ(kayako::parse_x_options(std::string_view(text).substr(0, 13)), (kayako::header_options{true, true}));
    EXPECT_EQ(kayako::parse_x_options(text), (kayako::header_options{true, false}));
    EXPECT_TRUE(kayako::is_ajax_value(std::string_view("XMLHttpRequest2").substr(0, 14)));
    EXPECT_TRUE(kayako::is_ajax_value("\tXMHTTPREQUEST\t"));
    EXPECT_FALSE(kayako::is_ajax_value("XMLHttpReques"));
}

}  // namespace
