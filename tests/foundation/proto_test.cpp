// Tests of <kayako/proto.hpp>: the umbrella includes every public header, and through it a
// program reaches each area of the library.
#include <kayako/proto.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace {

std::filesystem::path include_dir() { return std::filesystem::path(KAYAKO_PROJECT_ROOT) / "include" / "kayako"; }

TEST(Umbrella, IncludesEveryPublicHeader) {
    std::ifstream in(include_dir() / "proto.hpp");
    ASSERT_TRUE(in) << "cannot read proto.hpp under " << include_dir();
    std::stringstream text;
    text << in.rdbuf();
    std::set<std::string> missing;
    int headers = 0;
    for (auto const& entry : std::filesystem::directory_iterator(include_dir())) {
        if (entry.path().extension() != ".hpp" || entry.path().filename() == "proto.hpp") continue;
        ++headers;
        std::string const line = "#include <kayako/" + entry.path().filename().string() + ">";
        if (text.str().find(line) == std::string::npos) missing.insert(entry.path().filename().string());
    }
    EXPECT_GE(headers, 25);
    EXPECT_TRUE(missing.empty()) << "proto.hpp lacks " << *missing.begin();
}

TEST(Umbrella, ReachesEveryArea) {
    EXPECT_TRUE(kayako::parse_boolean("true").value());                                       // values
    EXPECT_EQ(kayako::http_status(kayako::api_error_code::resource_modified), 412);            // api_error
    EXPECT_TRUE(kayako::parse_target("/api/v1/tests/1?_case=camel").has_value());             // query
    EXPECT_TRUE(kayako::parse_form("a=1&b=2").has_value());                                   // form
    EXPECT_TRUE(kayako::parse_fields("+full_name,role(title)").has_value());                  // fields
    EXPECT_TRUE(kayako::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").has_value());        // http_date
    EXPECT_TRUE(kayako::parse_entity_tag("\"abc\"").has_value());                             // etag
    EXPECT_TRUE(kayako::parse_envelope(R"({"status":200})").has_value());                     // envelope
    EXPECT_TRUE(kayako::parse_jsonp_callback("app.cb").has_value());                          // jsonp
}

}  // namespace
