#!/usr/bin/env python3
"""Measures what including the library costs a translation unit, against Boost.JSON + Boost.URL.

For the umbrella (<kayako/proto.hpp>) and every area header (include/kayako/<area>.hpp), compiles a
translation unit that includes that header and does nothing else, with the compiler a user would
use (`g++ -std=c++20 -O2 -I include -c -o /dev/null`), and prints the median CPU time (user + sys of
the compiler, from getrusage(RUSAGE_CHILDREN)) against that of a unit including <boost/json.hpp> and
<boost/url.hpp>, the two libraries the headers are built on. CPU time moves far less with the load
of a shared machine than wall time does, but it still moves (10-30 % between runs on the two shared
cores this was written on), so the repetitions are interleaved (every header once, then every header
again, ...) to let the load fall on all headers alike, and only ratios from one run mean something.

With --breakdown HEADER, prints for each direct #include of HEADER what it costs compiled alone and
what it adds to the includes before it (the header's includes compiled in order, one more each
time), so that the expensive ones are visible. The first column is what a user including only that
header pays; the second is what removing it from HEADER could save at most.

With --pch, every unit is also compiled over a precompiled header (.gch, built beforehand and not
timed) of what it includes: what a user gets from CMake's target_precompile_headers.

With --phases HEADER, prints GCC's own account of one compilation (-ftime-report): how much is
parsing, template instantiation (most of it, for this library), constant evaluation, code generation.

Usage: scripts/compile-time.py [--repetitions 5] [--cxx g++] [--define NAME[=VALUE] ...] [--include-dir DIR] [--pch] [HEADER ...]
       scripts/compile-time.py --breakdown kayako/envelope.hpp [--repetitions 3]
       scripts/compile-time.py --phases kayako/proto.hpp
Prints a Markdown table on stdout; progress goes to stderr.
"""
from __future__ import annotations

import argparse
import re
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INCLUDE = ROOT / "include"  # --include-dir replaces it (e.g. a copy of another commit's include/)
GOAL = 1.5  # at most this many times the Boost pair (issue #17)
BOOST_PAIR = "Boost.JSON + Boost.URL"
BOOST_LINES = ["#include <boost/json.hpp>", "#include <boost/url.hpp>"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def area_headers() -> list[str]:
    """The umbrella, then each include/kayako/<area>.hpp that has an <area>/ directory beside it."""
    areas = sorted(p.stem for p in (INCLUDE / "kayako").glob("*.hpp") if (INCLUDE / "kayako" / p.stem).is_dir())
    return ["kayako/proto.hpp"] + [f"kayako/{a}.hpp" for a in areas]


class Compiler:
    def __init__(self, cxx: str, flags: list[str], scratch: Path):
        self.cxx = cxx
        self.flags = flags
        self.scratch = scratch
        self.count = 0

    def cpu_seconds(self, lines: list[str], first_include: Path | None = None) -> float:
        """User + sys CPU seconds of one compilation of a unit made of `lines` (with `first_include`
        searched before include/: where the precompiled headers are)."""
        self.count += 1
        unit = self.scratch / f"unit{self.count}.cpp"
        unit.write_text("\n".join(lines) + "\n")
        search = ["-I", str(first_include), "-Werror=invalid-pch"] if first_include else []
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = subprocess.run([self.cxx, *self.flags, *search, "-I", str(INCLUDE), "-c", "-o", "/dev/null", str(unit)],
                                capture_output=True, text=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        unit.unlink()
        if result.returncode != 0:
            sys.exit(f"compile-time: this unit does not compile:\n{chr(10).join(lines)}\n{result.stderr[:4000]}")
        return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    def precompile(self, name: str, lines: list[str]) -> Path:
        """Writes `lines` as the header `name` under scratch/pch/ and precompiles it there (name.gch),
        as a user's build would with CMake's target_precompile_headers; returns scratch/pch."""
        pch = self.scratch / "pch"
        header = pch / name
        header.parent.mkdir(parents=True, exist_ok=True)
        header.write_text("\n".join(lines) + "\n")
        subprocess.run([self.cxx, *self.flags, "-I", str(INCLUDE), "-x", "c++-header", str(header), "-o",
                        str(header) + ".gch"], check=True)
        return pch


def interleaved_medians(compiler: Compiler, units: dict[str, list[str]], repetitions: int,
                        first_include: dict[str, Path] | None = None) -> dict[str, float]:
    """Median CPU seconds of each unit; round r compiles every unit once, in an order rotated by r."""
    samples: dict[str, list[float]] = {name: [] for name in units}
    names = list(units)
    for r in range(repetitions):
        order = names[r % len(names):] + names[:r % len(names)]
        for name in order:
            samples[name].append(compiler.cpu_seconds(units[name], (first_include or {}).get(name)))
        log(f"compile-time: round {r + 1}/{repetitions} done")
    return {name: statistics.median(values) for name, values in samples.items()}


def direct_includes(header: str) -> list[str]:
    """The #include lines of `header` (a path under include/), in order."""
    text = (INCLUDE / header).read_text()
    return [m.group(0).strip() for m in re.finditer(r"^\s*#\s*include\s*[<\"][^>\"]+[>\"]", text, re.M)]


def table(compiler: Compiler, headers: list[str], repetitions: int, pch: bool) -> None:
    units = {BOOST_PAIR: BOOST_LINES} | {h: [f"#include <{h}>"] for h in headers}
    first_include: dict[str, Path] = {}
    if pch:  # the same units again, each over a precompiled header of what it includes
        log("compile-time: precompiling the headers (not timed)")
        for name, lines in list(units.items()):
            header = "boost_pair.hpp" if name == BOOST_PAIR else name
            first_include[f"{name} (pch)"] = compiler.precompile(header, lines)
            units[f"{name} (pch)"] = [f"#include <{header}>"]
    medians = interleaved_medians(compiler, units, repetitions, first_include)
    boost = medians[BOOST_PAIR]
    flags = " ".join(compiler.flags)
    print(f"Median CPU time (user + sys) of `{compiler.cxx} {flags} -c` on a unit that includes the header "
          f"and nothing else; {repetitions} interleaved repetitions.\n")
    pch_head = " with a precompiled header s | its × |" if pch else ""
    print(f"| header | median s | × {BOOST_PAIR} | goal | met |{pch_head}")
    print("|---|---|---|---|---|" + ("---|---|" if pch else ""))

    def with_pch(name: str) -> str:
        return f" {medians[name + ' (pch)']:.2f} | {medians[name + ' (pch)'] / boost:.2f}× |" if pch else ""

    print(f"| `<boost/json.hpp>` + `<boost/url.hpp>` | {boost:.2f} | 1.00× | — | — |{with_pch(BOOST_PAIR)}")
    for h in headers:
        ratio = medians[h] / boost
        print(f"| `<{h}>` | {medians[h]:.2f} | {ratio:.2f}× | ≤ {GOAL}× | {'yes' if ratio <= GOAL else 'no'} |{with_pch(h)}")
    if pch:
        print("\nThe precompiled-header columns are the same unit compiled over a `.gch` of what it includes (built "
              "beforehand, not timed), against the Boost pair compiled without one.")


def breakdown(compiler: Compiler, header: str, repetitions: int) -> None:
    includes = direct_includes(header)
    if not includes:
        sys.exit(f"compile-time: {header} has no #include lines")
    units: dict[str, list[str]] = {"(empty unit)": ["// nothing"], "(whole header)": [f"#include <{header}>"]}
    for i, line in enumerate(includes):
        units[f"alone {i}"] = [line]
        units[f"prefix {i}"] = includes[:i + 1]
    medians = interleaved_medians(compiler, units, repetitions)
    empty = medians["(empty unit)"]
    print(f"Direct includes of `<{header}>`: median CPU seconds of `{compiler.cxx} {' '.join(compiler.flags)} -c`, "
          f"{repetitions} interleaved repetitions. An empty unit takes {empty:.2f} s; the whole header "
          f"{medians['(whole header)']:.2f} s.\n")
    print("| include | alone s | added to the ones above s |")
    print("|---|---|---|")
    previous = empty
    for i, line in enumerate(includes):
        prefix = medians[f"prefix {i}"]
        print(f"| `{line.removeprefix('#include ').strip()}` | {medians[f'alone {i}']:.2f} | {prefix - previous:+.2f} |")
        previous = prefix


def phases(compiler: Compiler, header: str) -> None:
    """GCC's own account (-ftime-report) of one compilation of `header`: parsing, template
    instantiation, constant evaluation, code generation. -ftime-report slows the compiler down, so
    only the shares mean something, not the seconds."""
    unit = compiler.scratch / "phases.cpp"
    unit.write_text(f"#include <{header}>\n")
    result = subprocess.run([compiler.cxx, *compiler.flags, "-ftime-report", "-I", str(INCLUDE), "-c", "-o", "/dev/null",
                             str(unit)], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"compile-time: <{header}> does not compile:\n{result.stderr[:4000]}")
    wanted = ("phase parsing", "phase lang. deferred", "phase opt and generate", "template instantiation",
              "constant expression evaluation", "parser struct body", "parser function body", "parser inl. func. body",
              "parser inl. meth. body", "TOTAL")
    print(f"`{compiler.cxx} {' '.join(compiler.flags)} -ftime-report` on `<{header}>` (user seconds, share):\n")
    print("| phase | user s | share |")
    print("|---|---|---|")
    for line in result.stderr.splitlines():
        name, _, rest = line.partition(":")
        if name.strip() in wanted:
            m = re.match(r"\s*([\d.]+)\s*(?:\(\s*(\d+%)\))?", rest)
            if m:
                print(f"| {name.strip()} | {m.group(1)} | {m.group(2) or ''} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--cxx", default="g++")
    parser.add_argument("--std", default="c++20")
    parser.add_argument("--opt", default="-O2")
    parser.add_argument("--define", "-D", action="append", default=[], help="a macro for every unit, e.g. "
                        "KAYAKO_SEPARATE_COMPILATION")
    parser.add_argument("--include-dir", type=Path, help="the headers to measure (default: include/ of this tree)")
    parser.add_argument("--breakdown", metavar="HEADER", help="cost of each direct include of HEADER (e.g. kayako/proto.hpp)")
    parser.add_argument("--pch", action="store_true", help="also time each unit over a precompiled header of "
                        "what it includes (what CMake's target_precompile_headers gives a user)")
    parser.add_argument("--phases", metavar="HEADER", help="GCC's -ftime-report for one compilation of HEADER")
    parser.add_argument("headers", nargs="*", help="headers to measure (default: the umbrella and every area header)")
    args = parser.parse_args()
    if args.include_dir:
        global INCLUDE
        INCLUDE = args.include_dir.resolve()

    flags = [f"-std={args.std}", args.opt] + [f"-D{d}" for d in args.define]
    with tempfile.TemporaryDirectory(prefix="kayako-compile-time-") as scratch:
        compiler = Compiler(args.cxx, flags, Path(scratch))
        if args.phases:
            phases(compiler, args.phases)
        elif args.breakdown:
            breakdown(compiler, args.breakdown, args.repetitions)
        else:
            table(compiler, args.headers or area_headers(), args.repetitions, args.pch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
