"""Per-query latency of the saved SPARQL queries on the seed graph (median of several runs).

    python bench/query_bench.py [--graph build/semikg.ttl] [--runs 5]

Without --graph the seed graph is built first (into a temporary folder). Prints a table; asserts nothing.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from semikg.store.load import load_graph
from semikg.graph.resolve import NameIndex
from semikg.queries.registry import load_library
from semikg.queries.run import run_saved


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--graph", type=Path, help="graph file (default: build the seed graph)")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if args.graph is None:
        from semikg.build import run_build

        out = Path(tempfile.mkdtemp(prefix="semikg-qbench-"))
        run_build(out=out, shacl=False)
        args.graph = out / "semikg.ttl"
    graph = load_graph(args.graph)
    names = NameIndex(graph)  # built once, as a long-running caller would
    stores = {"memory": graph}
    try:
        from rdflib import Graph

        ox = Graph(store="Oxigraph")
        ox.parse(args.graph, format="turtle")
        stores["oxigraph"] = ox
    except Exception as e:  # oxrdflib missing or broken: report the memory store only
        print(f"(no Oxigraph store: {type(e).__name__})")
    print(f"graph: {args.graph} ({len(graph)} triples), {args.runs} runs per query; median (min-max) ms")
    print(f"{'query':<24} {'rows':>5}" + "".join(f" {s + ' median':>16} {'min-max':>15}" for s in stores))
    totals = dict.fromkeys(stores, 0.0)
    for name, spec in load_library().items():
        line, rows = "", 0
        for store, g in stores.items():
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                result, _ = run_saved(g, spec, names=names)
                times.append((time.perf_counter() - t) * 1000)
                rows = len(result.rows)
            med = statistics.median(times)
            totals[store] += med
            line += f" {med:>16.1f} {f'{min(times):.1f}-{max(times):.1f}':>15}"
        print(f"{name:<24} {rows:>5}{line}")
    print(f"{'sum of medians':<24} {'':>5}" + "".join(f" {v:>16.1f} {'':>15}" for v in totals.values()))


if __name__ == "__main__":
    main()
