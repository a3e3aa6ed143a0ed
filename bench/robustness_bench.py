#!/usr/bin/env python3
"""Extraction quality under the ways scraped news differs in form: the real-news corpus rewritten
(script, character width, spaces between Chinese and Latin text, punctuation, line ends, hard line
wraps), built and scored as written.

    .venv/bin/python bench/robustness_bench.py                 # every variant
    .venv/bin/python bench/robustness_bench.py --only full-width wrapped

The corpus is read where bench/quality.py reads it (``--devcorpus``, $SEMIKG_DEVCORPUS,
``../shared/devcorpus``); each variant is written to a temporary folder, built with the default
pipeline and scored by the corpus's own score.py against those rewritten files (its evidence check
reads them). A form the extractor reads as it reads the original scores as the original does.
"""
from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import tempfile
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]


def _quality():
    spec = importlib.util.spec_from_file_location("semikg_bench_quality", ROOT / "bench" / "quality.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def _opencc(config: str) -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC(config).convert


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_CJK_THEN_LATIN = re.compile(f"([{_CJK}])([A-Za-z0-9])")
_LATIN_THEN_CJK = re.compile(f"([A-Za-z0-9%])([{_CJK}])")


def spaced(text: str) -> str:
    """A space between every Chinese character and a Latin letter or digit next to it (台积电 3 纳米)."""
    return _LATIN_THEN_CJK.sub(r"\1 \2", _CJK_THEN_LATIN.sub(r"\1 \2", text))


def half_width_punctuation(text: str) -> str:
    return text.translate(str.maketrans("，；：（）！？", ",;:()!?"))


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def wrapped(text: str, width: int = 40) -> str:
    """Body lines cut every ``width`` characters, as text copied out of a fixed-width page is."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) > width and not line.startswith("#"):
            out.extend(line[i:i + width] for i in range(0, len(line), width))
        else:
            out.append(line)
    return "\n".join(out)


VARIANTS: dict[str, Callable[[], Callable[[str], str]]] = {
    "original": lambda: (lambda t: t),
    "traditional": lambda: _opencc("s2t"),
    "simplified": lambda: _opencc("t2s"),
    "full-width": lambda: full_width,
    "spaced": lambda: spaced,
    "half-width-punctuation": lambda: half_width_punctuation,
    "crlf": lambda: crlf,
    "wrapped": lambda: wrapped,
}


def run_variant(corpus: Path, name: str, scorer) -> dict:
    from semikg.pipeline import Pipeline

    rewrite = VARIANTS[name]()
    gold = sorted(str(p) for p in (corpus / "gold").glob("*.json"))
    with tempfile.TemporaryDirectory(prefix=f"semikg-robust-{name}-") as tmp:
        arts = Path(tmp) / "articles"
        arts.mkdir()
        for f in sorted((corpus / "articles").glob("*.txt")):
            (arts / f.name).write_text(rewrite(f.read_text(encoding="utf-8")), encoding="utf-8", newline="")
        rep = Pipeline().build(sorted(arts.iterdir()), Path(tmp) / "out")
        res = scorer.score(str(Path(tmp) / "out" / "semikg.ttl"), gold, str(arts), 0)
    res["shacl"] = "conforms" if rep.shacl_conforms else f"{rep.shacl_violations} violation(s)"
    res["used"] = f"{rep.articles_used}/{rep.articles_total}"
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--devcorpus", type=Path)
    ap.add_argument("--only", nargs="+", choices=sorted(VARIANTS), metavar="VARIANT")
    args = ap.parse_args()
    q = _quality()
    corpus, why = q.devcorpus_dir(args.devcorpus)
    if corpus is None:
        print(f"robustness_bench: {why}", file=sys.stderr)
        return 2
    scorer = q.load_scorer(corpus)
    print(f"{'variant':<24} {'articles':>8}  {'entities P / R / F1':<21} {'relations P / R / F1':<21} SHACL")
    for name in args.only or VARIANTS:
        r = run_variant(corpus, name, scorer)
        ent = f"{r['entity_precision']:.3f} / {r['entity_recall']:.3f} / {r['entity_f1']:.3f}"
        rel = f"{r['relation_precision']:.3f} / {r['relation_recall']:.3f} / {r['relation_f1']:.3f}"
        print(f"{name:<24} {r['used']:>8}  {ent:<21} {rel:<21} {r['shacl']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
