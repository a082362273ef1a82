// Tests of <kayako/proto.hpp>: the umbrella includes every public header, and through it a
// program reaches each area of the library.
#include <kayako/proto.hpp>

#include <gtest/gtest.h>

#include "support/testdata.hpp"

#include <filesystem>
#include <set>
#include <string>

namespace {

std::filesystem::path include_dir() { return std::filesystem::path(KAYAKO_PROJECT_ROOT) / "include" / "kayako"; }

// Every area folder has its umbrella `kayako/<area>.hpp`, the umbrella includes every header of
// the folder, and proto.hpp includes every umbrella: nothing public is left out of either.
TEST(Umbrella, IncludesEveryAreaAndEveryHeaderOfIt) {
    std::string const proto = kayako::test::read_file_bytes(include_dir() / "proto.hpp");
    ASSERT_FALSE(proto.empty()) << "cannot read proto.hpp under " << include_dir();
    std::set<std::string> missing;
    int areas = 0;
    int headers = 0;
    for (auto const& area : std::filesystem::directory_iterator(include_dir())) {
        if (!area.is_directory() || area.path().filename() == "detail") continue;
        ++areas;
        std::string const name = area.path().filename().string();
        if (proto.find("#include <kayako/" + name + ".hpp>") == std::string::npos) missing.insert(name + ".hpp");
        std::string const umbrella = kayako::test::read_file_bytes(include_dir() / (name + ".hpp"));
        for (auto const& entry : std::filesystem::directory_iterator(area.path())) {
            if (entry.path().extension() != ".hpp") continue;
            ++headers;
            std::string const header = name + "/" + entry.path().filename().string();
            if (umbrella.find("#include <kayako/" + header + ">") == std::string::npos) missing.insert(header);
        }
    }
    EXPECT_EQ(areas, 6);
    EXPECT_GE(headers, 33);
    EXPECT_TRUE(missing.empty()) << "an umbrella lacks " << *missing.begin();
}

// A header at the top of include/kayako/ is an umbrella: it includes only headers of its area.
TEST(Umbrella, TopLevelHeadersAreOnlyUmbrellas) {
    for (auto const& entry : std::filesystem::directory_iterator(include_dir())) {
        if (entry.path().extension() != ".hpp" || entry.path().filename() == "proto.hpp") continue;
        std::string const area = entry.path().stem().string();
        EXPECT_TRUE(std::filesystem::is_directory(include_dir() / area)) << area << ".hpp has no folder";
        std::string const text = kayako::test::read_file_bytes(entry.path());
        for (std::size_t at = text.find("#include <"); at != std::string::npos; at = text.find("#include <", at + 1)) {
            EXPECT_EQ(text.compare(at, 18 + area.size(), "#include <kayako/" + area + "/"), 0)
                << area << ".hpp includes " << text.substr(at, text.find('>', at) - at + 1);
        }
    }
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
