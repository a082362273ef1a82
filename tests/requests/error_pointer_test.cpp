// Tests of the error's `pointer` (§4.4; its syntax is this project's, §20.3): a bad item of a list
// parameter says which it is (`failure::index`, parameters.hpp `get_list`), and
// `api_error_pointer` writes it as the parameter's item — `array_items[1]` — whatever the body
// encoding (TV-DT-4's three spellings of a list), and the typed request carries it.
#include <kayako/core/api_error.hpp>
#include <kayako/core/error.hpp>
#include <kayako/request/parameters.hpp>
#include <kayako/request/request_target.hpp>
#include <kayako/request/typed_request.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using kayako::error;
using kayako::failure;
using kayako::parameters;

constexpr std::string_view form_type = "application/x-www-form-urlencoded";
constexpr std::string_view json_type = "application/json";

// What reading the list `array_items` of `body` failed with: the error, and its pointer (made
// while the parameters it names are alive: a failure views the name as sent).
struct list_verdict {
    error code = error::empty_value;
    std::size_t index = failure::no_index;
    std::string pointer;
};
list_verdict list_failure(std::string_view type, std::string_view body) {
    auto p = parameters::parse(type, body);
    EXPECT_TRUE(p) << body;
    if (!p) return {};
    auto l = p->get_list<std::int64_t>("array_items");
    EXPECT_FALSE(l) << body;
    if (l) return {};
    return {l.error().code, l.error().index, kayako::api_error_pointer(l.error())};
}

struct pointer_row {
    std::string_view type, body, pointer;
    error code;
};

TEST(ErrorPointer, PointsAtTheBadItemInEveryEncoding) {
    pointer_row const rows[] = {
        // The issue's example, as JSON and as form repeats: both point at item 1.
        {json_type, R"({"array_items":[1,"x"]})", "array_items[1]", error::invalid_integer},
        {form_type, "array_items[]=1&array_items[]=x", "array_items[1]", error::invalid_integer},
        {form_type, "array_items=1,x", "array_items[1]", error::invalid_integer},
        {form_type, "array_items=1,,2", "array_items[1]", error::empty_value},
        {json_type, R"({"array_items":"1,2,x"})", "array_items[2]", error::invalid_integer},  // a comma list in a string
        // The first item, and the last of a long list.
        {json_type, R"({"array_items":["x",2]})", "array_items[0]", error::invalid_integer},
        {json_type, R"({"array_items":[0,1,2,3,4,5,6,7,8,9,1.5]})", "array_items[10]", error::invalid_integer},
        {json_type, R"({"array_items":[1,[2]]})", "array_items[1]", error::wrong_type},
        {json_type, R"({"array_items":[1,{"a":2}]})", "array_items[1]", error::wrong_type},
        {json_type, R"({"array_items":true})", "array_items[0]", error::wrong_type},
        // Counted across the pieces of one list (§21.15: pieces concatenate in order).
        {form_type, "array_items=1,2&array_items[]=3&array_items[]=y", "array_items[3]", error::invalid_integer},
        {form_type, "array_items[]=1&array_items=2,z", "array_items[2]", error::invalid_integer},
        // §2.5: a name in another letter case is the same parameter; the pointer uses it as sent.
        {json_type, R"({"arrayItems":[1,"x"]})", "arrayItems[1]", error::invalid_integer},
    };
    for (auto const& row : rows) {
        SCOPED_TRACE(row.body);
        list_verdict const v = list_failure(row.type, row.body);
        EXPECT_EQ(v.code, row.code);
        EXPECT_EQ(v.pointer, row.pointer);
        EXPECT_EQ(kayako::api_error_for(v.code), kayako::api_error_code::field_invalid);
    }
}

TEST(ErrorPointer, TheCallersNameKeepsTheIndex) {  // a server names the canonical spelling
    failure const f = failure(error::invalid_integer, 1, "arrayItems").at_index(list_failure(json_type, R"({"arrayItems":[1,"x"]})").index).of("array_items");
    EXPECT_EQ(f.index, 1u);
    EXPECT_EQ(kayako::api_error_pointer(f), "array_items[1]");
    EXPECT_EQ(kayako::api_error_pointer(f.shifted(10)), "array_items[1]");
}

TEST(ErrorPointer, NoneWithoutAnItem) {
    EXPECT_EQ(kayako::api_error_pointer(failure(error::invalid_integer, 0, "integer_number")), "");
    EXPECT_EQ(kayako::api_error_pointer(failure(error::invalid_integer, 0).at_index(1)), "");  // no parameter to point into
    EXPECT_EQ(kayako::api_error_pointer(failure(error::invalid_integer, 0, "a[]").at_index(0)), "a[0]");
    EXPECT_FALSE(failure(error::invalid_integer, 0, "a").has_index());
    // The index is detail: equality is what and where in the text, as before.
    EXPECT_EQ(failure(error::invalid_integer, 4, "a").at_index(2), failure(error::invalid_integer, 4, "a"));
    // A list past its limit names the parameter (§21.14), and no item: there is no bad value.
    kayako::parameters_options two;
    two.max_list_items = 2;
    auto p = parameters::parse(json_type, R"({"array_items":[1,2,3]})", two);
    ASSERT_TRUE(p);
    auto const many = p->get_list<std::int64_t>("array_items");
    ASSERT_FALSE(many);
    EXPECT_EQ(many.error().code, error::too_many);
    EXPECT_EQ(many.error().parameter, "array_items");
    EXPECT_EQ(kayako::api_error_pointer(many.error()), "");
}

TEST(ErrorPointer, TheTypedRequestCarriesIt) {  // request_error::pointer, owned
    using header_list = std::vector<std::pair<std::string, std::string>>;
    using header_view = kayako::pair_headers<header_list>;
    header_list const headers = {{"Content-Type", "application/json"}};
    std::string const body = R"({"array_items":[1,"x"]})";
    auto read = kayako::read_request("POST", "/api/v1/tests", header_view(headers), body);
    ASSERT_TRUE(read);
    auto params = read->body_parameters();
    ASSERT_TRUE(params);
    auto list = params->get_list<std::int64_t>("array_items");
    ASSERT_FALSE(list);
    auto const e = kayako::request_error::from(list.error());
    EXPECT_EQ(e.code, kayako::api_error_code::field_invalid);
    EXPECT_EQ(e.parameter, "array_items");
    EXPECT_EQ(e.pointer, "array_items[1]");
    EXPECT_TRUE(kayako::request_error::from(failure(error::invalid_integer, 0, "limit")).pointer.empty());
}

}  // namespace

// §21.14: a size or count limit names the parameter it was passed in, in the query and in every
// body encoding (the one holding the first byte too many; the first one too many).
namespace {

using kayako::failure;
using kayako::error;
using kayako::parameters;

TEST(LimitsNameTheirParameter, QueryAndBodies) {
    kayako::target_options query_limits;
    query_limits.max_query_size = 12;
    query_limits.max_arguments = 2;
    EXPECT_TRUE(kayako::parse_target("/api/v1/t?aa=1&bbbbbbb", query_limits));  // 12 bytes, 2 arguments: at both limits
    EXPECT_EQ(kayako::parse_target("/api/v1/t?aa=1&bbbbbbbb", query_limits).error(), failure(error::too_long, 10 + 12, "bbbbbbbb"));
    EXPECT_EQ(kayako::parse_target("/api/v1/t?a&b&cd", query_limits).error(), failure(error::too_many, 14, "cd"));

    kayako::parameters_options body_limits;
    body_limits.form.max_size = 8;
    body_limits.form.max_fields = 2;
    EXPECT_TRUE(parameters::parse(form_type, "a=1&b=22", body_limits));
    auto const long_form = parameters::parse(form_type, "a=1&b=222", body_limits);
    ASSERT_FALSE(long_form);
    EXPECT_EQ(long_form.error().code, error::too_long);
    EXPECT_EQ(long_form.error().parameter, "b");
    auto const many_fields = parameters::parse(form_type, "a&b&c", body_limits);
    ASSERT_FALSE(many_fields);
    EXPECT_EQ(many_fields.error().code, error::too_many);
    EXPECT_EQ(many_fields.error().parameter, "c");

    body_limits.max_json_size = 15;
    body_limits.max_parameters = 2;
    EXPECT_TRUE(parameters::parse(json_type, R"({"a":1,"bb":22})", body_limits));
    std::string const long_json = R"({"a":1,"bb":222})";
    auto const too_long = parameters::parse(json_type, long_json, body_limits);
    ASSERT_FALSE(too_long);
    EXPECT_EQ(too_long.error().code, error::too_long);
    EXPECT_EQ(too_long.error().parameter, "bb");
    std::string const many_members = R"({"a":1,"b":2,"c":3})";
    body_limits.max_json_size = 100;
    auto const too_many = parameters::parse(json_type, many_members, body_limits);
    ASSERT_FALSE(too_many);
    EXPECT_EQ(too_many.error().code, error::too_many);
    EXPECT_EQ(too_many.error().parameter, "c");
}

TEST(LimitsNameTheirParameter, FieldNameAtAnOffset) {
    using kayako::detail::form_field_name_at;
    EXPECT_EQ(form_field_name_at("a=1&bc=2", 0), "a");
    EXPECT_EQ(form_field_name_at("a=1&bc=2", 2), "a");
    EXPECT_EQ(form_field_name_at("a=1&bc=2", 3), "a");  // the `&` that ends `a`
    EXPECT_EQ(form_field_name_at("a=1&bc=2", 4), "bc");
    EXPECT_EQ(form_field_name_at("a=1&bc=2", 99), "bc");
    EXPECT_EQ(form_field_name_at("a=1&=2", 5), "");
    EXPECT_EQ(form_field_name_at("", 0), "");
    EXPECT_EQ(form_field_name_at("x%5B%5D=1", 4), "x%5B%5D");  // as sent
}

}  // namespace
