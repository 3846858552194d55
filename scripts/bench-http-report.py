#!/usr/bin/env python3
"""The markdown report of `make bench` (scripts/bench-http.sh) from the files of its output folder.

Each wrk run ends with a `WRKSTAT …` line (Benchmarks/wrk/report.lua); each cell of the table is the median over the
rounds, taken separately for each figure, and the ratio is generated ÷ baseline of the medians (the range of the
per-round ratios shows the noise). The ceiling for get by id combines the HTTP stack alone (/health, the faster of
the two servers) and PostgreSQL alone (pgbench on the same statement at the same concurrency): a request that needs
both takes at least 1/health + 1/pgbench seconds of the machine.
"""
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path

SCENARIOS = {
    "health": "GET /health",
    "get": "get by id — GET /products/{id}",
    "cursor": "cursor list of 25 — GET /products?limit=25&after=…",
    "offset": "offset list of 25 + total — GET /orders?limit=25&page=N",
    "patch": "PATCH one field — PATCH /products/{id} {stock}",
    "create": "create — POST /products",
    "profile": "profile, 2 relations — GET /orders/{id}?profile=withCustomer",
    "pageprofile": "profile of a page of 25 — GET /orders?limit=25&page=N&profile=withCustomer",
}


def read_wrk(path):
    match = re.search(r"WRKSTAT (.*)", path.read_text())
    if not match:
        sys.exit(f"bench: no result in {path}:\n{path.read_text()}")
    return {key: float(value) for key, value in (item.split("=") for item in match.group(1).split())}


def main(folder):
    runs = defaultdict(lambda: defaultdict(list))  # (scenario, connections) → server → [stats per round]
    for path in sorted(folder.glob("*.c*.*.*.txt")):
        scenario, connections, server, round_ = path.name[:-4].split(".")
        if scenario in SCENARIOS and round_ != "warmup":
            runs[(scenario, int(connections[1:]))][server].append(read_wrk(path))
    pgbench = defaultdict(list)
    for path in folder.glob("pgbench.c*.*.txt"):
        match = re.search(r"tps = ([0-9.]+)", path.read_text())
        if match:
            pgbench[int(path.name.split(".")[1][1:])].append(float(match.group(1)))

    def median(stats, key):
        return statistics.median(s[key] for s in stats)

    def previous_cells(generated, previous):
        # The same commit's store before the change, in the same rounds: what the change itself brought.
        if not previous:
            return " – | – | – |"
        p = median(previous, "rps")
        per_round = sorted(x["rps"] / y["rps"] for x, y in zip(generated, previous))
        return (f" {p:,.0f} | **{median(generated, 'rps') / p:.2f}** ({per_round[0]:.2f}–{per_round[-1]:.2f}) "
                f"| {ms(median(previous, 'p50_us'))} / {ms(median(previous, 'p99_us'))} |")

    def ms(microseconds):
        return f"{microseconds / 1000:.2f} ms"

    environment = (folder / "environment.txt").read_text().strip().splitlines() if (folder / "environment.txt").exists() else []
    print("Setup: " + "; ".join(environment) + "\n")
    with_previous = any("previous" in sides for sides in runs.values())
    print("| scenario | conns | generated req/s | baseline req/s | generated ÷ baseline (rounds) "
          "| generated p50 / p99 | baseline p50 / p99 |" + (" previous req/s | generated ÷ previous (rounds) | previous p50 / p99 |" if with_previous else ""))
    print("|---|---:|---:|---:|---:|---:|---:|" + ("---:|---:|---:|" if with_previous else ""))
    problems = []
    medians = {}
    ordered = sorted(runs, key=lambda key: (list(SCENARIOS).index(key[0]), key[1]))
    for scenario, connections in ordered:
        sides = runs[(scenario, connections)]
        generated, baseline = sides.get("generated", []), sides.get("baseline", [])
        if not generated or not baseline:
            continue
        g, b = median(generated, "rps"), median(baseline, "rps")
        medians[(scenario, connections)] = (g, b)
        per_round = sorted(x["rps"] / y["rps"] for x, y in zip(generated, baseline))
        print(f"| {SCENARIOS[scenario]} | {connections} | {g:,.0f} | {b:,.0f} | **{g / b:.2f}** "
              f"({per_round[0]:.2f}–{per_round[-1]:.2f}) "
              f"| {ms(median(generated, 'p50_us'))} / {ms(median(generated, 'p99_us'))} "
              f"| {ms(median(baseline, 'p50_us'))} / {ms(median(baseline, 'p99_us'))} |"
              + (previous_cells(generated, sides.get("previous", [])) if with_previous else ""))
        for server, stats in sides.items():
            failed = sum(s["non2xx"] + s["socket_errors"] for s in stats)
            if failed:
                problems.append(f"{scenario} at {connections} connection(s) on {server}: {failed:.0f} failed responses")

    ratios = sorted(g / b for g, b in medians.values())
    if ratios:
        print(f"\nMedian ratio {statistics.median(ratios):.2f}, lowest {ratios[0]:.2f}, highest {ratios[-1]:.2f}.")
    for problem in problems:
        print(f"\n**Warning**: {problem} (non-2xx or socket errors; see the wrk output).")

    print("\nCeiling for get by id (the same run):\n")
    print("| conns | /health, generated | /health, baseline | pgbench, same SELECT (prepared) | combined ceiling "
          "| generated get by id ÷ ceiling | baseline get by id ÷ ceiling |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for connections in sorted(pgbench):
        if ("health", connections) not in medians or ("get", connections) not in medians:
            continue
        health_g, health_b = medians[("health", connections)]
        database = statistics.median(pgbench[connections])
        ceiling = 1 / (1 / max(health_g, health_b) + 1 / database)
        get_g, get_b = medians[("get", connections)]
        print(f"| {connections} | {health_g:,.0f} | {health_b:,.0f} | {database:,.0f} tps | {ceiling:,.0f} "
              f"| **{get_g / ceiling:.2f}** | {get_b / ceiling:.2f} |")

    database = defaultdict(list)  # (scenario, connections) → pgbench tps of the scenario's statements
    for path in folder.glob("database.*.c*.*.txt"):
        _, scenario, connections, _round, _ = path.name.split(".")
        match = re.search(r"tps = ([0-9.]+)", path.read_text())
        if match:
            database[(scenario, int(connections[1:]))].append(float(match.group(1)))
    if database:
        print("\nThe database alone for the other scenarios (pgbench running the statements the generated server runs "
              "for one request, all prepared, same concurrency; combined with /health as above):\n")
        print("| scenario | conns | pgbench, requests/s | combined ceiling | generated ÷ ceiling | baseline ÷ ceiling |")
        print("|---|---:|---:|---:|---:|---:|")
        for key in sorted(database, key=lambda key: (list(SCENARIOS).index(key[0]), key[1])):
            if key not in medians or ("health", key[1]) not in medians:
                continue
            tps = statistics.median(database[key])
            ceiling = 1 / (1 / max(medians[("health", key[1])]) + 1 / tps)
            g, b = medians[key]
            print(f"| {SCENARIOS[key[0]]} | {key[1]} | {tps:,.0f} | {ceiling:,.0f} | **{g / ceiling:.2f}** | {b / ceiling:.2f} |")

    memory = folder / "memory.txt"
    if memory.exists():
        peaks = dict(line.split() for line in memory.read_text().splitlines())
        print("\nPeak resident memory over the run (VmHWM): "
              + ", ".join(f"{name} {int(kb) / 1024:.0f} MB" for name, kb in peaks.items()) + ".")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ".build/bench-http"))
