"""Benchmark: what the saved query measurement-conflicts costs on Oxigraph, and its floor.

Usage:
  .venv/bin/python bench/conflicts_floor.py --store DIR     # DIR: a store written by `semikg build`
                                                            # or by bench/scale_bench.py (WORK/synthetic/store)

The query pairs every measurement with every other of the same entity, kind, unit and year, so it
has to read each measurement's properties on both sides of the pairing. It prints, each a median of
--runs on the same store in one run:
1. the saved query through the runner `semikg query run` uses (`select_ordered`);
2. its parts, counted in the engine: one side (the measurements with the six properties the query
   reads) and the candidate pairs before the filters;
3. the floor: the same answer rows stored on nodes of their own, in a copy of the store, and read back
   through the same runner. No query that computes the answer can be faster than reading it.

Prints figures; asserts nothing about speed.
"""
from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

PREFIXES = """PREFIX skg: <https://semikg.org/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
SIDE = """{{ SELECT ?m{s} ?e ?k ?unit ?v{s} ?a{s} ?y{s} WHERE {{
  {{ SELECT ?m{s} WHERE {{ ?m{s} a skg:Measurement }} }}
  {{ SELECT ?m{s} ?e WHERE {{ ?m{s} skg:about ?e }} }}
  {{ SELECT ?m{s} ?k WHERE {{ ?m{s} skg:quantityKind ?k }} }}
  {{ SELECT ?m{s} ?unit WHERE {{ ?m{s} skg:unit ?unit }} }}
  {{ SELECT ?m{s} ?v{s} WHERE {{ ?m{s} skg:value ?v{s} }} }}
  {{ SELECT ?m{s} ?a{s} WHERE {{ ?m{s} prov:wasDerivedFrom ?a{s} }} }}
  OPTIONAL {{ SELECT ?m{s} ?y{s} WHERE {{ ?m{s} skg:year ?y{s} }} }}
}} }}"""
# Both sides share ?e ?k ?unit: the engine pairs them on those, as the saved query does.
COUNT_SIDE = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { " + SIDE.format(s="1") + " }"
COUNT_PAIRS = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { " + SIDE.format(s="1") + " " + SIDE.format(s="2") + " }"
COLUMNS = ("entity", "kind", "year", "unit", "value_a", "article_a", "value_b", "article_b")
ANSWER = "https://semikg.org/bench/conflict/"
STORED = (PREFIXES + "PREFIX b: <https://semikg.org/bench/>\nSELECT ?" + " ?".join(COLUMNS) + " WHERE {\n"
          + "  { SELECT ?c WHERE { ?c a b:Conflict } }\n"
          + "".join(f"  {{ SELECT ?c ?{c} WHERE {{ ?c b:{c} ?{c} }} }}\n" for c in COLUMNS if c != "year")
          # Only the year may be unbound (neither article states one).
          + "  OPTIONAL { SELECT ?c ?year WHERE { ?c b:year ?year } }\n}\nORDER BY ?" + " ?".join(COLUMNS) + "\n")


def median_ms(fn, runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True, help="a semikg store folder (with meta.json)")
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()

    import pyoxigraph as ox
    from oxrdflib._converter import to_ox
    from rdflib import RDF, Literal, URIRef

    from semikg.errors import SemikgError
    from semikg.queries.registry import get_query
    from semikg.queries.run import select_ordered
    from semikg.store.backends import oxigraph_store_of
    from semikg.store.disk import DB_DIR, open_store

    spec = get_query("measurement-conflicts")
    try:
        g = open_store(args.store)
    except SemikgError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    store = oxigraph_store_of(g)
    params = {"min_gap_pct": Literal(0.0)}
    print(f"# measurement-conflicts on {args.store} ({g.store_meta.triples} triples), median of {args.runs}")

    saved_ms, answer = median_ms(lambda: select_ordered(g, spec.sparql, params), args.runs)
    print(f"saved query through the runner:   {saved_ms:7.1f} ms   {len(answer.rows)} rows")
    for label, q in (("one side (6 properties)", COUNT_SIDE), ("candidate pairs, unfiltered", COUNT_PAIRS)):
        ms, n = median_ms(lambda q=q: next(iter(store.query(q)))[0].value, args.runs)
        print(f"  {label + ':':31s} {ms:7.1f} ms   {n} rows (counted in the engine)")

    # The floor: the answer stored as rows, in a copy of the same store, read by the same runner.
    with tempfile.TemporaryDirectory(prefix="semikg-floor-") as tmp:
        copy = Path(tmp) / "store"
        shutil.copytree(Path(args.store), copy)
        db = ox.Store(str(copy / DB_DIR))
        bench = "https://semikg.org/bench/"
        idx = {c: answer.columns.index(c) for c in COLUMNS}
        quads = []
        for i, row in enumerate(answer.rows):
            node = URIRef(f"{ANSWER}{i:08d}")
            # The cells are plain values: an rdflib Literal of each is a term they read back as.
            triples = [(node, RDF.type, URIRef(bench + "Conflict"))] + [
                (node, URIRef(bench + c), Literal(row[idx[c]])) for c in COLUMNS if row[idx[c]] is not None]
            quads += [ox.Quad(*map(to_ox, t)) for t in triples]
        db.bulk_extend(quads)
        db.optimize()
        db.flush()
        del db
        gc.collect()  # pyoxigraph releases the RocksDB lock only when the Store object is freed
        g2 = open_store(copy)
        floor_ms, stored = median_ms(lambda: select_ordered(g2, STORED), args.runs)
        same = tuple(tuple(r[idx[c]] for c in COLUMNS) for r in answer.rows) == stored.rows
        print(f"floor: the stored answer read back: {floor_ms:7.1f} ms   {len(stored.rows)} rows"
              f" ({'the same rows' if same else 'DIFFERENT rows'})")
        print(f"saved query / floor: {saved_ms / floor_ms:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
