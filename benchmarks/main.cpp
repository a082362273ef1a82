// Debian ships no benchmark_main for Meson, so the benchmarks bring their own main.
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
