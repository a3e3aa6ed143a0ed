"""Benchmark: corpus scaling, query latency rdflib-memory vs Oxigraph, store open time.

Usage:
  .venv/bin/python bench/scale_bench.py                       # full scale: x1 x10 x100, 1 M synthetic triples
  .venv/bin/python bench/scale_bench.py --scales 1,10 --synthetic 200000 --budget 10   # a quick run

1. Corpus scaling: `run_build` (no SHACL) on copies of seeds/*.txt with distinct names, x1/x10/x100,
   each in its own process: wall time, peak RSS, log-log slope of time vs characters.
2. Query latency: every saved query (parameters at their defaults) plus tests/store/queries/*.rq,
   median of N runs, on the largest corpus graph (merged with the ETO dataset when found) and on a
   synthetic graph of >= 1 M triples. rdflib's engine gets a time budget per query (it is stopped
   with SIGALRM: it is pure Python); a stopped query is reported as "> budget".
3. Store open time: a fresh process opens the 1 M-triple store and prints the first result row of
   a saved query (time to first result), vs parsing the same graph from Turtle.

Prints figures; asserts nothing about speed.
"""
from __future__ import annotations

import argparse
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.append(str(REPO))  # tests.support and bench.support; the installed semikg comes first
ETO_DEFAULT = REPO.parent / "shared" / "eto"
QUERY_DIR = REPO / "tests" / "store" / "queries"


HWM = """
def _peak_mib():
    # VmHWM of this process; rusage of a child counts the parent's pages from before exec on Linux
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
    return 0
"""


def _child_rss(code: str, *args: str) -> tuple[float, float, str]:
    """Run python code in a fresh process: (wall seconds, peak RSS MiB, stdout without the RSS field).
    The code prints its figures on one line; ``_peak_mib()`` is appended to that line."""
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", HWM + code, *args],
                          capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        err = proc.stderr.strip()
        raise SystemExit(f"child failed: {err.splitlines()[-1] if err else proc.returncode}")
    fields = proc.stdout.split()
    return wall, float(fields[-1]), " ".join(fields[:-1])


BUILD_CODE = """
import sys, time
from pathlib import Path
from semikg.build import run_build
t = time.perf_counter()
r = run_build(articles=Path(sys.argv[1]), out=Path(sys.argv[2]), shacl=False, store=True)
print(r.report.triples, r.report.characters, round(time.perf_counter() - t, 3), _peak_mib())
"""


def corpus(dest: Path, times: int) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for k in range(times):
        for f in sorted((REPO / "seeds").glob("*.txt")):
            shutil.copy(f, dest / f"{f.stem}_c{k:03d}{f.suffix}")
    return dest


def slope(xs: list[float], ys: list[float]) -> float:
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    den = sum((a - mx) ** 2 for a in lx)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / den if den else float("nan")


def part1(work: Path, scales: list[int]) -> dict[int, Path]:
    print("\n## 1. corpus scaling (run_build, no SHACL, writes semikg.ttl + store/; one process per build)")
    print(f"{'scale':>6} {'files':>6} {'chars':>11} {'triples':>10} {'build s':>9} {'process s':>10} {'peak RSS MiB':>13} {'s/Mchar':>8}")
    outs, chars, secs = {}, [], []
    for n in scales:
        src = corpus(work / f"in-x{n}", n)
        out = work / f"out-x{n}"
        wall, rss, text = _child_rss(BUILD_CODE, str(src), str(out))
        triples, ch, build_s = text.split()
        chars.append(int(ch))
        secs.append(float(build_s))
        outs[n] = out
        print(f"{'x' + str(n):>6} {len(list(src.iterdir())):>6} {int(ch):>11} {int(triples):>10} {float(build_s):>9.2f} "
              f"{wall:>10.2f} {rss:>13.0f} {float(build_s) / (int(ch) / 1e6):>8.2f}")
    if len(scales) > 1:
        print(f"log-log slope of build time vs characters: {slope(chars, secs):.3f} (target <= 1.1)")
    return outs


# ------------------------------------------------------------------ queries


class Budget(BaseException):
    """Raised by SIGALRM inside rdflib's engine; a BaseException so that no ``except Exception``
    on the way (``select`` turns engine errors into QueryError) can swallow it."""


def _alarm(_sig, _frame):
    raise Budget()


def _timed(graph, case):
    """Rows of one case by the path `semikg query run` takes (``select_ordered`` for a saved query,
    ``select`` for the rest), or ``run_case`` for
    the non-SELECT queries of the representative folder."""
    from semikg.errors import QueryError
    from semikg.queries.run import select, select_ordered
    from tests.support.parity import run_case

    try:
        if case.name.startswith("saved:"):
            return len(select_ordered(graph, case.text, case.bindings).rows)  # as run_saved does
        return len(select(graph, case.text, case.bindings).rows)
    except QueryError as e:
        if "only SELECT" not in str(e):
            raise
        return len(run_case(graph, case))


def time_query(graph, case, runs: int, budget: float | None) -> tuple[str, float | None, int]:
    """(status, median seconds, rows). status: ok | stopped | error:<type>."""
    times, rows = [], 0
    spent = 0.0
    for _ in range(runs):
        if budget is not None:
            signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, max(0.01, budget - spent))
        t = time.perf_counter()
        try:
            rows = _timed(graph, case)
        except Budget:
            return "stopped", None, 0
        except RecursionError:
            return "error:RecursionError", None, 0
        except Exception as e:  # report, keep benchmarking the other queries
            return f"error:{type(e).__name__}", None, 0
        finally:
            if budget is not None:
                signal.setitimer(signal.ITIMER_REAL, 0)
        dt = time.perf_counter() - t
        times.append(dt)
        spent += dt
        if budget is not None and spent >= budget:
            break  # fewer runs than asked: say so via the run count in the table
    return "ok", statistics.median(times), rows


# Oxigraph runs a query in native code, which SIGALRM cannot interrupt: each case is timed in a
# child process that is killed when its budget is spent.
OX_CODE = """
import statistics, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[5])
sys.path.append(sys.argv[6])
from scale_bench import _timed
from semikg.store.disk import open_store
from tests.support.parity import folder_cases, saved_cases
g = open_store(sys.argv[1])
case = {c.name: c for c in saved_cases(g) + folder_cases(Path(sys.argv[2]))}[sys.argv[3]]
times = []
for _ in range(int(sys.argv[4])):
    t = time.perf_counter()
    rows = _timed(g, case)
    times.append(time.perf_counter() - t)
print(statistics.median(times), rows)
"""


def time_oxigraph(store: Path, case, runs: int, budget: float) -> tuple[str, float | None, int]:
    try:
        proc = subprocess.run([sys.executable, "-c", OX_CODE, str(store), str(QUERY_DIR), case.name, str(runs),
                               str(Path(__file__).parent), str(REPO)], capture_output=True, text=True, timeout=budget)
    except subprocess.TimeoutExpired:
        return "stopped", None, 0
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return f"error:{last.split(':')[0][:40]}", None, 0
    med, rows = proc.stdout.split()
    return "ok", float(med), int(rows)


def _fmt(status: str, sec: float | None, budget: float) -> str:
    if status == "ok" and sec is not None:
        return f"{sec * 1000:.1f}"
    if status == "stopped":
        return f">{budget * 1000:.0f}"
    return status


def part2(title: str, ttl: Path, store: Path, runs: int, budget: float, extra=None, rdflib: bool = True,
          ox_budget: float = 120.0) -> None:
    from semikg.store.load import load_graph
    from semikg.store.disk import open_store
    from tests.support.parity import first_difference, folder_cases, run_case, saved_cases

    t = time.perf_counter()
    if not rdflib and (store / "meta.json").exists():
        memory, extra = load_graph(store), None  # names for the saved queries' defaults come from the store
    else:
        memory = load_graph(ttl)
    if extra is not None:
        extra.apply(memory)
    t_parse = time.perf_counter() - t
    if extra is not None and not (store / "meta.json").exists():
        merged = store.parent / "merged.nt"
        memory.serialize(merged, format="nt", encoding="utf-8")
        from semikg.graph.resolve import name_index_spec
        from semikg.store.disk import write_store

        write_store(merged, store, names=name_index_spec())
    t = time.perf_counter()
    ox = open_store(store)
    t_open = time.perf_counter() - t
    cases = saved_cases(memory) + folder_cases(QUERY_DIR)
    print(f"\n## 2. query latency: {title}: {len(memory)} triples "
          f"(graph load {t_parse:.1f} s, Oxigraph open {t_open * 1000:.0f} ms); median of {runs} runs, ms, "
          f"as `semikg query run` runs them (parameters bound, rows converted); "
          f"rdflib budget {budget:g} s per query, Oxigraph {ox_budget:g} s (child process)")
    print(f"{'query':<32} {'rows':>6} {'rdflib ms':>11} {'oxigraph ms':>12} {'speed-up':>10}  same answer")
    over = []
    for case in cases:
        st_o, sec_o, rows_o = time_oxigraph(store, case, runs, ox_budget)
        st_m, sec_m, rows_m = time_query(memory, case, runs, budget) if rdflib else ("skipped", None, 0)
        same = ""
        if st_m == "ok" and st_o == "ok":
            same = "yes" if first_difference(run_case(memory, case), run_case(ox, case)) is None else "NO"
            up = f"{sec_m / sec_o:.0f}x" if sec_o else "-"
        elif st_m == "stopped" and sec_o:
            up = f">{budget / sec_o:.0f}x"
        else:
            up = "-"
        if case.name.startswith("saved:") and (st_o != "ok" or (sec_o or 0) >= 0.1):
            over.append(case.name)
        print(f"{case.name:<32} {rows_o:>6} {_fmt(st_m, sec_m, budget):>11} {_fmt(st_o, sec_o, ox_budget):>12} {up:>10}  {same}")
    print(f"saved queries at or over 100 ms on Oxigraph: {', '.join(over) if over else 'none'}")
    del memory


OPEN_CODE = """
import sys, time
t0 = time.perf_counter()
from semikg.store.load import load_graph
import semikg.store.disk, semikg.store.backends, oxrdflib
from semikg.queries.registry import load_library
from semikg.queries.run import run_saved
t1 = time.perf_counter()
g = load_graph(sys.argv[1])
t2 = time.perf_counter()
if sys.argv[2] == "-":  # open only: rdflib's engine would need minutes for the query at this size
    print(round(t1 - t0, 3), round(t2 - t1, 3), "nan", len(g), _peak_mib())
    raise SystemExit(0)
res, _ = run_saved(g, load_library()[sys.argv[2]])
print(round(t1 - t0, 3), round(t2 - t1, 3), round(time.perf_counter() - t1, 3), len(res.rows), _peak_mib())
"""


def part3(store: Path, ttl: Path, query: str) -> None:
    print(f"\n## 3. store open time (fresh process; open + saved query `{query}` to its first result, after imports)")
    for label, path, q in (("Oxigraph store", store, query), ("Turtle parse", ttl, "-")):
        wall, rss, text = _child_rss(OPEN_CODE, str(path), q)
        t_imp, t_open, t_first, rows = text.split()
        first = f"open + first result {float(t_first):.3f} s, {rows} rows" if q != "-" else f"no query run, {rows} triples"
        print(f"{label:<16} imports {float(t_imp):.3f} s, open {float(t_open):.3f} s, {first} "
              f"(whole process {wall:.2f} s, peak RSS {rss:.0f} MiB)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="1,10,100")
    ap.add_argument("--synthetic", type=int, default=1_000_000, help="triples in the synthetic graph")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--budget", type=float, default=60.0, help="seconds rdflib may spend per query")
    ap.add_argument("--ox-budget", type=float, default=120.0, help="seconds an Oxigraph child may spend per query (all runs)")
    ap.add_argument("--with-eto", default=str(ETO_DEFAULT) if ETO_DEFAULT.is_dir() else None)
    ap.add_argument("--open-query", default="single-supplier", help="a saved query whose defaults fit any graph")
    ap.add_argument("--work", default=None, help="keep the corpora and graphs here (default: a temp dir)")
    ap.add_argument("--oxigraph-only", action="store_true", help="part 2 without rdflib's engine (reuses --work)")
    ap.add_argument("--skip", default="", help="comma list of parts to skip: 1,2c,2s,3")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    scales = [int(x) for x in args.scales.split(",")]
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="semikg-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"# semikg scale benchmark  (work dir {work}; python {sys.version.split()[0]}; {os.cpu_count()} cores)")

    outs = part1(work, scales) if "1" not in skip else {n: work / f"out-x{n}" for n in scales}
    biggest = outs[max(scales)]

    if "2c" not in skip:
        extra = None
        if args.with_eto:
            from semikg.eto.integrate import eto_extension
            from semikg.loaders.catalog import load_catalog

            extra = eto_extension(args.with_eto, load_catalog(None))
        part2(f"corpus x{max(scales)}" + (" + ETO" if extra else ""), biggest / "semikg.ttl",
              work / f"store-x{max(scales)}-eto" if extra else biggest / "store", args.runs, args.budget, extra,
              rdflib=not args.oxigraph_only, ox_budget=args.ox_budget)

    syn = work / "synthetic"
    if "2s" not in skip or "3" not in skip:
        from semikg.fsutil import atomic_open
        from semikg.graph.turtle import write_canonical_turtle
        from semikg.graph.resolve import name_index_spec
        from semikg.store.disk import write_store
        from bench.support.synthetic_graph import synthetic_graph

        if not (syn / "semikg.ttl").exists():
            t = time.perf_counter()
            built = synthetic_graph(args.synthetic)
            with atomic_open(syn / "semikg.ttl") as fh:
                n = write_canonical_turtle(built.graph, fh)
            del built
            t_gen = time.perf_counter() - t
            t = time.perf_counter()
            write_store(syn / "semikg.ttl", syn / "store", names=name_index_spec())
            print(f"\nsynthetic graph: {n} triples generated in {t_gen:.1f} s; store bulk-loaded in {time.perf_counter() - t:.1f} s")
    if "2s" not in skip:
        part2("synthetic", syn / "semikg.ttl", syn / "store", args.runs, args.budget, rdflib=not args.oxigraph_only,
              ox_budget=args.ox_budget)
    if "3" not in skip:
        part3(syn / "store", syn / "semikg.ttl", args.open_query)
    return 0


if __name__ == "__main__":
    sys.exit(main())
