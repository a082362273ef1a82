#include <kayako/letter_case.hpp>
#include <gtest/gtest.h>
TEST(Placeholder_letter_case, Compiles) { EXPECT_TRUE(true); }
