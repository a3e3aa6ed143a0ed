"""Owners in names: a chip or site named with its owner's name (NVIDIA H100, 长江存储武汉第三工厂)
says who designs or operates it, from the catalog's designs / operates / part_of links."""
from __future__ import annotations

from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.state import ArticleState, NameFact
from semikg.loaders.normalise import normalise


class OwnersPass:
    name = "owners"

    def __init__(self, ctx: CatalogContext):
        self.ctx = ctx
        # Who a chip or site is named after: chip -> designer, fab -> operator.
        self.owners: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
        entries = ctx.entries
        names_of = {e.id: tuple(normalise(x) for x in (e.name, e.zh_hans, e.zh_hant, *e.aliases) if x and len(x) >= 2)
                    for e in ctx.catalog.entries}
        for e in ctx.catalog.entries:
            for link in e.links:
                if link.predicate in ("designs", "operates"):
                    self.owners.setdefault(link.object, []).append((e.id, link.predicate, names_of[e.id]))
            if e.type == "Fab" and e.part_of and entries[e.part_of].type == "Company":
                self.owners.setdefault(e.id, []).append((e.part_of, "operates", names_of[e.part_of]))

    def run(self, state: ArticleState) -> None:
        seen, owners = set(), self.owners
        for s, e, eid in [sp for sp in state.spans if sp[2] in owners]:  # most names own nothing
            surface = normalise(state.text[s:e])
            for owner, pred, names in self.owners[eid]:
                if (owner, pred, eid) not in seen and any(n in surface for n in names):
                    seen.add((owner, pred, eid))
                    if owner not in state.refs:
                        state.refs[owner] = self.ctx.catalog_ref(owner)
                    state.facts.append(NameFact(s, owner, pred, eid, f"catalog.name-{pred}", 0.75))
