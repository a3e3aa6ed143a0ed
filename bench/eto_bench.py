"""Benchmark: load the full ETO dataset and convert it to a graph (target: under 5 s together).

Usage: .venv/bin/python bench/eto_bench.py [ETO_DIR] [--catalog seeds/catalog.yaml] [--graph build/semikg.ttl] [--shacl]
Prints figures; asserts nothing about speed.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("eto_dir", nargs="?", default=str(REPO.parent / "shared" / "eto"))
    ap.add_argument("--catalog", default=None, help="catalog YAML (default: seeds/catalog.yaml, else the test mini catalog)")
    ap.add_argument("--graph", default=None, help="article graph to merge into")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--shacl", action="store_true", help="also time SHACL validation of the result")
    args = ap.parse_args()

    t0 = time.perf_counter()
    from semikg.eto.csvload import load_eto
    from semikg.eto.graph import eto_to_graph
    from semikg.eto.overrides import load_overrides
    from semikg.eto.pipeline import default_overrides_path, read_base_graph
    from semikg.loaders.catalog import load_catalog
    t_import = time.perf_counter() - t0

    catalog_path = args.catalog or (REPO / "seeds" / "catalog.yaml")
    if not Path(catalog_path).is_file():
        catalog_path = REPO / "tests" / "eto" / "data" / "catalog_mini.yaml"
    catalog = load_catalog(catalog_path)
    overrides = load_overrides(default_overrides_path())
    base = read_base_graph(args.graph) if args.graph else None

    loads, converts = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        ds = load_eto(args.eto_dir)
        t1 = time.perf_counter()
        graph, report = eto_to_graph(ds, catalog, base, overrides)
        t2 = time.perf_counter()
        loads.append(t1 - t)
        converts.append(t2 - t1)
    total = [a + b for a, b in zip(loads, converts)]
    print(f"dataset: {args.eto_dir}")
    print(f"catalog: {catalog_path} ({len(catalog.entries)} entries); base graph: {args.graph or 'none'}")
    print(f"rows: {len(ds.providers)} providers ({ds.provider_rows} rows), {len(ds.inputs)} inputs, "
          f"{len(ds.provision)} provision, {len(ds.sequence)} sequence links, {len(ds.stages)} stages")
    print(f"resolution: {len(report.merged)} merged, {len(report.ambiguous)} ambiguous, {len(report.unmatched)} unmatched")
    print(f"graph: {len(graph)} triples")
    print(f"import:          {t_import:.3f} s")
    print(f"load CSV (median of {args.repeat}):   {statistics.median(loads):.3f} s")
    print(f"to graph (median of {args.repeat}):   {statistics.median(converts):.3f} s")
    print(f"load + graph (median): {statistics.median(total):.3f} s  (target < 5 s)")
    if args.shacl:
        from semikg.eto.shacl import validate_with_eto
        t = time.perf_counter()
        result = validate_with_eto(graph)
        print(f"SHACL: conforms={result.conforms} violations={len(result.violations)} in {time.perf_counter() - t:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
