"""The real-news corpus measures the extractor; none of its text may be in the extractor or its tests.

A rule, lexicon word or example sentence taken from (or closely paraphrased off) an excerpt of
``../shared/devcorpus`` tunes the extractor to the measure and hides how it does on news it has never
seen. This test looks for any run of RUN characters (with a CJK character in it) that a project source
or test line shares with a corpus excerpt, after NFKC. A run that lies inside a catalog name or alias
is reference data and allowed. Skipped, with the reason, when the corpus is not beside the checkout.

To fix a hit: write the rule's example or the test's sentence yourself, about other firms, in other words.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT.parent / "shared" / "devcorpus" / "articles"
RUN = 10
_CJK = re.compile(r"[\u4e00-\u9fff]")
SCANNED = ("semikg/**/*.py", "semikg/**/*.yaml", "tests/**/*.py", "bench/**/*.py")


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def _strings(x) -> list[str]:
    if isinstance(x, dict):
        return [s for v in x.values() for s in _strings(v)]
    if isinstance(x, list):
        return [s for v in x for s in _strings(v)]
    return [x] if isinstance(x, str) else []


@lru_cache(maxsize=1)
def _corpus_runs() -> frozenset[str]:
    text = _nfkc("\n".join(p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))))
    return frozenset(text[i:i + RUN] for i in range(len(text) - RUN + 1))


@lru_cache(maxsize=1)
def _catalog_names() -> tuple[str, ...]:
    data = yaml.safe_load((ROOT / "seeds" / "catalog.yaml").read_text(encoding="utf-8"))
    return tuple(sorted({_nfkc(s) for s in _strings(data) if len(s) >= RUN}))


def shared_runs(line: str, runs: frozenset[str], names: tuple[str, ...]) -> list[str]:
    """The corpus runs in ``line`` that are not inside a catalog name."""
    t = _nfkc(line)
    out = []
    for i in range(len(t) - RUN + 1):
        w = t[i:i + RUN]
        if w in runs and _CJK.search(w) and not any(w in n for n in names):
            out.append(w)
    return out


def test_a_line_sharing_a_run_with_the_corpus_is_found():
    runs = frozenset({"甲乙丙丁戊己庚辛壬癸"})
    assert shared_runs("x = '甲乙丙丁戊己庚辛壬癸子'", runs, ()) == ["甲乙丙丁戊己庚辛壬癸"]
    assert shared_runs("x = '甲乙丙丁戊己庚辛壬癸子'", runs, ("天甲乙丙丁戊己庚辛壬癸",)) == []
    assert shared_runs("x = '甲乙丙丁戊己庚辛壬'", runs, ()) == []


def test_no_project_line_copies_text_from_the_real_news_corpus():
    if not ARTICLES.is_dir():
        pytest.skip(f"real-news corpus not found at {ARTICLES}")
    runs, names = _corpus_runs(), _catalog_names()
    hits = []
    for pattern in SCANNED:
        for path in sorted(ROOT.glob(pattern)):
            if ".venv" in path.parts:
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                found = shared_runs(line, runs, names)
                if found:
                    hits.append(f"{path.relative_to(ROOT)}:{n}: shares {found[0]!r} with the corpus")
    assert not hits, ("lines copied from ../shared/devcorpus (write your own sentences, about other "
                      "firms, in other words):\n" + "\n".join(hits))
