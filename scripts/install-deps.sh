#!/usr/bin/env bash
# Installs the Debian 12 packages kayako-proto needs to build, test, fuzz and run its examples.
# Idempotent: it asks apt only for what is missing.
set -euo pipefail

packages=(
    g++ cmake ninja-build meson pkg-config         # toolchain, both build systems
    libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev  # Boost 1.81 (Debian's default is 1.74)
    libgtest-dev libbenchmark-dev                  # tests and benchmarks
    nlohmann-json3-dev                             # the typed-decoding benchmark's third peer
    libssl-dev                                     # the example server's HMAC (JWT, TOTP)
    libcpp-httplib-dev                             # the example server's second transport
    libcurl4-openssl-dev                           # the example client's second transport
    doxygen                                        # the API reference (docs/)
    chromium                                       # the browser end-to-end suite (CORS, JSONP)
    clang-14 libclang-rt-14-dev                    # libFuzzer with ASan+UBSan
    curl python3 wrk                               # end-to-end tests and load measurement
    openssl                                        # the client e2e suite's TLS test certificate (openssl req -x509)
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
