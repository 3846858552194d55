#!/usr/bin/env python3
"""The markdown report of `make bench-cache` (scripts/bench-cache.sh) from the files of its output folder.

Each cell is the median over the rounds of one figure (Benchmarks/wrk/report.lua's `WRKSTAT` line). Ratios are of
medians: cached ÷ uncached, and cached ÷ GET /health measured in the same rounds. The hit ratio is the cached
server's hits ÷ (hits + misses) over its measured runs of the scenario, from /metrics.
"""
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path

SCENARIOS = {
    "get": "get by id — GET /products/{id}",
    "list": "first list page, filtered — GET /products?category=…&limit=25",
    "profile": "profile (tags, many-to-many) — GET /products/{id}?profile=withTags",
    "mixed": "90 % get by id + 10 % PATCH of a product",
    "patch": "PATCH of a product alone (what the writes of the mix cost)",
}
SERVERS = ["cached", "redis", "uncached"]


def read_wrk(path):
    match = re.search(r"WRKSTAT (.*)", path.read_text())
    if not match:
        sys.exit(f"bench-cache: no result in {path}:\n{path.read_text()}")
    return {key: float(value) for key, value in (item.split("=") for item in match.group(1).split())}


def main(folder):
    runs = defaultdict(lambda: defaultdict(list))
    health = defaultdict(list)
    for path in sorted(folder.glob("*.*.*.txt")):
        name, server, round_ = path.name[:-4].split(".", 2)
        if round_ == "warmup":
            continue
        if name == "health":
            health[round_.split("-")[0]].append(read_wrk(path))
        elif name in SCENARIOS:
            runs[name][server].append(read_wrk(path))
    hits = defaultdict(dict)
    for line in (folder / "hits.txt").read_text().splitlines():
        name, server, when, hit, miss = line.split()
        hits[(name, server)][when] = (float(hit), float(miss))
    median = lambda rows, key: statistics.median(row[key] for row in rows)
    print("| scenario | server | req/s | p50 ms | p99 ms | ÷ uncached | ÷ /health | hit ratio | non-2xx |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, title in SCENARIOS.items():
        if name not in runs:
            continue
        uncached = median(runs[name]["uncached"], "rps")
        ceiling = median(health[name], "rps") if health[name] else None
        for server in SERVERS:
            rows = runs[name][server]
            rps = median(rows, "rps")
            ratio = ""
            if (name, server) in hits and {"before", "after"} <= hits[(name, server)].keys():
                (h0, m0), (h1, m1) = hits[(name, server)]["before"], hits[(name, server)]["after"]
                total = (h1 - h0) + (m1 - m0)
                ratio = f"{(h1 - h0) / total:.3f}" if total else "–"
            print(f"| {title if server == 'cached' else ''} | {server} | {rps:,.0f} | {median(rows, 'p50_us') / 1000:.2f} "
                  f"| {median(rows, 'p99_us') / 1000:.2f} | {rps / uncached:.2f} | "
                  f"{(rps / ceiling if ceiling else 0):.2f} | {ratio} | {int(sum(row['non2xx'] for row in rows))} |")
    all_health = [row for rows in health.values() for row in rows]
    if all_health:
        print(f"\nGET /health on the cached server, the same rounds: median {median(all_health, 'rps'):,.0f} req/s.")
    memory = folder / "memory.txt"
    if memory.exists():
        print("\nPeak resident memory: " + ", ".join(f"{s} {int(k) / 1024:.0f} MB" for s, k in (l.split() for l in memory.read_text().splitlines())) + ".")
    environment = folder / "environment.txt"
    if environment.exists():
        print("\n" + "; ".join(environment.read_text().splitlines()))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ".build/bench-cache"))
