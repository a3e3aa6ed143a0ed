#!/usr/bin/env python3
"""Fit the candidate-pair relation scorer (semikg/extract/pairs.py) and report it by cross-validation.

    .venv/bin/pip install scikit-learn          # training only; the runtime reads the JSON weights
    .venv/bin/python bench/pair_train.py --cv   # 5-fold CV over the real-news corpus's articles
    .venv/bin/python bench/pair_train.py --write   # fit on everything, write semikg/extract/pair_weights.json

Training data: every candidate pair the pass proposes on ``../shared/devcorpus/articles`` and on the
labelled ``bench/devset`` sources, labelled by the annotation: a candidate (s, p, o) is positive when
the article's gold holds (s', p, o') for gold entities s', o' whose normalised names are labels of s
and o (as ``score.py`` aligns them; supplies(a, b) = customerOf(b, a)).

Cross-validation (``--cv``): the corpus's articles are split into K folds by article (article i goes
to fold i mod K, in id order). For each fold a model is fitted on the other folds' articles plus the
dev set, the held-out articles are built with it (a real build, SHACL off), and the graph is scored by
the corpus's own ``score.py`` against a gold file holding every gold entity and only the held-out
articles' relations. Per-fold figures and the pooled figures (counts summed over folds) are printed,
next to the same folds built with the rules alone. Thresholds per predicate are chosen inside the
training folds only (out-of-fold probabilities of an inner split), never on the held-out articles.
Nothing from the corpus is written into the project: only fitted weights, and only with ``--write``.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "devcorpus"
DEVSET = ROOT / "bench" / "devset"
WEIGHTS = ROOT / "semikg" / "extract" / "pair_weights.json"
MIN_PRECISION = 0.7  # per-predicate thresholds keep candidate precision at least this on inner folds
MIN_COUNT = 3
# No predicate is accepted below even odds, whatever a small inner split suggests.
THRESHOLD_FLOOR = 0.5
MIN_POSITIVES = 10  # a predicate with fewer training positives gets no threshold below 1: it never fires


def _score_module():
    path = CORPUS / "score.py"
    if not path.is_file():
        sys.exit(f"error: {path} not found (the real-news corpus is read from ../shared/devcorpus)")
    spec = importlib.util.spec_from_file_location("devcorpus_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


SCORE = None


def norm(s: str) -> str:
    return SCORE.norm(s)


def snake(p: str) -> str:
    return SCORE.snake(p)


# ------------------------------------------------------------------ data


class Doc:
    """One labelled source: its candidates, and a gold fact set keyed by normalised names."""

    def __init__(self, key: str, group: str):
        self.key, self.group = key, group
        self.cands: list[tuple[str, str, str, tuple[str, ...]]] = []
        self.labels: list[int] = []


def _pipeline(scorer):
    """A pipeline whose pair pass uses ``scorer`` instead of the shipped weights."""
    from semikg.extract.passes import DEFAULT_PASSES, PairsPass
    from semikg.extract.rules import RuleBasedExtractor
    from semikg.pipeline import Pipeline

    pipe = Pipeline()
    passes = tuple(PairsPass.with_scorer(scorer) if p is PairsPass else p for p in DEFAULT_PASSES)
    pipe.extractor = RuleBasedExtractor(pipe.catalog, passes=passes)
    return pipe


def collect(paths: list[Path]):
    """Every candidate of every file, by file stem, and the pipeline (whose labels() name the entities)."""
    from semikg.extract.pairs import PairScorer

    scorer = PairScorer(use_shipped=False)
    pipe = _pipeline(scorer)
    out = {}
    for p in paths:
        scorer.collect = []
        pipe.extract_file(p)
        out[p.stem] = scorer.collect
    scorer.collect = None
    return out, pipe


def corpus_gold():
    files = sorted((CORPUS / "gold").glob("*.json"))
    ents, rels = SCORE.read_gold([str(f) for f in files])[:2]
    name_to_gold = defaultdict(set)
    for k, e in ents.items():
        for n in e["names"]:
            name_to_gold[n].add(k)
    by_article = defaultdict(dict)  # article -> {(s, p, o): normalised quotes}
    for f in files:
        for r in json.load(open(f, encoding="utf-8"))["relations"]:
            by_article[r["article"]].setdefault((r["s"], r["p"], r["o"]), set()).add(norm(r.get("quote") or ""))
    return files, name_to_gold, by_article


def devset_gold():
    """{source stem: (name_to_gold, facts)} from bench/devset/labels (names are the ids)."""
    import yaml

    out = {}
    for f in sorted((DEVSET / "labels").glob("*.yaml")):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        name_to_gold, facts = defaultdict(set), {}
        for art in doc.get("articles") or []:
            for e in art.get("entities") or []:
                gid = norm(e["name"])
                for n in [e["name"], *(e.get("also") or [])]:
                    name_to_gold[norm(n)].add(gid)
            for r in art.get("relations") or []:
                facts[(norm(r["s"]), snake(r["p"]), norm(r["o"]))] = {""}  # no quotes: any sentence
        src = doc["source"]
        path = DEVSET / src if src.startswith("extra/") else ROOT / "seeds" / src
        out[path] = (name_to_gold, facts)
    return out


def label(cands, pipe, name_to_gold, facts) -> list[int]:
    cache: dict[str, set] = {}

    def gold_ids(eid):
        if eid not in cache:
            ids = set()
            for lab in pipe.labels(eid):
                ids |= name_to_gold.get(norm(lab), set())
            cache[eid] = ids
        return cache[eid]

    out = []
    for s, p, o, _f, sentence in cands:
        ps = snake(p)
        ns = norm(sentence)
        hit = False
        for a in gold_ids(s):
            for b in gold_ids(o):
                for key in ((a, ps, b), (b, "customer_of", a) if ps == "supplies" else None):
                    if key in facts and any(_states(q, ns) for q in facts[key]):
                        hit = True
        out.append(int(hit))
    return out


def _states(quote: str, sentence: str) -> bool:
    """Whether a gold fact's quote is (in) this sentence: a fact is labelled where it is stated, not in
    every sentence that names its two ends. An empty quote stands for any sentence."""
    if not quote or quote in sentence or sentence in quote:
        return True
    return any(quote[i:i + 10] in sentence for i in range(0, max(1, len(quote) - 9), 5))


def load_all():
    files, name_to_gold, by_article = corpus_gold()
    articles = sorted((CORPUS / "articles").glob("*.txt"))
    dev = devset_gold()
    cands, pipe = collect(articles + sorted(dev))
    docs = []
    for a in articles:
        d = Doc(a.stem, "corpus")
        d.cands = cands[a.stem]
        d.labels = label(d.cands, pipe, name_to_gold, by_article.get(a.stem, {}))
        docs.append(d)
    for path, (n2g, facts) in dev.items():
        d = Doc(path.stem, "devset")
        d.cands = cands[path.stem]
        d.labels = label(d.cands, pipe, n2g, facts)
        docs.append(d)
    return docs, articles, files


# ------------------------------------------------------------------ model


def fit(docs, inner_folds: int = 4, c: float = 0.5):
    """A PairModel fitted on docs; thresholds chosen on out-of-fold probabilities of an inner split."""
    from semikg.extract.pairs import PairModel

    weights = _fit_weights(docs, c)
    # Inner split for thresholds: out-of-fold probabilities on the training docs.
    probs, ys, preds = [], [], []
    for k in range(inner_folds):
        train = [d for i, d in enumerate(docs) if i % inner_folds != k]
        test = [d for i, d in enumerate(docs) if i % inner_folds == k]
        w = _fit_weights(train, c)
        m = PairModel(weights=w, thresholds={})
        for d in test:
            for (s, p, o, f, _t), y in zip(d.cands, d.labels):
                probs.append(m.probability(f))
                ys.append(y)
                preds.append(p)
    thresholds = {}
    for p in sorted(set(preds)):
        rows = sorted(((pr, y) for pr, y, q in zip(probs, ys, preds) if q == p), reverse=True)
        pos = sum(y for _, y in rows)
        if pos < MIN_POSITIVES:
            thresholds[p] = 1.0
            continue
        best, best_t, tp = 0.0, 1.0, 0
        for i, (pr, y) in enumerate(rows):
            tp += y
            prec, rec = tp / (i + 1), tp / pos
            if prec >= MIN_PRECISION and rec > 0:
                f1 = 2 * prec * rec / (prec + rec)
                if f1 > best:
                    best, best_t = f1, pr
        thresholds[p] = round(max(best_t, THRESHOLD_FLOOR), 4)
    return PairModel(weights=weights, thresholds=thresholds)


def _fit_weights(docs, c: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(x for d in docs for (_s, _p, _o, f, _t) in d.cands for x in set(f))
    X, y = [], []
    for d in docs:
        for (_s, _p, _o, f, _t), lab in zip(d.cands, d.labels):
            # A feature seen in fewer than MIN_COUNT candidates has no weight worth shipping.
            X.append({x: 1 for x in f if seen[x] >= MIN_COUNT})
            y.append(lab)
    vec = DictVectorizer(sort=True)
    Xm = vec.fit_transform(X)
    clf = LogisticRegression(C=c, fit_intercept=False, solver="lbfgs", max_iter=2000)
    clf.fit(Xm, y)
    return {name: round(float(w), 3) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0]) if abs(w) >= 1e-3}


# ------------------------------------------------------------------ evaluation


def build_and_score(model, article_paths, gold_files, held_ids, tmp: Path, tag: str):
    from semikg.extract.pairs import PairScorer

    pipe = _pipeline(PairScorer(model=model, use_shipped=False) if model is not None else PairScorer(use_shipped=False))
    out = tmp / tag
    pipe.build(article_paths, out, shacl=False)
    ents, rels = [], []
    for f in gold_files:
        d = json.load(open(f, encoding="utf-8"))
        ents.extend(d["entities"])
        rels.extend(r for r in d["relations"] if r["article"] in held_ids)
    gold = tmp / f"{tag}-gold.json"
    gold.write_text(json.dumps({"entities": ents, "relations": rels}, ensure_ascii=False), encoding="utf-8")
    srcs = tmp / f"{tag}-src"
    srcs.mkdir(exist_ok=True)
    for a in article_paths:
        (srcs / a.name).write_text(a.read_text(encoding="utf-8"), encoding="utf-8")
    return SCORE.score(str(out / "semikg.ttl"), [str(gold)], str(srcs))


def pooled(results):
    """Counts summed over folds: P = correct/known, R = hit/gold."""
    by = defaultdict(lambda: [0, 0, 0, 0])  # hit, gold, correct, known
    for r in results:
        for p, v in r["relations_by_predicate"].items():
            h, g = map(int, v["recall"].split("/"))
            c, k = map(int, v["precision"].split("/"))
            by[p][0] += h; by[p][1] += g; by[p][2] += c; by[p][3] += k
    # statements of predicates with no gold fact still count as known (wrong)
    hit = sum(v[0] for v in by.values())
    gold = sum(r["gold_relations"] for r in results)
    known = sum(r["statements_with_both_ends_in_gold"] for r in results)
    correct = sum(round(r["relation_precision"] * r["statements_with_both_ends_in_gold"]) for r in results)
    p = correct / max(1, known)
    rc = hit / max(1, gold)
    f = 0.0 if p + rc == 0 else 2 * p * rc / (p + rc)
    return p, rc, f, by, (correct, known, hit, gold)


def cv(docs, articles, gold_files, k: int, c: float):
    corpus_docs = [d for d in docs if d.group == "corpus"]
    dev_docs = [d for d in docs if d.group == "devset"]
    ids = sorted(d.key for d in corpus_docs)
    fold_of = {a: i % k for i, a in enumerate(ids)}
    with tempfile.TemporaryDirectory(prefix="semikg-pair-cv-") as tmpd:
        tmp = Path(tmpd)
        new, old = [], []
        for fold in range(k):
            held = {a for a, f in fold_of.items() if f == fold}
            train = [d for d in corpus_docs if d.key not in held] + dev_docs
            model = fit(train, c=c)
            paths = [a for a in articles if a.stem in held]
            r_new = build_and_score(model, paths, gold_files, held, tmp, f"fold{fold}")
            r_old = build_and_score(None, paths, gold_files, held, tmp, f"fold{fold}-rules")
            new.append(r_new)
            old.append(r_old)
            print(f"fold {fold} ({len(held)} articles: {', '.join(sorted(held))})")
            for name, r in (("rules only", r_old), ("rules + pairs", r_new)):
                print(f"  {name:14s} P/R/F1 {r['relation_precision']:.3f} / {r['relation_recall']:.3f} / "
                      f"{r['relation_f1']:.3f}   (statements with both ends in gold {r['statements_with_both_ends_in_gold']}, "
                      f"gold {r['gold_relations']})")
        print()
        for name, rs in (("rules only", old), ("rules + pairs", new)):
            p, r, f, by, cnt = pooled(rs)
            print(f"pooled {name:14s} P/R/F1 {p:.3f} / {r:.3f} / {f:.3f}   correct {cnt[0]}/{cnt[1]}, found {cnt[2]}/{cnt[3]}")
        print("\nby predicate (pooled over folds): recall hit/gold, precision correct/known   [rules only -> rules + pairs]")
        _, _, _, by_old, _ = pooled(old)
        _, _, _, by_new, _ = pooled(new)
        for p in sorted(by_new, key=lambda x: -by_new[x][1]):
            o, n = by_old[p], by_new[p]
            print(f"  {p:16s} R {o[0]:3d}/{o[1]:<3d} -> {n[0]:3d}/{n[1]:<3d}   P {o[2]:3d}/{o[3]:<3d} -> {n[2]:3d}/{n[3]:<3d}")


def main(argv=None):
    global SCORE, MIN_PRECISION
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cv", action="store_true", help="cross-validate over the corpus's articles")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true", help=f"fit on all data and write {WEIGHTS.relative_to(ROOT)}")
    ap.add_argument("-C", type=float, default=0.5, help="inverse L2 regularisation strength")
    ap.add_argument("--min-precision", type=float, default=MIN_PRECISION,
                    help="each predicate's threshold keeps at least this candidate precision on inner folds")
    a = ap.parse_args(argv)
    MIN_PRECISION = a.min_precision
    SCORE = _score_module()
    docs, articles, gold_files = load_all()
    n = sum(len(d.labels) for d in docs)
    pos = sum(sum(d.labels) for d in docs)
    print(f"{len(docs)} labelled sources, {n} candidates, {pos} positive")
    if a.cv:
        cv(docs, articles, gold_files, a.folds, a.C)
    if a.write:
        model = fit(docs, c=a.C)
        model = model.model_copy(update={"trained_on": "bench/devset + ../shared/devcorpus (all articles); "
                                                      "figures by cross-validation: bench/pair_train.py --cv"})
        data = model.model_dump()
        data["weights"] = dict(sorted(data["weights"].items()))
        data["thresholds"] = dict(sorted(data["thresholds"].items()))
        tmp = WEIGHTS.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=0, separators=(",", ":")) + "\n", encoding="utf-8")
        os.replace(tmp, WEIGHTS)
        print(f"wrote {WEIGHTS.relative_to(ROOT)}: {len(data['weights'])} weights")


if __name__ == "__main__":
    main()
