// The `none` of the tests' failure tables: a failure that points at no byte. One definition for
// every test file, so that files compiled together (KAYAKO_UNITY_TESTS) do not define it twice.
#pragma once

#include <kayako/core/error.hpp>

#include <cstddef>

namespace kayako::test {

inline constexpr std::size_t none = kayako::failure::no_offset;

}  // namespace kayako::test
