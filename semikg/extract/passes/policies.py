"""Policies: who issues a policy, whom it restricts, whom it funds (issuedBy, restricts, funds),
from how a policy is named and from the cues of semikg/extract/policies.yaml.

A policy named after its issuer (美国出口管制, 日本半导体补贴计划) is issued by that place or
body; a restricting policy named after its target (某某芯片出口禁令, EDA禁令) restricts it. A policy
issued by a body named with its state (某国商务部) is issued by that state too. News names a state
by one character in set phrases: a policy 对华 (对华出口管制) restricts China, and one of 美方 / 日方
(美方出口限制) is that state's. A restriction found for one item of a list (包括A、3项B、C) holds
for the other items of the same kind.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.lexicon import LexiconPass, quote_facts
from semikg.extract.passes.state import ArticleState
from semikg.loaders.normalise import normalise
from semikg.models import Relation

# A policy whose name says it restricts: its other nested names are its targets.
_RESTRICTING = re.compile(r"管制|禁令|禁运|禁售|限制|制裁|清单|封锁|ban|control|sanction|restriction")
# The places pass's facts that a body is its state's (某国商务部, 某国 + 某部).
_BODY_PLACE_RULES = frozenset({"places.name-body", "places.place-body"})
_TARGETS = frozenset({"Technology", "Chip", "Equipment", "Company"})
# One-character names of states in set phrases (对华, 美方), and the state's full name in the catalog.
_DESTINATION = {"华": "中国"}  # 对华 + policy: restricts exports to that state
_SIDE = {"美": "美国", "中": "中国", "日": "日本", "韩": "韩国", "荷": "荷兰", "英": "英国", "德": "德国", "法": "法国"}
# A funding rule whose policy restricts (获得出口许可) states no funding.
_NOT_FUNDING = re.compile(_RESTRICTING.pattern + "|许可|执照|牌照|关税|税费")
# A licence is what a revoking rule's policy must be (撤销…出口许可证).
_LICENCE = re.compile(r"许可|执照|牌照|授权")
_REVOKING_RULES = frozenset({"policies.issued.revoke", "policies.restricts.revoke"})
# Between two items of a list: a separator, and a count with its measure word (、11项).
_PLAIN_ITEM = re.compile(r"[^、,，。;；\s]{1,10}(?=、|,|，)")
_LIST_GAP = re.compile(r"\s*(?:、|,|，|和|与|及|以及)\s*(?:\d+\s*(?:项|种|类|款|个|台|家))?\s*")


class PoliciesPass(LexiconPass):
    name = "policies"
    lexicon_file = "policies.yaml"

    def __init__(self, ctx: CatalogContext):
        super().__init__(ctx)
        by_name = {normalise(x): e.id for e in ctx.catalog.entries if e.type == "Place"
                   for x in (e.zh_hans, e.zh_hant) if x}
        self.destination = {k: by_name[v] for k, v in _DESTINATION.items() if v in by_name}
        self.side = {k: by_name[v] for k, v in _SIDE.items() if v in by_name}
        self.place_names = by_name

    def run(self, state: ArticleState) -> None:
        self._named(state)
        self._abbreviated_states(state)
        first = len(state.relations)
        super().run(state)
        self._keep_sound(state, first)
        self._listed_targets(state, first)
        self._state_of_issuer(state)

    def _abbreviated_states(self, state: ArticleState) -> None:
        """对华 in or before a policy's name: it restricts China; 美方 (日方 …) right before it: that
        state issued it."""
        norm, refs = state.norm, state.refs
        facts = []
        for s, e, eid in state.spans:
            if refs[eid].type != "Policy":
                continue
            head = norm[max(0, s - 3):s].rstrip("的之")
            inside = norm[s:e].find("对")
            if head[-2:-1] == "对" and head[-1:] in self.destination:
                facts.append((s, eid, "restricts", self.destination[head[-1]], "policies.abbreviated-destination", 0.65))
            elif 0 <= inside < e - s - 1 and norm[s + inside + 1] in self.destination:
                facts.append((s, eid, "restricts", self.destination[norm[s + inside + 1]],
                              "policies.abbreviated-destination", 0.65))
            if head.endswith("方") and head[-2:-1] in self.side:
                facts.append((s, eid, "issuedBy", self.side[head[-2]], "policies.abbreviated-side", 0.65))
        quote_facts(state, facts)

    def _keep_sound(self, state: ArticleState, first: int) -> None:
        """Drop what the lexicon rules found that the policy's own name contradicts: funding by a
        restriction (获得出口许可), a revoked thing that is no licence."""
        names = {eid: state.norm[s:e] for s, e, eid in state.spans if state.refs[eid].type == "Policy"}

        def sound(r: Relation) -> bool:
            name = names.get(r.subject, state.refs[r.subject].name if r.subject in state.refs else "")
            if r.predicate == "funds" and state.refs.get(r.subject) is not None \
                    and state.refs[r.subject].type == "Policy" and _NOT_FUNDING.search(name):
                return False
            return r.evidence.rule not in _REVOKING_RULES or bool(_LICENCE.search(name))
        state.relations[first:] = [r for r in state.relations[first:] if sound(r)]

    def _listed_targets(self, state: ArticleState, first: int) -> None:
        """A restricted item of a list (包括3项A、11项B、1项C): the items after it of its kind too."""
        found = [r for r in state.relations[first:] if r.predicate == "restricts"]
        if not found:
            return
        norm, refs = state.norm, state.refs
        spans = sorted(state.spans)
        by_start = {s: (s, e, eid) for s, e, eid in spans}
        starts = [s for s, _, _ in spans]
        at = {eid: [] for eid in {r.object for r in found}}
        for s, e, eid in spans:
            if eid in at:
                at[eid].append((s, e))
        seen = {(r.subject, r.predicate, r.object, r.evidence.start) for r in state.relations}
        for r in found:
            lo, hi = r.evidence.start - state.base, r.evidence.end - state.base
            kind = refs[r.object].type
            for s, e in at[r.object]:
                if not lo <= s < hi:
                    continue
                while True:
                    gap = _LIST_GAP.match(norm, e)
                    if gap is not None and gap.end() not in by_start:
                        # An item named by no mention (4项某某设备): the list goes on after it.
                        item = _PLAIN_ITEM.match(norm, gap.end())
                        if item is not None and bisect_right(starts, item.end() - 1) != bisect_right(starts, gap.end() - 1):
                            item = None  # a mention inside: not a plain item
                        gap = _LIST_GAP.match(norm, item.end()) if item is not None else None
                    if gap is None or gap.end() not in by_start:
                        break
                    _, e2, eid2 = by_start[gap.end()]
                    if e2 > hi or refs[eid2].type != kind:
                        break
                    key = (r.subject, "restricts", eid2, r.evidence.start)
                    if key not in seen:
                        seen.add(key)
                        state.relations.append(Relation(subject=r.subject, predicate="restricts", object=eid2,
                                                        evidence=r.evidence.model_copy(update={
                                                            "rule": "policies.listed-target",
                                                            "confidence": round(min(r.evidence.confidence, 0.6), 3)})))
                    e = e2

    def _state_of_issuer(self, state: ArticleState) -> None:
        """A body named with its state (某国商务部) issues its state's policy: the policy is issued
        by that place too, quoted with the same sentence. So does a state's government (某国政府),
        which the places pass leaves without a place (a government is its place)."""
        place_of = {r.subject: r.object for r in state.relations
                    if r.predicate == "locatedIn" and r.evidence.rule in _BODY_PLACE_RULES}
        for eid, ref in state.refs.items():
            name = normalise(ref.name)
            if ref.type == "Organization" and name.endswith("政府") and name[:-2] in self.place_names:
                place_of.setdefault(eid, self.place_names[name[:-2]])
        if not place_of:
            return
        seen = {(r.subject, r.predicate, r.object, r.evidence.start) for r in state.relations}
        for r in list(state.relations):
            place = place_of.get(r.object) if r.predicate == "issuedBy" else None
            if place is None or (r.subject, "issuedBy", place, r.evidence.start) in seen:
                continue
            seen.add((r.subject, "issuedBy", place, r.evidence.start))
            ev = r.evidence.model_copy(update={"rule": "policies.issuer-state",
                                               "confidence": round(min(r.evidence.confidence, 0.6), 3)})
            state.relations.append(Relation(subject=r.subject, predicate="issuedBy", object=place, evidence=ev))

    def _named(self, state: ArticleState) -> None:
        if not state.nested:
            return
        norm, refs = state.norm, state.refs
        spans = sorted(state.spans)
        starts = [s for s, _, _ in spans]
        facts = []
        for a, b, inner in state.nested:
            k = bisect_right(starts, a) - 1
            if k < 0 or spans[k][1] < b:
                continue
            s, e, outer = spans[k]
            if refs[outer].type != "Policy":
                continue
            kind = refs[inner].type
            if kind in ("Place", "Organization") and a == s:
                facts.append((s, outer, "issuedBy", inner, "policies.name-issuer", 0.7))
            elif kind in _TARGETS and _RESTRICTING.search(norm[b:e]):
                facts.append((s, outer, "restricts", inner, "policies.name-target", 0.65))
        quote_facts(state, facts)
