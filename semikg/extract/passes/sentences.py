"""Sentences: the article cut into sentences, each with the mentions the relation and quantity
rules read in it. A clause that continues the sentence's subject (该公司从A采购，并在B建厂) gets a
zero-width mention of that subject where it opens."""
from __future__ import annotations

import re
from bisect import bisect_left

from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.state import ArticleState, SentenceView
from semikg.extract.relations import SentenceMention
from semikg.extract.sentences import sentences

# A clause that opens with one of these continues the sentence's subject: 该公司从A采购, 并在B建厂.
_CONTINUATION = re.compile(r"[,，]\s*(?=(?:并且|而且|同时|随后|此外|并|还|也|且|亦|又|再|将)(?![\ue000]))")


class SentencesPass:
    name = "sentences"

    def __init__(self, ctx: CatalogContext):
        self.ctx = ctx

    def run(self, state: ArticleState) -> None:
        norm = state.norm
        state.sentences = sentences(norm, state.text)
        marks = sorted([(s, e, eid, False) for s, e, eid in state.spans]
                       + [(s, e, eid, True) for s, e, eid in state.corefs])
        mark_starts = [m[0] for m in marks]
        classes = {eid: self.ctx.classes(ref) for eid, ref in state.refs.items()}
        for s0, s1 in state.sentences:
            lo, hi = bisect_left(mark_starts, s0), bisect_left(mark_starts, s1)
            if lo == hi:
                continue  # no mention: no relation, no figure to attach
            in_sent = [m for m in marks[lo:hi] if m[1] <= s1]
            in_sent = carry_subject(norm[s0:s1], s0, in_sent, state)
            ms = [SentenceMention(i, eid, s, e, classes[eid], coref) for i, (s, e, eid, coref) in enumerate(in_sent)]
            state.views.append(SentenceView(s0, s1, ms))


def carry_subject(sent_norm: str, s0: int, in_sent: list, state: ArticleState) -> list:
    """Zero-width subject mentions at clauses that continue the sentence's first agent."""
    if not in_sent:
        return in_sent
    first = in_sent[0]
    if state.refs[first[2]].type not in ("Company", "Organization") or first[0] - s0 > 12:
        return in_sent
    extra = []
    for m in _CONTINUATION.finditer(sent_norm):
        pos = s0 + m.end()
        if pos > first[1] and not any(s <= pos < e for s, e, _, _ in in_sent):
            extra.append((pos, pos, first[2], True))
    return sorted(in_sent + extra) if extra else in_sent
