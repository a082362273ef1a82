#!/usr/bin/env bash
# The README's first command: takes a fresh Debian 12 machine to a running kayako-test-server.
# Installs what is missing (scripts/install-deps.sh), builds the server and the client with CMake
# in build/, starts the server, and prints the introduction's curl commands to try against it.
#
#   scripts/serve.sh [--host ADDRESS] [--port N] [other kayako-test-server options]
#   (defaults: 127.0.0.1:8080; --port 0 picks a free port)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DKAYAKO_BUILD_TESTS=OFF -DKAYAKO_BUILD_BENCHMARKS=OFF -DKAYAKO_CONSUMER_TESTS=OFF -DKAYAKO_BUILD_EXAMPLES=ON >/dev/null
cmake --build build --target kayako-test-server kayako-client

log=$(mktemp)
build/examples/kayako-test-server "$@" >"$log" 2>&1 &
server=$!
stop() { kill "$server" 2>/dev/null || true; }
trap stop INT TERM
trap 'rm -f "$log"' EXIT

url=
for _ in $(seq 100); do
    url=$(sed -n 's/^kayako-test-server listening on //p' "$log")
    [ -n "$url" ] && break
    if ! kill -0 "$server" 2>/dev/null; then cat "$log"; exit 1; fi
    sleep 0.1
done
[ -n "$url" ] || { cat "$log"; stop; exit 1; }

cat <<TRY
kayako-test-server is listening on $url (Ctrl-C stops it).

The introduction's requests, with the host replaced:

  curl -X POST -d name=Test -d array_items=1,2,3 -d is_boolean=true '$url/api/v1/tests?_empty=false'
  curl -u norton.low@eyecloud.com:B2WwHWTJzI49NM '$url/api/v1/tests?fields=*'
  curl '$url/api/v1/tests?_empty=false&count=45'
  curl $url/api/v1/tests/1
  curl -X POST -d 'name=Caryn Pryor' -d array_items=1,2,3 -d is_boolean=true -d option=BAR -d binary_data=Q2FyeW4gUHJ5b3I= $url/api/v1/tests
  curl -X PUT -d is_boolean=false -d option=NONE $url/api/v1/tests/1
  curl -X PUT -d option=ANY '$url/api/v1/tests?ids=1,2,3'
  curl -X DELETE $url/api/v1/tests/999
  curl -X DELETE '$url/api/v1/tests?ids=997,998,999'

(The introduction's own '...tests&_empty=false' spelling works too.) More to try:

  curl '$url/api/v1/tests/1?fields=name,is_boolean&_case=camel'
  curl -F 'name=Caryn Pryor' -F 'array_items[]=1' -F 'array_items[]=2' $url/api/v1/tests
  curl '$url/api/v1/tests/1?_jsonp_callback=cb&non_existent=true'
  build/examples/kayako-client --base $url --user norton.low@eyecloud.com --password B2WwHWTJzI49NM GET users/1 --include role
  build/examples/kayako-client --base $url GET tests count=25 --fields name

TRY
cat "$log"
wait "$server" || true
