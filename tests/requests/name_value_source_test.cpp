// Tests of name_value_source.hpp: the one typed name/value contract (`get`, `get` with a
// fallback, `require`, `get_list`, `contains`) over the query string, a decoded form and the body
// parameters of every encoding (§2.2–§2.5, §3, §21.15). One table of cases runs against each
// source; only the frame of a bad value's offset differs, as the contract documents.
#include <kayako/request/name_value_source.hpp>

#include <kayako/core/api_error.hpp>
#include <kayako/request/form.hpp>
#include <kayako/request/parameters.hpp>
#include <kayako/request/query_arguments.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using kayako::error;
using kayako::failure;

static_assert(kayako::name_value_source<kayako::query_arguments>);
static_assert(kayako::name_value_source<kayako::decoded_form>);
static_assert(kayako::name_value_source<kayako::parameters>);
// Not every lookup type is a source: the contract needs the typed members, not a `find`.
static_assert(!kayako::name_value_source<std::map<std::string, std::string>>);
static_assert(!kayako::name_value_source<kayako::form_field>);

using pairs = std::vector<std::pair<std::string, std::string>>;

// ---- the sources, built from the same name/value pairs --------------------------------------
// Each maker owns the encoded text (the sources may hold views into it) and says where a bad
// byte is in its frame: `at(i, inner)` for byte `inner` of the value of pair `i`.

// Pairs as `name=value&...`, raw (the table's names and values need no escaping), with where
// each value starts.
std::pair<std::string, std::vector<std::size_t>> urlencoded(pairs const& p) {
    std::string text;
    std::vector<std::size_t> starts;
    for (auto const& [name, value] : p) {
        if (!text.empty()) text += '&';
        text += name + "=";
        starts.push_back(text.size());
        text += value;
    }
    return {text, starts};
}

struct query_source {
    using source = kayako::query_arguments;
    std::string text;
    std::vector<std::size_t> starts;
    source args;
    explicit query_source(pairs const& p) {
        std::tie(text, starts) = urlencoded(p);
        args = kayako::parse_query(text).value();
    }
    source const& get() const { return args; }
    // An offset into the query string: the value's start plus the parser's offset (values verbatim).
    std::size_t at(std::size_t i, std::size_t inner) const { return starts[i] + inner; }
};

struct form_source {
    using source = kayako::decoded_form;
    source form;
    explicit form_source(pairs const& p) : form(kayako::parse_form(urlencoded(p).first).value()) {}
    source const& get() const { return form; }
    std::size_t at(std::size_t, std::size_t inner) const { return inner; }  // in the decoded value
};

struct form_parameters_source {
    using source = kayako::parameters;
    std::string body;
    source params;
    explicit form_parameters_source(pairs const& p)
        : body(urlencoded(p).first), params(source::parse("application/x-www-form-urlencoded", body).value()) {}
    source const& get() const { return params; }
    std::size_t at(std::size_t, std::size_t inner) const { return inner; }
};

struct multipart_parameters_source {
    using source = kayako::parameters;
    std::string body;
    source params;
    explicit multipart_parameters_source(pairs const& p) {
        for (auto const& [name, value] : p)
            body += "--b\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
        body += "--b--\r\n";
        params = source::parse("multipart/form-data; boundary=b", body).value();
    }
    source const& get() const { return params; }
    std::size_t at(std::size_t, std::size_t inner) const { return inner; }  // in the part's content
};

// JSON string members (the table's names are distinct as spelled, so an object holds them all).
struct json_parameters_source {
    using source = kayako::parameters;
    std::string body;
    source params;
    explicit json_parameters_source(pairs const& p) {
        body = "{";
        for (auto const& [name, value] : p) body += (body.size() > 1 ? ",\"" : "\"") + name + "\":\"" + value + "\"";
        body += "}";
        params = source::parse("application/json", body).value();
    }
    source const& get() const { return params; }
    std::size_t at(std::size_t, std::size_t inner) const { return inner; }  // in the JSON string
};

template <class Maker>
class NameValueSource : public ::testing::Test {
protected:
    // Built on the heap: the sources hold views into the maker's text, which must not move.
    static std::unique_ptr<Maker> make(pairs const& p) { return std::make_unique<Maker>(p); }
};

using sources = ::testing::Types<query_source, form_source, form_parameters_source, multipart_parameters_source,
                                 json_parameters_source>;
TYPED_TEST_SUITE(NameValueSource, sources);

TYPED_TEST(NameValueSource, Present) {
    auto const m = this->make({{"count", "45"}});
    auto const& s = m->get();
    EXPECT_TRUE(s.contains("count"));
    EXPECT_EQ(s.template get<std::int64_t>("count").value(), std::optional<std::int64_t>(45));
    EXPECT_EQ(s.template get<std::int64_t>("count", 7).value(), 45);
    EXPECT_EQ(s.template require<std::int64_t>("count").value(), 45);
    EXPECT_EQ(s.template require<std::string_view>("count").value(), "45");
    EXPECT_EQ(s.template get_list<std::int64_t>("count").value(), (std::vector<std::int64_t>{45}));
}

TYPED_TEST(NameValueSource, AbsentIsNothingForGetAndMissingForRequire) {
    auto const m = this->make({{"other", "1"}});
    auto const& s = m->get();
    EXPECT_FALSE(s.contains("count"));
    EXPECT_EQ(s.template get<std::int64_t>("count").value(), std::nullopt);
    EXPECT_EQ(s.template get<std::int64_t>("count", 7).value(), 7);
    auto const missing = s.template require<std::int64_t>("Count");
    EXPECT_EQ(missing.error(), failure(error::missing_parameter, failure::no_offset, "Count"));  // named as asked
    EXPECT_EQ(kayako::api_error_for(missing.error()), kayako::api_error_code::field_required);
    EXPECT_TRUE(s.template get_list<std::int64_t>("count").value().empty());
}

TYPED_TEST(NameValueSource, InvalidValueKeepsItsOffsetAndTheNameAsSent) {
    auto const m = this->make({{"other", "1"}, {"Count", "4x5"}});
    auto const& s = m->get();
    failure const expected(error::invalid_integer, m->at(1, 1), "Count");
    EXPECT_TRUE(s.contains("count"));
    EXPECT_EQ(s.template get<std::int64_t>("count").error(), expected);
    EXPECT_EQ(s.template get<std::int64_t>("count", 7).error(), expected);  // present but invalid is no fallback
    EXPECT_EQ(s.template require<std::int64_t>("count").error(), expected);
    EXPECT_EQ(s.template get_list<std::int64_t>("count").error(), expected);
    EXPECT_EQ(kayako::api_error_for(expected), kayako::api_error_code::field_invalid);
}

TYPED_TEST(NameValueSource, RepeatedNameLastWinsAndListsConcatenate) {  // §21.15
    auto const m = this->make({{"n", "1"}, {"N", "2"}, {"n[]", "3"}});
    auto const& s = m->get();
    EXPECT_EQ(s.template get<std::int64_t>("n").value(), std::optional<std::int64_t>(3));
    EXPECT_EQ(s.template require<std::int64_t>("n[]").value(), 3);
    EXPECT_EQ(s.template get_list<std::int64_t>("n").value(), (std::vector<std::int64_t>{1, 2, 3}));
    // An earlier bad value is overridden; a bad last one is the error, where it is.
    auto const earlier = this->make({{"n", "x"}, {"N", "4"}});
    EXPECT_EQ(earlier->get().template get<std::int64_t>("n").value(), std::optional<std::int64_t>(4));
    auto const last = this->make({{"n", "4"}, {"N", "x"}});
    EXPECT_EQ(last->get().template get<std::int64_t>("n").error(), failure(error::invalid_integer, last->at(1, 0), "N"));
}

TYPED_TEST(NameValueSource, NamesAreCaseBlindAcrossSnakeCamelPascal) {  // §2.5
    auto const m = this->make({{"fullName", "5"}});
    auto const& s = m->get();
    for (std::string_view name : {"full_name", "fullName", "FullName", "full_name[]"}) {
        EXPECT_TRUE(s.contains(name)) << name;
        EXPECT_EQ(s.template require<std::int64_t>(name).value(), 5) << name;
    }
    EXPECT_FALSE(s.contains("fullname"));  // a different word split is a different name
    EXPECT_FALSE(s.contains("full"));
}

TYPED_TEST(NameValueSource, ListItemsInBothSpellingsWithItemOffsets) {  // §2.2, §21.15
    // An empty comma list (`Nums=`) has no items. (Not `ids`: the query validates that one when parsed.)
    auto const m = this->make({{"nums", "1,2"}, {"nums[]", "3"}, {"Nums", ""}});
    EXPECT_EQ(m->get().template get_list<std::int64_t>("nums").value(), (std::vector<std::int64_t>{1, 2, 3}));
    auto const bad = this->make({{"a", "0"}, {"nums", "1,2x"}});
    EXPECT_EQ(bad->get().template get_list<std::int64_t>("nums").error(), failure(error::invalid_integer, bad->at(1, 3), "nums"));
    auto const empty_item = this->make({{"nums", "1,,2"}});
    EXPECT_EQ(empty_item->get().template get_list<std::int64_t>("nums").error(),
              failure(error::empty_value, empty_item->at(0, 2), "nums"));
    auto const bad_bracketed = this->make({{"nums[]", "1"}, {"Nums[]", "-"}});
    EXPECT_EQ(bad_bracketed->get().template get_list<std::int64_t>("nums").error(),
              failure(error::invalid_integer, bad_bracketed->at(1, 1), "Nums[]"));
}

}  // namespace
