"""Money and ownership: who invests in, funds, owns, buys and sets up ventures with whom, from the
cues of semikg/extract/finance.yaml; then one reading of who gives the money and what is bought.

A ministry or an agency that puts money into a firm funds it; a firm that does invests in it (a
state investing in a site stays investsIn: the ontology lets places invest). Rules read the verb
(投资, 支持, 出资), not who stands in the subject slot, so the givers pass (after coordination)
states a relation of either predicate whose subject is of the other kind with the predicate its
subject takes. A state-owned fund or investment house (大基金, 某某国投) invests like a firm: its
name says so.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.lexicon import LexiconPass
from semikg.extract.passes.state import ArticleState
from semikg.extract.relations import hedge_status
from semikg.models import EntityRef, Evidence, Relation

_MERGED = "finance.part.merged-into"
# Rules whose subject founded a joint venture with someone.
_VENTURE_RULES = frozenset({"finance.invest.joint-venture", "finance.invest.jv-partner"})
# A site's own investment figure right after its name: 某某二厂的总投资额, 某某新厂投资规模 (not
# 投入量产, put into production).
_SITE_INVESTMENT = re.compile(r"\s?(?:的)?(?:总|整体|累计|初期|首期)?(?:投资|投入(?!使用|生产|量产|运营|营运|运行)|资本支出)(?:总额|金额|规模|额)?(?:预计|将|也将|约|高达|达到|超过|为|达|逾)*")

# A body whose name says it is an investor, whatever its type: 产业投资基金, 某某国投, Big Fund.
_INVESTOR_NAME = re.compile(r"基金|投资|国投|创投|资本|金融|银行|fund|invest|capital|bank", re.IGNORECASE)


# What funds may point at (the ontology's range of skg:funds).
_FUNDED = frozenset({"Company", "Organization", "Fab", "Technology", "Chip"})


def gives_funding(ref: EntityRef) -> bool:
    """A public body that is not an investment vehicle: its money is funding. (A state investing
    in a site stays investsIn: the ontology lets places invest.)"""
    return ref.type == "Organization" and not _INVESTOR_NAME.search(ref.name)


class FinancePass(LexiconPass):
    name = "finance"
    lexicon_file = "finance.yaml"

    def run(self, state: ArticleState) -> None:
        super().run(state)
        self._merged(state)
        self._venture_partners(state)
        self._site_investment(state)

    @staticmethod
    def _merged(state: ArticleState) -> None:
        """A 与 B 重组，成立 C: the firms merged are part of C, never of each other (a list that
        runs on past C, or an omitted subject resolved after it, is no second result)."""
        merged = {(r.subject, r.evidence.start) for r in state.relations if r.evidence.rule == _MERGED}
        state.relations[:] = [r for r in state.relations
                              if r.evidence.rule != _MERGED or (r.object, r.evidence.start) not in merged]

    @staticmethod
    def _venture_partners(state: ArticleState) -> None:
        """A 与 B 合资设立 C: the rule reads A as the founder; B, A's partner in the same sentence,
        invests in C too (B follows a preposition, which no rule takes for an actor)."""
        partners: dict[tuple[str, int], set[str]] = {}
        for r in state.relations:
            if r.predicate == "partnersWith":
                partners.setdefault((r.subject, r.evidence.start), set()).add(r.object)
                partners.setdefault((r.object, r.evidence.start), set()).add(r.subject)
        have = {(r.subject, r.predicate, r.object, r.evidence.start) for r in state.relations}
        added = []
        for r in state.relations:
            if r.predicate != "investsIn" or r.evidence.rule not in _VENTURE_RULES:
                continue
            for b in sorted(partners.get((r.subject, r.evidence.start), ())):
                key = (b, "investsIn", r.object, r.evidence.start)
                if b != r.object and key not in have:
                    have.add(key)
                    added.append(r.model_copy(update={
                        "subject": b, "evidence": r.evidence.model_copy(update={"rule": "finance.invest.venture-partner"})}))
        state.relations.extend(added)

    @staticmethod
    def _site_investment(state: ArticleState) -> None:
        """A site named with its investment figure (某某厂的总投资额达…) is invested in by the firm
        the article says operates it."""
        operators: dict[str, set[str]] = {}
        for r in state.relations:
            if r.predicate == "operates":
                operators.setdefault(r.object, set()).add(r.subject)
        for f in state.facts:
            if f.predicate == "operates":
                operators.setdefault(f.object, set()).add(f.subject)
        if not operators:
            return
        have = {(r.subject, r.predicate, r.object, r.evidence.start) for r in state.relations}
        starts = [s0 for s0, _ in state.sentences]
        for s, e, eid in sorted(state.spans):
            if eid not in operators or state.refs[eid].type != "Fab":
                continue
            m = _SITE_INVESTMENT.match(state.norm, e)
            j = bisect_right(starts, s) - 1
            if m is None or j < 0:
                continue
            s0, s1 = state.sentences[j]
            # 预计总投资将超过…: the figure is a forecast, and so is the investment.
            status = hedge_status(state.norm[s0:m.end()])
            for owner in sorted(operators[eid]):
                key = (owner, "investsIn", eid, state.base + s0)
                if key not in have:
                    have.add(key)
                    state.relations.append(Relation(subject=owner, predicate="investsIn", object=eid, evidence=Evidence(
                        quote=state.text[s0:s1], start=state.base + s0, end=state.base + s1,
                        rule="finance.site-investment", confidence=0.6, status=status, trigger=m.group(0).strip())))


class GiversPass:
    """Who gives the money, and what is bought, read once every relation is in (after the
    coordination pass has copied relations along lists, so that a copied relation is read too)."""

    name = "givers"

    def __init__(self, ctx: CatalogContext):
        self.ctx = ctx

    def run(self, state: ArticleState) -> None:
        """investsIn from a state or a ministry becomes funds; funds from a firm becomes investsIn;
        a site bought (acquires a Fab) is an investment in it, acquires being one firm buying
        another. A relation already stated with the new predicate from the same sentence is not
        repeated."""
        refs = state.refs
        have = {(r.subject, r.predicate, r.object, r.evidence.start) for r in state.relations}
        out = []
        for r in state.relations:
            ref, obj = refs.get(r.subject), refs.get(r.object)
            new = None
            if ref is not None and r.predicate == "investsIn" and gives_funding(ref) \
                    and obj is not None and obj.type in _FUNDED:
                new = "funds"
            elif ref is not None and r.predicate == "funds" and ref.type == "Company":
                new = "investsIn"
            elif r.predicate == "acquires" and obj is not None and obj.type == "Fab":
                new = "investsIn"
            if new is None:
                out.append(r)
                continue
            key = (r.subject, new, r.object, r.evidence.start)
            if key not in have:
                have.add(key)
                out.append(r.model_copy(update={"predicate": new}))
        state.relations[:] = out
