"""Money and ownership: who invests in, funds, owns, buys and sets up ventures with whom, from the
cues of semikg/extract/finance.yaml; then one reading of who gives the money.

A state, a ministry or an agency that puts money into a firm funds it; a firm that does invests in
it. Rules read the verb (投资, 支持, 出资), not who stands in the subject slot, so a relation of
either predicate whose subject is of the other kind is stated with the predicate its subject
takes. A state-owned fund or investment house (大基金, 某某国投) invests like a firm: its name says so.
"""
from __future__ import annotations

import re

from semikg.extract.passes.lexicon import LexiconPass
from semikg.extract.passes.state import ArticleState
from semikg.models import EntityRef

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
        self._by_giver(state)

    @staticmethod
    def _by_giver(state: ArticleState) -> None:
        """investsIn from a state or a ministry becomes funds; funds from a firm becomes investsIn.
        A relation already stated with the other predicate from the same sentence is not repeated."""
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
            if new is None:
                out.append(r)
                continue
            key = (r.subject, new, r.object, r.evidence.start)
            if key not in have:
                have.add(key)
                out.append(r.model_copy(update={"predicate": new}))
        state.relations[:] = out
