#!/usr/bin/env bash
# End-to-end tests of kayako-test-server, driven by curl (the introduction's own client), by
# kayako-client and by a load driver. Each suite starts its own server on a free port and always
# stops it, even on failure.
#
#   e2e.sh SUITE SERVER CLIENT LOAD     SUITE: introduction | protocol | errors | client | load |
#                                             framing | limits | accounts | storage
set -u
suite=$1 server=$2 client=$3 load=$4
work=$(mktemp -d)
pid=
second_pids=()  # servers a suite starts beside the main one (start_second_server)
cleanup() {
    for p in "$pid" "${second_pids[@]}"; do
        if [ -n "$p" ]; then kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; fi
    done
    rm -rf "$work"
}
trap cleanup EXIT

# Extra server flags per suite (small limits make the robustness checks cheap).
server_flags=()
case "$suite" in
    errors) server_flags=(--body-limit 65536 --header-limit 8192 --idle-timeout 1500 --request-timeout 1500) ;;
    framing) server_flags=() ;;
    limits) server_flags=(--max-connections 64 --max-connections-per-address 16 --rate-limit 600 --idle-timeout 30000) ;;
    load) server_flags=(--rate-limit 0) ;;  # thousands of requests from one address on purpose
    accounts) server_flags=(--lockout-failures 5 --lockout-seconds 10) ;;
    login) server_flags=(--lockout-failures 5 --lockout-seconds 30) ;;
    oauth) server_flags=(--oauth-token-lifetime 10 --oauth-code-lifetime 8 --jwt-secret e2e-jwt-secret) ;;  # tokens and codes that expire within the suite
    files) server_flags=(--max-file-bytes 20000 --max-file-store-bytes 200000 --max-files-per-request 3) ;;
    urls) server_flags=(--timestamp-skew 300 --body-limit 65536) ;;  # §11.10's window; a small body limit
    storage) server_flags=(--max-field-bytes 1024 --max-item-bytes 2560 --max-store-bytes 250000 --max-response-bytes 200000) ;;
    browser) page_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
             server_flags=(--cors-origin "http://127.0.0.1:$page_port") ;;  # the page's origin (§13)
esac
# E2E_SERVER_FLAGS: more flags for the main server, e.g. `--threads 2` (ctest's e2e_threads_*
# runs suites so: the answers must not change with the threads that serve them).
read -ra extra_flags <<<"${E2E_SERVER_FLAGS:-}"
"$server" --port 0 "${server_flags[@]}" "${extra_flags[@]}" >"$work/server.out" 2>&1 &
pid=$!
base=
for _ in $(seq 100); do
    base=$(sed -n 's/^kayako-test-server listening on //p' "$work/server.out")
    [ -n "$base" ] && break
    sleep 0.1
done
if [ -z "$base" ]; then
    echo "server did not start:"; cat "$work/server.out"; exit 1
fi
port=${base##*:}
echo "server at $base (pid $pid)"

failures=0 checks=0 current=
fail() { echo "FAIL [$current]: $*" >&2; failures=$((failures + 1)); }
pass() { checks=$((checks + 1)); }

# start_second_server NAME FLAGS... — another server of the same binary with other flags, on a
# free port, for checks the main server's flags rule out; its base URL in $second (empty, with a
# failure, when it does not start). It is stopped with the suite.
start_second_server() {
    local name=$1; shift
    "$server" --port 0 "$@" >"$work/$name.out" 2>&1 &
    second_pids+=("$!")
    second=
    for _ in $(seq 100); do
        second=$(sed -n 's/^kayako-test-server listening on //p' "$work/$name.out")
        [ -n "$second" ] && break
        sleep 0.1
    done
    [ -n "$second" ] || fail "the $name server ($*) did not start: $(cat "$work/$name.out")"
}

# call NAME CURL-ARGS... — one request; the status, headers and body are kept for the checks.
call() {
    current=$1; shift
    : >"$work/headers"; : >"$work/body"
    status=$(curl -sS -o "$work/body" -D "$work/headers" -w '%{http_code}' "$@" 2>"$work/curl.err") ||
        fail "curl failed: $(cat "$work/curl.err")"
}
header() { grep -i "^$1:" "$work/headers" | head -n1 | cut -d: -f2- | sed 's/^ *//; s/\r$//'; }
body_head() { head -c 400 "$work/body"; }
status_is() { if [ "$status" = "$1" ]; then pass; else fail "status $status, expected $1; body: $(body_head)"; fi; }
header_is() {
    local v; v=$(header "$1")
    if [ "$v" = "$2" ]; then pass; else fail "header $1 is '$v', expected '$2'"; fi
}
header_matches() {
    local v; v=$(header "$1")
    if [[ $v =~ $2 ]]; then pass; else fail "header $1 is '$v', expected to match $2"; fi
}
no_header() { if grep -qi "^$1:" "$work/headers"; then fail "unexpected header $1: $(header "$1")"; else pass; fi; }
body_is() { if [ "$(cat "$work/body")" = "$1" ]; then pass; else fail "body is '$(body_head)', expected '$1'"; fi; }
body_empty() { if [ -s "$work/body" ]; then fail "body not empty: $(body_head)"; else pass; fi; }
# json EXPR — a Python expression over `d`, the parsed body (and `h(name)`, a response header).
json() {
    if python3 - "$work/body" "$work/headers" "$1" <<'PY'; then pass; else fail "json check failed: $1; body: $(body_head)"; fi
import json, sys
body, headers, expr = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(body, encoding="utf-8").read()
d = json.loads(text)
def h(name):
    for line in open(headers, encoding="latin-1"):
        k, _, v = line.partition(":")
        if k.strip().lower() == name.lower():
            return v.strip()
    return None
sys.exit(0 if eval(expr) else 1)
PY
}
# An error envelope: status, code, and optionally the parameter named.
error_is() {
    status_is "$1"
    if [ $# -ge 3 ]; then
        json "d['status'] == $1 and d['errors'][0]['code'] == '$2' and d['errors'][0].get('parameter') == '$3' and d['errors'][0]['more_info'].endswith('/$2')"
    else
        json "d['status'] == $1 and d['errors'][0]['code'] == '$2' and d['errors'][0]['more_info'].endswith('/$2')"
    fi
}
common_headers() {
    header_is X-API-Version 1
    header_matches Content-Type '^application/json'
}
alive() {
    call "server still alive" "$base/api/v1/tests/1"
    status_is 200
}

source "$(dirname "$0")/e2e_$suite.sh"

# The server must have survived everything above (a sanitizer report would show here).
current="server survived the suite"
if kill -0 "$pid" 2>/dev/null; then pass; else fail "the server died"; fi
# SIGTERM is a clean shutdown: exit status 0 (and, under ASan, no leak report).
current="clean shutdown on SIGTERM"
kill -TERM "$pid" 2>/dev/null
wait "$pid"
shutdown_status=$?
pid=
if [ "$shutdown_status" -eq 0 ]; then pass; else fail "exit status $shutdown_status after SIGTERM"; fi
if [ "$failures" -ne 0 ]; then echo "--- server output:"; tail -n 60 "$work/server.out"; fi

echo "$suite: $checks checks passed, $failures failed"
[ "$failures" -eq 0 ]
