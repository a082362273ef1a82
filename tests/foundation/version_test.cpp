// Tests of <kayako/core/version.hpp>: the header's version agrees with the build's and with itself.
#include <kayako/core/version.hpp>

#include <gtest/gtest.h>

#include <string>

TEST(Version, AgreesWithTheBuildSystems) {
    // CMake's project(VERSION) and Meson's project(version:) reach the test as KAYAKO_PROJECT_VERSION.
    EXPECT_EQ(std::string(KAYAKO_PROTO_VERSION_STRING), KAYAKO_PROJECT_VERSION);
}

TEST(Version, StringSpellsTheComponents) {
    std::string const composed = std::to_string(KAYAKO_PROTO_VERSION_MAJOR) + "." +
                                 std::to_string(KAYAKO_PROTO_VERSION_MINOR) + "." +
                                 std::to_string(KAYAKO_PROTO_VERSION_PATCH);
    EXPECT_EQ(composed, KAYAKO_PROTO_VERSION_STRING);
    EXPECT_EQ(kayako::api_version, 1);  // /api/v1, X-API-Version: 1
}
