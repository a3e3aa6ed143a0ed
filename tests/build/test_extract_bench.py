"""bench/extract_bench.py --without: the extractor it measures lacks exactly the passes named."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from semikg.extract.passes import DEFAULT_PASSES
from semikg.extract.passes.coordination import CoordinationPass
from semikg.extract.passes.pairs import PairsPass
from semikg.loaders.catalog import load_catalog
from tests.support.bench_scripts import bench_script

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench" / "extract_bench.py"


def test_without_leaves_out_the_named_passes_and_keeps_the_order_of_the_others(mini_catalog_path):
    ex = bench_script("extract_bench").extractor_without(load_catalog(mini_catalog_path), ["pairs", "coordination"])
    kinds = [type(p) for p in ex.passes]
    assert PairsPass not in kinds and CoordinationPass not in kinds
    assert kinds == [p for p in DEFAULT_PASSES if p not in (PairsPass, CoordinationPass)]


def test_without_an_unknown_pass_names_it_and_the_passes_there_are(mini_catalog_path):
    with pytest.raises(ValueError, match=r"no pass named nosuch \(passes: matching discovery .* quantities\)"):
        bench_script("extract_bench").extractor_without(load_catalog(mini_catalog_path), ["pairs", "nosuch"])


def test_the_bench_exits_with_one_line_for_an_unknown_pass():
    proc = subprocess.run([sys.executable, str(BENCH), "--sizes", "1", "--without", "nosuch"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert proc.stderr.strip().splitlines() == ["--without: no pass named nosuch (passes: "
                                                + " ".join(p.name for p in DEFAULT_PASSES) + ")"]
