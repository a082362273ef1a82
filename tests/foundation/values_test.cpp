#include <kayako/values.hpp>
#include <gtest/gtest.h>
TEST(Placeholder_values, Compiles) { EXPECT_TRUE(true); }
