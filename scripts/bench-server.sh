#!/usr/bin/env bash
# What a server built on kayako-proto pays for the protocol: kayako-test-server against
# kayako-floor-server (the same Beast transport answering with the same bytes, prepared in
# advance), under wrk on loopback, for one Test item and for a 10-item page.
#
# The two servers run in alternating rounds (server, floor, server, floor, ...) so that the load
# of a shared machine falls on both alike; the table gives each one's median requests/s over the
# rounds and their ratio against the goals of issue #17 (≥ 0.8× the floor for the item, ≥ 0.6×
# for the page). With --instructions it also counts, under callgrind, the instructions each
# server spends per request (1,000 keep-alive requests, start-up subtracted): a figure that does
# not drift with the machine's load.
#
# --threads N runs both servers with N threads (`--threads`: the same transport, the same
# threads; default 1). --scaling runs the rounds with 1 and with 2 threads and adds a table of
# how each server's requests/s scale (wrk stays at one thread and 32 connections: on a machine of
# two cores wrk itself takes one of them, which the table's reader should keep in mind).
#
#   scripts/bench-server.sh [--rounds 5] [--seconds 4] [--instructions] [--build-dir build-bench-server]
#                           [--threads N | --scaling] [--no-build] [--smoke]
# --smoke: one round of one second, nothing else (CI runs it so that the script keeps working;
# it asserts no timing).
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=5 seconds=4 instructions=0 build_dir=build-bench-server build=1 thread_counts=1
while [ $# -gt 0 ]; do
    case $1 in
        --rounds) rounds=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --instructions) instructions=1; shift ;;
        --build-dir) build_dir=$2; shift 2 ;;
        --no-build) build=0; shift ;;
        --threads) thread_counts=$2; shift 2 ;;
        --scaling) thread_counts="1 2"; shift ;;
        --smoke) rounds=1 seconds=1; shift ;;
        *) echo "bench-server: unknown option $1" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "bench-server: wrk not found (apt-get install wrk)" >&2; exit 2; }

if [ "$build" = 1 ]; then
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKAYAKO_BUILD_TESTS=OFF \
        -DKAYAKO_BUILD_BENCHMARKS=OFF -DKAYAKO_CONSUMER_TESTS=OFF -DKAYAKO_HEADER_CHECK=OFF \
        -DKAYAKO_BUILD_EXAMPLES=ON >/dev/null
    cmake --build "$build_dir" --target kayako-test-server kayako-floor-server >&2
fi
server_bin=$build_dir/examples/kayako-test-server
floor_bin=$build_dir/examples/kayako-floor-server
# Every policy of the example server off: one address sends everything, and the rate limiter is
# not what is measured.
server_cmd=("$server_bin" --rate-limit 0 --max-connections-per-address 0 --lockout-failures 0)
floor_cmd=("$floor_bin")
paths=("/api/v1/tests/1" "/api/v1/tests?count=45&_empty=false")

work=$(mktemp -d)
pid=
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

start() {  # start NAME COMMAND...: runs a server on a free port, sets $pid and $url
    local name=$1; shift
    local log
    log=$(mktemp -p "$work" "$name.XXXXXX")  # a fresh file: an old one would still name an old port
    "$@" --port 0 >"$log" 2>&1 &
    pid=$!
    url=
    for _ in $(seq 100); do
        url=$(sed -n 's/^kayako-[a-z-]* listening on //p' "$log" 2>/dev/null)
        [ -n "$url" ] && return 0
        sleep 0.1
    done
    echo "bench-server: $name did not start:" >&2; cat "$log" >&2; exit 1
}
stop() { kill -INT "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

# Both servers must give the same answer, or the comparison means nothing.
for path in "${paths[@]}"; do
    start server "${server_cmd[@]}"; curl -sS "$url$path" >"$work/server.body"; stop
    start floor "${floor_cmd[@]}"; curl -sS "$url$path" >"$work/floor.body"; stop
    # URLs name each run's port and `updated_at` each run's start: the rest must be the same bytes.
    normalize='s/127\.0\.0\.1:[0-9]*/HOST/g; s/"[0-9]\{4\}-[0-9-]*T[0-9:]*+00:00"/"DATE"/g'
    if [ "$(sed "$normalize" "$work/server.body")" != "$(sed "$normalize" "$work/floor.body")" ]; then
        echo "bench-server: the floor answers $path differently from the server" >&2; exit 1
    fi
done

for round in $(seq "$rounds"); do
    for threads in $thread_counts; do
        for name in server floor; do
            if [ "$name" = server ]; then start server "${server_cmd[@]}" --threads "$threads"
            else start floor "${floor_cmd[@]}" --threads "$threads"; fi
            for i in "${!paths[@]}"; do
                out=$(wrk -t1 -c32 -d"${seconds}s" "$url${paths[$i]}")
                if grep -q "Non-2xx" <<<"$out"; then echo "bench-server: $name gave non-2xx answers to ${paths[$i]}" >&2; exit 1; fi
                echo "$name $i $threads $(awk '/Requests\/sec/ {print $2}' <<<"$out")" >>"$work/rates"
            done
            stop
            echo "bench-server: round $round/$rounds, $name with $threads thread(s) done" >&2
        done
    done
done

instructions_per_request() {  # COMMAND... PATH: Ir per request, under callgrind
    local path=${*: -1}
    local cmd=("${@:1:$#-1}")
    local counts=()
    for n in 200 1200; do
        local log
        log=$(mktemp -p "$work" cg.XXXXXX)
        valgrind --tool=callgrind --callgrind-out-file="$log.callgrind" "${cmd[@]}" --port 0 >"$log" 2>&1 &
        pid=$!
        url=
        for _ in $(seq 300); do
            url=$(sed -n 's/^kayako-[a-z-]* listening on //p' "$log"); [ -n "$url" ] && break; sleep 0.1
        done
        [ -n "$url" ] || { echo "bench-server: ${cmd[0]} did not start under valgrind" >&2; cat "$log" >&2; exit 1; }
        python3 - "$url" "$path" "$n" <<'PY'
import re, socket, sys
from urllib.parse import urlsplit
u = urlsplit(sys.argv[1]); path, n = sys.argv[2], int(sys.argv[3])
s = socket.create_connection((u.hostname, u.port))
request = f"GET {path} HTTP/1.1\r\nHost: {u.hostname}\r\n\r\n".encode()
buffered = b""
for _ in range(n):
    s.sendall(request)
    while True:
        end = buffered.find(b"\r\n\r\n")
        if end >= 0:
            length = int(re.search(rb"(?i)content-length: *(\d+)", buffered[:end]).group(1))
            if len(buffered) >= end + 4 + length:
                assert buffered.startswith(b"HTTP/1.1 200"), buffered[:80]
                buffered = buffered[end + 4 + length:]
                break
        buffered += s.recv(1 << 16)
PY
        stop
        counts+=("$(awk '/^(summary|totals):/ {print $2; exit}' "$log.callgrind")")
    done
    echo $(( (counts[1] - counts[0]) / 1000 ))
}

python3 - "$work/rates" "$rounds" <<'PY'
import statistics, sys
rates = {}
for line in open(sys.argv[1]):
    name, i, threads, r = line.split()
    rates.setdefault((name, int(i), int(threads)), []).append(float(r))
labels = ["`GET /api/v1/tests/1`", "10-item page (`GET /api/v1/tests?count=45&_empty=false`)"]
goals = [0.8, 0.6]
median = lambda name, i, t: statistics.median(rates[(name, i, t)])
thread_counts = sorted({t for (_, _, t) in rates})
for t in thread_counts:
    print(f"Medians of {sys.argv[2]} alternating wrk rounds (-t1 -c32), requests/s; both servers with {t} thread{'s' if t > 1 else ''}.\n")
    print("| request | kayako-test-server | floor | ratio | goal | met |")
    print("|---|---|---|---|---|---|")
    for i, label in enumerate(labels):
        s, f = median("server", i, t), median("floor", i, t)
        print(f"| {label} | {s:,.0f} | {f:,.0f} | {s / f:.2f}× | ≥ {goals[i]}× | {'yes' if s / f >= goals[i] else 'no'} |")
    print()
if len(thread_counts) > 1:
    a, b = thread_counts[0], thread_counts[-1]
    print(f"Scaling from {a} to {b} threads (medians as above).\n")
    print(f"| request | server, {a} | server, {b} | scaling | floor, {a} | floor, {b} | scaling |")
    print("|---|---|---|---|---|---|---|")
    for i, label in enumerate(labels):
        s1, s2, f1, f2 = median("server", i, a), median("server", i, b), median("floor", i, a), median("floor", i, b)
        print(f"| {label} | {s1:,.0f} | {s2:,.0f} | {s2 / s1:.2f}× | {f1:,.0f} | {f2:,.0f} | {f2 / f1:.2f}× |")
PY

if [ "$instructions" = 1 ]; then
    command -v valgrind >/dev/null || { echo "bench-server: valgrind not found" >&2; exit 2; }
    echo
    echo "| request | instructions per request: server | floor | ratio |"
    echo "|---|---|---|---|"
    for i in "${!paths[@]}"; do
        s=$(instructions_per_request "${server_cmd[@]}" "${paths[$i]}")
        f=$(instructions_per_request "${floor_cmd[@]}" "${paths[$i]}")
        python3 -c "import sys; s, f = int(sys.argv[2]), int(sys.argv[3]); print(f'| {sys.argv[1]} | {s:,} | {f:,} | {s / f:.2f}× |')" \
            "\`GET ${paths[$i]}\`" "$s" "$f"
    done
fi
