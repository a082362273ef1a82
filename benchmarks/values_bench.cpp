#include <kayako/values.hpp>
#include <benchmark/benchmark.h>
