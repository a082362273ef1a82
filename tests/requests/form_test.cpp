#include <kayako/request/form.hpp>

#include <kayako/core/api_error.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include "support/testdata.hpp"
#include "support/views.hpp"

#include <cctype>
#include <cstdint>
#include <iterator>
#include <random>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using pairs = std::vector<std::pair<std::string, std::string>>;

pairs decode_all(std::string_view body, kayako::form_options const& options = {}) {
    auto form = kayako::parse_form(body, options);
    EXPECT_TRUE(form) << "body: " << body;
    pairs out;
    if (form)
        for (auto const& f : *form) out.emplace_back(std::string(f.name), std::string(f.value));
    return out;
}

// Every field the zero-allocation reader yields must equal what the owning form holds.
pairs read_all(std::string_view body, kayako::form_options const& options = {}) {
    std::vector<char> buffer(kayako::form_reader::buffer_size(body));
    kayako::form_reader reader(body, buffer, options);
    kayako::form_field field;
    pairs out;
    for (;;) {
        auto more = reader.next(field);
        EXPECT_TRUE(more);
        if (!more || !*more) break;
        out.emplace_back(std::string(field.name), std::string(field.value));
    }
    return out;
}

// ---- WHATWG vectors (web-platform-tests), read in place from ../shared/testdata -------------

TEST(WptUrlencoded, LenientDecodeMatchesEveryVector) {
    KAYAKO_TESTDATA_OR_SKIP(path, "wpt-urlencoded-parser-data.json");
    auto const doc = boost::json::parse(kayako::test::read_file_bytes(path));
    ASSERT_EQ(doc.as_array().size(), 35u);  // the file as published: a vector lost is a failure
    for (auto const& row : doc.as_array()) {
        std::string const input(row.at("input").as_string());
        pairs expected;
        for (auto const& p : row.at("output").as_array())
            expected.emplace_back(std::string(p.as_array()[0].as_string()), std::string(p.as_array()[1].as_string()));
        SCOPED_TRACE("input: " + input);
        EXPECT_EQ(decode_all(input), expected);
        EXPECT_EQ(read_all(input), expected);
    }
}

// ---- Spec vectors ----------------------------------------------------------------------------

TEST(Form, TvReq1DoubleAmpersand) {  // §2.2 TV-REQ-1
    auto form = kayako::parse_form(
        "name=Caryn+Pryor&integer_number=123&float_number=1.5&&date=1441118415&is_boolean=1&array_items[]=1&array_items[]=2");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->size(), 7u);  // the empty pair from `&&` is skipped
    EXPECT_EQ(form->get<std::string_view>("name").value(), "Caryn Pryor");
    EXPECT_EQ(form->get<int>("integer_number").value(), 123);
    EXPECT_DOUBLE_EQ(form->require<double>("float_number").value(), 1.5);
    EXPECT_EQ(form->require<kayako::timestamp>("date").value().seconds, 1441118415);
    EXPECT_EQ(form->get<bool>("is_boolean").value(), true);
    EXPECT_EQ(form->get_list<int>("array_items").value(), (std::vector<int>{1, 2}));
}

TEST(Form, TvReq1BracketsPercentEncoded) {  // §2.2: `[]` may arrive as %5B%5D
    auto form = kayako::parse_form("array_items%5B%5D=1&array_items%5b%5d=2");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->get_list<int>("array_items").value(), (std::vector<int>{1, 2}));
}

TEST(Form, TvIntro1) {  // §1.1 TV-INTRO-1
    auto form = kayako::parse_form("name=Caryn+Pryor&array_items=1,2,3&is_boolean=true");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->find("name"), "Caryn Pryor");
    EXPECT_EQ(form->get_list<int>("array_items").value(), (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(form->get<bool>("is_boolean").value(), true);
}

TEST(Form, TvDt4CommaAndBracketsAreTheSame) {  // §3 TV-DT-4
    auto comma = kayako::parse_form("numbers=1,2,3");
    auto brackets = kayako::parse_form("numbers[]=1&numbers[]=2&numbers[]=3");
    ASSERT_TRUE(comma && brackets);
    EXPECT_EQ(comma->get_list<int>("numbers").value(), (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(brackets->get_list<int>("numbers").value(), (std::vector<int>{1, 2, 3}));
}

TEST(Form, NamesAreCaseBlind) {  // §2.5
    auto form = kayako::parse_form("fullName=A&IsBoolean=0&array_Items[]=x");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->find("full_name"), "A");
    EXPECT_EQ(form->find("FullName"), "A");
    EXPECT_EQ(form->get<bool>("is_boolean").value(), false);
    EXPECT_EQ(form->list("arrayItems"), (std::vector<std::string_view>{"x"}));
    EXPECT_FALSE(form->find("fullname"));  // `fullname` is one word, not full_name
}

TEST(Form, RepeatsFollow2115) {  // §21.15
    auto form = kayako::parse_form("_case=camel&_case=pascal&ids=1,2&ids[]=3&ids[]=4&ids=5");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->find("_case"), "pascal");  // scalars: last wins
    EXPECT_EQ(form->get_list<int>("ids").value(), (std::vector<int>{1, 2, 3, 4, 5}));  // concatenated in order
    EXPECT_EQ(form->list("ids[]").size(), 5u);  // `ids[]` and `ids` are one name
}

TEST(Form, BracketItemsAreNotSplitAtCommas) {
    auto form = kayako::parse_form("tags[]=a%2Cb&tags[]=c");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->list("tags"), (std::vector<std::string_view>{"a,b", "c"}));
}

TEST(Form, GetReportsMissingAndInvalidWithParameter) {
    auto form = kayako::parse_form("Limit=abc&ids=1,,2&n=99999999999");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->get<int>("absent").value(), std::nullopt);  // absent is not an error for `get`
    auto missing = form->require<int>("absent");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, kayako::error::missing_parameter);
    EXPECT_EQ(missing.error().parameter, "absent");
    EXPECT_EQ(kayako::api_error_for(missing.error()), kayako::api_error_code::field_required);

    auto bad = form->get<int>("limit");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, kayako::error::invalid_integer);
    EXPECT_EQ(bad.error().parameter, "Limit");  // as sent
    EXPECT_EQ(kayako::api_error_for(bad.error()), kayako::api_error_code::field_invalid);

    auto empty_item = form->get_list<int>("ids");
    ASSERT_FALSE(empty_item);
    EXPECT_EQ(empty_item.error(), kayako::failure(kayako::error::empty_value, 2, "ids"));

    auto huge = form->get<std::int32_t>("n");
    ASSERT_FALSE(huge);
    EXPECT_EQ(huge.error().code, kayako::error::integer_out_of_range);

    EXPECT_EQ(form->get<int>("absent", 7).value(), 7);
    EXPECT_FALSE(form->get<int>("limit", 7));  // present but invalid is still an error
}

TEST(Form, ListLimit) {
    std::string body = "ids=1";
    for (int i = 2; i <= 1001; ++i) body += "," + std::to_string(i);
    auto form = kayako::parse_form(body);
    ASSERT_TRUE(form);
    EXPECT_EQ(form->get_list<int>("ids", 1001).value().size(), 1001u);
    auto limited = form->get_list<int>("ids");  // §21.14: 1,000 by default
    ASSERT_FALSE(limited);
    EXPECT_EQ(limited.error().code, kayako::error::too_many);
    EXPECT_EQ(limited.error().parameter, "ids");
}

TEST(Form, ViewsPointIntoTheBodyWhenNothingNeedsDecoding) {
    std::string_view const body = "a=b&c=d%20e";
    std::vector<char> buffer(kayako::form_reader::buffer_size(body));
    kayako::form_reader reader(body, buffer);
    kayako::form_field f;
    ASSERT_TRUE(reader.next(f).value());
    EXPECT_EQ(f.value.data(), body.data() + 2);  // a view, no copy
    ASSERT_TRUE(reader.next(f).value());
    EXPECT_EQ(f.value, "d e");
    EXPECT_EQ(f.offset, 4u);
    EXPECT_EQ(f.value.data(), buffer.data());  // decoded into the caller's buffer
    EXPECT_FALSE(reader.next(f).value());
}

TEST(Form, ReaderRefusesATooSmallBuffer) {
    std::string_view const body = "a=%41%42%43";
    std::array<char, 2> small{};
    kayako::form_reader reader(body, small);
    kayako::form_field f;
    auto r = reader.next(f);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), kayako::failure(kayako::error::too_long, 2));
}

TEST(Form, VisitForm) {
    std::vector<std::string> names;
    auto n = kayako::visit_form("x=1&&y=2&z", [&](kayako::form_field const& f) { names.emplace_back(f.name); });
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 3u);
    EXPECT_EQ(names, (std::vector<std::string>{"x", "y", "z"}));
    std::string big(5000, 'a');
    big += "=%C3%A9";
    std::string value;
    ASSERT_TRUE(kayako::visit_form(big, [&](kayako::form_field const& f) { value = f.value; }));
    EXPECT_EQ(value, "\xC3\xA9");
}

TEST(Form, CopiesAndMovesKeepViewsValid) {
    auto form = kayako::parse_form("a=1&b=x%20y").value();
    kayako::decoded_form copy = form;
    kayako::decoded_form moved = std::move(form);
    EXPECT_EQ(copy.find("b"), "x y");
    EXPECT_EQ(moved.find("b"), "x y");
    copy = moved;
    EXPECT_EQ(copy.find("a"), "1");
}

// ---- Strict mode and bad input ---------------------------------------------------------------

struct bad_row {
    std::string body;
    kayako::error code;
    std::size_t offset;
};

class FormStrictBadInput : public ::testing::TestWithParam<bad_row> {};

TEST_P(FormStrictBadInput, ExactErrorAndOffset) {
    auto const& row = GetParam();
    kayako::form_options strict;
    strict.strict = true;
    auto form = kayako::parse_form(row.body, strict);
    ASSERT_FALSE(form) << row.body;
    EXPECT_EQ(form.error().code, row.code) << row.body;
    EXPECT_EQ(form.error().offset, row.offset) << row.body;
    // Lenient decoding never fails on these.
    EXPECT_TRUE(kayako::parse_form(row.body)) << row.body;
}

INSTANTIATE_TEST_SUITE_P(
    Rows, FormStrictBadInput,
    ::testing::Values(bad_row{"a=%", kayako::error::invalid_percent_escape, 2},        // lone %
                      bad_row{"a=%4", kayako::error::invalid_percent_escape, 2},       // truncated escape
                      bad_row{"x=1&a%=1", kayako::error::invalid_percent_escape, 5},   // in a name
                      bad_row{"a=%zz", kayako::error::invalid_percent_escape, 2},      // not hex
                      bad_row{"a=%%41", kayako::error::invalid_percent_escape, 2},     // WPT `%%2a`
                      bad_row{"a=b%00c", kayako::error::nul_byte, 3},                  // %00
                      bad_row{std::string("a=b\0c", 5), kayako::error::nul_byte, 3},    // raw NUL
                      bad_row{"a=%FF", kayako::error::invalid_utf8, 2},                // not UTF-8
                      bad_row{"a=%C3", kayako::error::invalid_utf8, 2},                // truncated sequence
                      bad_row{"a=%C3x", kayako::error::invalid_utf8, 2},
                      bad_row{"a=\xC3(", kayako::error::invalid_utf8, 2},              // raw
                      bad_row{"a=%ED%A0%80", kayako::error::invalid_utf8, 2},          // surrogate
                      bad_row{"a=%C0%80", kayako::error::invalid_utf8, 2},             // overlong NUL
                      bad_row{"a=%F4%90%80%80", kayako::error::invalid_utf8, 2}));     // > U+10FFFF

struct lenient_row {
    std::string body;
    std::string name, value;
};

class FormLenient : public ::testing::TestWithParam<lenient_row> {};

TEST_P(FormLenient, DecodesAsBrowsersDo) {
    auto const& row = GetParam();
    auto got = decode_all(row.body);
    ASSERT_EQ(got.size(), 1u) << row.body;
    EXPECT_EQ(got[0].first, row.name);
    EXPECT_EQ(got[0].second, row.value);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, FormLenient,
    ::testing::Values(lenient_row{"a=%", "a", "%"}, lenient_row{"a=%4", "a", "%4"}, lenient_row{"a=b%00c", "a", std::string("b\0c", 3)},
                      lenient_row{"a=%C0%80", "a", "\xEF\xBF\xBD\xEF\xBF\xBD"},
                      lenient_row{"a=%ED%A0%80", "a", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
                      lenient_row{"a=%F0%9F%98%80", "a", "\xF0\x9F\x98\x80"},  // 😀 from escapes
                      lenient_row{"a=\xF0\x9F\x98\x80", "a", "\xF0\x9F\x98\x80"},  // raw
                      lenient_row{"a=%F0%9F%98", "a", "\xEF\xBF\xBD"},         // truncated 4-byte
                      lenient_row{"a b=c d", "a b", "c d"},                    // raw spaces
                      lenient_row{"a[][]=1", "a[][]", "1"},                    // nested [][] kept literally
                      lenient_row{"a=%2B1", "a", "+1"},                        // §21.1
                      lenient_row{"a==", "a", "="}));

// The decoder reads runs of plain bytes sixteen at a time and decodes the byte that ends a run
// (`+`, a printable escape) without leaving that loop; short inputs never reach it. The rows above
// must give the same results inside a value long enough for it, before and after the run.
TEST(FormLongValues, RowsAgreeInsideALongValue) {
    std::string const before(20, 'x'), after(20, 'y');
    for (auto const& row : {lenient_row{"a=%", "a", "%"}, lenient_row{"a=%4", "a", "%4"},
                            lenient_row{"a=b%00c", "a", std::string("b\0c", 3)},
                            lenient_row{"a=%C0%80", "a", "\xEF\xBF\xBD\xEF\xBF\xBD"},
                            lenient_row{"a=%ED%A0%80", "a", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
                            lenient_row{"a=%F0%9F%98%80", "a", "\xF0\x9F\x98\x80"},
                            lenient_row{"a=%F0%9F%98", "a", "\xEF\xBF\xBD"}, lenient_row{"a=%2B1", "a", "+1"},
                            lenient_row{"a=%0A%1F%7F%20+", "a", "\n\x1F\x7F  "}, lenient_row{"a=%zz%", "a", "%zz%"}}) {
        std::string const body = "a=" + before + row.body.substr(2) + after;
        auto got = decode_all(body);
        ASSERT_EQ(got.size(), 1u) << body;
        EXPECT_EQ(got[0].second, before + row.value + after) << body;
    }
    kayako::form_options strict;
    strict.strict = true;
    for (auto const& row : {bad_row{"a=%", kayako::error::invalid_percent_escape, 2},
                            bad_row{"a=%zz", kayako::error::invalid_percent_escape, 2},
                            bad_row{"a=b%00c", kayako::error::nul_byte, 3},
                            bad_row{"a=%FF", kayako::error::invalid_utf8, 2},
                            bad_row{"a=%C3x", kayako::error::invalid_utf8, 2},
                            bad_row{"a=%ED%A0%80", kayako::error::invalid_utf8, 2}}) {
        std::string const body = "a=" + before + row.body.substr(2) + after;
        auto form = kayako::parse_form(body, strict);
        ASSERT_FALSE(form) << body;
        EXPECT_EQ(form.error().code, row.code) << body;
        EXPECT_EQ(form.error().offset, row.offset + before.size()) << body;
    }
}

// A reference for lenient decoding, written as the WHATWG standard reads: percent-decode the
// bytes (`+` is a space, a bad escape a literal `%`), then decode UTF-8, replacing each maximal
// invalid subpart by U+FFFD.
std::string reference_form_decode(std::string_view in) {
    std::string bytes;
    auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) ? std::stoi(std::string(1, c), nullptr, 16) : -1; };
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '+') {
            bytes += ' ';
        } else if (in[i] == '%' && i + 2 < in.size() && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
            bytes += static_cast<char>(hex(in[i + 1]) * 16 + hex(in[i + 2]));
            i += 2;
        } else {
            bytes += in[i];
        }
    }
    std::string out;
    std::size_t i = 0;
    while (i < bytes.size()) {
        auto const b = static_cast<unsigned char>(bytes[i]);
        std::size_t need = 0;
        unsigned char lower = 0x80, upper = 0xBF;
        if (b < 0x80) {
            out += bytes[i++];
            continue;
        }
        if (b >= 0xC2 && b <= 0xDF) need = 1;
        else if (b >= 0xE0 && b <= 0xEF) need = 2, lower = b == 0xE0 ? 0xA0 : 0x80, upper = b == 0xED ? 0x9F : 0xBF;
        else if (b >= 0xF0 && b <= 0xF4) need = 3, lower = b == 0xF0 ? 0x90 : 0x80, upper = b == 0xF4 ? 0x8F : 0xBF;
        std::size_t k = 1;
        while (k <= need && i + k < bytes.size()) {
            auto const c = static_cast<unsigned char>(bytes[i + k]);
            if (c < (k == 1 ? lower : 0x80) || c > (k == 1 ? upper : 0xBF)) break;
            ++k;
        }
        if (need != 0 && k == need + 1) {
            out.append(bytes, i, k);
            i += k;
        } else {
            out += "\xEF\xBF\xBD";
            i += need == 0 ? 1 : k;  // the maximal subpart; the byte that broke it is read again
        }
    }
    return out;
}

TEST(FormLongValues, RandomValuesMatchTheReference) {
    static constexpr std::string_view pieces[] = {"a", "bc", "defghijk", "+", "%2C", "%41", "%0a", "%00", "%7F", "%80",
                                                  "%C3", "%A9", "%E2%98%BA", "%F0%9F%98%80", "%ED%A0", "%", "%4", "%zz",
                                                  "\xC3\xA9", "\xFF", "\xE2\x98", std::string_view("\0", 1), "~", "0123456789abcdef"};
    std::mt19937 random(20261128);
    for (int round = 0; round < 3000; ++round) {
        std::string value;
        std::size_t const count = random() % 24;
        for (std::size_t k = 0; k < count; ++k) value += pieces[random() % std::size(pieces)];
        if (value.find_first_of("&=") != std::string::npos) continue;
        auto got = decode_all("v=" + value);
        ASSERT_EQ(got.size(), 1u);
        ASSERT_EQ(got[0].second, reference_form_decode(value)) << value;
        // Where strict decoding accepts a value, it reads it as lenient decoding does.
        kayako::form_options strict;
        strict.strict = true;
        auto const strict_form = kayako::parse_form("v=" + value, strict);
        if (strict_form) {
            EXPECT_EQ(strict_form->find("v"), got[0].second) << value;
        }
    }
}

// ---- Boundaries (issue 12) -------------------------------------------------------------------

// A summary of what a body reads as, through all three readers, or the failure they all give.
std::string read_summary(std::string_view body, kayako::form_options const& options = {}) {
    std::string out;
    auto form = kayako::parse_form(body, options);
    if (!form) return "error " + form.error().message();
    for (auto const& f : *form) out += std::string(f.name) + '=' + std::string(f.value) + '@' + std::to_string(f.offset) + '&';
    std::string visited;
    auto n = kayako::visit_form(body, [&](kayako::form_field const& f) {
        visited += std::string(f.name) + '=' + std::string(f.value) + '@' + std::to_string(f.offset) + '&';
    }, options);
    EXPECT_TRUE(n) << body;
    EXPECT_EQ(visited, out) << body;
    return out;
}

TEST(FormViews, EveryReaderGivesTheSameAnswerForViewsIntoLargerBuffers) {
    kayako::form_options strict;
    strict.strict = true;
    std::string const long_value = "a=" + std::string(30, 'x');
    std::vector<std::string> const bodies{"", "a", "a=", "=b", "a=b", "a=b&", "&a=b", "a=b&c", "a=%", "a=%4", "a=%41",
                                          "a=+", "a=%C3", "a=%C3%A9", "a=\xC3", "a=\xC3\xA9", "a=%E0%A4", "a=%F0%9F%98",
                                          long_value, long_value + "%", long_value + "%4", long_value + "+", long_value + "%E2%98",
                                          std::string(16, 'a'), std::string(15, 'a') + "=", std::string(17, 'b') + "=%"};
    for (auto const& body : bodies) {
        for (auto const& options : {kayako::form_options{}, strict}) {
            std::string const expected = read_summary(body, options);
            kayako::test::exact_buffer const exact(body);
            EXPECT_EQ(read_summary(exact.view(), options), expected) << body;
            for (std::string_view tail : kayako::test::over_read_tails) {
                kayako::test::with_tail const tailed(body, tail);
                EXPECT_EQ(read_summary(tailed.view(), options), expected) << body << " + " << tail;
            }
        }
    }
}

TEST(FormLimits, EveryReaderAtEachLimitAndOnePast) {  // §21.14, every options field
    for (std::size_t max_size : {std::size_t{0}, std::size_t{3}, std::size_t{7}}) {
        kayako::form_options options;
        options.max_size = max_size;
        std::string const body = std::string("a=bcdefgh").substr(0, max_size);
        std::string const over = std::string("a=bcdefghi").substr(0, max_size + 1);
        EXPECT_TRUE(kayako::parse_form(body, options)) << max_size;
        EXPECT_TRUE(kayako::visit_form(body, [](auto const&) {}, options)) << max_size;
        std::vector<char> buffer(16);
        kayako::form_reader reader(body, buffer, options);
        kayako::form_field f;
        EXPECT_TRUE(reader.next(f)) << max_size;
        kayako::failure const too_long(kayako::error::too_long, max_size);
        EXPECT_EQ(kayako::parse_form(over, options).error(), too_long);
        EXPECT_EQ(kayako::visit_form(over, [](auto const&) {}, options).error(), too_long);
        kayako::form_reader over_reader(over, buffer, options);
        EXPECT_EQ(over_reader.next(f).error(), too_long);
    }
    for (std::size_t max_fields : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
        kayako::form_options options;
        options.max_fields = max_fields;
        std::string body;
        for (std::size_t i = 0; i < max_fields; ++i) body += "a=1&&";  // empty pieces are not fields
        EXPECT_EQ(kayako::parse_form(body, options).value().size(), max_fields);
        EXPECT_EQ(kayako::visit_form(body, [](auto const&) {}, options).value(), max_fields);
        std::string const over = body + "b";
        kayako::failure const too_many(kayako::error::too_many, body.size());
        EXPECT_EQ(kayako::parse_form(over, options).error(), too_many);
        EXPECT_EQ(kayako::visit_form(over, [](auto const&) {}, options).error(), too_many);
    }
}

TEST(FormLimits, ReaderBufferAtTheBoundAndOneShort) {
    for (std::string_view value : {"%41%42", "\xC3\xA9", "\xFF", "a+b", "%E2%98%BA"}) {
        std::string const body = "a=" + std::string(value);
        std::size_t const need = kayako::detail::decoded_size_bound(value);
        std::vector<char> exact(need), short_by_one(need - 1);
        kayako::form_field f;
        kayako::form_reader fits(body, exact);
        EXPECT_TRUE(fits.next(f)) << body;
        kayako::form_reader too_small(body, short_by_one);
        // 3 × size also fits: a buffer that short is refused only when the exact bound is larger too.
        auto const r = too_small.next(f);
        ASSERT_FALSE(r) << body;
        EXPECT_EQ(r.error(), kayako::failure(kayako::error::too_long, 2)) << body;
    }
}

TEST(Form, RepeatedScalarsLastWinsInEveryGetter) {  // §21.15
    auto form = kayako::parse_form("n=1&N=2&n[]=3&m=x&m=4").value();
    EXPECT_EQ(form.get<int>("n").value(), 3);
    EXPECT_EQ(form.get<int>("n", 9).value(), 3);
    EXPECT_EQ(form.find("n"), "3");
    EXPECT_EQ(form.get<int>("m").value(), 4);  // an earlier bad value is overridden
    auto const last_bad = kayako::parse_form("m=4&M=x").value();  // the failure names the field in the form
    auto bad_last = last_bad.get<int>("m");
    EXPECT_EQ(bad_last.error(), kayako::failure(kayako::error::invalid_integer, 0, "M"));
    EXPECT_TRUE(form.contains("N"));
    EXPECT_FALSE(form.contains("o"));
}

TEST(Form, ListLimitExactlyMaxItemsInBothForms) {  // §21.14
    auto form = kayako::parse_form("c=1,2,3&b[]=1&b[]=2&b[]=3&m=1,2&m[]=3").value();
    for (std::string_view name : {"c", "b", "m"}) {
        EXPECT_EQ(form.get_list<int>(name, 3).value(), (std::vector<int>{1, 2, 3})) << name;
        auto const r = form.get_list<int>(name, 2);
        ASSERT_FALSE(r) << name;
        EXPECT_EQ(r.error().code, kayako::error::too_many) << name;
    }
    EXPECT_EQ(form.get_list<int>("c", 0).error(), kayako::failure(kayako::error::too_many, 0, "c"));
    EXPECT_EQ(form.get_list<int>("c", 2).error(), kayako::failure(kayako::error::too_many, 4, "c"));
    EXPECT_EQ(form.get_list<int>("absent", 0).value().size(), 0u);
    auto const bad_form = kayako::parse_form("c=1,x").value();
    auto bad = bad_form.get_list<int>("c");
    EXPECT_EQ(bad.error(), kayako::failure(kayako::error::invalid_integer, 2, "c"));
    auto const bad_item_form = kayako::parse_form("c[]=1&c[]=2x").value();
    auto bad_item = bad_item_form.get_list<int>("c");
    EXPECT_EQ(bad_item.error(), kayako::failure(kayako::error::invalid_integer, 1, "c[]"));
}

TEST(Form, ListNamesAtTheirEdges) {  // §21.15: one trailing `[]`
    EXPECT_EQ(kayako::form_list_name("a[]"), "a");
    EXPECT_EQ(kayako::form_list_name("[]"), "");
    EXPECT_EQ(kayako::form_list_name("a[][]"), "a[]");
    for (std::string_view same : {"", "a", "[", "]", "a[", "a]", "a][", "a[x]", "][", "a[ ]"})
        EXPECT_EQ(kayako::form_list_name(same), same) << same;
    EXPECT_TRUE(kayako::is_array_item_name("a[]"));
    EXPECT_TRUE(kayako::is_array_item_name("[]"));
    EXPECT_FALSE(kayako::is_array_item_name("a"));
    EXPECT_FALSE(kayako::is_array_item_name("a]"));
    EXPECT_TRUE(kayako::form_name_matches("fullName[]", "full_name"));
    EXPECT_TRUE(kayako::form_name_matches("full_name", "FullName[]"));
    EXPECT_FALSE(kayako::form_name_matches("full_name[]x", "full_name"));
}

// Every byte in a name and in a value, in a body shorter and longer than sixteen bytes (the
// splitter reads sixteen at a time and pads the tail): as the WHATWG reference reads it.
TEST(FormBytes, EveryByteInNameAndValueMatchesTheReference) {
    for (std::size_t pad : {std::size_t{0}, std::size_t{13}, std::size_t{14}, std::size_t{15}, std::size_t{16}, std::size_t{31}}) {
        std::string const filler(pad, 'k');
        for (int b = 0; b < 256; ++b) {
            char const c = static_cast<char>(b);
            if (c == '&' || c == '=') continue;
            std::string const name = filler + c + "n", value = "v" + std::string(1, c) + filler;
            std::string const body = name + "=" + value + "&z=" + std::string(1, c);
            auto got = decode_all(body);
            ASSERT_EQ(got.size(), 2u) << b;
            EXPECT_EQ(got[0].first, reference_form_decode(name)) << b << " pad " << pad;
            EXPECT_EQ(got[0].second, reference_form_decode(value)) << b << " pad " << pad;
            EXPECT_EQ(got[1].second, reference_form_decode(std::string(1, c))) << b;
            EXPECT_EQ(read_all(body), got) << b;
        }
        // The separators themselves: an empty piece is skipped, the first `=` splits.
        pairs expected{{"", "x"}, {"a", "b=c"}};
        if (pad) expected.insert(expected.begin(), {filler, ""});
        EXPECT_EQ(decode_all(filler + "&=x&a=b=c&"), expected) << pad;
    }
}

// §21.14, strict decoding: every escape %00..%FF alone, short and inside a long value (the
// decoder's sixteen-byte loop decodes %10..%7F itself and leaves the rest to the general code).
TEST(PercentDecoding, EveryEscapeInBothModes) {
    static constexpr char hex[] = "0123456789ABCDEF";
    for (std::size_t pad : {std::size_t{0}, std::size_t{20}}) {
        std::string const before(pad, 'x'), after(pad, 'y');
        for (int b = 0; b < 256; ++b) {
            for (bool lower : {false, true}) {
                std::string escape = {'%', hex[b >> 4], hex[b & 15]};
                if (lower) escape = {'%', static_cast<char>(std::tolower(escape[1])), static_cast<char>(std::tolower(escape[2]))};
                std::string const text = before + escape + after;
                std::string out(kayako::detail::decoded_size_bound(text), '\0');
                auto const lenient = kayako::detail::percent_decode(text, out.data());
                ASSERT_TRUE(lenient) << escape;
                std::string const expected_byte = b < 0x80 ? std::string(1, static_cast<char>(b)) : "\xEF\xBF\xBD";
                EXPECT_EQ(out.substr(0, *lenient), before + expected_byte + after) << escape << " pad " << pad;
                auto const strict = kayako::detail::percent_decode(text, out.data(), {true, true});
                if (b == 0) {
                    EXPECT_EQ(strict.error(), kayako::failure(kayako::error::nul_byte, pad)) << escape;
                } else if (b >= 0x80) {
                    EXPECT_EQ(strict.error(), kayako::failure(kayako::error::invalid_utf8, pad)) << escape;
                } else {
                    ASSERT_TRUE(strict) << escape;
                    EXPECT_EQ(out.substr(0, *strict), before + expected_byte + after) << escape;
                }
            }
        }
    }
}

TEST(PercentDecoding, EveryByteAsAHexDigit) {  // an escape is `%` and two of 0-9 A-F a-f
    for (std::size_t pad : {std::size_t{0}, std::size_t{20}}) {
        std::string const before(pad, 'x');
        for (int b = 0; b < 256; ++b) {
            char const c = static_cast<char>(b);
            bool const hex = (b >= '0' && b <= '9') || (b >= 'A' && b <= 'F') || (b >= 'a' && b <= 'f');
            EXPECT_EQ(kayako::detail::hex_digit_value(c) >= 0, hex) << b;
            for (std::string const& text : {before + "%" + c + "1", before + "%1" + c, before + "%" + c}) {
                std::string out(kayako::detail::decoded_size_bound(text), '\0');
                auto const strict = kayako::detail::percent_decode(text, out.data(), {true, false});
                bool const complete = text.size() == pad + 3 && hex;
                if (complete) {
                    int const value = kayako::detail::hex_digit_value(text[pad + 1]) * 16 + kayako::detail::hex_digit_value(text[pad + 2]);
                    if (value >= 0x80) {  // a lone byte that is not UTF-8: the escape itself was fine
                        EXPECT_EQ(strict.error(), kayako::failure(kayako::error::invalid_utf8, pad)) << text;
                        continue;
                    }
                    ASSERT_TRUE(strict) << text;
                    ASSERT_EQ(*strict, pad + 1) << text;
                    EXPECT_EQ(out[pad], static_cast<char>(value)) << text;
                    EXPECT_EQ(value, text[pad + 1] == '1' ? 16 + kayako::detail::hex_digit_value(text[pad + 2])
                                                          : kayako::detail::hex_digit_value(text[pad + 1]) * 16 + 1) << text;
                } else {
                    EXPECT_EQ(strict.error(), kayako::failure(kayako::error::invalid_percent_escape, pad)) << text;
                    auto const lenient = kayako::detail::percent_decode(text, out.data(), {false, false});
                    ASSERT_TRUE(lenient) << text;
                    EXPECT_EQ(out[pad], '%') << text;  // the `%` stays a literal
                }
            }
        }
    }
}

TEST(PercentDecoding, ByteClassesOfTheFastPath) {
    for (int b = 0; b < 256; ++b) {
        char const c = static_cast<char>(b);
        bool const plain = b != 0 && b < 0x80 && c != '%' && c != '+';
        EXPECT_EQ(kayako::detail::decodes_as_itself[static_cast<std::size_t>(b)], plain) << b;
        EXPECT_EQ(kayako::detail::decodes_to_itself(std::string(1, c)), plain) << b;
        EXPECT_EQ(kayako::detail::decodes_to_itself(std::string(1, c), {false, false}), plain || c == '+') << b;
        EXPECT_EQ(kayako::detail::decoded_size_bound(std::string(1, c)), b >= 0x80 ? 3u : 1u) << b;
    }
    EXPECT_TRUE(kayako::detail::decodes_to_itself(""));
    EXPECT_EQ(kayako::detail::decoded_size_bound("a\xC3\xA9%"), 8u);
}

// UTF-8 as the WHATWG decoder reads it (§21.20): every scalar value U+0000..U+10FFFF decodes to
// itself, raw and escaped, in both modes (strict refuses only NUL); every surrogate is refused.
TEST(PercentDecoding, EveryCodePointRawAndEscaped) {
    static constexpr char hex[] = "0123456789ABCDEF";
    // 1.1 million code points: plain checks in the loop (no allocation, no assertion macro), and
    // the first few disagreements reported.
    auto encode = [](std::uint32_t cp, char* s) -> std::size_t {
        if (cp < 0x80) {
            s[0] = static_cast<char>(cp);
            return 1;
        }
        if (cp < 0x800) {
            s[0] = static_cast<char>(0xC0 | cp >> 6);
            s[1] = static_cast<char>(0x80 | (cp & 0x3F));
            return 2;
        }
        if (cp < 0x10000) {
            s[0] = static_cast<char>(0xE0 | cp >> 12);
            s[1] = static_cast<char>(0x80 | (cp >> 6 & 0x3F));
            s[2] = static_cast<char>(0x80 | (cp & 0x3F));
            return 3;
        }
        s[0] = static_cast<char>(0xF0 | cp >> 18);
        s[1] = static_cast<char>(0x80 | (cp >> 12 & 0x3F));
        s[2] = static_cast<char>(0x80 | (cp >> 6 & 0x3F));
        s[3] = static_cast<char>(0x80 | (cp & 0x3F));
        return 4;
    };
    std::string_view const three_replacements = "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD";
    std::size_t checked = 0;
    std::vector<std::string> disagreements;
    char raw_bytes[4], escaped_bytes[12], out[32];
    for (std::uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
        std::size_t const n = encode(cp, raw_bytes);
        for (std::size_t k = 0; k < n; ++k) {
            auto const b = static_cast<unsigned char>(raw_bytes[k]);
            escaped_bytes[3 * k] = '%';
            escaped_bytes[3 * k + 1] = hex[b >> 4];
            escaped_bytes[3 * k + 2] = hex[b & 15];
        }
        std::string_view const raw(raw_bytes, n), escaped(escaped_bytes, 3 * n);
        bool const surrogate = cp >= 0xD800 && cp <= 0xDFFF;
        for (std::string_view text : {raw, escaped}) {
            if (text == "%") continue;  // a raw `%` starts an escape
            auto const strict = kayako::detail::percent_decode(text, out, {true, false});
            auto const lenient = kayako::detail::percent_decode(text, out + 16, {false, false});
            bool const right = surrogate ? (!strict && strict.error() == kayako::failure(kayako::error::invalid_utf8, 0) &&
                                            lenient && std::string_view(out + 16, *lenient) == three_replacements)
                               : cp == 0 ? (!strict && strict.error() == kayako::failure(kayako::error::nul_byte, 0) &&
                                            lenient && std::string_view(out + 16, *lenient) == raw)
                                         : (strict && std::string_view(out, *strict) == raw && lenient &&
                                            std::string_view(out + 16, *lenient) == raw);
            if (!right && disagreements.size() < 10) disagreements.push_back(std::string(text));
        }
        ++checked;
    }
    EXPECT_TRUE(disagreements.empty()) << disagreements.size() << " code points wrong, the first: " << disagreements.front();
    EXPECT_EQ(checked, 0x110000u);
    // The code point class boundaries, each with the sequence one past it: overlong, surrogate or
    // beyond U+10FFFF (strict: invalid at the lead byte).
    for (std::string_view bad : {"%C0%80", "%C1%BF", "%E0%80%80", "%E0%9F%BF", "%ED%A0%80", "%ED%BF%BF", "%F0%80%80%80",
                                 "%F0%8F%BF%BF", "%F4%90%80%80", "%F5%80%80%80", "%FF", "%80", "%BF", "%C2", "%E0%A0", "%F0%90%80"}) {
        auto const strict = kayako::detail::percent_decode(bad, out, {true, false});
        EXPECT_EQ(strict.error(), kayako::failure(kayako::error::invalid_utf8, 0)) << bad;
        auto const lenient = kayako::detail::percent_decode(bad, out, {false, false});
        EXPECT_EQ(std::string_view(out, *lenient), reference_form_decode(bad)) << bad;
    }
}

// Every lead byte with every second byte, then two continuation bytes: the lenient decoder agrees
// with the reference, and strict decoding accepts exactly what decodes to itself.
TEST(PercentDecoding, EveryTwoBytePrefixMatchesTheReference) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::size_t accepted = 0;
    for (int lead = 0; lead < 256; ++lead) {
        for (int second = 0; second < 256; ++second) {
            std::string const text = std::string{'%', hex[lead >> 4], hex[lead & 15], '%', hex[second >> 4], hex[second & 15]} + "%80%BF";
            std::string const bytes{static_cast<char>(lead), static_cast<char>(second), '\x80', '\xBF'};
            char out[32];
            auto const lenient = kayako::detail::percent_decode(text, out);
            ASSERT_TRUE(lenient);
            std::string const expected = reference_form_decode(text);
            ASSERT_EQ(std::string_view(out, *lenient), expected) << lead << ' ' << second;
            auto const strict = kayako::detail::percent_decode(text, out, {true, true});
            bool const valid = expected == bytes && lead != 0 && second != 0;
            ASSERT_EQ(strict.has_value(), valid) << lead << ' ' << second;
            accepted += valid;
        }
    }
    // Valid: F0 90..BF, F1..F3 80..BF and F4 80..8F (4-byte sequences, 256), and an ASCII byte
    // other than NUL before E1..EF (3-byte sequences from the second byte, 127 × 15).
    EXPECT_EQ(accepted, 256u + 127u * 15u);
}

// Every byte in one text, appended after existing output: the form encoder (Boost.URL's since
// issue #13) must give PHP `urlencode`'s bytes (§21.1) and leave what was there.
TEST(PercentEncoding, AllBytesInOneTextAppendAfterExistingOutput) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string all, expected = "a=1&b=";
    for (int b = 0; b < 256; ++b) {
        char const c = static_cast<char>(b);
        all += c;
        if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || c == '-' || c == '_' || c == '.')
            expected += c;
        else if (c == ' ')
            expected += '+';
        else
            expected += std::string{'%', hex[b >> 4], hex[b & 15]};
    }
    std::string out = "a=1&b=";
    kayako::detail::append_form_encoded(out, all);
    EXPECT_EQ(out, expected);
    EXPECT_EQ(kayako::detail::form_encoded_size(all), expected.size() - 6);  // 65 kept + space + 190 escaped
    EXPECT_EQ(expected.size() - 6, 65u + 1u + 190u * 3u);
    std::string unchanged = "x";
    kayako::detail::append_form_encoded(unchanged, "");
    EXPECT_EQ(unchanged, "x");
}

TEST(PercentEncoding, EveryByteBothEncodings) {  // §21.1, RFC 3986 §3.3
    static constexpr char hex[] = "0123456789ABCDEF";
    for (int b = 0; b < 256; ++b) {
        char const c = static_cast<char>(b);
        bool const unreserved = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || c == '-' || c == '_' || c == '.';
        std::string const escaped{'%', hex[b >> 4], hex[b & 15]};
        std::string form;
        kayako::detail::append_form_encoded(form, std::string(1, c));
        EXPECT_EQ(form, unreserved ? std::string(1, c) : c == ' ' ? "+" : escaped) << b;
        EXPECT_EQ(kayako::detail::form_encoded_size(std::string(1, c)), form.size()) << b;
        std::string path;
        kayako::detail::append_path_segment_encoded(path, std::string(1, c));
        EXPECT_EQ(path, unreserved || c == '~' ? std::string(1, c) : escaped) << b;
        // What is written reads back as it was, in strict mode too (NUL aside, which strict refuses).
        auto back = kayako::parse_form("a=" + form);
        ASSERT_TRUE(back) << b;
        if (b < 0x80) {
            EXPECT_EQ(back->find("a"), std::string(1, c)) << b;
        }
    }
}

TEST(FormBadInput, NestedBracketsAreNotTheList) {
    auto form = kayako::parse_form("a[][]=1&a[]=2");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->list("a"), (std::vector<std::string_view>{"2"}));
    EXPECT_EQ(form->list("a[]"), (std::vector<std::string_view>{"2"}));
}

TEST(FormBadInput, HundredThousandAmpersands) {
    std::string body(100000, '&');
    EXPECT_EQ(decode_all(body).size(), 0u);
    body += "a=1";
    EXPECT_EQ(decode_all(body), (pairs{{"a", "1"}}));
}

TEST(FormBadInput, EmptyBody) {
    EXPECT_EQ(decode_all("").size(), 0u);
    EXPECT_EQ(read_all("").size(), 0u);
}

TEST(FormLimits, BodySize) {  // §21.14: 1 MiB
    std::string body(1024 * 1024, 'a');
    EXPECT_TRUE(kayako::parse_form(body));
    body += 'a';
    auto r = kayako::parse_form(body);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), kayako::failure(kayako::error::too_long, 1024 * 1024));
    kayako::form_options small;
    small.max_size = 3;
    EXPECT_EQ(kayako::parse_form("a=bc", small).error().code, kayako::error::too_long);
    std::vector<char> buf(8);
    kayako::form_reader reader("a=bc", buf, small);
    kayako::form_field f;
    EXPECT_EQ(reader.next(f).error().code, kayako::error::too_long);
    EXPECT_EQ(kayako::visit_form("a=bc", [](auto const&) {}, small).error().code, kayako::error::too_long);
}

TEST(FormLimits, FieldCount) {  // §21.14: 1,000 parameters
    std::string body;
    for (int i = 0; i < 1000; ++i) body += "a=1&";
    EXPECT_EQ(kayako::parse_form(body).value().size(), 1000u);
    std::size_t const offset = body.size();
    body += "b=2";
    auto r = kayako::parse_form(body);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), kayako::failure(kayako::error::too_many, offset));
}

TEST(FormLimits, HugeIntegers) {
    auto form = kayako::parse_form("n=123456789012345678901234567890&m=-9223372036854775808");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->get<std::int64_t>("n").error().code, kayako::error::integer_out_of_range);
    EXPECT_EQ(form->get<std::int64_t>("m").value(), INT64_MIN);
}

// ---- Encoding --------------------------------------------------------------------------------

TEST(FormEncode, FieldsAndRoundTrip) {
    std::string out;
    kayako::append_form_field(out, "name", "Caryn Pryor");
    kayako::append_form_field(out, "fields", "+name,-id");
    kayako::append_form_field(out, "date", "2015-09-01T14:45:04+05:00");
    EXPECT_EQ(out, "name=Caryn+Pryor&fields=%2Bname%2C-id&date=2015-09-01T14%3A45%3A04%2B05%3A00");
    auto form = kayako::parse_form(out).value();
    EXPECT_EQ(form.find("fields"), "+name,-id");
    EXPECT_EQ(form.find("date"), "2015-09-01T14:45:04+05:00");
}

TEST(FormEncode, Arrays) {
    std::vector<std::string_view> const items{"1", "2", "a b"};
    std::string brackets, comma;
    ASSERT_TRUE(kayako::append_form_list(brackets, "array_items", items, kayako::array_style::brackets));
    ASSERT_TRUE(kayako::append_form_list(comma, "array_items", items, kayako::array_style::comma));
    EXPECT_EQ(brackets, "array_items%5B%5D=1&array_items%5B%5D=2&array_items%5B%5D=a+b");
    EXPECT_EQ(comma, "array_items=1%2C2%2Ca+b");
    EXPECT_EQ(kayako::parse_form(brackets).value().list("array_items"), items);
    EXPECT_EQ(kayako::parse_form(comma).value().list("array_items"), items);

    std::vector<std::string_view> const with_comma{"x", "a,b"};
    std::string refused;
    auto r = kayako::append_form_list(refused, "tags", with_comma, kayako::array_style::comma);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), kayako::failure(kayako::error::unexpected_character, 1, "tags"));
    EXPECT_TRUE(refused.empty());
}

TEST(FormEncode, EncodeFormPairs) {
    std::vector<std::pair<std::string_view, std::string_view>> const fields{{"is_boolean", "true"}, {"option", "BAR"}};
    EXPECT_EQ(kayako::encode_form(fields), "is_boolean=true&option=BAR");
}

}  // namespace
