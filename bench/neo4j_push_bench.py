"""Benchmark: rows/s of the Neo4j push against a local ArcadeDB Bolt server, by batch size.

    python bench/neo4j_push_bench.py                       # 100,000 nodes, 500,000 relationships
    python bench/neo4j_push_bench.py --nodes 20000 --rels 100000

Each batch size pushes the same synthetic graph into a fresh server (started in its own process, so
the exporter's peak memory below is the exporter's alone). Batch size 1 pushes only the first
``--unbatched-rows`` rows (node rows), and the batched/unbatched ratio compares node rows/s.
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))  # tests.support; the installed semikg comes first

from tests.support.arcadedb_server import ArcadeBoltServer  # noqa: E402
from semikg.export.mapping import ExportPlan, make_node, make_rel, plan_of  # noqa: E402
from semikg.export.push import Neo4jSettings, push  # noqa: E402

CLASSES = (("Foundry", "Company"), ("FablessCompany", "Company"), ("Chip",), ("ProcessNode",), ("Technology",),
           ("Equipment",), ("Place",))
TYPES = ("SUPPLIES", "DESIGNS", "MANUFACTURES", "USES_NODE", "USES_TECHNOLOGY", "LOCATED_IN", "PARTNERS_WITH")
NS = "https://semikg.org/id/e/"


def synthetic_plan(n_nodes: int, n_rels: int, seed: int = 7) -> ExportPlan:
    rnd = random.Random(seed)
    nodes = []
    for i in range(n_nodes):
        classes = CLASSES[i % len(CLASSES)]
        nodes.append(make_node(("Entity", *classes), f"{NS}n{i:07d}", {
            "id": f"n{i:07d}", "name": f"Entity {i}", "name_zh_Hans": f"实体{i}", "name_zh_Hant": f"實體{i}",
            "aliases": [f"E{i}", f"实体{i}号"], "classes": list(classes), "kind": classes[-1], "origin": "discovered",
        }))
    seen: set[tuple[str, int, int]] = set()
    rels = []
    while len(rels) < n_rels:
        t, a, b = TYPES[rnd.randrange(len(TYPES))], rnd.randrange(n_nodes), rnd.randrange(n_nodes)
        if a == b or (t, a, b) in seen:
            continue
        seen.add((t, a, b))
        k = 1 + rnd.randrange(2)
        rels.append(make_rel(t, "Entity", f"{NS}n{a:07d}", "Entity", f"{NS}n{b:07d}", {
            "predicate": t.lower(), "asserted": True, "status": "stated", "confidence": 0.9, "evidence_count": k,
            "article_ids": [f"news-{rnd.randrange(1000):03d}" for _ in range(k)],
            "quotes": [f"某公司{a}向{b}供货，第{j}句。" for j in range(k)],
            "start_offsets": [j * 40 for j in range(k)], "end_offsets": [j * 40 + 30 for j in range(k)],
            "confidences": [0.9] * k, "statuses": ["stated"] * k, "rules": ["r-supply"] * k,
        }))
    return plan_of(nodes, rels)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run(plan: ExportPlan, batch_size: int) -> dict:
    with ArcadeBoltServer(heap="4g") as server:
        settings = Neo4jSettings(uri=server.uri, user=server.user, password=server.password,
                                 database=server.database, retry_seconds=60)
        t0 = time.perf_counter()
        nodes_only = ExportPlan(nodes=plan.nodes, relationships=())
        push(nodes_only, settings, batch_size=batch_size)
        t1 = time.perf_counter()
        rels_only = ExportPlan(nodes=(), relationships=plan.relationships)
        if plan.relationships:
            push(rels_only, settings, batch_size=batch_size)
        t2 = time.perf_counter()
    n, r = len(plan.nodes), len(plan.relationships)
    return {"batch": batch_size, "nodes": n, "rels": r, "node_rps": n / (t1 - t0),
            "rel_rps": r / (t2 - t1) if r else 0.0, "all_rps": (n + r) / (t2 - t0), "seconds": t2 - t0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=100_000)
    ap.add_argument("--rels", type=int, default=500_000)
    ap.add_argument("--batch-sizes", default="1,100,1000,10000")
    ap.add_argument("--unbatched-rows", type=int, default=10_000, help="rows pushed with batch size 1")
    a = ap.parse_args()
    t = time.perf_counter()
    plan = synthetic_plan(a.nodes, a.rels)
    print(f"synthetic graph: {len(plan.nodes):,} nodes, {len(plan.relationships):,} relationships "
          f"(built in {time.perf_counter() - t:.1f}s, exporter RSS so far {peak_rss_mb():.0f} MB)", flush=True)
    results = []
    for size in (int(x) for x in a.batch_sizes.split(",")):
        sub = ExportPlan(nodes=plan.nodes[:a.unbatched_rows], relationships=()) if size == 1 else plan
        res = run(sub, size)
        results.append(res)
        print(f"batch {size:>6}: {res['nodes']:>7,} nodes at {res['node_rps']:>9,.0f} rows/s; "
              f"{res['rels']:>7,} relationships at {res['rel_rps']:>9,.0f} rows/s; "
              f"all rows {res['all_rps']:>9,.0f} rows/s ({res['seconds']:.1f}s)", flush=True)
    base = next((r for r in results if r["batch"] == 1), None)
    if base:
        for r in results:
            if r["batch"] != 1:
                print(f"ratio batch {r['batch']} / batch 1 (node rows/s): {r['node_rps'] / base['node_rps']:.1f}x")
    print(f"exporter peak memory (max RSS of this process, server excluded): {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
