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
        marks = sorted([(s, e, eid, False) for s, e, eid in firm_openings(state, self.ctx)]
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


# A node or product the catalog names with its maker in front (台积电N2, 英特尔18A): the maker is
# the clause's agent (台积电N2获得苹果订单), so the rules see two mentions, maker then node.
_MAKER_LED = frozenset({"ProcessNode", "Chip"})
_MAX_MAKER_CHARS = 12


def firm_openings(state: ArticleState, ctx: CatalogContext) -> list:
    """The article's spans with every maker-led node or chip split into the maker and the rest;
    the maker is then named by the article (a nested mention)."""
    out, named = [], set(state.nested)
    for s, e, eid in state.spans:
        if state.refs[eid].type in _MAKER_LED and e - s > 2:
            for k in range(min(e - s - 1, _MAX_MAKER_CHARS), 1, -1):
                firm = ctx.matcher.lookup(state.norm[s:s + k])
                if firm is not None and firm in ctx.company_ids:
                    while state.norm[s + k - 1].isspace():
                        k -= 1  # Intel 18A: the space is no part of the maker's name
                    if firm not in state.refs:
                        state.refs[firm] = ctx.catalog_ref(firm)
                    if (s, s + k, firm) not in named:
                        state.nested.append((s, s + k, firm))
                    out.append((s, s + k, firm))
                    s += k
                    while s < e and state.norm[s].isspace():
                        s += 1
                    break
        out.append((s, e, eid))
    return out


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
