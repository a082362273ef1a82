// The example server renders Test items from views of the stored values (`test_view`, with
// `kayako::resource_traits`) and computes their entity tags from the JSON object of
// `test_resource` (examples/server/resources.hpp). The two must give the same answer byte for
// byte, in every output the protocol offers (§5, §6, §21.3–21.5): else an ETag would describe
// bytes the server never sends. Each row renders both through the renderer the server uses.
#include "../../examples/server/resources.hpp"
#include "../../examples/server/store.hpp"

#include <kayako/output/fields.hpp>
#include <kayako/output/renderer.hpp>

#include <gtest/gtest.h>

#include <span>
#include <string>
#include <vector>

namespace {

using kayako_server::test_item;

std::vector<test_item> items() {
    test_item plain{1, "Caryn Pryor", {1, 2, 3}, true, 1.5, -7, "FOO", "hello", 1441901824, false};
    test_item even{2, "", {}, false, 0, 0, "NONE", "", 0, false};  // empty text and list: `_empty=false` drops them
    test_item odd_bytes{3, "Ünïcødé \"quoted\" \\", {-1}, true, 51.507351, 9007199254740993, "ANY",
                        std::string("\0\xff\x80 binary", 10), 1795665600, true};
    return {plain, even, odd_bytes};
}

struct output_row {
    char const* what;
    char const* fields;   // `fields`, or empty
    char const* include;  // `include`, or empty
    bool keep_empty;
    kayako::letter_case name_case;
    bool flat;
};

constexpr output_row outputs[] = {
    {"defaults", "", "", true, kayako::letter_case::snake, false},
    {"_empty=false", "", "", false, kayako::letter_case::snake, false},
    {"_case=camel", "", "", true, kayako::letter_case::camel, false},
    {"_case=pascal, _empty=false", "", "", false, kayako::letter_case::pascal, false},
    {"include=*", "", "*", true, kayako::letter_case::snake, false},
    {"include=*, _flat=true", "", "*", true, kayako::letter_case::snake, true},
    {"fields=name,user(full_name)", "name,user(full_name)", "user", true, kayako::letter_case::snake, false},
    {"fields=-binary_data", "-binary_data", "", true, kayako::letter_case::camel, false},
};

kayako::render_options options_of(output_row const& row) {
    kayako::render_options o;
    if (*row.fields) o.fields = *kayako::parse_fields(row.fields);
    if (*row.include) o.include = *kayako::parse_include(row.include);
    o.keep_empty = row.keep_empty;
    o.name_case = row.name_case;
    o.flat = row.flat;
    return o;
}

class TestView : public ::testing::TestWithParam<output_row> {};

TEST_P(TestView, RendersTheBytesOfTheJsonObjectTheTagIsComputedFrom) {
    kayako_server::directory const people(1441901824);
    kayako_server::user const* norton = people.find_user(1);
    ASSERT_NE(norton, nullptr);
    kayako::render_options const options = options_of(GetParam());
    auto const& schemas = kayako_server::resource_schemas();
    std::vector<test_item> const stored = items();  // the views point into it
    for (kayako_server::requester const by : {kayako_server::requester{}, kayako_server::requester{norton, "BASIC"}}) {
        std::vector<kayako_server::test_view> views;
        boost::json::array objects;
        for (test_item const& item : stored) {
            SCOPED_TRACE(item.id);
            auto const object = kayako_server::test_resource(item, by, people, "http://127.0.0.1:8080");
            auto const view = kayako_server::make_test_view(item, by, people, "http://127.0.0.1:8080");
            kayako::rendered_text from_object, from_view;
            ASSERT_TRUE(kayako::render_text(from_object, boost::json::value(object), "test", schemas, options));
            ASSERT_TRUE(kayako::render_text(from_view, view, schemas, options));
            EXPECT_EQ(from_view.data, from_object.data);
            EXPECT_EQ(from_view.resources, from_object.resources);
            // Not two empty renderings: the item's `id` (`Id` in Pascal case) is there.
            EXPECT_NE(from_view.data.find("d\":" + std::to_string(item.id) + ","), std::string::npos) << from_view.data;
            views.push_back(view);
            objects.push_back(object);
        }
        // A page: the collection path of both.
        kayako::rendered_text page_of_objects, page_of_views;
        ASSERT_TRUE(kayako::render_text(page_of_objects, boost::json::value(objects), "test", schemas, options));
        ASSERT_TRUE(kayako::render_text(page_of_views, std::span<kayako_server::test_view const>(views), schemas, options));
        EXPECT_EQ(page_of_views.data, page_of_objects.data);
        EXPECT_EQ(page_of_views.resources, page_of_objects.resources);
    }
}

INSTANTIATE_TEST_SUITE_P(EveryOutput, TestView, ::testing::ValuesIn(outputs),
                         [](auto const& info) { return std::to_string(info.index); });

}  // namespace
