#!/usr/bin/env python3
"""Mutation testing for kayako-proto: how many small bugs in include/kayako do the tests catch?

Each mutant is one single-token change to one line of the library:
  relational  <  <=  >  >=  ==  !=  (each swapped for a neighbour: < ↔ <=, == ↔ !=, ...)
  logical     && ↔ ||
  constant    an integer literal N becomes N + 1 (or 1 for 0): off-by-one limits and masks
  negation    a `!` before an expression dropped
  boolean     `return true;` ↔ `return false;`, `true` ↔ `false` in an initialiser
  case        one `case X:` label removed (its body joins the previous case's)
  arithmetic  binary + ↔ -

The sites are found with a small lexer (comments and string/character literals are skipped, and
binary operators must stand between spaces, as the house style writes them, which leaves template
brackets alone). A seeded random sample is taken from all sites; each mutant is applied to a copy of
the tree (build-mutate/src, so the working tree is never touched), only the translation units that
include the mutated header are rebuilt (ninja, with ccache so that the restore costs nothing), and
every unit-test binary runs, fastest first, until one fails. A mutant that does not compile is not
counted and the next site of the sample takes its place; one that fails a static_assert (a
compile-time test) is killed.

Usage: scripts/mutate.py [--count 50] [--seed 1] [--file values.hpp] [--timeout 120] [--list]
Prints each mutant's verdict as it goes, then the kill rate and every survivor as a diff line.
Not part of CI (a mutant rebuilds tens of translation units on two cores: about a minute each);
run it before a large change lands. Needs ccache (apt-get install ccache) for speed.
"""
from __future__ import annotations

import argparse
import dataclasses
import filecmp
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build-mutate"
COPY = WORK / "src"
BUILD = WORK / "build"
AREAS = ["foundation", "caching", "requests", "envelope", "output"]  # fastest binaries first


@dataclasses.dataclass
class Mutant:
    path: Path          # relative to the project root
    line: int           # 0-based
    column: int         # where the token starts in the line
    original: str
    replacement: str
    kind: str

    def describe(self, lines: list[str]) -> str:
        before = lines[self.line].strip()
        after = mutate_line(lines[self.line], self).strip()
        return f"{self.path}:{self.line + 1}: [{self.kind}] {before}  →  {after}"


def mutate_line(text: str, m: Mutant) -> str:
    assert text[m.column:m.column + len(m.original)] == m.original
    return text[:m.column] + m.replacement + text[m.column + len(m.original):]


def code_spans(lines: list[str]) -> list[list[tuple[int, int]]]:
    """For each line, the column ranges that are code (not comment, string or character literal)."""
    spans: list[list[tuple[int, int]]] = []
    in_block = False
    for text in lines:
        line_spans: list[tuple[int, int]] = []
        i, start, n = 0, 0, len(text)
        if text.lstrip().startswith("#"):  # preprocessor lines are not mutated
            spans.append([])
            continue
        while i < n:
            if in_block:
                end = text.find("*/", i)
                if end < 0:
                    i = n
                    start = n
                    break
                i = start = end + 2
                in_block = False
                continue
            two = text[i:i + 2]
            c = text[i]
            if two == "//":
                break
            if two == "/*":
                line_spans.append((start, i))
                in_block = True
                i += 2
                continue
            if c == 'R' and text.startswith('R"', i):  # raw string: skip to its delimiter
                delim_end = text.find("(", i)
                delim = text[i + 2:delim_end]
                close = text.find(")" + delim + '"', delim_end)
                line_spans.append((start, i))
                i = start = (close + len(delim) + 2) if close >= 0 else n
                continue
            if c in "\"'":
                if c == "'" and i > 0 and text[i - 1].isalnum():  # digit separator 1'000
                    i += 1
                    continue
                line_spans.append((start, i))
                j = i + 1
                while j < n and text[j] != c:
                    j += 2 if text[j] == "\\" else 1
                i = start = j + 1
                continue
            i += 1
        if not in_block and start < n:
            line_spans.append((start, min(i, n)))
        spans.append([s for s in line_spans if s[1] > s[0]])
    return spans


BINARY_SWAPS = {
    "<": ["<="], "<=": ["<"], ">": [">="], ">=": [">"],
    "==": ["!="], "!=": ["=="], "&&": ["||"], "||": ["&&"],
    "+": ["-"], "-": ["+"],
}
KINDS = {"<": "relational", "<=": "relational", ">": "relational", ">=": "relational",
         "==": "relational", "!=": "relational", "&&": "logical", "||": "logical",
         "+": "arithmetic", "-": "arithmetic"}
BINARY_RE = re.compile(r"(?<= )(<=|>=|==|!=|&&|\|\||<|>|\+|-)(?= )")
INTEGER_RE = re.compile(r"(?<![\w.])(0[xX][0-9a-fA-F']+|\d[\d']*)([uUlL]*)(?![\w.'])")
NEGATION_RE = re.compile(r"!(?!=)(?=[\w(*])")
BOOL_RETURN_RE = re.compile(r"\breturn (true|false);")
BOOL_INIT_RE = re.compile(r"(?<=[=({,] )(true|false)\b(?=[;,)}])")
CASE_RE = re.compile(r"^\s*(case [^:]+(?:::[^:]+)*:)")


def find_sites(path: Path) -> list[Mutant]:
    lines = (COPY / path).read_text().splitlines(keepends=True)
    sites: list[Mutant] = []
    for number, (text, spans) in enumerate(zip(lines, code_spans(lines))):
        stripped = text.strip()
        if not stripped or "static_assert" in text:
            continue
        for lo, hi in spans:
            code = text[lo:hi]
            for m in BINARY_RE.finditer(code):
                for repl in BINARY_SWAPS[m.group(1)]:
                    sites.append(Mutant(path, number, lo + m.start(1), m.group(1), repl, KINDS[m.group(1)]))
            for m in INTEGER_RE.finditer(code):
                digits = m.group(1).replace("'", "")
                value = int(digits, 16) if digits[:2].lower() == "0x" else int(digits, 8 if len(digits) > 1 and digits[0] == "0" else 10)
                repl = (hex(value + 1) if digits[:2].lower() == "0x" else str(value + 1)) + m.group(2)
                sites.append(Mutant(path, number, lo + m.start(), m.group(0), repl, "constant"))
            for m in NEGATION_RE.finditer(code):
                sites.append(Mutant(path, number, lo + m.start(), "!", "", "negation"))
            for m in BOOL_RETURN_RE.finditer(code):
                flipped = "false" if m.group(1) == "true" else "true"
                sites.append(Mutant(path, number, lo + m.start(1), m.group(1), flipped, "boolean"))
            for m in BOOL_INIT_RE.finditer(code):
                flipped = "false" if m.group(1) == "true" else "true"
                sites.append(Mutant(path, number, lo + m.start(1), m.group(1), flipped, "boolean"))
        m = CASE_RE.match(text)
        if m and spans and spans[0][0] <= m.start(1):
            sites.append(Mutant(path, number, m.start(1), m.group(1), "", "case"))
    return sites


def sync_copy() -> None:
    """Mirrors the tracked (and modified) files of the working tree into build-mutate/src, copying
    only what differs so that an unchanged tree rebuilds nothing."""
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, check=True, capture_output=True, text=True).stdout.split()
    for name in files:
        src, dst = ROOT / name, COPY / name
        if not src.is_file():
            continue
        if dst.exists() and filecmp.cmp(src, dst, shallow=False):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        # A fresh time stamp, not the source's (copy2): a file edited before the copy's last build
        # would otherwise look older than the objects built from its previous content, and ninja
        # would link stale objects (seen: an inline table of two sizes in one test binary).
        shutil.copyfile(src, dst)


def configure() -> None:
    if (BUILD / "build.ninja").exists():
        return
    launcher = ["-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"] if shutil.which("ccache") else []
    if not launcher:
        print("mutate: ccache not found (apt-get install ccache): every restore rebuilds in full", file=sys.stderr)
    subprocess.run(["cmake", "-S", str(COPY), "-B", str(BUILD), "-G", "Ninja", "-DKAYAKO_WERROR=OFF",  # a mutant is judged by behaviour, not by warnings
                    "-DKAYAKO_BUILD_BENCHMARKS=OFF", "-DKAYAKO_BUILD_EXAMPLES=OFF", "-DKAYAKO_CONSUMER_TESTS=OFF",
                    "-DKAYAKO_HEADER_CHECK=OFF", "-DKAYAKO_INSTALL=OFF", *launcher],
                   check=True, stdout=subprocess.DEVNULL)


def build() -> tuple[bool, str]:
    # ccache caches translation units that use the tests' precompiled header only when told that
    # the header's time stamps may be ignored (its content is still hashed).
    env = dict(os.environ, CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime")
    result = subprocess.run(["cmake", "--build", str(BUILD), "-j", str(os.cpu_count() or 2)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return result.returncode == 0, result.stdout


def failed_at_compile_time(output: str) -> bool:
    """Whether a build failed on a compile-time test (a static_assert of the library or of a test,
    or a constexpr evaluation it forces), which kills the mutant, rather than on a mutant that is not
    valid C++."""
    return "static assertion failed" in output or "non-constant condition for static assertion" in output


def run_tests(timeout: float) -> str | None:
    """The name of the first test binary that fails (or times out), or None when all pass."""
    env = dict(os.environ)
    env.setdefault("KAYAKO_TESTDATA_DIR", str(ROOT.parent / "shared" / "testdata"))
    for area in AREAS:
        binary = BUILD / "tests" / f"kayako-tests-{area}"
        if not binary.exists():
            continue
        try:
            result = subprocess.run([str(binary), "--gtest_brief=1"], env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, timeout=timeout)
        except subprocess.TimeoutExpired:
            return f"{area} (timeout)"
        if result.returncode != 0:
            return area
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=50, help="mutants to evaluate (compiling ones)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random sample")
    parser.add_argument("--file", action="append", default=[], help="only mutate these headers (name or path)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per test binary")
    parser.add_argument("--list", action="store_true", help="print the sample and stop")
    args = parser.parse_args()

    WORK.mkdir(exist_ok=True)
    sync_copy()
    headers = sorted(p.relative_to(COPY) for p in (COPY / "include" / "kayako").rglob("*.hpp"))
    if args.file:
        headers = [h for h in headers if any(h.name == f or str(h) == f for f in args.file)]
    sites = [s for h in headers for s in find_sites(h)]
    random.Random(args.seed).shuffle(sites)
    print(f"mutate: {len(sites)} sites in {len(headers)} headers; seed {args.seed}; sample of {args.count}")
    if args.list:
        for site in sites[:args.count]:
            print(site.describe((COPY / site.path).read_text().splitlines()))
        return 0

    configure()
    if not build()[0] or run_tests(args.timeout) is not None:
        print("mutate: the unmutated tree does not build or does not pass its tests", file=sys.stderr)
        return 2

    killed, survivors, invalid = [], [], 0
    started = time.monotonic()
    for site in sites:
        if len(killed) + len(survivors) == args.count:
            break
        target = COPY / site.path
        original = target.read_text()
        lines = original.splitlines(keepends=True)
        lines[site.line] = mutate_line(lines[site.line], site)
        description = site.describe(original.splitlines())
        try:
            target.write_text("".join(lines))
            built, output = build()
            if not built and not failed_at_compile_time(output):
                invalid += 1
                print(f"  invalid   {description}")
                continue
            failing = run_tests(args.timeout) if built else "static_assert"
        finally:
            target.write_text(original)
        done = len(killed) + len(survivors) + 1
        if failing:
            killed.append(site)
            print(f"  [{done}/{args.count}] killed by {failing}: {description}", flush=True)
        else:
            survivors.append(description)
            print(f"  [{done}/{args.count}] SURVIVED: {description}", flush=True)
    build()  # leave the copy's build matching the unmutated tree

    evaluated = len(killed) + len(survivors)
    rate = 100.0 * len(killed) / evaluated if evaluated else 0.0
    minutes = (time.monotonic() - started) / 60
    print(f"\nmutate: {len(killed)} of {evaluated} mutants killed ({rate:.0f}%), {invalid} did not compile; "
          f"seed {args.seed}; {minutes:.0f} min")
    for description in survivors:
        print(f"  survivor: {description}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
