// JSONTestSuite (nst/JSONTestSuite, ../shared/testdata/peers/urls-forms-json/jsontestsuite/)
// through both envelope readers (§4, §21.19, §21.20). Its README: `y_` content must be accepted,
// `n_` content must be refused, `i_` parsers are free to accept or reject; `test_transform/` holds
// structures parsers read differently (huge numbers, duplicate keys, NUL, invalid code points).
//
// Every `n_` file is a typed error from `parse_envelope` and `parse_envelope_metadata`, as a whole
// body and embedded as `data`. Embedding splices the file's raw bytes between
// `{"status":200,"data":` and `}`: a document broken inside stays broken, and one broken only at
// its top level (text after the value, a missing value) is still broken there, because the bytes
// after it or the missing value fall inside the envelope. Every `y_` value embedded as `data`
// reads as a plain JSON parse reads it, with each double the one nearest to its text, and writes
// back to the same value. `i_` files: either outcome, never a crash, and the two readers agree.
#include <kayako/envelope/envelope_writer.hpp>
#include <kayako/envelope/envelope_metadata_parser.hpp>
#include <kayako/envelope/envelope_parser.hpp>

#include "support/testdata.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace kayako;
namespace json = boost::json;
namespace fs = std::filesystem;

// Files of one kind (`y_`, `n_`, `i_` or every file), by name, read as bytes.
std::map<std::string, std::string> files_of(fs::path const& dir, std::string_view prefix) {
    std::map<std::string, std::string> out;
    for (auto const& entry : fs::directory_iterator(dir)) {
        std::string const name = entry.path().filename().string();
        if (name.starts_with(prefix) && name.ends_with(".json")) out[name] = test::read_file_bytes(entry.path());
    }
    return out;
}

std::string as_data(std::string_view bytes) { return R"({"status":200,"data":)" + std::string(bytes) + "}"; }

// The same JSON value, doubles compared by their bits (`-0.0` is not `0.0`).
bool identical(json::value const& a, json::value const& b) {
    if (a.kind() != b.kind()) return false;
    switch (a.kind()) {
    case json::kind::double_: return std::bit_cast<std::uint64_t>(a.get_double()) == std::bit_cast<std::uint64_t>(b.get_double());
    case json::kind::array: {
        auto const& x = a.get_array();
        auto const& y = b.get_array();
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!identical(x[i], y[i])) return false;
        return true;
    }
    case json::kind::object: {
        auto const& x = a.get_object();
        auto const& y = b.get_object();
        if (x.size() != y.size()) return false;
        for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j)
            if (i->key() != j->key() || !identical(i->value(), j->value())) return false;
        return true;
    }
    default: return a == b;
    }
}

// The same JSON value except doubles, whose kinds must agree (their values are checked against
// their text by `numbers_match_text`).
bool same_shape(json::value const& a, json::value const& b) {
    if (a.kind() != b.kind()) return false;
    switch (a.kind()) {
    case json::kind::double_: return true;
    case json::kind::array: {
        auto const& x = a.get_array();
        auto const& y = b.get_array();
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!same_shape(x[i], y[i])) return false;
        return true;
    }
    case json::kind::object: {
        auto const& x = a.get_object();
        auto const& y = b.get_object();
        if (x.size() != y.size()) return false;
        for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j)
            if (i->key() != j->key() || !same_shape(i->value(), j->value())) return false;
        return true;
    }
    default: return a == b;
    }
}

// The number tokens of a JSON text, in document order (outside strings).
std::vector<std::string> number_tokens(std::string_view text) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size();) {
        char const c = text[i];
        if (c == '"') {
            for (++i; i < text.size() && text[i] != '"'; ++i)
                if (text[i] == '\\') ++i;
            ++i;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            std::size_t const start = i;
            while (i < text.size() && std::string_view("0123456789+-.eE").find(text[i]) != std::string_view::npos) ++i;
            out.emplace_back(text.substr(start, i - start));
        } else {
            ++i;
        }
    }
    return out;
}

void collect_numbers(json::value const& v, std::vector<json::value const*>& out) {
    if (v.is_number()) out.push_back(&v);
    if (auto const* a = v.if_array())
        for (auto const& x : *a) collect_numbers(x, out);
    if (auto const* o = v.if_object())
        for (auto const& m : *o) collect_numbers(m.value(), out);
}

// Every number of `v` is what its text says: a double is the one `strtod` (correctly rounded in
// glibc, an oracle independent of the library) gives, an integer its exact value.
void expect_numbers_match_text(json::value const& v, std::string_view text) {
    std::vector<std::string> const tokens = number_tokens(text);
    std::vector<json::value const*> numbers;
    collect_numbers(v, numbers);
    ASSERT_EQ(numbers.size(), tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        SCOPED_TRACE(tokens[i]);
        if (numbers[i]->is_double()) {
            double const expected = std::strtod(tokens[i].c_str(), nullptr);
            EXPECT_EQ(std::bit_cast<std::uint64_t>(numbers[i]->get_double()), std::bit_cast<std::uint64_t>(expected));
        } else {
            EXPECT_EQ(tokens[i].find_first_of(".eE"), std::string::npos);  // integers only as integers
            std::string_view const t = tokens[i];
            if (numbers[i]->is_int64()) {
                std::int64_t expected = 0;
                std::from_chars(t.data(), t.data() + t.size(), expected);  // `-0` is 0
                EXPECT_EQ(numbers[i]->get_int64(), expected);
            } else {
                std::uint64_t expected = 0;
                std::from_chars(t.data(), t.data() + t.size(), expected);
                EXPECT_EQ(numbers[i]->get_uint64(), expected);
            }
        }
    }
}

// Errors from reading the text of a document (not its shape), which both readers report alike.
bool is_syntax_error(error e) {
    return e == error::invalid_json || e == error::unexpected_end || e == error::invalid_utf8 ||
           e == error::nul_byte || e == error::too_deep || e == error::float_out_of_range;
}

// Both readers on one body: the same outcome; when both refuse it, the DOM reader's error is a
// typed one with an offset into the body or a path.
struct both_readers {
    envelope_result<parsed_envelope> full;
    envelope_result<parsed_envelope_metadata> meta;
    explicit both_readers(std::string_view body) : full(parse_envelope(body)), meta(parse_envelope_metadata(body)) {}
    bool accepted() const { return full.has_value(); }
    bool agree() const { return full.has_value() == meta.has_value(); }
};

// A deviation: a vector the specification deliberately answers otherwise, with the library's
// own result, asserted like any other expectation.
struct deviation {
    std::string_view file;
    std::string_view section;
    std::string_view library_result;
};

// An empty or blank body is a 304's (§4.1): both readers give status 304 and no body, unless the
// caller says the response was not a 304 (then `empty_value`).
constexpr deviation n_whole_body_deviations[] = {
    {"n_structure_no_data.json", "§4.1", "304 without a body (empty_value when http_status is 200)"},
    {"n_single_space.json", "§4.1", "304 without a body (empty_value when http_status is 200)"},
};

TEST(PeersJsonTestSuite, EveryNFileIsATypedErrorFromBothReaders) {
    KAYAKO_TESTDATA_OR_SKIP(dir, "peers/urls-forms-json/jsontestsuite/test_parsing");
    auto const files = files_of(dir, "n_");
    ASSERT_EQ(files.size(), 188u);
    std::size_t whole_checked = 0, embedded_checked = 0, deviations_checked = 0;
    for (auto const& [name, bytes] : files) {
        SCOPED_TRACE(name);
        auto const* dev = std::find_if(std::begin(n_whole_body_deviations), std::end(n_whole_body_deviations),
                                       [&](deviation const& d) { return d.file == name; });
        both_readers const whole(bytes);
        EXPECT_TRUE(whole.agree());
        if (dev != std::end(n_whole_body_deviations)) {
            ASSERT_TRUE(whole.full && whole.meta);
            EXPECT_EQ(whole.full->status, 304);
            EXPECT_FALSE(whole.full->has_body());
            EXPECT_FALSE(whole.meta->has_body());
            envelope_parse_options not_304;
            not_304.http_status = 200;
            auto const refused = parse_envelope(bytes, not_304);
            ASSERT_FALSE(refused);
            EXPECT_EQ(refused.error().code, error::empty_value);
            EXPECT_EQ(parse_envelope_metadata(bytes, not_304).error(), refused.error());
            ++deviations_checked;
        } else {
            ASSERT_FALSE(whole.full);
            EXPECT_FALSE(whole.meta);
            EXPECT_FALSE(whole.full.error().message().empty());
            ++whole_checked;
        }
        // As `data`: refused by both readers with the same syntax error at the same offset.
        both_readers const embedded(as_data(bytes));
        ASSERT_FALSE(embedded.full) << "embedded, read as " << json::serialize(embedded.full->data());
        ASSERT_FALSE(embedded.meta);
        EXPECT_TRUE(is_syntax_error(embedded.full.error().code)) << embedded.full.error().message();
        EXPECT_EQ(embedded.meta.error(), embedded.full.error());
        ++embedded_checked;
    }
    EXPECT_EQ(whole_checked, 186u);
    EXPECT_EQ(deviations_checked, 2u);
    EXPECT_EQ(embedded_checked, 188u);
}

TEST(PeersJsonTestSuite, EveryYValueRoundTripsAsData) {
    KAYAKO_TESTDATA_OR_SKIP(dir, "peers/urls-forms-json/jsontestsuite/test_parsing");
    auto const files = files_of(dir, "y_");
    ASSERT_EQ(files.size(), 95u);
    std::size_t checked = 0;
    for (auto const& [name, bytes] : files) {
        SCOPED_TRACE(name);
        json::value const plain = json::parse(bytes);  // Boost.JSON's own reading, for the shape
        both_readers const embedded(as_data(bytes));
        ASSERT_TRUE(embedded.full) << embedded.full.error().message();
        ASSERT_TRUE(embedded.meta) << embedded.meta.error().message();
        EXPECT_EQ(embedded.meta->has_data(), !plain.is_null());
        json::value const& data = embedded.full->data();
        EXPECT_TRUE(same_shape(data, plain)) << json::serialize(data) << " vs " << json::serialize(plain);
        expect_numbers_match_text(data, bytes);
        // Written back by the library and read again: the same value, bit for bit.
        envelope e;
        e.data = data;
        std::string const written = serialize_envelope(e);
        auto const again = parse_envelope(written);
        ASSERT_TRUE(again) << written;
        EXPECT_TRUE(identical(again->data(), data)) << written;
        ++checked;
    }
    EXPECT_EQ(checked, 95u);
}

// Overflow refused, underflow read as zero (§21.19): the number files of `i_` pinned.
struct i_expectation {
    std::string_view file;
    bool accepted;
    error code;  // when refused as `data`
};
constexpr i_expectation i_number_outcomes[] = {
    {"i_number_double_huge_neg_exp.json", true, {}},                    // [123.456e-789] → [0.0]
    {"i_number_real_underflow.json", true, {}},                         // [123e-10000000] → [0.0]
    {"i_number_real_pos_overflow.json", false, error::float_out_of_range},  // [123123e100000]
    {"i_number_real_neg_overflow.json", false, error::float_out_of_range},  // [-123123e100000]
    {"i_number_pos_double_huge_exp.json", false, error::float_out_of_range},
    {"i_number_neg_int_huge_exp.json", false, error::float_out_of_range},
    {"i_number_huge_exp.json", false, error::invalid_json},             // Boost.JSON: exponent past INT_MAX
    {"i_number_too_big_pos_int.json", true, {}},                        // a double, nearest to the text
    {"i_number_too_big_neg_int.json", true, {}},
    {"i_number_very_big_negative_int.json", true, {}},
};

TEST(PeersJsonTestSuite, EveryIFileIsReadAlikeByBothReaders) {
    KAYAKO_TESTDATA_OR_SKIP(dir, "peers/urls-forms-json/jsontestsuite/test_parsing");
    auto const files = files_of(dir, "i_");
    ASSERT_EQ(files.size(), 35u);
    std::size_t checked = 0, accepted = 0, pinned = 0;
    for (auto const& [name, bytes] : files) {
        SCOPED_TRACE(name);
        both_readers const whole(bytes);
        EXPECT_TRUE(whole.agree());
        both_readers const embedded(as_data(bytes));
        ASSERT_TRUE(embedded.agree());
        if (embedded.accepted()) {
            ++accepted;
            envelope e;
            e.data = embedded.full->data();
            std::string const written = serialize_envelope(e);
            auto const again = parse_envelope(written);
            ASSERT_TRUE(again) << written;
            EXPECT_TRUE(identical(again->data(), embedded.full->data())) << written;
        } else {
            EXPECT_TRUE(is_syntax_error(embedded.full.error().code)) << embedded.full.error().message();
            EXPECT_EQ(embedded.meta.error(), embedded.full.error());
        }
        for (auto const& x : i_number_outcomes) {
            if (x.file != name) continue;
            ++pinned;
            EXPECT_EQ(embedded.accepted(), x.accepted);
            if (embedded.accepted()) {
                json::value const& v = embedded.full->data().at(0);
                ASSERT_TRUE(v.is_double());
                expect_numbers_match_text(embedded.full->data(), bytes);
            } else {
                EXPECT_EQ(embedded.full.error().code, x.code);
                if (x.code == error::float_out_of_range) {
                    EXPECT_EQ(embedded.full.error().path, "data[0]");
                    EXPECT_EQ(embedded.full.error().offset, std::string_view(R"({"status":200,"data":[)").size());
                }
            }
        }
        ++checked;
    }
    EXPECT_EQ(checked, 35u);
    EXPECT_EQ(pinned, std::size(i_number_outcomes));
    EXPECT_GT(accepted, 0u);
}

// test_transform/: read as `data` by both readers alike; what is read writes back to the same
// value; what it reads is pinned where the specification says (numbers §21.19, text §21.20,
// duplicate keys: the last value, as Boost.JSON and JavaScript's JSON.parse keep).
TEST(PeersJsonTestSuite, TransformFilesAreReadAlikeAndWrittenBack) {
    KAYAKO_TESTDATA_OR_SKIP(dir, "peers/urls-forms-json/jsontestsuite/test_transform");
    auto const files = files_of(dir, "");
    ASSERT_EQ(files.size(), 22u);
    std::size_t checked = 0, accepted = 0;
    for (auto const& [name, bytes] : files) {
        SCOPED_TRACE(name);
        both_readers const embedded(as_data(bytes));
        ASSERT_TRUE(embedded.agree());
        if (!embedded.accepted()) {
            EXPECT_TRUE(is_syntax_error(embedded.full.error().code)) << embedded.full.error().message();
            EXPECT_EQ(embedded.meta.error(), embedded.full.error());
            ++checked;
            continue;
        }
        ++accepted;
        json::value const& data = embedded.full->data();
        if (name.starts_with("number_")) expect_numbers_match_text(data, bytes);
        envelope e;
        e.data = data;
        std::string const written = serialize_envelope(e);
        auto const again = parse_envelope(written);
        ASSERT_TRUE(again) << written;
        // Text the library writes is UTF-8 (§21.20): a string that was not is written with U+FFFD
        // and reads back so; everything else reads back bit for bit.
        if (identical(again->data(), data)) {
            ++checked;
            continue;
        }
        std::string const rewritten = serialize_envelope([&] {
            envelope x;
            x.data = again->data();
            return x;
        }());
        EXPECT_EQ(rewritten, written);  // stable after one pass
        EXPECT_TRUE(name.starts_with("string_")) << written;
        ++checked;
    }
    EXPECT_EQ(checked, 22u);
    EXPECT_GT(accepted, 0u);
}

}  // namespace
