#!/usr/bin/env python3
"""Score the semikg extractor on the real-news corpus (``../shared/devcorpus``) and the dev set (``bench/devset``).

Usage::

    .venv/bin/python bench/quality.py                 # both tables
    .venv/bin/python bench/quality.py --errors 40     # + real-news misses and wrong statements (40 of each kind)
    .venv/bin/python bench/quality.py --only devcorpus
    .venv/bin/python bench/quality.py --json          # numbers as JSON
    .venv/bin/python bench/quality.py --show-errors   # + dev-set false positives / negatives per article
    .venv/bin/python bench/quality.py --check         # only validate the dev-set label files
    .venv/bin/python bench/quality.py --cv            # + the real-news relation figures by cross-validation

The relation figures of a plain build are partly in-sample: the candidate-pair scorer's weights
(semikg/extract/pair_weights.json) are fitted on this corpus. ``--cv`` adds the honest figures: the
corpus's articles in 5 folds, each fold built with weights fitted on the other folds and the dev set,
scored by the same score.py, pooled and by predicate (``bench/pair_train.py --cv``; needs the
``train`` extra, scikit-learn).

The real-news corpus is the measure: 40 real excerpts annotated independently of the extractor. It is
read where it lies (``--devcorpus``, else $SEMIKG_DEVCORPUS, else ``../shared/devcorpus`` beside the
checkout), built with ``Pipeline.build`` into a temporary folder and scored by the corpus's own
``score.py``, imported from there; nothing of it is copied into the project. When it is absent, its
section says so and the dev set is still scored.

Dev-set matching rules (see bench/devset/README.md):

* surface forms are compared after NFKC, Traditional->Simplified conversion (OpenCC ``t2s``),
  case-folding and removal of whitespace;
* a gold entity matches a predicted entity if any gold form (``name`` + ``also``) equals any
  label of the predicted entity (``Pipeline.labels(id)`` + its name + its mention surfaces in the article);
  counting uses a one-to-one matching (same-type pairs first), so a second predicted entity for the
  same gold entity is a false positive ("duplicate");
* a gold relation matches a predicted relation if the predicate is equal and both ends match;
  partnersWith / competesWith match in either direction, supplies(a,b) == customerOf(b,a),
  and for place subjects partOf(a,b) == locatedIn(a,b);
* articles are aligned by character-span overlap between the extractor's Article.start/end and the
  gold article span (from the heading ``title``); several predicted articles falling in one gold
  article are merged.  Without usable offsets, alignment falls back to title, then index.

Exit status: 0, except 1 (with a one-line message naming file and entry) when a label file is malformed.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

import semikg.ontology as _ontology
from semikg.ontology.classes import classes_for

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "bench" / "devset"
LABELS_DIR = DEVSET / "labels"
SEEDS_DIR = ROOT / "seeds"
EXTRA_DIR = DEVSET / "extra"
DEVCORPUS = ROOT.parent / "shared" / "devcorpus"

# The vocabulary comes from the ontology (semikg.ttl, through the generated namespace).
ENTITY_TYPES = _ontology.ENTITY_TYPES
PREDICATES = _ontology.RELATIONS
STATUSES = ("stated", "planned", "expected", "reported", "rumoured")
MEASUREMENT_KINDS = (
    "Capacity", "MarketShare", "Investment", "Price", "Shipments", "Revenue", "MarketSize",
    "DieArea", "Bandwidth", "Performance", "Power", "Headcount",
)
SYMMETRIC = _ontology.SYMMETRIC


def _entity_types(classes: tuple[str, ...]) -> set[str]:
    """The entity types that are (sub-classes of) one of these ontology classes ("Agent": Company, Organization)."""
    return {t for t in ENTITY_TYPES if set(classes_for(t)) & set(classes)}


# Domain and range of every relation, as entity types (a gold label carries a type, not its super-classes).
DOMAIN_RANGE: dict[str, tuple[set[str], set[str]]] = {
    p: (_entity_types(_ontology.DOMAIN[p]), _entity_types(_ontology.RANGE[p])) for p in PREDICATES
}

HEADING_RE = re.compile(r"^(\d{1,2})\.\s*\S", re.M)


class LabelError(Exception):
    """A malformed label file; ``str()`` is a one-line message naming file and entry."""

    def __init__(self, file: str, entry: str, msg: str):
        super().__init__(f"{file}: {entry}: {msg}")
        self.file, self.entry, self.msg = file, entry, msg


# ----------------------------------------------------------------------------------- normalisation

_T2S = None


def norm(s: str) -> str:
    """NFKC + Traditional->Simplified + casefold + no whitespace."""
    global _T2S
    if _T2S is None:
        import opencc

        _T2S = opencc.OpenCC("t2s")
    s = unicodedata.normalize("NFKC", str(s))
    s = _T2S.convert(s)
    return re.sub(r"\s+", "", s.casefold())


# ----------------------------------------------------------------------------------- gold model


@dataclass
class GoldEntity:
    name: str
    type: str
    also: tuple[str, ...] = ()
    novel: bool = False

    @property
    def surfaces(self) -> tuple[str, ...]:
        return (self.name, *self.also)

    @property
    def forms(self) -> set[str]:
        return {norm(x) for x in self.surfaces}


@dataclass
class GoldRelation:
    s: str  # entity name
    p: str
    o: str
    status: str


@dataclass
class GoldMeasurement:
    about: str
    kind: str
    value: Decimal
    unit: str
    year: int | None = None


@dataclass
class GoldArticle:
    source: str  # e.g. "004_4d48e57e114efd5a.txt" or "extra/01_x.txt"
    index: int
    title: str | None
    start: int
    end: int
    text: str
    entities: list[GoldEntity]
    relations: list[GoldRelation]
    measurements: list[GoldMeasurement]
    label_file: str = ""

    @property
    def key(self) -> str:
        return f"{self.source}#{self.index}"

    @property
    def is_extra(self) -> bool:
        return self.source.startswith("extra/")

    def entity(self, name: str) -> GoldEntity:
        for e in self.entities:
            if e.name == name:
                return e
        raise KeyError(name)


def source_path(source: str, seeds_dir: Path = SEEDS_DIR, devset_dir: Path = DEVSET) -> Path:
    if source.startswith("extra/"):
        return devset_dir / source
    return seeds_dir / source


def read_text(path: Path) -> str:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030", "big5"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def numbered_headings(text: str) -> list[tuple[int, int]]:
    """(number, offset) of the article headings "1. ", "2. ", ... that form the sequence 1..n.

    Only the first run of consecutive numbers starting at 1 counts; inline or nested
    enumerations that restart at 1 inside an article are ignored.
    """
    out: list[tuple[int, int]] = []
    for m in HEADING_RE.finditer(text):
        n = int(m.group(1))
        if n == len(out) + 1:
            out.append((n, m.start()))
    return out


def _req(d: dict, key: str, file: str, entry: str):
    if key not in d or d[key] is None or d[key] == "":
        raise LabelError(file, entry, f"missing '{key}'")
    return d[key]


def load_label_file(path: Path, seeds_dir: Path = SEEDS_DIR, devset_dir: Path = DEVSET) -> list[GoldArticle]:
    """Parse and validate one labels YAML; raise LabelError on the first problem."""
    fname = path.name
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise LabelError(fname, f"line {line + 1}" if line is not None else "yaml", "YAML syntax error") from None
    if not isinstance(doc, dict):
        raise LabelError(fname, "top", "not a mapping")
    source = _req(doc, "source", fname, "top")
    src = source_path(str(source), seeds_dir, devset_dir)
    if not src.is_file():
        raise LabelError(fname, "source", f"source file not found: {src}")
    text = read_text(src)
    arts = doc.get("articles")
    if not isinstance(arts, list) or not arts:
        raise LabelError(fname, "articles", "missing or empty")

    # --- article spans
    indexes = []
    for i, a in enumerate(arts):
        if not isinstance(a, dict):
            raise LabelError(fname, f"articles[{i}]", "not a mapping")
        idx = a.get("index")
        if not isinstance(idx, int) or idx < 0:
            raise LabelError(fname, f"articles[{i}]", "index must be an int >= 0")
        indexes.append(idx)
    if len(set(indexes)) != len(indexes):
        raise LabelError(fname, "articles", "duplicate article index")
    headings = numbered_headings(text)
    titled = any(a.get("title") for a in arts)
    spans: dict[int, tuple[int, int]] = {}
    if titled:
        if not headings:
            raise LabelError(fname, "articles", "titles given but the source has no numbered headings")
        starts = [off for _, off in headings]
        for a in arts:
            idx, title = a["index"], a.get("title")
            if idx >= len(starts):
                raise LabelError(fname, f"index {idx}", f"source has only {len(starts)} articles")
            if not title:
                raise LabelError(fname, f"index {idx}", "missing 'title' (other articles have one)")
            if not norm(text[starts[idx]:starts[idx] + 2 * len(str(title)) + 10]).startswith(norm(str(title))):
                raise LabelError(fname, f"index {idx}", f"title {title!r} is not the heading of article {idx}")
            start = 0 if idx == 0 else starts[idx]  # preamble belongs to article 0
            end = starts[idx + 1] if idx + 1 < len(starts) else len(text)
            spans[idx] = (start, end)
    else:
        if indexes != [0]:
            raise LabelError(fname, "articles", "untitled label files describe one article with index 0")
        spans[0] = (0, len(text))

    out: list[GoldArticle] = []
    for a in arts:
        idx = a["index"]
        where = f"index {idx}"
        start, end = spans[idx]
        atext = text[start:end]
        ntext = norm(atext)
        ents: list[GoldEntity] = []
        seen_forms: dict[str, str] = {}
        for j, e in enumerate(a.get("entities") or []):
            ew = f"{where} entities[{j}]"
            if not isinstance(e, dict):
                raise LabelError(fname, ew, "not a mapping")
            extra_keys = set(e) - {"name", "type", "also", "novel"}
            if extra_keys:
                raise LabelError(fname, ew, f"unknown keys {sorted(extra_keys)}")
            name = _req(e, "name", fname, ew)
            ew = f"{where} entity {name!r}"
            if not isinstance(name, str):
                raise LabelError(fname, ew, "name must be a string (quote it)")
            etype = _req(e, "type", fname, ew)
            if etype not in ENTITY_TYPES:
                raise LabelError(fname, ew, f"unknown type {etype!r}")
            also = e.get("also") or []
            if not isinstance(also, list) or not all(isinstance(x, str) and x for x in also):
                raise LabelError(fname, ew, "'also' must be a list of strings")
            novel = e.get("novel", False)
            if not isinstance(novel, bool):
                raise LabelError(fname, ew, "'novel' must be true/false")
            if novel and not str(source).startswith("extra/"):
                raise LabelError(fname, ew, "'novel' is only used in extra/ articles")
            ge = GoldEntity(name=name, type=etype, also=tuple(also), novel=novel)
            for surf in ge.surfaces:
                if norm(surf) not in ntext:
                    raise LabelError(fname, ew, f"surface form {surf!r} does not occur in the article")
                f = norm(surf)
                if f in seen_forms and seen_forms[f] != name:
                    raise LabelError(fname, ew, f"surface form {surf!r} also used by entity {seen_forms[f]!r}")
                seen_forms[f] = name
            if any(x.name == name for x in ents):
                raise LabelError(fname, ew, "duplicate entity name")
            ents.append(ge)
        names = {x.name: x for x in ents}
        rels: list[GoldRelation] = []
        seen_rel: set[tuple] = set()
        for j, r in enumerate(a.get("relations") or []):
            rw = f"{where} relations[{j}]"
            if not isinstance(r, dict):
                raise LabelError(fname, rw, "not a mapping")
            s, p, o = (_req(r, k, fname, rw) for k in ("s", "p", "o"))
            rw = f"{where} relation {s}-{p}->{o}"
            status = r.get("status", "stated")
            if p not in PREDICATES:
                raise LabelError(fname, rw, f"unknown predicate {p!r}")
            if status not in STATUSES:
                raise LabelError(fname, rw, f"unknown status {status!r}")
            for end_name in (s, o):
                if end_name not in names:
                    raise LabelError(fname, rw, f"{end_name!r} is not an entity name of this article")
            if s == o:
                raise LabelError(fname, rw, "subject equals object")
            dom, rng = DOMAIN_RANGE[p]
            if names[s].type not in dom:
                raise LabelError(fname, rw, f"subject type {names[s].type} not allowed for {p}")
            if names[o].type not in rng:
                raise LabelError(fname, rw, f"object type {names[o].type} not allowed for {p}")
            k = canon_key(s, p, o)
            if k in seen_rel:
                raise LabelError(fname, rw, "duplicate relation (list each triple once, strongest status)")
            seen_rel.add(k)
            rels.append(GoldRelation(s=s, p=p, o=o, status=status))
        meas: list[GoldMeasurement] = []
        for j, m in enumerate(a.get("measurements") or []):
            mw = f"{where} measurements[{j}]"
            if not isinstance(m, dict):
                raise LabelError(fname, mw, "not a mapping")
            about = _req(m, "about", fname, mw)
            if about not in names:
                raise LabelError(fname, mw, f"about {about!r} is not an entity name of this article")
            kind = _req(m, "kind", fname, mw)
            if kind not in MEASUREMENT_KINDS:
                raise LabelError(fname, mw, f"unknown kind {kind!r}")
            try:
                value = Decimal(str(_req(m, "value", fname, mw)))
            except InvalidOperation:
                raise LabelError(fname, mw, "value is not a number") from None
            unit = str(_req(m, "unit", fname, mw))
            year = m.get("year")
            if year is not None and not isinstance(year, int):
                raise LabelError(fname, mw, "year must be an int")
            meas.append(GoldMeasurement(about=about, kind=kind, value=value, unit=unit, year=year))
        out.append(GoldArticle(source=str(source), index=idx, title=a.get("title"), start=start, end=end,
                               text=atext, entities=ents, relations=rels, measurements=meas, label_file=fname))
    return out


def load_gold(labels_dir: Path = LABELS_DIR, seeds_dir: Path = SEEDS_DIR, devset_dir: Path = DEVSET) -> list[GoldArticle]:
    files = sorted(labels_dir.glob("*.yaml"))
    if not files:
        raise LabelError(str(labels_dir), "-", "no *.yaml label files")
    arts: list[GoldArticle] = []
    seen: dict[str, str] = {}
    for f in files:
        for a in load_label_file(f, seeds_dir, devset_dir):
            if a.key in seen:
                raise LabelError(f.name, f"index {a.index}", f"article already labelled in {seen[a.key]}")
            seen[a.key] = f.name
            arts.append(a)
    return arts


def canon_key(s: Any, p: str, o: Any) -> tuple:
    """A predicate-equivalence key: supplies(a,b) == customerOf(b,a); symmetric predicates unordered."""
    if p == "customerOf":
        return (o, "supplies", s)
    if p in SYMMETRIC:
        a, b = sorted((s, o), key=str)
        return (a, p, b)
    return (s, p, o)


# ----------------------------------------------------------------------------------- prediction view


@dataclass
class PredEntity:
    id: str
    type: str
    name: str
    origin: str
    forms: set[str]


@dataclass
class PredRelation:
    s: str
    p: str
    o: str
    status: str
    quote: str = ""


@dataclass
class PredArticle:
    """Predictions merged over the extractor articles aligned to one gold article."""

    entities: dict[str, PredEntity] = field(default_factory=dict)
    relations: list[PredRelation] = field(default_factory=list)
    measurements: list[tuple[str, str, Decimal, str]] = field(default_factory=list)
    n_results: int = 0
    irrelevant: int = 0


def _status(x: Any) -> str:
    return str(getattr(x, "value", x))


def add_result(pa: PredArticle, res: Any, labels: Callable[[str], Iterable[str]]) -> None:
    pa.n_results += 1
    if not getattr(res.article, "relevant", True):
        pa.irrelevant += 1
        return
    surf: dict[str, set[str]] = defaultdict(set)
    for m in res.mentions:
        surf[m.entity_id].add(m.surface)
    for e in res.entities:
        try:
            labs = set(labels(e.id) or ())
        except Exception:  # an unknown id must not crash the benchmark
            labs = set()
        forms = {norm(x) for x in labs | {e.name} | surf.get(e.id, set()) if x}
        if e.id in pa.entities:
            pa.entities[e.id].forms |= forms
        else:
            pa.entities[e.id] = PredEntity(id=e.id, type=e.type, name=e.name, origin=e.origin, forms=forms)
    seen = {(r.s, r.p, r.o) for r in pa.relations}
    for r in res.relations:
        k = (r.subject, r.predicate, r.object)
        if k in seen:
            continue
        seen.add(k)
        pa.relations.append(PredRelation(r.subject, r.predicate, r.object, _status(r.evidence.status),
                                         getattr(r.evidence, "quote", "")))
    for m in res.measurements:
        pa.measurements.append((m.about, m.kind, Decimal(str(m.value)), m.unit))


def align(gold: list[GoldArticle], results_by_source: dict[str, list[Any]],
          labels: Callable[[str], Iterable[str]]) -> tuple[dict[str, PredArticle], list[str]]:
    """Map extractor results onto gold articles. Returns (pred per gold key, notes)."""
    notes: list[str] = []
    by_src: dict[str, list[GoldArticle]] = defaultdict(list)
    for g in gold:
        by_src[g.source].append(g)
    preds: dict[str, PredArticle] = {g.key: PredArticle() for g in gold}
    for src, garts in by_src.items():
        results = results_by_source.get(src)
        if results is None:
            notes.append(f"{src}: no extractor output")
            continue
        mapping: dict[int, str] = {}
        for i, res in enumerate(results):
            art = res.article
            target = None
            if getattr(art, "end", 0) > getattr(art, "start", 0):
                best = 0
                for g in garts:
                    ov = min(art.end, g.end) - max(art.start, g.start)
                    if ov > best:
                        best, target = ov, g
                # an extractor article lying in a region of the file we did not label
                if target is not None and best < 0.5 * (art.end - art.start):
                    # majority of the predicted article is outside the gold span: keep, but say so
                    notes.append(f"{src}: extractor article {art.index} only partly inside gold article {target.index}")
            if target is None:
                t = norm(getattr(art, "title", "") or "")
                for g in garts:
                    if g.title and t and (norm(g.title).startswith(t[:12]) or t.startswith(norm(g.title)[:12])):
                        target = g
                        break
            if target is None:
                target = next((g for g in garts if g.index == art.index), None)
            if target is None:
                if getattr(art, "relevant", True) and res.entities:
                    notes.append(f"{src}: extractor article {art.index} ({getattr(art, 'title', '')[:20]!r}) unaligned")
                continue
            mapping[art.index] = target.key
            add_result(preds[target.key], res, labels)
        n_gold_total = (len(numbered_headings(source_text(src))) or 1) if any(g.title for g in garts) else 1
        if len(results) != n_gold_total or any(mapping.get(g.index) not in (None, g.key) for g in garts):
            groups: dict[str, list[int]] = defaultdict(list)
            for pi, gk in mapping.items():
                groups[gk].append(pi)
            desc = ", ".join(f"{k.split('#')[1]}<-{v}" for k, v in sorted(groups.items(), key=lambda kv: int(kv[0].split('#')[1])))
            notes.append(f"{src}: split differs (extractor {len(results)} articles, gold {len(garts)} labelled); gold<-extractor: {desc}")
        for g in garts:
            pa = preds[g.key]
            if pa.n_results == 0:
                notes.append(f"{src}: gold article {g.index} has no extractor article")
            elif pa.irrelevant == pa.n_results:
                notes.append(f"{src}: gold article {g.index} was judged irrelevant by the extractor")
    return preds, notes


_SRC_CACHE: dict[str, str] = {}


def source_text(src: str) -> str:
    if src not in _SRC_CACHE:
        p = source_path(src)
        _SRC_CACHE[src] = read_text(p) if p.is_file() else ""
    return _SRC_CACHE[src]


# ----------------------------------------------------------------------------------- matching


def max_matching(edges: dict[Any, list[Any]], fixed: dict[Any, Any] | None = None) -> dict[Any, Any]:
    """Maximum bipartite matching left->right (augmenting paths); ``fixed`` pairs are kept."""
    match_r: dict[Any, Any] = {}
    match_l: dict[Any, Any] = dict(fixed or {})
    for l, r in match_l.items():
        match_r[r] = l

    def try_(l, seen):
        for r in edges.get(l, ()):
            if r in seen:
                continue
            seen.add(r)
            if r not in match_r or (match_r[r] not in (fixed or {}) and try_(match_r[r], seen)):
                match_r[r] = l
                match_l[l] = r
                return True
        return False

    for l in edges:
        if l not in match_l:
            try_(l, set())
    return match_l


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    tp_gold: int = 0  # gold items found
    tp_pred: int = 0  # predicted items that are correct

    def add(self, other: "Counts") -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.tp_gold += other.tp_gold
        self.tp_pred += other.tp_pred

    def prf(self) -> dict[str, float | int | None]:
        p = self.tp_pred / self.pred if self.pred else None
        r = self.tp_gold / self.gold if self.gold else None
        f = 2 * p * r / (p + r) if p is not None and r is not None and (p + r) > 0 else (0.0 if p is not None and r is not None else None)
        return {"gold": self.gold, "pred": self.pred, "tp": self.tp_gold, "tp_pred": self.tp_pred,
                "precision": _r(p), "recall": _r(r), "f1": _r(f)}


def _r(x):
    return None if x is None else round(x, 4)


def rel_matches(g: GoldRelation, gtypes: dict[str, str], r: PredRelation,
                subj_gold: set[str], obj_gold: set[str]) -> bool:
    """Does predicted relation r (ends resolved to the gold names they match) match gold relation g?"""
    gp, rp = g.p, r.p
    if gp == rp and g.s in subj_gold and g.o in obj_gold:
        return True
    if rp == gp and gp in SYMMETRIC and g.s in obj_gold and g.o in subj_gold:
        return True
    pair = {gp, rp}
    if pair == {"supplies", "customerOf"} and g.s in obj_gold and g.o in subj_gold:
        return True
    if pair == {"partOf", "locatedIn"} and gtypes.get(g.s) == "Place" and g.s in subj_gold and g.o in obj_gold:
        return True
    return False


def score(gold: list[GoldArticle], preds: dict[str, PredArticle]) -> dict[str, Any]:
    ent_all, ent_typed = Counts(), Counts()
    ent_by_type: dict[str, Counts] = defaultdict(Counts)
    rel_all = Counts()
    rel_by_pred: dict[str, Counts] = defaultdict(Counts)
    rel_hedged = Counts()
    novel = Counts()
    discovered = Counts()
    meas = Counts()
    status_ok = status_n = 0
    errors: dict[str, dict[str, list[str]]] = {}

    for g in gold:
        pa = preds.get(g.key, PredArticle())
        err = errors.setdefault(g.key, {"entity_fn": [], "entity_fp": [], "entity_type": [],
                                        "relation_fn": [], "relation_fp": [], "relation_status": [],
                                        "measurement_fn": [], "measurement_fp": []})
        gtypes = {e.name: e.type for e in g.entities}
        pents = list(pa.entities.values())
        # -- all gold/pred entity pairs whose forms intersect
        compat: dict[str, list[str]] = {e.name: [p.id for p in pents if e.forms & p.forms] for e in g.entities}
        same_type = {k: [pid for pid in v if pa.entities[pid].type == gtypes[k]] for k, v in compat.items()}
        m1 = max_matching(same_type)
        m = max_matching(compat, fixed=m1)
        matched_pred = set(m.values())
        c = Counts(gold=len(g.entities), pred=len(pents), tp_gold=len(m), tp_pred=len(matched_pred))
        ent_all.add(c)
        typed_pairs = [(gn, pid) for gn, pid in m.items() if pa.entities[pid].type == gtypes[gn]]
        ent_typed.add(Counts(gold=len(g.entities), pred=len(pents), tp_gold=len(typed_pairs), tp_pred=len(typed_pairs)))
        for e in g.entities:
            ent_by_type[e.type].gold += 1
        for p in pents:
            ent_by_type[p.type].pred += 1
        for gn, pid in typed_pairs:
            ent_by_type[gtypes[gn]].tp_gold += 1
            ent_by_type[gtypes[gn]].tp_pred += 1
        for e in g.entities:
            if e.name not in m:
                err["entity_fn"].append(f"{e.name} [{e.type}]")
            elif pa.entities[m[e.name]].type != e.type:
                err["entity_type"].append(f"{e.name}: gold {e.type}, predicted {pa.entities[m[e.name]].type}")
        gold_of: dict[str, set[str]] = {p.id: {gn for gn, pids in compat.items() if p.id in pids} for p in pents}
        for p in pents:
            if p.id not in matched_pred:
                dup = sorted(gold_of[p.id])
                err["entity_fp"].append(f"{p.name} [{p.type}, {p.origin}]" + (f" (duplicate of {dup[0]})" if dup else ""))
        if g.is_extra:
            novel.gold += sum(1 for e in g.entities if e.novel)
            novel.tp_gold += sum(1 for e in g.entities if e.novel and e.name in m)
            disc = [p for p in pents if p.origin != "catalog"]
            discovered.pred += len(disc)
            discovered.tp_pred += sum(1 for p in disc if p.id in matched_pred)
        # -- relations
        redges: dict[int, list[int]] = {}
        for gi, gr in enumerate(g.relations):
            redges[gi] = [ri for ri, r in enumerate(pa.relations)
                          if rel_matches(gr, gtypes, r, gold_of.get(r.s, set()), gold_of.get(r.o, set()))]
        rm = max_matching(redges)
        rc = Counts(gold=len(g.relations), pred=len(pa.relations), tp_gold=len(rm), tp_pred=len(rm))
        rel_all.add(rc)
        for gr in g.relations:
            rel_by_pred[gr.p].gold += 1
            if gr.status != "stated":
                rel_hedged.gold += 1
        for r in pa.relations:
            rel_by_pred[r.p].pred += 1
            if r.status != "stated":
                rel_hedged.pred += 1
        for gi, ri in rm.items():
            gr, r = g.relations[gi], pa.relations[ri]
            rel_by_pred[gr.p].tp_gold += 1
            rel_by_pred[r.p].tp_pred += 1
            status_n += 1
            if gr.status == r.status:
                status_ok += 1
            else:
                err["relation_status"].append(f"{gr.s} -{gr.p}-> {gr.o}: gold {gr.status}, predicted {r.status}")
            if gr.status != "stated" and r.status == gr.status:
                rel_hedged.tp_gold += 1
                rel_hedged.tp_pred += 1
        for gi, gr in enumerate(g.relations):
            if gi not in rm:
                err["relation_fn"].append(f"{gr.s} -{gr.p}-> {gr.o} ({gr.status})")
        matched_r = set(rm.values())
        for ri, r in enumerate(pa.relations):
            if ri not in matched_r:
                sn = pa.entities[r.s].name if r.s in pa.entities else r.s
                on = pa.entities[r.o].name if r.o in pa.entities else r.o
                err["relation_fp"].append(f"{sn} -{r.p}-> {on} ({r.status})")
        # -- measurements: about matches, same kind, value within 1 %
        medges: dict[int, list[int]] = {}
        for gi, gm in enumerate(g.measurements):
            medges[gi] = [mi for mi, (about, kind, value, _unit) in enumerate(pa.measurements)
                          if kind == gm.kind and gm.about in gold_of.get(about, set())
                          and abs(value - gm.value) <= abs(gm.value) * Decimal("0.01")]
        mm = max_matching(medges)
        for gi, gm in enumerate(g.measurements):
            if gi not in mm:
                err["measurement_fn"].append(f"{gm.about} {gm.kind} = {gm.value} {gm.unit}")
        matched_m = set(mm.values())
        for mi, (about, kind, value, unit) in enumerate(pa.measurements):
            if mi not in matched_m:
                name = pa.entities[about].name if about in pa.entities else about
                err["measurement_fp"].append(f"{name} {kind} = {value} {unit}")
        meas.add(Counts(gold=len(g.measurements), pred=len(pa.measurements), tp_gold=len(mm), tp_pred=len(mm)))

    return {
        "articles": len(gold),
        "entities": {"overall": ent_all.prf(), "overall_typed": ent_typed.prf(),
                     "by_type": {t: ent_by_type[t].prf() for t in ENTITY_TYPES if t in ent_by_type}},
        "relations": {"overall": rel_all.prf(),
                      "hedged_with_status": rel_hedged.prf(),
                      "status_agreement": {"agree": status_ok, "matched": status_n,
                                           "rate": _r(status_ok / status_n) if status_n else None},
                      "by_predicate": {p: rel_by_pred[p].prf() for p in PREDICATES if p in rel_by_pred}},
        "catalog_absent": {"novel_gold_recall": novel.prf(), "discovered_pred_precision": discovered.prf()},
        "measurements": meas.prf(),
        "errors": errors,
    }


# ----------------------------------------------------------------------------------- output


def _fmt(x) -> str:
    return "   -  " if x is None else f"{x:6.3f}"


def _row(name: str, d: dict) -> str:
    return (f"  {name:<22}{d['gold']:>6}{d['pred']:>6}{d['tp']:>6}{d['tp_pred']:>6} "
            f"{_fmt(d['precision'])} {_fmt(d['recall'])} {_fmt(d['f1'])}")


def render(rep: dict[str, Any], notes: list[str]) -> str:
    head = f"  {'':<22}{'gold':>6}{'pred':>6}{'tpG':>6}{'tpP':>6} {'P':>6} {'R':>6} {'F1':>6}"
    out = [f"semikg dev set: {rep['articles']} articles", "", "ENTITIES", head,
           _row("overall (untyped)", rep["entities"]["overall"]),
           _row("overall (typed)", rep["entities"]["overall_typed"])]
    for t, d in rep["entities"]["by_type"].items():
        out.append(_row("  " + t, d))
    out += ["", "RELATIONS", head, _row("overall", rep["relations"]["overall"]),
            _row("hedged (+status)", rep["relations"]["hedged_with_status"])]
    for p, d in rep["relations"]["by_predicate"].items():
        out.append(_row("  " + p, d))
    sa = rep["relations"]["status_agreement"]
    out.append(f"  status agreement on matched relations: {sa['agree']}/{sa['matched']}")
    ca = rep["catalog_absent"]
    out += ["", "CATALOG-ABSENT (extra/ articles)", head,
            _row("novel gold: recall", ca["novel_gold_recall"]),
            _row("discovered: precision", ca["discovered_pred_precision"]),
            "", "MEASUREMENTS", head, _row("overall", rep["measurements"])]
    if notes:
        out += ["", "ALIGNMENT"] + [f"  {n}" for n in notes]
    out.append("\n(tpG = gold items found; tpP = predicted items that are correct; P = tpP/pred, R = tpG/gold)")
    return "\n".join(out)


def render_errors(rep: dict[str, Any]) -> str:
    out = []
    for key, err in rep["errors"].items():
        if not any(err.values()):
            continue
        out.append(f"== {key}")
        for k, label in (("entity_fn", "FN entity"), ("entity_fp", "FP entity"), ("entity_type", "type"),
                         ("relation_fn", "FN relation"), ("relation_fp", "FP relation"),
                         ("relation_status", "status"), ("measurement_fn", "FN measure"),
                         ("measurement_fp", "FP measure")):
            for x in err[k]:
                out.append(f"  {label:<12} {x}")
    return "\n".join(out)


def run_pipeline(gold: list[GoldArticle]) -> tuple[dict[str, list[Any]], Callable[[str], Iterable[str]]]:
    sys.path.insert(0, str(ROOT))
    from semikg.pipeline import Pipeline  # noqa: PLC0415  (the extractor under test)

    pipe = Pipeline()
    results: dict[str, list[Any]] = {}
    for src in sorted({g.source for g in gold}):
        results[src] = list(pipe.extract_file(str(source_path(src))))
    return results, pipe.labels


# ----------------------------------------------------------------------------------- real-news corpus


def devcorpus_dir(given: Path | None = None) -> tuple[Path | None, str]:
    """The real-news corpus folder, or None with the reason it cannot be used."""
    where = given or (Path(os.environ["SEMIKG_DEVCORPUS"]) if os.environ.get("SEMIKG_DEVCORPUS") else DEVCORPUS)
    for need in ("score.py", "articles", "gold"):
        if not (where / need).exists():
            return None, f"real-news corpus not found: {where / need} is missing"
    return where, ""


def load_scorer(corpus: Path):
    """The corpus's own score.py, imported from where it lies (it is not the project's to copy)."""
    spec = importlib.util.spec_from_file_location("semikg_devcorpus_score", corpus / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score_devcorpus(corpus: Path, errors: int = 0, graph: Path | None = None) -> dict[str, Any]:
    """Build the corpus (unless a built graph is given) and score it with the corpus's score.py."""
    scorer = load_scorer(corpus)
    gold = sorted(str(p) for p in (corpus / "gold").glob("*.json"))
    with tempfile.TemporaryDirectory(prefix="semikg-devcorpus-") as tmp:
        build: dict[str, Any] = {}
        if graph is None:
            sys.path.insert(0, str(ROOT))
            from semikg.pipeline import Pipeline  # noqa: PLC0415  (the extractor under test)

            rep = Pipeline().build(sorted(p for p in (corpus / "articles").iterdir() if p.is_file()), tmp)
            build = {"articles_total": rep.articles_total, "articles_used": rep.articles_used,
                     "skipped": [f"{s.article_id}: {s.reason}" for s in rep.skipped],
                     "shacl_conforms": rep.shacl_conforms, "shacl_violations": rep.shacl_violations}
            graph = Path(tmp) / "semikg.ttl"
        res = scorer.score(str(graph), gold, str(corpus / "articles"), errors)
    res["build"] = build
    res["corpus"] = str(corpus)
    return res


def _ratio(s: str) -> str:
    k, n = (int(x) for x in s.split("/"))
    return f"{s:>7} {k / n:6.3f}" if n else f"{s:>7}    -  "


def render_devcorpus(res: dict[str, Any]) -> str:
    b = res.get("build") or {}
    out = [f"semikg real-news corpus: {res['corpus']} (scored by its score.py)"]
    if b:
        out.append(f"  build: {b['articles_used']} of {b['articles_total']} articles used, "
                   f"{len(b['skipped'])} skipped; SHACL "
                   + ("conforms" if b["shacl_conforms"] else f"{b['shacl_violations']} violation(s)"))
        out += [f"    skipped {x}" for x in b["skipped"]]
    out += ["", f"  {'':<12}{'P':>7}{'R':>7}{'F1':>7}"]
    for k, label in (("entity", "entities"), ("relation", "relations")):
        out.append(f"  {label:<12}{res[k + '_precision']:7.3f}{res[k + '_recall']:7.3f}{res[k + '_f1']:7.3f}")
    out.append(f"  (gold: {res['gold_entities']} entities, {res['gold_relations']} relations; "
               f"{res['entities_with_article_support']} entities and {res['article_statements']} statements "
               f"in the graph; evidence verbatim {res.get('evidence_exact', '-')})")
    out += ["", "  ENTITY RECALL BY TYPE", f"  {'type':<14}{'found':>7} {'R':>6}"]
    for t, r in res["entity_recall_by_type"].items():
        out.append(f"  {t:<14}{_ratio(r)}")
    out += ["", "  RELATIONS BY PREDICATE", f"  {'predicate':<16}{'recall':>7} {'R':>6}  {'prec.':>7} {'P':>6}"]
    for p, d in res["relations_by_predicate"].items():
        out.append(f"  {p:<16}{_ratio(d['recall'])}  {_ratio(d['precision'])}")
    for key, label in (("missed_entities", "MISSED ENTITIES (gold, not found)"),
                       ("unmatched_entities", "UNMATCHED ENTITIES (in the graph, not gold)"),
                       ("missed_relations", "MISSED RELATIONS"),
                       ("wrong_statements", "WRONG STATEMENTS")):
        if key in res:
            out += ["", f"  {label}"] + [f"    {x}" for x in res[key]]
    return "\n".join(out)


def cross_validated(corpus: Path) -> int:
    """Print bench/pair_train.py's cross-validation of the relation figures; 1 if it cannot run."""
    try:
        import sklearn  # noqa: F401, PLC0415  (only the cross-validation fits weights)
    except ImportError:
        print("error: --cv needs scikit-learn: .venv/bin/pip install -e '.[train]'", file=sys.stderr)
        return 1
    spec = importlib.util.spec_from_file_location("semikg_pair_train", Path(__file__).with_name("pair_train.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.CORPUS = corpus
    print(f"real-news relations by cross-validation over the articles of {corpus} (bench/pair_train.py --cv)")
    mod.main(["--cv"])
    print()
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    ap.add_argument("--show-errors", action="store_true", help="list dev-set false positives / negatives per article")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="list up to N real-news misses and wrong statements of each kind")
    ap.add_argument("--check", action="store_true", help="only validate the dev-set label files")
    ap.add_argument("--labels", type=Path, default=LABELS_DIR, help="dev-set labels directory")
    ap.add_argument("--devcorpus", type=Path, default=None, help="real-news corpus folder (default ../shared/devcorpus)")
    ap.add_argument("--graph", type=Path, default=None, help="score this built graph on the real-news corpus instead of building it")
    ap.add_argument("--only", choices=("devset", "devcorpus"), default=None, help="score one of the two")
    ap.add_argument("--cv", action="store_true",
                    help="also report real-news relations by cross-validation over articles (needs scikit-learn)")
    args = ap.parse_args(argv)
    out: dict[str, Any] = {}
    if args.only != "devset" and not args.check:
        corpus, why = devcorpus_dir(args.devcorpus)
        if corpus is None:
            print(f"real-news corpus skipped: {why}", file=sys.stderr)
            out["devcorpus"] = {"skipped": why}
        else:
            res = score_devcorpus(corpus, args.errors, args.graph)
            out["devcorpus"] = res
            if not args.json:
                print(render_devcorpus(res))
                print()
            if args.cv:
                code = cross_validated(corpus)
                if code:
                    return code
    if args.only == "devcorpus":
        if args.json:
            print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    try:
        gold = load_gold(args.labels)
    except LabelError as exc:
        print(f"labels error: {exc}", file=sys.stderr)
        return 1
    if args.check:
        n_e = sum(len(g.entities) for g in gold)
        n_r = sum(len(g.relations) for g in gold)
        print(f"labels ok: {len(gold)} articles, {n_e} entities, {n_r} relations")
        return 0
    try:
        results, labels = run_pipeline(gold)
    except Exception as exc:  # the extractor is not ready / crashed: report, do not fail
        print(f"extractor unavailable: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 0
    preds, notes = align(gold, results, labels)
    rep = score(gold, preds)
    if args.json:
        data = {k: v for k, v in rep.items() if k != "errors" or args.show_errors}
        data["alignment"] = notes
        out["devset"] = data
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(render(rep, notes))
        if args.show_errors:
            print()
            print(render_errors(rep))
    return 0


if __name__ == "__main__":
    sys.exit(main())
