"""Candidate pairs: after the trigger rules, every admissible pair of mentions in a sentence is scored
(semikg/extract/pairs.py); the rules' findings in that sentence are the scorer's strong votes."""
from __future__ import annotations

from semikg.extract.pairs import PairScorer
from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.state import ArticleState
from semikg.models import Relation


class PairsPass:
    name = "pairs"

    def __init__(self, ctx: CatalogContext, scorer: PairScorer | None = None):
        self.scorer = scorer if scorer is not None else PairScorer()

    @classmethod
    def with_scorer(cls, scorer: PairScorer):
        """A factory for ``RuleBasedExtractor(passes=...)`` that uses this scorer (training, evaluation)."""
        return lambda ctx: cls(ctx, scorer)

    def run(self, state: ArticleState) -> None:
        if self.scorer.model is None and self.scorer.collect is None:
            return
        norm, text, base = state.norm, state.text, state.base
        # The rules' findings by the sentence they quote: the scorer reads their ends and predicate.
        votes: dict[int, list[Relation]] = {}
        for r in state.relations:
            votes.setdefault(r.evidence.start - base, []).append(r)
        for s0, s1, ms in state.views:
            if len(ms) < 2:
                continue
            found = self.scorer.run(norm[s0:s1], s0, ms, votes.get(s0, ()))
            if not found:
                continue
            quote = text[s0:s1]
            for r in found:
                state.relations.append(Relation(subject=r.subject, predicate=r.predicate, object=r.object,
                                                # a dict: validated with the relation, one validator call instead of two
                                                evidence=dict(quote=quote, start=base + s0, end=base + s1, rule=r.rule,
                                                              confidence=r.confidence, status=r.status, trigger=None)))
