// The precompiled header of the test binaries: the heavy third-party headers every test file
// parses (GoogleTest, Boost.JSON, Boost.URL) and the standard headers most of them use. Never a
// kayako header: a change to the library (or a mutant of scripts/mutate.py) must not invalidate it.
// Each test file still includes what it uses, so it compiles without this header too.
// An include guard, not `#pragma once`: Meson compiles this header as a main file, where GCC
// warns about the pragma.
#ifndef KAYAKO_TESTS_PRECOMPILED_HPP
#define KAYAKO_TESTS_PRECOMPILED_HPP
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <boost/url.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#endif  // KAYAKO_TESTS_PRECOMPILED_HPP
