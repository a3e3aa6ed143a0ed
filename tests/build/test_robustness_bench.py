"""bench/robustness_bench.py: its rewrites change only what they name, and a missing corpus is one line."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.bench_scripts import bench_script

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench" / "robustness_bench.py"


def test_full_width_rewrites_ascii_letters_and_digits_only():
    assert bench_script("robustness_bench").full_width("ASML的EUV，3nm（N3）") == "ＡＳＭＬ的ＥＵＶ，３ｎｍ（Ｎ３）"


def test_wrapped_cuts_body_lines_and_keeps_headings_and_text():
    b = bench_script("robustness_bench")
    text = "# 一个很长的标题" + "题" * 50 + "\n" + "字" * 95
    out = b.wrapped(text, width=40)
    assert out.split("\n")[0] == text.split("\n")[0]
    assert [len(x) for x in out.split("\n")[1:]] == [40, 40, 15]
    assert out.replace("\n", "") == text.replace("\n", "")


def test_crlf_is_the_same_text_with_windows_line_ends():
    b = bench_script("robustness_bench")
    assert b.crlf("甲\n乙\r\n丙") == "甲\r\n乙\r\n丙"


def test_a_missing_corpus_is_one_line_and_exit_2(tmp_path):
    proc = subprocess.run([sys.executable, str(BENCH), "--devcorpus", str(tmp_path)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"robustness_bench: real-news corpus not found: {tmp_path / 'score.py'} is missing"]
