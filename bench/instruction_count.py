"""Instructions of one warm build of the seed corpus, counted by valgrind's cachegrind: a measure of
extraction cost that does not move with machine load (wall time on a shared machine drifts 10-15 %
between runs), for comparing two versions of the code.

    python bench/instruction_count.py                      # x3 seeds
    python bench/instruction_count.py --copies 1 --baseline-python /tmp/old/bin/python

One build's count is (init + 2 builds) - (init + 1 build), each process run under cachegrind with
PYTHONHASHSEED=0, so caches filled by the first build (compiled patterns, keyword automata) are warm,
as they are for all but the first file of a large corpus. Needs valgrind (Debian: valgrind).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_bench import make_corpus  # noqa: E402

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def child(articles: str, builds: int) -> None:
    from semikg.pipeline import Pipeline, resolve_inputs

    pipe = Pipeline()
    for _ in range(builds):
        with tempfile.TemporaryDirectory() as out:
            pipe.build(resolve_inputs(Path(articles)), Path(out) / "graph", shacl=False)


def count(python: str, articles: Path, builds: int) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0", OPENBLAS_NUM_THREADS="1")
    proc = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                           python, __file__, "--child", str(articles), str(builds)],
                          capture_output=True, text=True, env=env)
    found = _REFS.search(proc.stderr)
    if proc.returncode != 0 or found is None:
        raise SystemExit(f"instruction_count: the build under valgrind failed: {proc.stderr.strip().splitlines()[-1:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=3, help="seed corpus copies (default 3)")
    ap.add_argument("--baseline-python", help="also count with this interpreter (another checkout's venv)")
    ap.add_argument("--child", nargs=2)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("instruction_count: valgrind is not installed (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        arts = Path(tmp) / "articles"
        arts.mkdir()
        chars = make_corpus(arts, args.copies)
        pythons = [("now", sys.executable)] + ([("baseline", args.baseline_python)] if args.baseline_python else [])
        counts = {}
        for name, py in pythons:
            counts[name] = count(py, arts, 2) - count(py, arts, 1)
            print(f"{name:>8}: {counts[name] / 1e6:,.0f} M instructions for one x{args.copies} build "
                  f"({chars:,} characters, {counts[name] / chars:,.0f} per character)")
        if "baseline" in counts:
            print(f"now / baseline: {counts['now'] / counts['baseline']:.3f}")


if __name__ == "__main__":
    main()
