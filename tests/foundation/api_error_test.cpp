#include <kayako/api_error.hpp>
#include <gtest/gtest.h>
TEST(Placeholder_api_error, Compiles) { EXPECT_TRUE(true); }
