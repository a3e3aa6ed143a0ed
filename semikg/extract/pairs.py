"""The candidate-pair relation pass: every pair of mentions in a sentence that a predicate's domain
and range admit is a candidate, and a linear scorer decides which predicate, if any, holds.

The hand-written rules (semikg/extract/relations.yaml) need subject, trigger and object in a set
order within a short gap; news says the same thing in many more ways. This pass generalises from
evidence any wording shares: trigger words of each predicate (semikg/extract/pair_lexicon.yaml) and
where they stand (between the two mentions, before, after), order and distance, what lies between
(other mentions, commas, a possessive 的, a bracket, a list), hedges and negation, and the rules'
own findings as votes. Domain and range come from the SHACL shapes, as for the rules.

The weights are a logistic regression fitted by ``bench/pair_train.py`` on labelled articles and
shipped as ``pair_weights.json`` (feature -> weight, one threshold per predicate): inference is a
sum of a few dozen weights per candidate, in pure Python, with no learning library at run time.
The training script reports its figures by cross-validation over articles.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, get_args

import yaml
from pydantic import BaseModel, ConfigDict

from semikg.errors import SemikgError
from semikg.keywords import KeywordIndex
from semikg.models import EntityType
from semikg.extract.relations import FoundRelation, SentenceMention, hedge_status, mask_mentions, negation, shape_constraints

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


class PairLexicon(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    triggers: dict[str, tuple[str, ...]]
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
# Up to this many characters between two mentions, every word (character and bigram) between them is
# a feature; in a longer gap, only those next to each end.
GAP_WORDS = 12


@dataclass
class Candidate:
    """One (subject, predicate, object) a sentence could state, with the evidence for it."""

    subject: int  # index into the sentence's mentions
    object: int
    predicate: str
    features: list[str] = field(default_factory=list)


class PairScorer:
    """Pipeline pass: one sentence with its mentions and the rules' findings -> scored relations."""

    def __init__(self, model: PairModel | None = None, *, use_shipped: bool = True):
        self.model = model if model is not None else (shipped_model() if use_shipped else None)
        lex = pair_lexicon()
        constraints = shape_constraints()
        unknown = set(lex.triggers) - set(constraints)
        if unknown:
            raise SemikgError(f"pair_lexicon.yaml: unknown predicates {sorted(unknown)}")
        self.predicates = tuple(p for p in constraints if p not in _SKIPPED)
        self.constraints = constraints
        words: dict[str, set[str]] = {}
        for p, ws in lex.triggers.items():
            for w in ws:
                words.setdefault(w.lower(), set()).add(p)
        self._trigger_preds = {w: frozenset(ps) for w, ps in words.items()}
        self._triggers = KeywordIndex(sorted(self._trigger_preds))
        self._hedge = KeywordIndex(lex.cues["hedge"])
        self._clause = frozenset("".join(lex.cues["clause"]))
        self._stop = frozenset("".join(lex.cues["stop"]))
        self._list = tuple(lex.cues["list"])
        self._bracket = frozenset("".join(lex.cues["bracket"]))
        self._plans: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, ...]] = {}
        # Set to a list to receive every candidate with its features (for training): see bench/pair_train.py.
        # Each entry: (subject id, predicate, object id, features, the sentence).
        self.collect: list[tuple[str, str, str, tuple[str, ...], str]] | None = None

    def _predicates_for(self, s: tuple[str, ...], o: tuple[str, ...]) -> tuple[str, ...]:
        key = (s, o)
        plan = self._plans.get(key)
        if plan is None:
            ss, os_ = set(s), set(o)
            plan = tuple(p for p in self.predicates
                         if self.constraints[p][0] & ss and self.constraints[p][1] & os_
                         and not (p in _PLACE_HIERARCHY and "Place" in ss)
                         and not (p in ("successorOf", "competesWith") and not (ss & os_) - _GENERIC))
            self._plans[key] = plan
        return plan

    def candidates(self, sentence: str, offset: int, mentions: list[SentenceMention],
                   votes: Iterable[FoundRelation] = ()) -> list[Candidate]:
        """Every admissible (subject, predicate, object) of the sentence, with its features."""
        n = len(mentions)
        if n < 2:
            return []
        spans = [(m.start - offset, m.end - offset) for m in mentions]
        inside = bytearray(len(sentence) + 1)
        for s, e in spans:
            inside[s:e] = b"\x01" * (e - s)
        # Trigger words outside mentions (大基金 names a fund, it says nothing of investing).
        trig: list[tuple[int, int, str, frozenset[str]]] = []
        words = self._triggers.words
        for i, s, e in self._triggers.find(sentence):
            if inside[s] or inside[e - 1]:
                continue
            w = words[i]
            if w.isascii() and ((s and sentence[s - 1].isalnum()) or (e < len(sentence) and sentence[e:e + 1].isalnum())):
                continue  # an English word needs word edges: "in" is not in "inside"
            trig.append((s, e, w, self._trigger_preds[w]))
        hedged = bool(self._hedge.find(sentence))
        voted: dict[tuple[str, str], set[str]] = {}
        for r in votes:
            voted.setdefault((r.subject, r.object), set()).add(r.predicate)
            if r.predicate == "customerOf":
                voted.setdefault((r.object, r.subject), set()).add("supplies")
        first_agent = next((k for k, m in enumerate(mentions) if "Agent" in m.classes), -1)
        out: list[Candidate] = []
        for a in range(n):
            ma, (as_, ae) = mentions[a], spans[a]
            for b in range(a + 1, n):
                mb, (bs, be) = mentions[b], spans[b]
                if ma.entity_id == mb.entity_id or bs < ae:
                    continue
                gap = sentence[ae:bs]
                if len(gap) > MAX_GAP:
                    break
                between = b - a - 1
                clauses = sum(c in self._clause for c in gap)
                stops = any(c in self._stop for c in gap)
                stripped = gap.strip()
                shape = ("adjacent" if not stripped else "possessive" if stripped == "的"
                         else "bracket" if all(c in self._bracket for c in stripped)
                         else "listed" if stripped in self._list else "")
                common = [f"dist:{_bin(len(gap), _DIST)}", f"between:{min(between, 3)}", f"clauses:{min(clauses, 2)}"]
                if stops:
                    common.append("stop")
                if shape:
                    common.append(shape)
                if "的" in gap:
                    common.append("de-between")
                if hedged:
                    common.append("hedged")
                g = gap.replace(" ", "")
                if not g:
                    grams = {"<none>"}
                elif len(g) <= GAP_WORDS:
                    grams = {g[i:i + 2] for i in range(len(g) - 1)} | set(g)
                else:  # a long gap: the words next to each end
                    grams = {"<" + g[i:i + 2] for i in range(4)} | {g[-i - 2:len(g) - i] + ">" for i in range(4)}
                pre, post = sentence[max(0, as_ - 3):as_], sentence[be:be + 3]
                context = {"pre:" + pre[i:i + 2] for i in range(len(pre) - 1)} | {"post:" + post[i:i + 2] for i in range(len(post) - 1)}
                near_trig = [(s, e, w, ps, "between" if s >= ae and e <= bs else
                              ("before" if e <= as_ else "after" if s >= be else ""),
                              (as_ - e) if e <= as_ else (s - be) if s >= be else 0)
                             for s, e, w, ps in trig]
                for si, oi, order in ((a, b, "so"), (b, a, "os")):
                    ms, mo = mentions[si], mentions[oi]
                    preds = self._predicates_for(ms.classes, mo.classes)
                    if not preds:
                        continue
                    pair_votes = voted.get((ms.entity_id, mo.entity_id), set())
                    other_votes = voted.get((mo.entity_id, ms.entity_id), set())
                    for p in preds:
                        dom, rng = self.constraints[p]
                        f = [f"{p}|bias", f"{p}|order:{order}"]
                        f.extend(f"{p}|{c}" for c in common)
                        f.extend(f"{p}|s:{c}" for c in ms.classes if c not in _GENERIC)
                        f.extend(f"{p}|o:{c}" for c in mo.classes if c not in _GENERIC)
                        if between:
                            if any(dom & set(mentions[k].classes) for k in range(a + 1, b)):
                                f.append(f"{p}|between-fits-subject")
                            if any(rng & set(mentions[k].classes) for k in range(a + 1, b)):
                                f.append(f"{p}|between-fits-object")
                        if si == first_agent:
                            f.append(f"{p}|subject-first-agent")
                        if ms.coref or mo.coref:
                            f.append(f"{p}|coref")
                        if p in pair_votes:
                            f.append(f"{p}|rule-vote")
                        elif pair_votes or other_votes:
                            f.append(f"{p}|rule-other")
                        sc = next((c for c in ms.classes if c in _TYPES), "")
                        oc = next((c for c in mo.classes if c in _TYPES), "")
                        f.append(f"{p}|pair:{sc}>{oc}")
                        for s, e, w, ps, where, d in near_trig:
                            if p in ps and where and d <= 12:
                                f.append(f"{p}|trig:{where}")
                                f.append(f"{p}|trig:{where}:{w}")
                                if where != "between":
                                    f.append(f"{p}|trig:{where}:{_bin(d, (0, 2, 5))}")
                            elif where == "between" and ps:
                                f.append(f"{p}|other-trig-between")
                        f.extend(f"{p}|gap:{bg}" for bg in grams)
                        f.extend(f"{p}|{c}" for c in context)
                        out.append(Candidate(si, oi, p, f))
        return out

    def run(self, sentence: str, offset: int, mentions: list[SentenceMention],
            votes: Iterable[FoundRelation] = ()) -> list[FoundRelation]:
        """Relations the scorer finds in one sentence: at most one predicate per pair of mentions,
        each above its predicate's threshold, none the rules already found."""
        votes = list(votes)
        if self.model is None and self.collect is None:
            return []
        cands = self.candidates(sentence, offset, mentions, votes)
        if self.collect is not None:
            for c in cands:
                self.collect.append((mentions[c.subject].entity_id, c.predicate, mentions[c.object].entity_id,
                                     tuple(c.features), sentence))
        if self.model is None or not cands:
            return []
        best: dict[tuple[str, str], tuple[float, Candidate]] = {}
        for c in cands:
            prob = self.model.probability(c.features)
            if prob < self.model.threshold(c.predicate):
                continue
            a, b = mentions[c.subject].entity_id, mentions[c.object].entity_id
            key = (a, b) if a < b else (b, a)
            if key not in best or prob > best[key][0]:
                best[key] = (prob, c)
        if not best:
            return []
        have = {(r.subject, r.predicate, r.object) for r in votes}
        have |= {(r.object, "supplies", r.subject) for r in votes if r.predicate == "customerOf"}
        # The rules' reading of a pair, or of who stands in a relation to an object, is a strong vote:
        # the scorer adds no second predicate for a pair the rules linked, and no second subject
        # for a (predicate, object) the rules resolved (会见了X公司总裁Y: Y leads X, no one else).
        linked = {frozenset((s, o)) for s, _, o in have}
        resolved = {(p, o) for _, p, o in have}
        masked = mask_mentions(sentence, offset, mentions)
        neg = negation()
        out = []
        for prob, c in sorted(best.values(), key=lambda x: (x[1].subject, x[1].object, x[1].predicate)):
            ms, mo = mentions[c.subject], mentions[c.object]
            if frozenset((ms.entity_id, mo.entity_id)) in linked or (c.predicate, mo.entity_id) in resolved:
                continue
            lo, hi = min(ms.start, mo.start) - offset, max(ms.end, mo.end) - offset
            if neg.search(masked[lo:hi]):
                continue
            out.append(FoundRelation(ms.entity_id, c.predicate, mo.entity_id, f"{RULE_ID}.{c.predicate}",
                                     round(prob, 3), hedge_status(masked[:hi]), None))
        return out
