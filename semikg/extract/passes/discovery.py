"""Discovery: names the catalog does not know, found by suffixes, cue words and name shapes."""
from __future__ import annotations

from semikg.extract.discovery import Discoverer
from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.state import ArticleState


class DiscoveryPass:
    name = "discovery"

    def __init__(self, ctx: CatalogContext):
        self.discoverer = Discoverer(place_ids=ctx.place_ids, company_ids=ctx.company_ids,
                                     technology_ids=ctx.technology_ids, person_ids=ctx.person_ids,
                                     chip_ids=ctx.chip_ids,
                                     country_ids=frozenset(e.id for e in ctx.catalog.entries
                                                           if e.type == "Place" and "Country" in e.roles))
        self.words = ctx.words
        self.words.register(self.discoverer.opener_groups)

    def run(self, state: ArticleState) -> None:
        state.found = self.discoverer.run(state.norm, state.cased, state.hits, self.words.of(state))
