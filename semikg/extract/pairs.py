"""The candidate-pair relation pass: every pair of mentions in a sentence that a predicate's domain
and range admit is a candidate, and a linear scorer decides which predicate, if any, holds.

The hand-written rules (semikg/extract/relations.yaml) need subject, trigger and object in a set
order within a short gap; news says the same thing in many more ways. This pass generalises from
evidence any wording shares: trigger words of each predicate (semikg/extract/pair_lexicon.yaml) and
where they stand (between the two mentions, before, after), order and distance, what lies between
(other mentions, commas, a possessive 的, a bracket, a list), hedges and negation, and the rules'
own findings as votes. Domain and range come from the SHACL shapes, narrowed to the entity types each
predicate usually links (pair_lexicon.yaml ``types``). A pair is a candidate for a predicate when a
trigger word of it stands near, a rule linked the pair, the two stand in a telling shape (adjacent,
的, bracket), or the predicate is one of the lexicon's ``ungated`` ones (a firm and a chip, a chip
and a node: types that rarely meet in a sentence without the relation).

The weights are a logistic regression fitted by ``bench/pair_train.py`` on labelled articles and
shipped as ``pair_weights.json`` (feature -> weight, one threshold per predicate): inference is a
sum of a few dozen weights per candidate, in pure Python, with no learning library at run time.
The training script reports its figures by cross-validation over articles.
"""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from itertools import repeat
from operator import attrgetter, itemgetter
from functools import lru_cache
from importlib import resources
from typing import Iterable, NamedTuple, Union, get_args

import yaml
from pydantic import BaseModel, ConfigDict

from semikg.errors import SemikgError
from semikg.keywords import KeywordIndex
from semikg.models import EntityType, Relation
from semikg.extract.relations import (FoundRelation, SentenceMention, after_preposition, hedge_status, mask_mentions,
                                      negation, shape_constraints)

RULE_ID = "pair-scorer"
# Mentions further apart than this (characters between them) are no candidate: a fact stated in one
# sentence names its two ends within a clause or two.
MAX_GAP = 60
# customerOf is supplies read the other way round: it is scored as supplies, never twice.
_SKIPPED = frozenset({"customerOf"})
_GENERIC = frozenset({"Agent", "Entity"})
_TYPES = frozenset(get_args(EntityType))
# Predicates the score.py-style measure ignores between two places, and a place's own hierarchy is
# not what this pass is for: no Place-Place candidates for these.
_PLACE_HIERARCHY = frozenset({"locatedIn", "partOf"})
_SYMMETRIC = frozenset({"partnersWith", "competesWith"})
# Who a clause speaks of: a firm, a body or a person opening it.
_ACTORS = frozenset({"Company", "Organization", "Person"})


def _positions(text: str, chars: Iterable[str]) -> list[int]:
    """Where any of ``chars`` stands in ``text``, in order."""
    out = []
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1)
    out.sort()
    return out


# Helpers of PairScorer._candidates for what it would otherwise write as comprehensions: a
# comprehension inside it would make each local it reads a cell, read more slowly everywhere in
# its loop over pairs.
def _kept(preds: Iterable[str], near: frozenset[str], voted: frozenset[str], free: frozenset[str]) -> list[str]:
    """The predicates a trigger word near the pair, a rule finding or nothing at all speaks for."""
    return [p for p in preds if p in near or p in voted or p in free]


def _free_only(preds: Iterable[str], free: frozenset[str]) -> list[str]:
    return [p for p in preds if p in free]


def _gap_feature_names(g: str) -> list[str]:
    # sorted: a set's order follows the hash seed, and so would the order the weights are summed in
    return [f"gap:{x}" for x in sorted({g[i:i + 2] for i in range(len(g) - 1)} | set(g))]


def _fits(constraint: tuple[frozenset[str], frozenset[str]], inner: list[frozenset[str]]) -> list[str]:
    """Whether a mention between the two could be the predicate's subject, or its object."""
    dom, rng = constraint
    return ((["between-fits-subject"] if any(dom & cl for cl in inner) else [])
            + (["between-fits-object"] if any(rng & cl for cl in inner) else []))


class PairLexicon(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    triggers: dict[str, tuple[str, ...]]
    types: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    ungated: tuple[str, ...] = ()
    cues: dict[str, tuple[str, ...]]


class PairModel(BaseModel):
    """Fitted weights: the contract between bench/pair_train.py and this pass."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    version: int = 1
    trained_on: str = ""
    weights: dict[str, float]
    thresholds: dict[str, float]
    default_threshold: float = 0.5

    def probability(self, features: Iterable[str]) -> float:
        w = self.weights
        z = sum(w.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def threshold(self, predicate: str) -> float:
        return self.thresholds.get(predicate, self.default_threshold)


@lru_cache(maxsize=1)
def pair_lexicon() -> PairLexicon:
    text = (resources.files("semikg.extract") / "pair_lexicon.yaml").read_text(encoding="utf-8")
    return PairLexicon(**yaml.safe_load(text))


@lru_cache(maxsize=1)
def shipped_model() -> PairModel | None:
    """The weights shipped with the package, or None when none are (the pass then emits nothing)."""
    res = resources.files("semikg.extract") / "pair_weights.json"
    if not res.is_file():
        return None
    try:
        return PairModel(**json.loads(res.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as e:
        raise SemikgError(f"pair_weights.json: not a pair model: {e}") from None


def _bin(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


_DIST = (0, 1, 3, 6, 12, 24, 40)
# A trigger word counts for a pair when it stands between the two or this close to either end.
NEAR = 12
# Shapes that tell of a relation without a trigger word: 荷兰ASML, 台积电的N3, GlobalWafers(Sherman).
_OPEN_SHAPES = frozenset({"adjacent", "possessive", "bracket"})
_NONE: frozenset[str] = frozenset()
_NO_WEIGHTS: dict[str, float] = {}
_NO_FEATURES: tuple[str, ...] = ()
# No trigger word near a mention (see PairScorer._before): shared, never changed.
_NO_NEAR: tuple[tuple, frozenset[str]] = ((), _NONE)
# Up to this many characters between two mentions, every character and bigram between them is a
# feature (的, 、, 位于 …); a longer gap is described by its length, clauses and triggers only.
GAP_WORDS = 10
# Feature names of the weights every predicate shares (whether a trigger of the candidate's predicate
# stands between the two, how far apart they are ...): each predicate has a few dozen labelled facts,
# too few to learn such general evidence alone.
SHARED = "*"


# Feature names that depend on a small number only, made once.
_DIST_FEATURES = tuple(f"dist:{_bin(k, _DIST)}" for k in range(MAX_GAP + 1))
_BETWEEN_FEATURES = tuple(f"between:{k}" for k in range(4))
_CLAUSE_FEATURES = tuple(f"clauses:{k}" for k in range(3))
# The distance features' bins, and each distance's bin by number: with the between and clauses
# features, every pair has one of len(_DIST_BINS) * 4 * 3 such triples, whose quick weights are
# added up once per predicate (PairScorer._head_quick).
_DIST_BINS = tuple(dict.fromkeys(_DIST_FEATURES))
_DIST_BIN = tuple(_DIST_BINS.index(f) for f in _DIST_FEATURES)
_ORDER_FEATURES = {"so": "order:so", "os": "order:os"}
_ORDERS = ("so", "os")
# How far below a threshold's logit the quick sum of a candidate's weights must fall for it to be
# dropped unscored (see PairScorer.__init__): far beyond the rounding of a few dozen additions.
_QUICK_MARGIN = 1e-6
# Bound on each cache of feature lists keyed by what a sentence holds (gap text, trigger word).
_FEATURE_CACHE = 4096
_CLASSES_OF = attrgetter("classes")
_SECOND = itemgetter(1)
# Features of a candidate telling where its two ends stand in the sentence; a pair's are a bit set
# (bit k: the k-th name), and _FLAGS lists each set's names in order.
_FLAG_NAMES = ("subject-first-agent", "object-first-agent", "coref", "s-listed", "o-listed")
_FLAGS = tuple([f for k, f in enumerate(_FLAG_NAMES) if m >> k & 1] for m in range(1 << len(_FLAG_NAMES)))


# For a subject and an object class: the predicates admissible, those needing no trigger word, the
# class features, the pair-type feature, each predicate's quick weight of these subject first and
# object first (see PairScorer._pair_plan).
_Plan = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str, dict[str, float], dict[str, float]]

# See PairScorer._near_item and PairScorer._gap_info_of.
_NearItem = tuple[frozenset[str], str, list[str], list[str], dict[str, float], dict[str, float]]
_GapInfo = tuple[str, list[str], dict[str, float], int]

# A rule's finding in the sentence, as the scorer reads it: a FoundRelation or a Relation.
Vote = Union[FoundRelation, Relation]


class Candidate(NamedTuple):
    """One (subject, predicate, object) a sentence could state, with the evidence for it.

    Features are named ``<predicate>|<suffix>``; the suffixes that do not depend on the predicate
    (``shared``) are one list for every predicate of the pair, so that none is copied or renamed.
    A named tuple: a sentence makes many, and a tuple is the cheapest record to make."""

    subject: int  # index into the sentence's mentions
    object: int
    predicate: str
    shared: list[str]
    own: list[str]

    @property
    def features(self) -> list[str]:
        p = self.predicate
        return [f"{p}|{x}" for x in self.shared] + [f"{p}|{x}" for x in self.own] + [f"{SHARED}|{x}" for x in self.shared] + [f"{SHARED}|{x}" for x in self.own]


class PairScorer:
    """Pipeline pass: one sentence with its mentions and the rules' findings -> scored relations."""

    def __init__(self, model: PairModel | None = None, *, use_shipped: bool = True):
        self.model = model if model is not None else (shipped_model() if use_shipped else None)
        lex = pair_lexicon()
        constraints = shape_constraints()
        unknown = (set(lex.triggers) | set(lex.types)) - set(constraints)
        if unknown:
            raise SemikgError(f"pair_lexicon.yaml: unknown predicates {sorted(unknown)}")
        self.predicates = tuple(p for p in constraints if p not in _SKIPPED)
        if self.model is not None:
            # A predicate whose threshold is 1 never fires: with a model, it is not even a candidate
            # (training runs without one, and sees every predicate).
            self.predicates = tuple(p for p in self.predicates if self.model.threshold(p) < 1.0)
        self.constraints = constraints
        self._rule_ids = {p: f"{RULE_ID}.{p}" for p in constraints}
        self._free = frozenset(p for p in lex.ungated if p in self.predicates)
        self.types = {p: (frozenset(s), frozenset(o)) for p, (s, o) in lex.types.items()}
        words: dict[str, set[str]] = {}
        for p, ws in lex.triggers.items():
            for w in ws:
                words.setdefault(w.lower(), set()).add(p)
        self._trigger_preds = {w: frozenset(ps) for w, ps in words.items()}
        weak = set(lex.cues.get("weak", ()))
        # What a trigger word makes a pair a candidate for: nothing, if it is weak.
        self._gate_preds = {w: (frozenset() if len(w) < 2 or w in weak else ps) for w, ps in self._trigger_preds.items()}
        self._triggers = KeywordIndex(sorted(self._trigger_preds))
        # Whether a sentence holds a hedge word: one regex search finds out faster than a keyword scan
        # listing every occurrence.
        self._hedge = re.compile("|".join(map(re.escape, lex.cues["hedge"])))
        self._clause_marks = tuple(sorted(set("".join(lex.cues["clause"]))))
        self._stop_marks = tuple(sorted(set("".join(lex.cues["stop"]))))
        self._list = tuple(lex.cues["list"])
        self._bracket = "".join(sorted(set("".join(lex.cues["bracket"]))))
        # The longest stripped gap that is a shape other than bracket (的, a list mark).
        self._shape_max = max(map(len, (*self._list, "的")))
        self._plans: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, ...]] = {}
        # The model's weights by predicate, keyed by feature suffix: scoring builds no feature names.
        self._weights: dict[str, dict[str, float]] = {}
        for name, weight in (self.model.weights.items() if self.model is not None else ()):
            pred, _, suffix = name.partition("|")
            self._weights.setdefault(pred, {})[suffix] = weight
        self._shared_weights = self._weights.pop(SHARED, {})
        self._thresholds = {p: self.model.threshold(p) for p in constraints} if self.model is not None else {}
        # A quick first reading of each candidate: its own and the shared weight of a feature added
        # up front, one sum instead of four, and the logit of each threshold less a margin. Where
        # the quick sum falls below that, so does the exact one (they differ by rounding only,
        # ~1e-13 against a margin of 1e-6), and the candidate is dropped unscored; most are.
        self._quick: dict[str, dict[str, float]] = {}
        self._quick_cut: dict[str, float] = {}
        for pred, t in self._thresholds.items():
            quick = dict(self._shared_weights)
            for f, v in self._weights.get(pred, _NO_WEIGHTS).items():
                quick[f] = quick.get(f, 0.0) + v
            self._quick[pred] = quick
            self._quick_cut[pred] = (-math.inf if t <= 0.0 else math.inf if t >= 1.0
                                     else math.log(t / (1.0 - t)) - _QUICK_MARGIN)
        self._other_between = {p: q.get("other-trig-between", 0.0) for p, q in self._quick.items()}
        # By flag set (a bit per name of _FLAG_NAMES): its quick weight for each predicate.
        self._flag_quick = {p: tuple(sum(map(q.get, fl, repeat(0.0))) for fl in _FLAGS) for p, q in self._quick.items()}
        # By predicate: the most a candidate's flags, between-fits features and hedge can add to its
        # quick sum; a candidate whose other features fall short of its cut by more is dropped before
        # those are worked out.
        self._rest_max = {p: max(fq[m] for m in range(len(_FLAGS)) if m & 3 != 3)
                          + max(0.0, self._quick[p].get("between-fits-subject", 0.0))
                          + max(0.0, self._quick[p].get("between-fits-object", 0.0))
                          + max(0.0, self._quick[p].get("hedged", 0.0)) for p, fq in self._flag_quick.items()}
        # By keyword index: the word, the predicates it speaks for, those it gates, whether it is
        # English (and needs word edges), what it is to a pair it stands between (see _near_item),
        # and what it is standing so many characters before or after a pair (made as met).
        self._trig_info = tuple((w, self._trigger_preds[w], self._gate_preds[w], w.isascii(),
                                 self._near_item((w, self._trigger_preds[w]), "between", 0),
                                 [None] * (NEAR + 1), [None] * (NEAR + 1)) for w in self._triggers.words)
        # By predicate, by (distance bin, mentions between, clauses) numbered as in _candidates: the
        # quick weight of the three features every pair has.
        self._head_quick = {p: tuple(q.get(d, 0.0) + q.get(k, 0.0) + q.get(c, 0.0) for d in _DIST_BINS
                                     for k in _BETWEEN_FEATURES for c in _CLAUSE_FEATURES) for p, q in self._quick.items()}
        # Class lists numbered as they are met, and the tables above keyed by those numbers:
        # hashing two small ints per pair instead of two tuples of class names.
        self._class_ids: dict[tuple[str, ...], int] = {}
        # Per class list: its entity type, the classes as a set, its features as subject and as
        # object, whether it is an Agent.
        self._class_info: list[tuple[str, frozenset[str], list[str], list[str], bool]] = []
        # By a first mention's class id, then a second's: see _pair_row.
        self._pair_rows: dict[int, dict[int, tuple[frozenset[str], _Plan | None, _Plan | None]]] = {}
        # By (subject class id, object class id): see _pair_plan.
        self._pair_plans: dict[tuple[int, int], _Plan] = {}
        # By the class ids of a sentence's mentions, in order: see _admitting.
        self._admits: dict[tuple[int, ...], bool] = {}
        self._either_cache: dict[tuple[tuple[str, ...], tuple[str, ...]], frozenset[str]] = {}
        # Made once: what a short gap tells (see _gap_info_of) by its text, and the between-fits
        # features by the class ids between and the predicate (with their quick weight for it).
        self._gap_info: dict[str, _GapInfo] = {}
        # and what a long gap tells, by (shape, whether it holds a stop mark, whether it holds 的)
        self._long_gaps: dict[tuple[str, bool, bool], _GapInfo] = {}
        self._fits: dict[tuple[int, ...], dict[str, tuple[list[str], float]]] = {}
        # Set to a list to receive every candidate with its features (for training): see bench/pair_train.py.
        # Each entry: (subject id, predicate, object id, features, the sentence).
        self.collect: list[tuple[str, str, str, tuple[str, ...], str]] | None = None
        # False: every admissible pair is a candidate, trigger word or not (bench/pair_train.py --gate
        # measures what the gate costs).
        self.gated = True

    def _predicates_for(self, s: tuple[str, ...], o: tuple[str, ...]) -> tuple[str, ...]:
        key = (s, o)
        plan = self._plans.get(key)
        if plan is None:
            ss, os_ = set(s), set(o)
            st, ot = next((c for c in s if c in _TYPES), ""), next((c for c in o if c in _TYPES), "")
            plan = tuple(p for p in self.predicates
                         if self.constraints[p][0] & ss and self.constraints[p][1] & os_
                         and (p not in self.types or ((st in self.types[p][0] or ss & self.types[p][0])
                                                      and (ot in self.types[p][1] or os_ & self.types[p][1])))
                         and not (p in _PLACE_HIERARCHY and "Place" in ss)
                         and not (p in ("successorOf", "competesWith") and not (ss & os_) - _GENERIC))
            self._plans[key] = plan
        return plan

    def _probability(self, c: Candidate) -> float:
        w = self._weights.get(c.predicate, _NO_WEIGHTS)
        # map over dict.get: the same sums in the same order, without a generator frame per feature
        z = sum(map(w.get, c.shared, repeat(0.0))) + sum(map(w.get, c.own, repeat(0.0)))
        g = self._shared_weights
        z += sum(map(g.get, c.shared, repeat(0.0))) + sum(map(g.get, c.own, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def _class_id(self, classes: tuple[str, ...]) -> int:
        k = self._class_ids.get(classes)
        if k is None:
            k = self._class_ids[classes] = len(self._class_info)
            self._class_info.append((next((c for c in classes if c in _TYPES), ""), frozenset(classes),
                                     [f"s:{c}" for c in classes if c not in _GENERIC],
                                     [f"o:{c}" for c in classes if c not in _GENERIC], "Agent" in classes))
        return k

    def _either(self, a: tuple[str, ...], b: tuple[str, ...]) -> frozenset[str]:
        """The predicates admissible between two mentions of these classes, either way round."""
        key = (a, b)
        got = self._either_cache.get(key)
        if got is None:
            got = self._either_cache[key] = frozenset(self._predicates_for(a, b)) | frozenset(self._predicates_for(b, a))
        return got

    def _listed(self, sentence: str, spans: list[tuple[int, int]]) -> list[bool]:
        """Per mention: whether it stands next to a list mark (、 和 与) with a mention on its other
        side, one of several things named together, which share what the sentence says of them."""
        out = [False] * len(spans)
        for k in range(len(spans) - 1):
            g = sentence[spans[k][1]:spans[k + 1][0]].strip()
            if g and g in self._list:
                out[k] = out[k + 1] = True
        return out

    def _pair_plan(self, cs: int, co: int, s_classes: tuple[str, ...], o_classes: tuple[str, ...]) -> _Plan:
        """For a subject and an object of these class ids: the predicates admissible, those of them
        that need no trigger word, the subject's and object's class features, the pair-type feature,
        and per order (subject first, object first) each predicate's quick weight of the features
        these fix (bias, order, pair type, classes)."""
        got = self._pair_plans.get((cs, co))
        if got is None:
            s, o = self._class_info[cs], self._class_info[co]
            preds = self._predicates_for(s_classes, o_classes)
            classes, pair = (*s[2], *o[3]), f"pair:{s[0]}>{o[0]}"
            bases = tuple({p: sum(map(self._quick[p].get, ("bias", _ORDER_FEATURES[order], pair, *classes), repeat(0.0)))
                           for p in preds} if self._quick else {} for order in ("so", "os"))
            got = self._pair_plans[(cs, co)] = (preds, tuple(p for p in preds if p in self._free), classes, pair, *bases)
        return got

    def _pair_row(self, ca: int, cb: int, a_classes: tuple[str, ...], b_classes: tuple[str, ...]
                  ) -> tuple[frozenset[str], _Plan | None, _Plan | None]:
        """For a first and a second mention of these class ids: the predicates admissible either way
        round, the plan with the first as subject, the plan with the second as subject."""
        either = self._either(a_classes, b_classes)
        if not either:
            return either, None, None
        return either, self._pair_plan(ca, cb, a_classes, b_classes), self._pair_plan(cb, ca, b_classes, a_classes)

    def _admitting(self, sig: tuple[int, ...], mentions: list[SentenceMention]) -> bool:
        """Whether some predicate admits two of the mentions of these class ids (in this order),
        either way round; remembered by the class ids."""
        if len(self._admits) >= _FEATURE_CACHE:
            self._admits.clear()
        rows = self._pair_rows
        found = False
        for a, ca in enumerate(sig):
            row = rows.get(ca)
            if row is None:
                row = rows[ca] = {}
            for b in range(a + 1, len(sig)):
                got = row.get(sig[b])
                if got is None:
                    got = row[sig[b]] = self._pair_row(ca, sig[b], mentions[a].classes, mentions[b].classes)
                if got[0]:
                    found = True
                    break
            if found:
                break
        self._admits[sig] = found
        return found

    def _before(self, trig: list, tstarts: list[int], pos: int) -> tuple[list, frozenset[str]]:
        """The trigger words ending within NEAR characters before ``pos`` (see _near_item), and what
        they gate."""
        lo, hi = bisect_left(tstarts, pos - NEAR - 8), bisect_left(tstarts, pos)
        if lo == hi:
            return _NO_NEAR
        items, gate = [], _NONE
        for s, e, rec in trig[lo:hi]:
            if e <= pos and pos - e <= NEAR:
                items.append(rec[5][pos - e] or self._near_item(rec, "before", pos - e))
                if rec[2]:
                    gate = gate | rec[2]
        return items, gate

    def _after(self, trig: list, tstarts: list[int], pos: int) -> tuple[list, frozenset[str]]:
        """The trigger words starting within NEAR characters after ``pos`` (see _near_item), and what
        they gate."""
        lo, hi = bisect_left(tstarts, pos), bisect_right(tstarts, pos + NEAR)
        if lo == hi:
            return _NO_NEAR
        items, gate = [], _NONE
        for s, e, rec in trig[lo:hi]:
            items.append(rec[6][s - pos] or self._near_item(rec, "after", s - pos))
            if rec[2]:
                gate = gate | rec[2]
        return items, gate

    def _near_item(self, rec: tuple, where: str, d: int) -> _NearItem:
        """A trigger word (of _trig_info) standing ``d`` characters before, after or between a pair,
        as the pair's candidates read it: the predicates it speaks for, where it stands, its
        features with the subject first and with the object first, and in each order its quick
        weight for every predicate (its features' for one it speaks for; the other-trigger weight
        between, else 0). Kept in the word's record, made once."""
        w, ps = rec[0], rec[1]
        so, os_ = self._trig_feature(w, where, d, "so", ps), self._trig_feature(w, where, d, "os", ps)
        other = self._other_between if where == "between" else _NO_WEIGHTS
        item = (ps, where, so[0], os_[0],
                {p: so[1][p] if p in ps else other.get(p, 0.0) for p in self._quick},
                {p: os_[1][p] if p in ps else other.get(p, 0.0) for p in self._quick})
        if where != "between":
            rec[5 if where == "before" else 6][d] = item
        return item

    def _trig_feature(self, w: str, where: str, d: int, order: str, ps: frozenset[str]
                      ) -> tuple[list[str], dict[str, float]]:
        """A trigger word's features by where it stands, how far, in which order, and their quick
        weight for each predicate it speaks for."""
        tf = [f"trig:{where}", f"trig:{where}:{w}", f"trig:{where}:{order}"]
        if where != "between":
            tf.append(f"trig:{where}:{_bin(d, (0, 2, 5))}")
        return tf, {p: sum(map(self._quick[p].get, tf, repeat(0.0))) for p in ps} if self._quick else {}

    def _shape(self, gap: str) -> str:
        """How two mentions stand with this between them: adjacent, possessive (的), bracket, listed or ""."""
        stripped = gap.strip()
        return ("adjacent" if not stripped else "possessive" if stripped == "的"
                # (all bracket marks: stripping them leaves nothing, found without making a set of the gap)
                else "bracket" if not stripped.strip(self._bracket)
                else "listed" if stripped in self._list else "")

    def _long_gap_info(self, key: tuple[str, bool, bool]) -> _GapInfo:
        """_gap_info_of for a gap too long for gap text features, by what it holds (see _long_gaps)."""
        shape, stop, de = key
        common = [*(["stop"] if stop else []), *([shape] if shape else []), *(["de-between"] if de else [])]
        got = self._long_gaps[key] = (shape, common, {}, len(common))
        return got

    def _gap_info_of(self, gap: str) -> _GapInfo:
        """What the text between two mentions tells whatever the predicate: its shape, the features
        it gives every candidate of the pair (but ``hedged``, which the sentence gives, and goes in
        at the position given last), and a dict to hold their quick weight by predicate."""
        shape = self._shape(gap)
        common = []
        if any(map(gap.__contains__, self._stop_marks)):
            common.append("stop")
        if shape:
            common.append(shape)
        if "的" in gap:
            common.append("de-between")
        hedged_at = len(common)
        # a gap longer than GAP_WORDS without a space is described by no gap feature
        g = gap.replace(" ", "") if len(gap) <= GAP_WORDS or " " in gap else gap
        if not g:
            common.append("gap:<none>")
        elif len(g) <= GAP_WORDS:
            common += _gap_feature_names(g)
        return shape, common, {}, hedged_at

    def candidates(self, sentence: str, offset: int, mentions: list[SentenceMention],
                   votes: Iterable[Vote] = (), *, unlinked_only: bool = False) -> list[Candidate]:
        """Every admissible (subject, predicate, object) of the sentence, with its features;
        with ``unlinked_only``, none of two entities a rule finding links (``run`` drops those)."""
        return self._candidates(sentence, offset, mentions, votes, unlinked_only, False)

    def _candidates(self, sentence: str, offset: int, mentions: list[SentenceMention],
                    votes: Iterable[Vote], unlinked_only: bool, prune: bool) -> list[Candidate]:
        """``candidates``; with ``prune`` (and a model), only those whose quick sum reaches their
        predicate's cut (see __init__): the quick sum is added up from the weights of the features
        before any feature list or candidate is made, and most candidates end there."""
        n = len(mentions)
        if n < 2:
            return []
        # map over C callables: no comprehension frame per sentence
        cid = tuple(map(self._class_ids.get, map(_CLASSES_OF, mentions)))
        if None in cid:
            cid = tuple(map(self._class_id, map(_CLASSES_OF, mentions)))
        # Many sentences name nothing two of which a predicate admits (two places, a person and a
        # node ...): known by their class ids alone, they are passed over before any pair is looked at.
        admits = self._admits.get(cid)
        if admits is None:
            admits = self._admitting(cid, mentions)
        if not admits:
            return []
        voted: dict[tuple[str, str], set[str]] = {}
        for r in votes:
            voted.setdefault((r.subject, r.object), set()).add(r.predicate)
            if r.predicate == "customerOf":
                voted.setdefault((r.object, r.subject), set()).add("supplies")
        # the (first, second) entity pairs a rule finding links, either way round
        linked = {*voted, *[(o, s) for s, o in voted]} if unlinked_only and voted else _NONE
        spans = [(m.start - offset, m.end - offset) for m in mentions]
        pair_rows = self._pair_rows
        out: list[Candidate] = []
        # Set up at the sentence's first pair that some predicate admits either way round, near
        # enough and not overlapping: many sentences have none.
        trig: list | None = None
        for a in range(n):
            ma = mentions[a]
            ea, (as_, ae) = ma.entity_id, spans[a]
            reach = ae + MAX_GAP
            from_a = None
            ca = cid[a]
            row = pair_rows.get(ca)
            if row is None:
                row = pair_rows[ca] = {}
            for b in range(a + 1, n):
                bs, be = spans[b]
                mb = mentions[b]
                if bs < ae or ea == mb.entity_id:
                    continue
                if bs > reach:
                    break
                got = row.get(cid[b])
                if got is None:
                    got = row[cid[b]] = self._pair_row(ca, cid[b], ma.classes, mb.classes)
                either = got[0]
                if not either or (linked and (ea, mb.entity_id) in linked):
                    continue
                if trig is None:
                    # Trigger words outside mentions (大基金 names a fund, it says nothing of investing).
                    trig = []
                    gates = []
                    found = self._triggers.find(sentence)
                    if found:
                        inside = bytearray(len(sentence) + 1)
                        for s, e in spans:
                            inside[s:e] = b"\x01" * (e - s)
                        trig_info = self._trig_info
                        for i, s, e in found:
                            if inside[s] or inside[e - 1]:
                                continue
                            rec = trig_info[i]
                            if rec[3] and ((s and sentence[s - 1].isalnum()) or (e < len(sentence) and sentence[e:e + 1].isalnum())):
                                continue  # an English word needs word edges: "in" is not in "inside"
                            trig.append((s, e, rec))
                            if rec[2]:
                                gates.append(rec[2])
                        trig.sort()
                    tstarts = [t[0] for t in trig]
                    # Which predicates a trigger word of the sentence, or a rule finding, speaks for: a pair
                    # that is not next to each other is a candidate only for one of these.
                    if not self.gated:
                        spoken = frozenset(self.predicates)
                    else:
                        spoken = self._free.union(*gates)
                        if votes:
                            spoken = spoken.union(["supplies" if r.predicate == "customerOf" else r.predicate for r in votes])
                    free, gated, types, constraints = self._free, self.gated, self.types, self.constraints
                    gap_info, long_gaps, fits_of = self._gap_info, self._long_gaps, self._fits
                    quick, quick_cut, head_quick, flag_quick = self._quick, self._quick_cut, self._head_quick, self._flag_quick
                    rest_max = self._rest_max
                    # made once a pair is a candidate: most sentences have none
                    hedged = in_list = after_prep = class_sets = clause_at = stops = None
                    # Per mention, made once it is one end of a pair: the trigger words near it (before it when
                    # it is the first end, after it when it is the second) and what they gate.
                    before_of: list = [None] * n
                    after_of: list = [None] * n
                # only neighbours can be adjacent, possessive or bracketed
                if b > a + 1 and either.isdisjoint(spoken):
                    continue
                gap = sentence[ae:bs]
                # What the gap alone tells (its shape, and the features it gives every candidate), known
                # by its text when it is short: the same few gaps (的, 、, 与, 位于 …) stand between many pairs.
                if len(gap) <= GAP_WORDS:
                    gi = gap_info.get(gap)
                    if gi is None:
                        if len(gap_info) >= _FEATURE_CACHE:
                            gap_info.clear()
                        gi = gap_info[gap] = self._gap_info_of(gap)
                    shape = gi[0]
                else:
                    # the rest made if the pair is a candidate; a long gap has a shape only when all
                    # but a mark or two of it is blank, or all of it brackets
                    gi, stripped = None, gap.strip()
                    shape = self._shape(gap) if len(stripped) <= self._shape_max or not stripped.strip(self._bracket) else ""
                if shape == "bracket" and "Country" in mb.classes and "Agent" in ma.classes:
                    continue  # 台积电(中国), 英特尔(美国): a national subsidiary's name, not where the firm is
                open_shape = shape in _OPEN_SHAPES
                if not open_shape and either.isdisjoint(spoken):
                    continue  # no trigger word nor rule finding of the sentence speaks for the pair
                # Only the trigger words near the pair count: between the two, or within NEAR
                # characters of either end.
                if trig:
                    near_a = before_of[a]
                    if near_a is None:
                        near_a = before_of[a] = self._before(trig, tstarts, as_)
                    near_b = after_of[b]
                    if near_b is None:
                        near_b = after_of[b] = self._after(trig, tstarts, be)
                    near_preds = near_a[1] | near_b[1] if near_b[1] else near_a[1]
                    if from_a is None:
                        from_a = bisect_left(tstarts, ae)  # the first trigger word after the first end
                    to_b = bisect_left(tstarts, bs)
                    if to_b > from_a:
                        between = []
                        for t in trig[from_a:to_b]:
                            if t[1] <= bs:
                                rec = t[2]
                                between.append(rec[4])
                                if rec[2]:
                                    near_preds = near_preds | rec[2]
                    else:
                        between = _NO_FEATURES
                else:
                    near_preds = _NONE
                pair_votes_ab = voted.get((ea, mb.entity_id), _NONE) if voted else _NONE
                pair_votes_ba = voted.get((mb.entity_id, ea), _NONE) if voted else _NONE
                # A pair with no trigger of a predicate near it, no rule finding and no telling
                # shape (adjacent, 的, bracket) is no candidate for it: scoring it would cost time
                # and never pass a threshold.
                if (not open_shape and gated and either.isdisjoint(free) and either.isdisjoint(near_preds)
                        and either.isdisjoint(pair_votes_ab) and either.isdisjoint(pair_votes_ba)):
                    continue
                head_n = clause_subject = pair_fits = inner = None
                for order in _ORDERS:
                    if order == "so":
                        si, oi, plan = a, b, got[1]
                        preds = plan[0]
                        if not preds:
                            continue
                        if after_prep is None:
                            after_prep = [None] * n
                        if after_prep[si] is None:
                            after_prep[si] = after_preposition(sentence, offset, mentions, si)
                        if after_prep[si]:
                            # 将A转变为能与B竞争的…: B is what A is measured against, it does not act on what follows
                            preds = [p for p in preds if p in _SYMMETRIC]
                            if not preds:
                                continue
                        pair_votes, other_votes = pair_votes_ab, pair_votes_ba
                    else:
                        si, oi, plan = b, a, got[2]
                        preds = plan[0]
                        if not preds:
                            continue
                        pair_votes, other_votes = pair_votes_ba, pair_votes_ab
                    if not open_shape and gated:
                        if pair_votes or not near_preds.isdisjoint(preds):
                            preds = _kept(preds, near_preds, pair_votes, free)
                        elif preds is plan[0]:
                            preds = plan[1]
                        else:
                            preds = _free_only(preds, free)
                        if not preds:
                            continue
                    if head_n is None:
                        if clause_at is None:
                            # Where the sentence's clause marks stand, found once: a pair's gap is
                            # described by bisecting these instead of scanning the gap once per mark.
                            clause_at = _positions(sentence, self._clause_marks)
                        last_clause = bisect_left(clause_at, bs)
                        clauses = last_clause - bisect_left(clause_at, ae)
                        # The features every pair has (distance, mentions between, clauses), by their
                        # number in _head_quick; named only for a candidate kept.
                        between_n = b - a - 1
                        if between_n > 3:
                            between_n = 3
                        clauses_n = clauses if clauses < 2 else 2
                        head_n = (_DIST_BIN[len(gap)] * 4 + between_n) * 3 + clauses_n
                        if gi is None:
                            if " " in gap and len(gap) - gap.count(" ") <= GAP_WORDS:
                                gi = self._gap_info_of(gap)  # short once its spaces are left out
                            else:
                                # No gap text feature: the features are known by what the gap holds.
                                if stops is None:
                                    stops = any(map(sentence.__contains__, self._stop_marks))
                                key = (shape, stops and any(map(gap.__contains__, self._stop_marks)), "的" in gap)
                                gi = long_gaps.get(key) or self._long_gap_info(key)
                        # before the first end, between, after the second: in the order they stand
                        near_trig = [*near_a[0], *between, *near_b[0]] if trig else ()
                    flags = None  # made for the first predicate the quick sum does not rule out
                    shared = None  # made for the first predicate kept
                    base = plan[4] if order == "so" else plan[5]
                    k_order = 4 if order == "so" else 5  # a near trigger's quick weights in this order
                    for p in preds:
                        vote = ("rule-vote" if p in pair_votes else "rule-other" if pair_votes or other_votes else None)
                        if prune:
                            # The quick sum of what the pair and gap give, without making the features;
                            # what its two ends and the mentions between give is at most rest_max.
                            gq = gi[2].get(p)
                            if gq is None:
                                gq = gi[2][p] = sum(map(quick[p].get, gi[1], repeat(0.0)))
                            z = base[p] + head_quick[p][head_n] + gq
                            if vote:
                                z += quick[p].get(vote, 0.0)
                            for t in near_trig:
                                z += t[k_order][p]
                            if z + rest_max[p] < quick_cut[p]:
                                continue
                        if flags is None:
                            if class_sets is None:
                                class_info = self._class_info
                                infos = [class_info[k] for k in cid]
                                base_type = [x[0] for x in infos]
                                class_sets = [x[1] for x in infos]
                                first_agent = -1
                                for k, x in enumerate(infos):
                                    if x[4]:
                                        first_agent = k
                                        break
                                hedged = self._hedge.search(sentence) is not None
                                in_list = self._listed(sentence, spans)
                            if inner is None:
                                inner = class_sets[a + 1:b]
                            # What the pair's shared features add to the common ones, as a bit set (see _FLAGS).
                            flags = 0
                            if si == first_agent:
                                flags = 1
                            elif oi == first_agent:
                                flags = 2
                            if mentions[si].coref or mentions[oi].coref:
                                flags |= 4
                            if in_list[si]:
                                flags |= 8
                            if in_list[oi]:
                                flags |= 16
                            if order == "so" and clauses and inner and clause_subject is None:
                                # The mentions between the two that open the object's own clause (台积电为苹果
                                # 代工，三星则向英伟达供应): one of them, not the subject, is who the object's
                                # clause speaks of.
                                cut = clause_at[last_clause - 1]
                                # Its classes, roles included: a type of ``types`` may be a role (Foundry).
                                clause_subject = set()
                                for k in range(a + 1, b):
                                    if spans[k][0] > cut and base_type[k] in _ACTORS:
                                        clause_subject |= class_sets[k]
                        if clause_subject and order == "so" and p in types and clause_subject & types[p][0]:
                            continue
                        if inner:
                            if pair_fits is None:
                                # by the class ids between the two: the same for every predicate of the pair
                                inner_ids = cid[a + 1:b]
                                pair_fits = fits_of.get(inner_ids)
                                if pair_fits is None:
                                    if len(fits_of) >= _FEATURE_CACHE:
                                        fits_of.clear()
                                    pair_fits = fits_of[inner_ids] = {}
                            got_fits = pair_fits.get(p)
                            if got_fits is None:
                                fits = _fits(constraints[p], inner)
                                got_fits = pair_fits[p] = (fits, sum(map(quick[p].get, fits, repeat(0.0))) if quick else 0.0)
                            fits, fits_q = got_fits
                        else:
                            fits, fits_q = _NO_FEATURES, 0.0
                        if prune:
                            z += flag_quick[p][flags] + fits_q
                            if hedged:
                                z += quick[p].get("hedged", 0.0)
                            if z < quick_cut[p]:
                                continue
                        own = fits[:] if fits else []
                        if vote:
                            own.append(vote)
                        for t in near_trig:
                            if p in t[0]:
                                # which end the trigger follows tells the direction: A 收购 B, B 被 A 收购
                                own += t[k_order - 2]
                            elif t[1] == "between":
                                own.append("other-trig-between")
                        if shared is None:
                            common = gi[1]
                            if hedged:
                                # in its place among the gap's features: after the shape, before the gap's text
                                common = [*common[:gi[3]], "hedged", *common[gi[3]:]]
                            shared = ["bias", _ORDER_FEATURES[order], plan[3], _DIST_FEATURES[len(gap)],
                                      _BETWEEN_FEATURES[between_n], _CLAUSE_FEATURES[clauses_n], *common, *plan[2],
                                      *_FLAGS[flags]]
                        # tuple.__new__: a named tuple's own constructor is a Python-level call
                        out.append(tuple.__new__(Candidate, (si, oi, p, shared, own)))
        return out

    def run(self, sentence: str, offset: int, mentions: list[SentenceMention],
            votes: Iterable[Vote] = ()) -> list[FoundRelation]:
        """Relations the scorer finds in one sentence: at most one predicate per pair of mentions,
        each above its predicate's threshold, none the rules already found."""
        votes = list(votes)
        if self.model is None and self.collect is None:
            return []
        # The pairs a rule linked are left out while no one collects candidates: the scorer adds
        # nothing to them (see below), so their features would be made and summed for nothing.
        prune = self.collect is None
        cands = self._candidates(sentence, offset, mentions, votes, prune, prune)
        if self.collect is not None:
            for c in cands:
                self.collect.append((mentions[c.subject].entity_id, c.predicate, mentions[c.object].entity_id,
                                     tuple(c.features), sentence))
        if self.model is None or not cands:
            return []
        best: dict[tuple[str, str], tuple[float, Candidate]] = {}
        weights, g, thresholds = self._weights, self._shared_weights, self._thresholds
        quick, quick_cut = self._quick, self._quick_cut
        last_shared = g_shared = None
        for c in cands:
            if not prune:
                q = quick[c.predicate]
                if sum(map(q.get, c.shared, repeat(0.0))) + sum(map(q.get, c.own, repeat(0.0))) < quick_cut[c.predicate]:
                    continue
            # _probability's sums in its order; the shared weights' sum over a shared list is made
            # once for the predicates that share it.
            w = weights.get(c.predicate, _NO_WEIGHTS)
            shared = c.shared
            if shared is not last_shared:
                last_shared, g_shared = shared, sum(map(g.get, shared, repeat(0.0)))
            z = sum(map(w.get, shared, repeat(0.0))) + sum(map(w.get, c.own, repeat(0.0)))
            z += g_shared + sum(map(g.get, c.own, repeat(0.0)))
            prob = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            if prob < thresholds[c.predicate]:
                continue
            a, b = mentions[c.subject].entity_id, mentions[c.object].entity_id
            key = (a, b) if a < b else (b, a)
            if key not in best or prob > best[key][0]:
                best[key] = (prob, c)
        if not best:
            return []
        if votes:
            have = {(r.subject, r.predicate, r.object) for r in votes}
            have |= {(r.object, "supplies", r.subject) for r in votes if r.predicate == "customerOf"}
            # The rules' reading of a pair, or of who stands in a relation to an object, is a strong vote:
            # the scorer adds no second predicate for a pair the rules linked, and no second subject
            # for a (predicate, object) the rules resolved (会见了X公司总裁Y: Y leads X, no one else).
            linked = {frozenset((s, o)) for s, _, o in have}
            resolved = {(p, o) for _, p, o in have}
        else:
            linked = resolved = _NONE
        masked = None  # made for the first relation not linked or resolved already
        out = []
        # by the candidate: one per pair of mentions, so its subject and object order them
        for prob, c in sorted(best.values(), key=_SECOND):
            ms, mo = mentions[c.subject], mentions[c.object]
            if linked and (frozenset((ms.entity_id, mo.entity_id)) in linked or (c.predicate, mo.entity_id) in resolved):
                continue
            if masked is None:
                masked = mask_mentions(sentence, offset, mentions)
                neg = negation()
            lo, hi = min(ms.start, mo.start) - offset, max(ms.end, mo.end) - offset
            if neg.search(masked, lo, hi):
                continue
            # tuple.__new__: a named tuple's own constructor is a Python-level call
            out.append(tuple.__new__(FoundRelation, (ms.entity_id, c.predicate, mo.entity_id, self._rule_ids[c.predicate],
                                                     round(prob, 3), hedge_status(masked[:hi]), None)))
        return out
