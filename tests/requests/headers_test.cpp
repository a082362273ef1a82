#include <kayako/headers.hpp>

#include <kayako/api_error.hpp>

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace {

using fields = std::vector<std::pair<std::string, std::string>>;
using kayako::error;
using kayako::failure;

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

}  // namespace
