#include <kayako/form.hpp>

#include <kayako/api_error.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include "support/testdata.hpp"

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
    EXPECT_DOUBLE_EQ(form->get<double>("float_number").value(), 1.5);
    EXPECT_EQ(form->get<kayako::timestamp>("date").value().seconds, 1441118415);
    EXPECT_TRUE(form->get<bool>("is_boolean").value());
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
    EXPECT_TRUE(form->get<bool>("is_boolean").value());
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
    EXPECT_FALSE(form->get<bool>("is_boolean").value());
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
    auto missing = form->get<int>("absent");
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
