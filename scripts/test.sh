#!/usr/bin/env bash
# Runs every test of kayako-proto, as CI does:
#   1. GCC, -Wall -Wextra -Werror: build everything (tests, benchmarks, examples); run ctest
#      (unit tests, header self-containment, end-to-end tests, the five ways to consume the library);
#      then the API reference (Doxygen, every warning an error);
#   2. Meson, with the portable scans in place of the SSE2 ones (KAYAKO_NO_SIMD): build everything,
#      run the unit tests and the e2e smoke suites (the full e2e suites run in 1 and 3);
#   3. GCC with ASan+UBSan: build and run the tests again;
#   4. clang-14 libFuzzer: build every fuzz target and give each a short smoke run.
# Test builds use no optimisation flags (-O0, no -g): CI compiles everything three times on two
# cores, and compile time dominates. The CMake stages compile each area's test files in batches
# (KAYAKO_UNITY_TESTS: about 2.6x less compiler time); Meson's compiles them one by one, so that
# each file still compiles on its own. Benchmarks are only compiled here; run them from a Release build.
# Usage: scripts/test.sh [--no-install]   (FUZZ_SECONDS=N sets the smoke run per target, default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=$(nproc)
# ctest runs twice as many tests as there are cores: the e2e suites spend about a minute a server
# waiting on clocks (token and code lifetimes, lock-out windows, session ages), which would
# otherwise hold a core's slot idle.
test_jobs=$((jobs * 2))
fuzz_seconds=${FUZZ_SECONDS:-10}

[ "${1:-}" = "--no-install" ] || scripts/install-deps.sh

passed=0 failed=0
stage() {  # stage NAME COMMAND...: runs one stage, counts it, keeps going so every failure shows
    local name=$1; shift
    local start=$SECONDS
    echo "=== $name"
    if "$@"; then
        passed=$((passed + 1)); echo "=== $name: passed ($((SECONDS - start)) s)"
    else
        failed=$((failed + 1)); echo "=== $name: FAILED ($((SECONDS - start)) s)"
    fi
}

gcc_werror() {
    cmake -S . -B build-ci/gcc -G Ninja -DKAYAKO_WERROR=ON -DKAYAKO_UNITY_TESTS=ON >/dev/null &&
        cmake --build build-ci/gcc -j"$jobs" &&
        ctest --test-dir build-ci/gcc --output-on-failure -j"$test_jobs" &&
        # The server-against-floor script keeps working (one short round; it asserts no timing).
        scripts/bench-server.sh --smoke --no-build --build-dir build-ci/gcc
}

api_reference() {
    # Doxygen with WARN_AS_ERROR=FAIL_ON_WARNINGS: an undocumented public name or a broken reference fails.
    cmake -S . -B build-ci/gcc -G Ninja -DKAYAKO_WERROR=ON -DKAYAKO_UNITY_TESTS=ON >/dev/null &&
        cmake --build build-ci/gcc --target docs &&
        echo "API reference: build-ci/gcc/docs/html/index.html"
}

meson_tests() {
    # This build also compiles the portable scans in place of the SSE2 ones (KAYAKO_NO_SIMD), so that
    # what other targets run is built and tested somewhere; the fuzz targets run the SSE2 ones.
    local options=(--buildtype=plain -Dwerror=true -Dcpp_args=-DKAYAKO_NO_SIMD)
    if [ -d build-ci/meson ]; then
        meson setup --reconfigure build-ci/meson "${options[@]}" >/dev/null
    else
        meson setup build-ci/meson "${options[@]}" >/dev/null
    fi &&
        meson compile -C build-ci/meson -j "$jobs" &&
        # The unit tests, and the e2e smoke suites on both servers and both client transports: the
        # full e2e suites run in the two CMake stages, on the same sources (CI's 45 minutes).
        meson test -C build-ci/meson --print-errorlogs --no-suite e2e_full
}

# Under the sanitizers the cpp-httplib server runs the suites that reach its adapter in other
# ways (framing, limits, concurrent load, file bodies, the client); the other suites exercise the
# same handlers behind it, which the Beast server's suites run here and stage 1 runs behind both.
asan_skipped_suites='^e2e_httplib_(introduction|errors|accounts|storage|urls|oauth|login|browser)$'

sanitized_tests() {
    cmake -S . -B build-ci/asan -G Ninja -DKAYAKO_WERROR=ON -DKAYAKO_SANITIZE=ON -DKAYAKO_UNITY_TESTS=ON \
        -DKAYAKO_BUILD_BENCHMARKS=OFF -DKAYAKO_CONSUMER_TESTS=OFF -DKAYAKO_HEADER_CHECK=OFF >/dev/null &&
        cmake --build build-ci/asan -j"$jobs" &&
        ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
            ctest --test-dir build-ci/asan --output-on-failure -j"$test_jobs" -E "$asan_skipped_suites"
}

fuzz_smoke() {
    CXX=clang++-14 cmake -S . -B build-ci/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DKAYAKO_BUILD_FUZZERS=ON -DKAYAKO_BUILD_TESTS=OFF -DKAYAKO_BUILD_BENCHMARKS=OFF \
        -DKAYAKO_BUILD_EXAMPLES=OFF >/dev/null &&
        cmake --build build-ci/fuzz -j"$jobs" || return 1
    local ok=0 target name corpus
    for target in build-ci/fuzz/fuzz/kayako-fuzz-*; do
        name=${target##*/kayako-fuzz-}
        corpus=build-ci/fuzz/corpus/$name   # new inputs go here; the seeds in the repository stay as they are
        mkdir -p "$corpus"
        if "$target" -max_total_time="$fuzz_seconds" -print_final_stats=0 "$corpus" "$root/fuzz/corpus/$name" \
            >"build-ci/fuzz/$name.log" 2>&1; then
            echo "fuzz $name: ok ($(grep -c . "build-ci/fuzz/$name.log") log lines)"
        else
            echo "fuzz $name: FAILED"; tail -40 "build-ci/fuzz/$name.log"; ok=1
        fi
    done
    return $ok
}

stage "GCC -Werror build and ctest" gcc_werror
stage "API reference (Doxygen, warnings as errors)" api_reference
stage "Meson build and tests" meson_tests
stage "ASan+UBSan tests" sanitized_tests
stage "libFuzzer smoke runs (${fuzz_seconds} s each)" fuzz_smoke

echo "test stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
