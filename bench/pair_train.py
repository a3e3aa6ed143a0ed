#!/usr/bin/env python3
"""Fit the candidate-pair relation scorer (semikg/extract/pairs.py) and report it by cross-validation.

    .venv/bin/pip install scikit-learn          # training only; the runtime reads the JSON weights
    .venv/bin/python bench/pair_train.py --cv   # 5-fold CV over the real-news corpus's articles
    .venv/bin/python bench/pair_train.py --write   # fit on everything, write semikg/extract/pair_weights.json
    .venv/bin/python bench/pair_train.py --gate    # gold facts the candidate gate drops, by predicate

Training data: every candidate pair the pass proposes on ``../shared/devcorpus/articles`` and on the
labelled ``bench/devset`` sources (``--skip-linked``: without the pairs the rules already linked, to
which the pass adds nothing). A candidate (s, p, o) is positive when the article's gold holds
(s', p, o') for gold entities s', o' whose normalised names are labels of s and o (as ``score.py``
aligns them; supplies(a, b) = customerOf(b, a)); ``--label-quoted`` counts it only in the sentence
the annotation quotes.

Cross-validation (``--cv``): the corpus's articles are split into K folds by article (article i goes
to fold i mod K, in id order). For each fold a model is fitted on the other folds' articles plus the
dev set, the held-out articles are built with it (a real build, SHACL off), and the graph is scored by
the corpus's own ``score.py`` against a gold file holding every gold entity and only the held-out
articles' relations. Per-fold figures and the pooled figures (counts summed over folds) are printed,
next to the same folds built with the rules alone. Thresholds per predicate are chosen inside the
training folds only (out-of-fold probabilities of an inner split), never on the held-out articles:
each fact counted once per article, as score.py counts statements, keeping the precision of what
the scorer adds at least ``--min-precision``.
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
# Per-predicate thresholds keep the precision of the scorer's facts at least this on inner folds.
MIN_PRECISION = 0.75
MIN_COUNT = 3
# No predicate is accepted below this probability, whatever a small inner split suggests.
THRESHOLD_FLOOR = 0.35
THRESHOLD_CEILING = 0.9
MIN_ADDED = 2
# A predicate with fewer facts the scorer could add on the inner folds gets threshold 1: it never fires.
MIN_POSITIVES = 3
C = 1.0  # inverse L2 regularisation strength


class OPTS:
    """Training choices (set from the command line)."""
    min_positives = MIN_POSITIVES
    # Train on the pairs the scorer can add a fact for only (the pass adds nothing to a pair the rules
    # linked)? No by default: the linked pairs teach what a stated relation looks like, and the rule
    # votes are features; measured by --cv both ways.
    skip_linked = False
    class_weight = None
    # A candidate is positive when the article's gold holds its fact, whichever sentence the annotator
    # quoted (as score.py counts a statement right); False: only where the quote is.
    label_holds = True


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
        self.labels: list[int] = []  # the gold states this fact in this sentence
        # Per candidate, as score.py counts a statement: None when an end is no gold entity (the
        # statement counts neither way), else whether the gold holds the fact anywhere in the article.
        self.holds: list[int | None] = []


def _pipeline(scorer):
    """A pipeline whose pair pass uses ``scorer`` instead of the shipped weights."""
    from semikg.extract.passes import DEFAULT_PASSES, PairsPass
    from semikg.extract.rules import RuleBasedExtractor
    from semikg.pipeline import Pipeline

    pipe = Pipeline()
    passes = tuple(PairsPass.with_scorer(scorer) if p is PairsPass else p for p in DEFAULT_PASSES)
    pipe.extractor = RuleBasedExtractor(pipe.catalog, passes=passes)
    return pipe


def collect(paths: list[Path], gated: bool = True):
    """Every candidate of every file, by file stem, and the pipeline (whose labels() name the entities)."""
    from semikg.extract.pairs import PairScorer

    scorer = PairScorer(use_shipped=False)
    scorer.gated = gated
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


def label(cands, pipe, name_to_gold, facts) -> tuple[list[int], list[int | None]]:
    cache: dict[str, set] = {}

    def gold_ids(eid):
        if eid not in cache:
            ids = set()
            for lab in pipe.labels(eid):
                ids |= name_to_gold.get(norm(lab), set())
            cache[eid] = ids
        return cache[eid]

    out, holds = [], []
    for s, p, o, _f, sentence in cands:
        ps = snake(p)
        ns = norm(sentence)
        hit = anywhere = False
        gs, go = gold_ids(s), gold_ids(o)
        for a in gs:
            for b in go:
                for key in ((a, ps, b), (b, "customer_of", a) if ps == "supplies" else None):
                    if key in facts:
                        anywhere = True
                        if any(_states(q, ns) for q in facts[key]):
                            hit = True
        out.append(int(hit))
        holds.append(int(anywhere) if gs and go else None)
    return out, holds


def _states(quote: str, sentence: str) -> bool:
    """Whether a gold fact's quote is (in) this sentence: a fact is labelled where it is stated, not in
    every sentence that names its two ends. An empty quote stands for any sentence."""
    if not quote or quote in sentence or sentence in quote:
        return True
    return any(quote[i:i + 10] in sentence for i in range(0, max(1, len(quote) - 9), 5))


def load_all(gated: bool = True):
    files, name_to_gold, by_article = corpus_gold()
    articles = sorted((CORPUS / "articles").glob("*.txt"))
    dev = devset_gold()
    cands, pipe = collect(articles + sorted(dev), gated)
    docs = []
    for a in articles:
        d = Doc(a.stem, "corpus")
        d.cands = cands[a.stem]
        d.labels, d.holds = label(d.cands, pipe, name_to_gold, by_article.get(a.stem, {}))
        docs.append(d)
    for path, (n2g, facts) in dev.items():
        d = Doc(path.stem, "devset")
        d.cands = cands[path.stem]
        d.labels, d.holds = label(d.cands, pipe, n2g, facts)
        docs.append(d)
    return docs, articles, files


# ------------------------------------------------------------------ model


def _linked(features) -> bool:
    """A pair the rules linked (either way round): the pass never adds a fact for it."""
    return any(f.endswith(("|rule-vote", "|rule-other")) for f in features)


def _rows(docs):
    """(doc, candidate, label, holds) of every candidate the scorer could turn into a fact."""
    for d in docs:
        for cand, y, h in zip(d.cands, d.labels, d.holds):
            if not (OPTS.skip_linked and _linked(cand[3])):
                yield d, cand, y, h


def fit(docs, inner_folds: int = 4, c: float = C):
    """A PairModel fitted on docs; thresholds chosen on out-of-fold probabilities of an inner split."""
    from semikg.extract.pairs import PairModel

    weights = _fit_weights(docs, c)
    # Inner split for thresholds: out-of-fold probabilities on the training docs. A fact counts once
    # per article, with its best candidate's probability, and only when both its ends are gold
    # entities: as score.py counts statements.
    best: dict[tuple[str, str, str, str], list] = {}
    for k in range(inner_folds):
        train = [d for i, d in enumerate(docs) if i % inner_folds != k]
        test = [d for i, d in enumerate(docs) if i % inner_folds == k]
        m = PairModel(weights=_fit_weights(train, c), thresholds={})
        for d, (s, p, o, f, _t), y, h in _rows(test):
            if h is None:
                continue
            key = (d.key, s, p, o)
            pr = m.probability(f)
            row = best.setdefault(key, [pr, h, y, True])
            row[0] = max(row[0], pr)
            row[2] = max(row[2], y)
            row[3] = row[3] and _linked(f)
    thresholds = {}
    for p in sorted({k[2] for k in best} | {c[1] for d in docs for c in d.cands}):
        rows = sorted(((v[0], v[1], v[2], v[3]) for k, v in best.items() if k[2] == p), reverse=True)
        pos = sum(r[2] for r in rows)
        if pos < OPTS.min_positives:
            thresholds[p] = 1.0
            continue
        best_f, best_t, tp, right = 0.0, 1.0, 0, 0
        for i, (pr, h, y, _linked_pair) in enumerate(rows):
            tp += y
            right += h
            prec, rec = right / (i + 1), tp / pos
            if prec >= MIN_PRECISION and rec > 0 and i + 1 >= MIN_COUNT:
                f1 = 2 * prec * rec / (prec + rec)
                if f1 > best_f:
                    best_f, best_t = f1, pr
        # A predicate that fires only on near-certain candidates adds next to nothing, and costs a
        # candidate for every pair of its types: it does not fire at all.
        t = max(best_t, THRESHOLD_FLOOR)
        # Nor does one that adds fewer than MIN_ADDED right facts the rules missed on the inner folds.
        added = sum(h for pr, h, _y, linked in rows if pr >= t and not linked)
        thresholds[p] = 1.0 if best_t > THRESHOLD_CEILING or added < MIN_ADDED else round(t, 4)
    return PairModel(weights=weights, thresholds=thresholds)


def _fit_weights(docs, c: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [(cand[3], max(lab, h or 0) if OPTS.label_holds else lab) for _d, cand, lab, h in _rows(docs)]
    seen = Counter(x for f, _lab in rows for x in set(f))
    X, y = [], []
    for f, lab in rows:
        # A feature seen in fewer than MIN_COUNT candidates has no weight worth shipping.
        X.append({x: 1 for x in f if seen[x] >= MIN_COUNT})
        y.append(lab)
    vec = DictVectorizer(sort=True)
    Xm = vec.fit_transform(X)
    clf = LogisticRegression(C=c, fit_intercept=False, solver="lbfgs", max_iter=2000, class_weight=OPTS.class_weight)
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


def _stated(docs):
    """Distinct (source, subject, predicate, object) some candidate states, and those the rules left unlinked."""
    facts, open_ = set(), set()
    for d in docs:
        for (s, p, o, f, _t), y in zip(d.cands, d.labels):
            if y:
                facts.add((d.key, s, p, o))
                if not _linked(f):
                    open_.add((d.key, s, p, o))
    return facts, open_


def gate_report(gated, ungated):
    """How many gold facts stated in a sentence that names both ends the candidate gate drops, by predicate."""
    g_all, g_open = _stated(gated)
    u_all, u_open = _stated(ungated)
    n_g = sum(len(d.cands) for d in gated)
    n_u = sum(len(d.cands) for d in ungated)
    print(f"gate: {n_g} candidates kept of {n_u}; gold facts stated with both ends in one sentence: "
          f"{len(g_all)} of {len(u_all)} are candidates ({len(g_open)} of {len(u_open)} not linked by a rule)")
    by = Counter(k[2] for k in u_open - g_open)
    print("  dropped by the gate, not linked by a rule:", ", ".join(f"{p} {n}" for p, n in by.most_common()))


def main(argv=None):
    global SCORE, MIN_PRECISION, THRESHOLD_FLOOR
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cv", action="store_true", help="cross-validate over the corpus's articles")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true", help=f"fit on all data and write {WEIGHTS.relative_to(ROOT)}")
    ap.add_argument("-C", type=float, default=C, help="inverse L2 regularisation strength")
    ap.add_argument("--min-precision", type=float, default=MIN_PRECISION,
                    help="each predicate's threshold keeps at least this precision of added facts on inner folds")
    ap.add_argument("--min-positives", type=int, default=MIN_POSITIVES,
                    help="a predicate with fewer addable facts on the inner folds never fires")
    ap.add_argument("--floor", type=float, default=THRESHOLD_FLOOR, help="no threshold below this")
    ap.add_argument("--skip-linked", action="store_true", help="train without the pairs the rules linked")
    ap.add_argument("--balanced", action="store_true", help="balanced class weights")
    ap.add_argument("--label-quoted", action="store_true",
                    help="a candidate is positive only in the sentence the annotation quotes")
    ap.add_argument("--gate", action="store_true",
                    help="report the gold facts the candidate gate drops (no trigger word, rule finding or shape)")
    a = ap.parse_args(argv)
    OPTS.min_positives, OPTS.skip_linked = a.min_positives, a.skip_linked
    OPTS.class_weight = "balanced" if a.balanced else None
    OPTS.label_holds = not a.label_quoted
    MIN_PRECISION, THRESHOLD_FLOOR = a.min_precision, a.floor
    SCORE = _score_module()
    docs, articles, gold_files = load_all()
    n = sum(len(d.labels) for d in docs)
    pos = sum(sum(d.labels) for d in docs)
    print(f"{len(docs)} labelled sources, {n} candidates, {pos} positive")
    if a.gate:
        gate_report(docs, load_all(gated=False)[0])
    if a.cv:
        cv(docs, articles, gold_files, a.folds, a.C)
    if a.write:
        model = fit(docs, c=a.C)
        model = model.model_copy(update={"trained_on": "bench/devset + ../shared/devcorpus (all articles); "
                                                      "figures by cross-validation: bench/pair_train.py --cv"})
        data = model.model_dump()
        # A predicate that never fires (threshold 1) needs no weights: the pass does not even propose it.
        silent = {p for p, t in data["thresholds"].items() if t >= 1.0}
        data["weights"] = dict(sorted((k, w) for k, w in data["weights"].items() if k.partition("|")[0] not in silent))
        data["thresholds"] = dict(sorted(data["thresholds"].items()))
        tmp = WEIGHTS.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=0, separators=(",", ":")) + "\n", encoding="utf-8")
        os.replace(tmp, WEIGHTS)
        print(f"wrote {WEIGHTS.relative_to(ROOT)}: {len(data['weights'])} weights")


if __name__ == "__main__":
    main()
