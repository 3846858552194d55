#!/usr/bin/env python3
"""The markdown report of `make bench-helpdesk` (scripts/bench-helpdesk.sh) from the files of its output folder.

Each wrk run ends with a `WRKSTAT …` line (Benchmarks/wrk/report.lua); each cell is the median over the rounds, taken
separately for each figure. The admin's rules fold to every row, so its figure is the rule-free one on the same routes
and server; the ratios are agent ÷ admin and customer ÷ admin of the medians (in brackets the range of the per-round
ratios, which shows the noise), against issue #19's target of 0.9.
"""
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path

SCENARIOS = {
    "get": "get by id — GET /tickets/{id}",
    "list": "first page of 25 — GET /tickets?limit=25",
    "cursor": "cursor page of 25 — GET /tickets?limit=25&after=…",
}
CALLERS = ["admin", "agent", "customer"]
TARGET = 0.9


def read_wrk(path):
    match = re.search(r"WRKSTAT (.*)", path.read_text())
    if not match:
        sys.exit(f"bench: no result in {path}:\n{path.read_text()}")
    return {key: float(value) for key, value in (item.split("=") for item in match.group(1).split())}


def main(folder):
    runs = defaultdict(lambda: defaultdict(list))  # (scenario, connections) → caller → [stats per round]
    for path in sorted(folder.glob("*.c*.*.*.txt")):
        scenario, connections, caller, round_ = path.name[:-4].split(".")
        if scenario in SCENARIOS and caller in CALLERS and round_ != "warmup":
            runs[(scenario, int(connections[1:]))][caller].append(read_wrk(path))

    def median(stats, key):
        return statistics.median(s[key] for s in stats)

    def ms(microseconds):
        return f"{microseconds / 1000:.2f}"

    environment = (folder / "environment.txt").read_text().strip().splitlines() if (folder / "environment.txt").exists() else []
    print("Setup: " + "; ".join(environment) + "\n")
    print("| scenario | conns | admin (no rules) req/s | agent req/s | customer req/s | agent ÷ admin (rounds) "
          "| customer ÷ admin (rounds) | p50 / p99 ms: admin · agent · customer |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    problems, misses = [], []
    ordered = sorted(runs, key=lambda key: (list(SCENARIOS).index(key[0]), key[1]))
    for scenario, connections in ordered:
        sides = runs[(scenario, connections)]
        if any(not sides.get(caller) for caller in CALLERS):
            continue
        rps = {caller: median(sides[caller], "rps") for caller in CALLERS}
        cells = []
        for caller in ("agent", "customer"):
            ratio = rps[caller] / rps["admin"]
            per_round = sorted(x["rps"] / y["rps"] for x, y in zip(sides[caller], sides["admin"]))
            mark = "" if ratio >= TARGET else " ✗"
            cells.append(f"**{ratio:.2f}**{mark} ({per_round[0]:.2f}–{per_round[-1]:.2f})")
            if ratio < TARGET:
                misses.append(f"{caller}, {SCENARIOS[scenario].split(' — ')[0]}, {connections} connection(s): {ratio:.2f}")
        latencies = " · ".join(f"{ms(median(sides[c], 'p50_us'))} / {ms(median(sides[c], 'p99_us'))}" for c in CALLERS)
        print(f"| {SCENARIOS[scenario]} | {connections} | {rps['admin']:,.0f} | {rps['agent']:,.0f} "
              f"| {rps['customer']:,.0f} | {cells[0]} | {cells[1]} | {latencies} |")
        for caller, stats in sides.items():
            failed = sum(s["non2xx"] + s["socket_errors"] for s in stats)
            if failed:
                problems.append(f"{scenario} at {connections} connection(s) as {caller}: {failed:.0f} failed responses")

    print()
    if misses:
        print(f"Below the target of {TARGET}: " + "; ".join(misses) + ".")
    elif runs:
        print(f"Every ratio is at or above the target of {TARGET}.")
    for problem in problems:
        print(f"\n**Warning**: {problem} (non-2xx or socket errors; see the wrk output).")

    memory = folder / "memory.txt"
    if memory.exists():
        peaks = dict(line.split() for line in memory.read_text().splitlines())
        print("\nPeak resident memory over the run (VmHWM): "
              + ", ".join(f"{name} {int(kb) / 1024:.0f} MB" for name, kb in peaks.items()) + ".")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ".build/bench-helpdesk"))
