#!/usr/bin/env python3
"""Regenerates the README's performance table: every row from one interleaved run.

Builds `kayako-benchmarks` in Release (build-bench/), runs every benchmark interleaved
(`--benchmark_enable_random_interleaving=true`) with 9 repetitions, and prints, for each row of
ROWS, the median CPU time of ours and of its peer, their ratio, the goal and whether the medians
meet it. On these shared two-core machines a sequential run drifts 30-50 % between one benchmark
and the next; interleaving spreads that drift over every benchmark alike, so only ratios of
medians from the same run are reported, never absolute times.

With --callgrind, the rows marked `instructions=True` also get valgrind's instruction count per
iteration for both sides (counted inside the benchmark function only, with --toggle-collect, and
only in the run Google Benchmark reports, not in the shorter runs it makes first to choose an
iteration count), which does not drift with the machine's load.

Usage: scripts/bench.py [--repetitions 9] [--callgrind] [--build-dir build-bench] [--no-build]
Prints a Markdown table on stdout; progress goes to stderr.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Row:
    label: str
    ours: str            # benchmark name (as --benchmark_list_tests prints it)
    peer: str
    goal: str            # "faster>=X": peer time / our time >= X; "within<=X": our time / peer time <= X; "": none
    instructions: bool = False  # near its goal: count instructions too (--callgrind)
    optional: bool = False      # the peer is built only where its library is installed (decode/nlohmann)


ROWS = [
    Row("`query_parse` (200-byte target → typed arguments) vs Boost.URL", "query_parse/kayako", "query_parse/boost_url", "faster>=4", True),
    Row("`query_parse` vs floor (split + decode, untyped)", "query_parse/kayako", "query_parse/floor", "within<=1.5", True),
    Row("`form_decode` 1 KiB vs Boost.URL", "form_decode/kayako/1024", "form_decode/boost_url/1024", "faster>=10"),
    Row("`form_decode` 64 KiB vs Boost.URL", "form_decode/kayako/65536", "form_decode/boost_url/65536", "faster>=4", True),
    Row("`multipart_parse` (1 MiB file part) vs floor (memchr scan)", "multipart_parse/kayako", "multipart_parse/floor", "within<=2"),
    Row("`render` (20 users, 3 rules, camel, `_empty=false`) vs serialize only", "render/kayako", "render/serialize_only", "within<=0.8"),
    Row("`render` vs copy + filter", "render/kayako", "render/copy_filter", "faster>=4"),
    Row("`envelope_parse` 20-item collection vs Boost.JSON", "envelope_parse/kayako/0", "envelope_parse/boost_json/0", "within<=0.8", True),
    Row("`envelope_parse` one error vs Boost.JSON", "envelope_parse/kayako/1", "envelope_parse/boost_json/1", "within<=1.1", True),
    Row("`envelope_parse` 20 items of doubles vs Boost.JSON", "envelope_parse/kayako/2", "envelope_parse/boost_json/2", "within<=1.1", True),
    Row("`envelope_meta` collection vs Boost.JSON DOM parse", "envelope_meta/kayako/0", "envelope_parse/boost_json/0", "faster>=2"),
    Row("`envelope_meta` one error vs Boost.JSON DOM parse", "envelope_meta/kayako/1", "envelope_parse/boost_json/1", "faster>=1", True),
    Row("`envelope_meta` doubles vs Boost.JSON DOM parse", "envelope_meta/kayako/2", "envelope_parse/boost_json/2", "faster>=2"),
    Row("`decode` 20 conversations into structs vs Boost.JSON parse + value_to", "decode/kayako", "decode/boost_json", "faster>=2", True),
    Row("`decode` 20 conversations into structs vs nlohmann/json parse + get", "decode/kayako", "decode/nlohmann", "faster>=4", True,
        optional=True),
    Row("`envelope_write` collection vs Boost.JSON serialize", "envelope_write/kayako/0", "envelope_write/boost_json/0", "within<=1.1"),
    Row("`envelope_write` one error vs Boost.JSON serialize", "envelope_write/kayako/1", "envelope_write/boost_json/1", "within<=1.1"),
    Row("`http_date_parse` vs strptime + timegm", "http_date_parse/kayako", "http_date_parse/strptime", "faster>=30", True),
    Row("`http_date_format` vs gmtime_r + strftime", "http_date_format/kayako", "http_date_format/strftime", "faster>=8"),
    Row("`integer_parse` vs strtoll", "integer_parse/kayako", "integer_parse/strtoll", ""),
    Row("`timestamp_parse` vs strptime", "timestamp_parse/kayako", "timestamp_parse/strptime", ""),
]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build(build_dir: Path) -> Path:
    subprocess.run(["cmake", "-S", str(ROOT), "-B", str(build_dir), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                    "-DKAYAKO_BUILD_TESTS=OFF", "-DKAYAKO_BUILD_EXAMPLES=OFF", "-DKAYAKO_BUILD_BENCHMARKS=ON",
                    "-DKAYAKO_CONSUMER_TESTS=OFF", "-DKAYAKO_HEADER_CHECK=OFF"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", str(build_dir), "--target", "kayako-benchmarks"], check=True)
    return build_dir / "benchmarks" / "kayako-benchmarks"


def run_interleaved(binary: Path, repetitions: int) -> dict[str, dict]:
    """Median CPU time (ns) and counters of every benchmark, from one interleaved run."""
    names = sorted({r.ours for r in ROWS} | {r.peer for r in ROWS})
    pattern = "^(" + "|".join(re.escape(n) for n in names) + ")$"
    log(f"bench: {len(names)} benchmarks, interleaved, {repetitions} repetitions")
    out = subprocess.run([str(binary), f"--benchmark_filter={pattern}", "--benchmark_enable_random_interleaving=true",
                          f"--benchmark_repetitions={repetitions}", "--benchmark_report_aggregates_only=true",
                          "--benchmark_format=json"], check=True, capture_output=True, text=True).stdout
    medians = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            medians[b["run_name"]] = b
    optional = {r.peer for r in ROWS if r.optional}
    missing = [n for n in names if n not in medians and n not in optional]
    if missing:
        sys.exit(f"bench: no result for {missing} (renamed benchmarks? update ROWS)")
    return medians


def function_of(name: str) -> str:
    """The benchmark function behind a name: `query_parse/kayako/1024` → `query_parse_kayako`."""
    parts = name.split("/")
    return f"{parts[0]}_{parts[1]}"


def demangled_name(binary: Path, function: str) -> str:
    """The full name callgrind gives the benchmark function `function` (--dump-after takes no
    wildcards): `(anonymous namespace)::query_parse_kayako(benchmark::State&)`."""
    symbols = subprocess.run(["nm", "-C", str(binary)], check=True, capture_output=True, text=True).stdout
    names = {line.split(" ", 2)[2] for line in symbols.splitlines() if line.count(" ") >= 2}
    # The function itself ends with its parameter list; a static local of it (`...State&)::buffer`) does not.
    found = [n for n in names if re.search(rf"(^|::){re.escape(function)}\([^()]*\)$", n)]
    if len(found) != 1:
        sys.exit(f"bench: {len(found)} functions named {function} in {binary}: {found}")
    return found[0]


def instructions_per_iteration(binary: Path, name: str) -> float:
    """Instructions inside the benchmark's own function, per iteration, under callgrind.

    Google Benchmark calls the function several times (1, 10, 100, ... iterations) before the run
    it reports; callgrind dumps after each call (--dump-after), so the last dump holds the reported
    run alone and is divided by that run's iteration count.
    """
    out_file = Path("/tmp") / f"kayako-bench-{name.replace('/', '_')}.callgrind"
    function = demangled_name(binary, function_of(name))
    for old in out_file.parent.glob(out_file.name + "*"):
        old.unlink()
    result = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}",
                             f"--toggle-collect={function}", f"--dump-after={function}", str(binary),
                             f"--benchmark_filter=^{re.escape(name)}$", "--benchmark_min_time=0.05",
                             "--benchmark_format=json"], check=True, capture_output=True, text=True)
    iterations = json.loads(result.stdout)["benchmarks"][0]["iterations"]
    dumps = sorted(out_file.parent.glob(out_file.name + ".*"), key=lambda f: int(f.suffix[1:]))
    if not dumps:
        sys.exit(f"bench: callgrind wrote no dump for {name}")
    totals = re.search(r"^(?:summary|totals):\s*(\d+)", dumps[-1].read_text(), re.M)
    for dump in out_file.parent.glob(out_file.name + "*"):
        dump.unlink()
    if not totals:
        sys.exit(f"bench: callgrind gave no total for {name}")
    return int(totals.group(1)) / iterations


def verdict(row: Row, ours: float, peer: float) -> tuple[str, str, bool | None]:
    if not row.goal:
        return f"{peer / ours:.2f}× faster", "—", None
    kind, value = row.goal.split("=")
    bound = float(value)
    if kind == "faster>":
        ratio = peer / ours
        return f"{ratio:.2f}× faster", f"≥ {value}×", ratio >= bound
    ratio = ours / peer
    return f"{ratio:.2f}× its time", f"≤ {value}×", ratio <= bound


def allocations(result: dict) -> str:
    allocs = result.get("allocs/iter")
    return "" if allocs is None else f"; {allocs:.2f} allocations per iteration"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repetitions", type=int, default=9)
    parser.add_argument("--callgrind", action="store_true", help="count instructions for the rows near a goal")
    parser.add_argument("--build-dir", type=Path, default=ROOT / "build-bench")
    parser.add_argument("--no-build", action="store_true", help="use the binary already in --build-dir")
    args = parser.parse_args()
    if args.repetitions < 9:
        log("bench: fewer than 9 repetitions; medians of a shared machine need more")

    binary = args.build_dir / "benchmarks" / "kayako-benchmarks" if args.no_build else build(args.build_dir)
    medians = run_interleaved(binary, args.repetitions)
    counts: dict[str, float] = {}
    if args.callgrind:
        for name in sorted({n for r in ROWS if r.instructions for n in (r.ours, r.peer) if n in medians}):
            log(f"bench: callgrind {name}")
            counts[name] = instructions_per_iteration(binary, name)

    print(f"Medians of {args.repetitions} interleaved repetitions (CPU time), one run.\n")
    print("| hot path | ours vs peer (same run) | goal | met |")
    print("|---|---|---|---|")
    for row in ROWS:
        if row.peer not in medians:  # an optional peer not built here
            print(f"| {row.label} | not built ({row.peer} needs its library) | — | — |")
            continue
        ours, peer = medians[row.ours], medians[row.peer]
        shown, goal, met = verdict(row, ours["cpu_time"], peer["cpu_time"])
        if row.ours in counts and row.peer in counts:
            a, b = counts[row.ours], counts[row.peer]
            shown += f"; callgrind {a:,.0f} vs {b:,.0f} instructions ({a / b:.2f}×)"
        shown += allocations(ours)
        print(f"| {row.label} | {shown} | {goal} | {'—' if met is None else 'yes' if met else 'no'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
