// kayako-benchmarks — counts heap allocations, for the hot paths that promise none.
//
// allocation_counter.cpp replaces the global operator new/delete of the benchmark binary (once
// for all benchmarks); `allocations()` reads the running count. Report it per iteration:
//     auto const before = kayako_bench::allocations();
//     for (auto _ : state) { ... }
//     state.counters["allocs/iter"] = benchmark::Counter(
//         double(kayako_bench::allocations() - before) / double(state.iterations()));
#ifndef KAYAKO_BENCH_ALLOCATION_COUNTER_HPP
#define KAYAKO_BENCH_ALLOCATION_COUNTER_HPP

#include <cstddef>

namespace kayako_bench {
std::size_t allocations() noexcept;
}  // namespace kayako_bench

#endif
