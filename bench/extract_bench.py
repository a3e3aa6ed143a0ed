"""Extraction throughput and memory: the seed corpus repeated x1, x10, x100, built end to end.

Each size runs in its own process (so peak RSS is that build's alone) on one core, with SHACL
validation off (it is a separate, optional stage; its time on the x1 graph is printed apart).
Prints characters/s, peak RSS and the time split by stage.

    python bench/extract_bench.py                # x1, x10, x100
    python bench/extract_bench.py --sizes 1 10   # a quicker run
    python bench/extract_bench.py --baseline-python /tmp/old/bin/python   # side by side with another
        # checkout installed in that venv (`pip install -e OLD_CHECKOUT`): same corpora, same run,
        # builds interleaved, speed-up printed per size
    python bench/extract_bench.py --repeat 5   # each size built 5 times: the median build is shown,
        # with the range (on a shared machine one build can be 10-15 % off the next)
    python bench/extract_bench.py --without pairs coordination   # this checkout's extractor without
        # these passes (names as in semikg/extract/passes/__init__.py); a baseline builds as it is

Issue 17's bar (0.6 M chars/s) is for the whole extractor; issue 16's (0.8) is for the extractor
without the relation mechanisms issue 17 added on top of the trigger rules: the candidate-pair
scorer and the list propagation (``--without pairs coordination``), see bench/README.md section 2.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def make_corpus(folder: Path, copies: int) -> int:
    chars = 0
    for src in sorted(SEEDS.glob("*.txt")):
        text = src.read_text(encoding="utf-8")
        for i in range(copies):
            (folder / f"{src.stem}_{i:03d}.txt").write_text(text, encoding="utf-8")
            chars += len(text)
    return chars


def interpreter() -> str:
    """The running interpreter, and whether its core is a shared libpython: the same code runs ~1.3x
    faster on a statically linked CPython (Debian's /usr/bin/python3) than on one built with
    --enable-shared and without PGO (pyenv's default), so throughput figures name the interpreter."""
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        linked = "unknown"
    else:
        linked = "shared libpython" if "libpython" in maps else "static"
    return f"{sys.implementation.name} {sys.version.split()[0]} ({linked}, {sys.executable})"


def extractor_without(catalog, without: list[str]):
    """The default extractor less the passes of these names, the others in their order."""
    from semikg.extract.passes import DEFAULT_PASSES
    from semikg.extract.rules import RuleBasedExtractor

    names = [p.name for p in DEFAULT_PASSES]
    unknown = sorted(set(without) - set(names))
    if unknown:
        raise ValueError(f"no pass named {', '.join(unknown)} (passes: {' '.join(names)})")
    return RuleBasedExtractor(catalog, passes=[p for p in DEFAULT_PASSES if p.name not in without])


def child(articles: str, out: str, shacl: bool, without: list[str]) -> None:
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    t0 = time.perf_counter()
    from semikg.pipeline import Pipeline, resolve_inputs

    pipe = Pipeline()
    if without:
        try:
            pipe.extractor = extractor_without(pipe.catalog, without)
        except ValueError as e:
            raise SystemExit(f"--without: {e}") from None
    t_init = time.perf_counter() - t0
    t1 = time.perf_counter()
    report = pipe.build(resolve_inputs(Path(articles)), Path(out), shacl=shacl)
    wall = time.perf_counter() - t1
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"init": t_init, "wall": wall, "rss": rss, "chars": report.characters,
                      "triples": report.triples, "stages": pipe.times.model_dump(), "python": interpreter()}))


def run(copies: int, shacl: bool = False, python: str | None = None, without: list[str] = ()) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        arts = Path(tmp) / "articles"
        arts.mkdir()
        chars = make_corpus(arts, copies)
        proc = subprocess.run([python or sys.executable, __file__, "--child", str(arts), str(Path(tmp) / "out"),
                               "--shacl" if shacl else "--no-shacl", *(["--without", *without] if without else [])],
                              capture_output=True, text=True)
        if proc.returncode:
            raise SystemExit(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"build failed ({proc.returncode})")
        res = json.loads(proc.stdout.strip().splitlines()[-1])
        res["file_chars"] = chars
        return res


def median_run(runs: list[dict]) -> dict:
    """The run with the median build time (the lower middle one of an even number), with the
    range of all of them."""
    ordered = sorted(runs, key=lambda r: r["wall"])
    out = dict(ordered[(len(ordered) - 1) // 2])
    out["walls"] = [r["wall"] for r in runs]
    return out


def _spread(r: dict) -> str:
    walls = r.get("walls", [])
    return f"  [{len(walls)} builds: {min(walls):.2f}-{max(walls):.2f} s]" if len(walls) > 1 else ""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[1, 10, 100])
    ap.add_argument("--child", nargs=2)
    ap.add_argument("--shacl", action="store_true")
    ap.add_argument("--no-shacl", action="store_true")
    ap.add_argument("--baseline-python", help="also build each size with this interpreter (another checkout's venv)")
    ap.add_argument("--repeat", type=int, default=1, help="builds per size (and per interpreter); the median is shown")
    ap.add_argument("--without", nargs="+", default=[], metavar="PASS",
                    help="build with this checkout's extractor less these passes (a baseline builds whole)")
    args = ap.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.shacl, args.without)
        return
    rows, base = [], {}
    for n in args.sizes:
        mine, theirs = [], []
        for _ in range(max(1, args.repeat)):
            if args.baseline_python:  # interleaved, so both see the same machine load
                theirs.append(run(n, python=args.baseline_python))
            mine.append(run(n, without=args.without))
        rows.append((n, median_run(mine)))
        if theirs:
            base[n] = median_run(theirs)
    print(f"interpreter: {rows[0][1].get('python', '?')}")
    if args.without:
        print(f"extractor without the passes: {' '.join(args.without)}")
    print(f"{'corpus':>7} {'chars':>10} {'triples':>9} {'build s':>8} {'Mchar/s':>8} {'peak RSS':>9}  stages (s)")
    for n, r in rows:
        st = r["stages"]
        split = " ".join(f"{k}={v:.2f}" for k, v in st.items() if v)
        print(f"{'x' + str(n):>7} {r['chars']:>10,} {r['triples']:>9,} {r['wall']:>8.2f} "
              f"{r['chars'] / r['wall'] / 1e6:>8.3f} {r['rss'] / 2**20:>7.0f}MB  {split}  (+ init {r['init']:.2f})"
              + _spread(r))
    if base:
        print(f"\nbaseline ({args.baseline_python}): {next(iter(base.values())).get('python', '?')}")
        for n, r in rows:
            b = base[n]
            print(f"{'x' + str(n):>7} {b['chars']:>10,} {b['triples']:>9,} {b['wall']:>8.2f} "
                  f"{b['chars'] / b['wall'] / 1e6:>8.3f} {b['rss'] / 2**20:>7.0f}MB  speed-up {b['wall'] / r['wall']:.2f}x"
                  + _spread(b))
    if len(rows) >= 2:
        import math

        (n0, a), (n1, b) = rows[0], rows[-1]
        slope = math.log(b["wall"] / a["wall"]) / math.log(b["chars"] / a["chars"])
        print(f"log-log slope of build time vs size (x{n0} -> x{n1}): {slope:.2f}")
    shacl = run(1, shacl=True)
    print(f"SHACL validation of the x1 graph: {shacl['stages']['shacl']:.2f} s")


if __name__ == "__main__":
    main()
