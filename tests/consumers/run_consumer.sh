#!/usr/bin/env bash
# Builds and runs a consumer of kayako-proto one way: find_package | add_subdirectory |
# meson_subproject | meson_installed | vendored.  Usage: run_consumer.sh MODE SOURCE_DIR WORK_DIR
set -euo pipefail
mode=$1 src=$(cd "$2" && pwd) work=$3
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work"
work=$(cd "$work" && pwd)

install_copy() {  # installs the library into $work/prefix with CMake, as a user would
    cmake -S "$src" -B "$work/lib-build" -G Ninja -DCMAKE_INSTALL_PREFIX="$work/prefix" \
        -DKAYAKO_BUILD_TESTS=OFF -DKAYAKO_BUILD_BENCHMARKS=OFF -DKAYAKO_BUILD_EXAMPLES=OFF -DKAYAKO_INSTALL=ON >/dev/null
    cmake --install "$work/lib-build" >/dev/null
}

case $mode in
find_package)
    install_copy
    test -f "$work/prefix/share/cmake/kayako_proto/kayako_protoConfigVersion.cmake"
    test -f "$work/prefix/share/pkgconfig/kayako-proto.pc"
    cmake -S "$here/find_package" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
    cmake --build "$work/build" >/dev/null
    "$work/build/consumer" ;;
add_subdirectory)
    cmake -S "$here/add_subdirectory" -B "$work/build" -G Ninja -DKAYAKO_SOURCE_DIR="$src" >/dev/null
    cmake --build "$work/build" >/dev/null
    "$work/build/consumer" ;;
meson_subproject)
    cp -r "$here/meson_subproject" "$work/project" && cp -r "$here/app" "$work/app"
    mkdir -p "$work/project/subprojects" && ln -s "$src" "$work/project/subprojects/kayako-proto"
    meson setup "$work/build" "$work/project" >/dev/null
    # As a subproject kayako-proto builds no tests of its own.
    if [ -n "$(find "$work/build" -name "kayako-tests-*" -print -quit)" ] || grep -q kayako-tests "$work/build/build.ninja"; then
        echo "the subproject built its tests" >&2; exit 1
    fi
    meson compile -C "$work/build" >/dev/null
    "$work/build/consumer" ;;
meson_installed)
    install_copy
    cp -r "$here/meson_installed" "$work/project" && cp -r "$here/app" "$work/app"
    PKG_CONFIG_PATH="$work/prefix/share/pkgconfig" meson setup "$work/build" "$work/project" >/dev/null
    meson compile -C "$work/build" >/dev/null
    "$work/build/consumer" ;;
vendored)
    # Copy include/kayako into another tree and compile against Boost 1.81: nothing else is needed.
    mkdir -p "$work/third_party"
    cp -r "$src/include/kayako" "$work/third_party/"
    ${CXX:-c++} -std=c++20 -Wall -Wextra -Werror -I"$work/third_party" "$here/app/main.cpp" \
        -lboost_json -lboost_url -o "$work/consumer"
    "$work/consumer" ;;
*) echo "unknown mode $mode" >&2; exit 2 ;;
esac
