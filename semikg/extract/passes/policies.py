"""Policies: who issues a policy, whom it restricts, whom it funds (issuedBy, restricts, funds),
from how a policy is named and from the cues of semikg/extract/policies.yaml.

A policy named after its issuer (美国出口管制, 日本半导体补贴计划) is issued by that place or
body; a restricting policy named after its target (某某芯片出口禁令, EDA禁令) restricts it. A policy
issued by a body named with its state (某国商务部) is issued by that state too.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from semikg.extract.passes.lexicon import LexiconPass, quote_facts
from semikg.extract.passes.state import ArticleState
from semikg.models import Relation

# A policy whose name says it restricts: its other nested names are its targets.
_RESTRICTING = re.compile(r"管制|禁令|禁运|禁售|限制|制裁|清单|封锁|ban|control|sanction|restriction")
# The places pass's facts that a body is its state's (某国商务部, 某国 + 某部).
_BODY_PLACE_RULES = frozenset({"places.name-body", "places.place-body"})
_TARGETS = frozenset({"Technology", "Chip", "Equipment", "Company"})


class PoliciesPass(LexiconPass):
    name = "policies"
    lexicon_file = "policies.yaml"

    def run(self, state: ArticleState) -> None:
        self._named(state)
        super().run(state)
        self._state_of_issuer(state)

    @staticmethod
    def _state_of_issuer(state: ArticleState) -> None:
        """A body named with its state (某国商务部) issues its state's policy: the policy is issued
        by that place too, quoted with the same sentence."""
        place_of = {r.subject: r.object for r in state.relations
                    if r.predicate == "locatedIn" and r.evidence.rule in _BODY_PLACE_RULES}
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
