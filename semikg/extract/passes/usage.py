"""Usage: what firms, sites and chips use (usesTechnology) and what makers make (manufactures),
from the cues of semikg/extract/usage.yaml; and what a memory maker designs, it makes."""
from __future__ import annotations

from semikg.extract.passes.lexicon import LexiconPass
from semikg.extract.passes.state import ArticleState
from semikg.models import Evidence, Relation

# Firms that make the chips they sell in their own fabs: a chip such a firm is said to design or
# launch (三星推出的LPDDR5, SK海力士的HBM3) is one it makes. Not IDMs in general: many have
# some of their chips made by foundries.
MAKES_ITS_OWN = frozenset({"MemoryMaker"})
MAKER_RULE = "usage.make.own-design"


class UsagePass(LexiconPass):
    name = "usage"
    lexicon_file = "usage.yaml"

    def run(self, state: ArticleState) -> None:
        super().run(state)
        self._own_designs(state)

    @staticmethod
    def _own_designs(state: ArticleState) -> None:
        """designs(memory maker, chip) -> manufactures too, quoting the same sentence."""
        seen = {(r.subject, r.predicate, r.object, r.evidence.start) for r in state.relations}
        added = []
        for r in state.relations:
            if r.predicate != "designs" or not MAKES_ITS_OWN.intersection(state.refs[r.subject].roles):
                continue
            if state.refs[r.object].type != "Chip":
                continue
            key = (r.subject, "manufactures", r.object, r.evidence.start)
            if key in seen:
                continue
            seen.add(key)
            ev = r.evidence
            added.append(Relation(subject=r.subject, predicate="manufactures", object=r.object, evidence=Evidence(
                quote=ev.quote, start=ev.start, end=ev.end, rule=MAKER_RULE, confidence=round(ev.confidence * 0.9, 3),
                status=ev.status, trigger=ev.trigger)))
        state.relations.extend(added)
