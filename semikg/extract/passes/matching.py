"""Catalog matching: every name of a catalog entity the article writes."""
from __future__ import annotations

from itertools import compress
from operator import itemgetter

from semikg.extract.matcher import Hit
from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.state import ArticleState


_ENTITY = itemgetter(0)  # a Hit's entity id


class MatchingPass:
    name = "matching"

    def __init__(self, ctx: CatalogContext):
        self.matcher = ctx.matcher
        self.entries = ctx.entries
        self._country: dict[str, str | None] = {}
        # The catalog bodies a foreign country's name before them may disown (经济部 of 法国经济部).
        self._bodies = frozenset(e.id for e in ctx.catalog.entries if e.type == "Organization" and e.hq)

    def run(self, state: ArticleState) -> None:
        state.hits = self._foreign_bodies_dropped(self.matcher.run(state.norm, state.cased))

    def country_of(self, eid: str) -> str | None:
        """The country a catalog entity lies in (itself, for a country), via its hq and part_of."""
        if eid not in self._country:
            seen, cur, found = set(), eid, None
            while cur is not None and cur not in seen and cur in self.entries:
                seen.add(cur)
                e = self.entries[cur]
                if e.type == "Place" and "Country" in e.roles:
                    found = cur
                    break
                cur = e.hq if e.type != "Place" else e.part_of
            self._country[eid] = found
        return self._country[eid]

    def _foreign_bodies_dropped(self, hits: list[Hit]) -> list[Hit]:
        """A body's bare name written right after another country's name (法国经济部 where the
        catalog's 经济部 is Taiwan's) is that country's body, not the catalog's: the hit is dropped,
        and discovery may name the body in full."""
        bodies = self._bodies
        if bodies.isdisjoint(map(_ENTITY, hits)):
            return hits  # most articles name none of these bodies
        # Only a body's hit can be dropped, and only for the hit right before it, a place: a
        # dropped hit is a body's, never a place's, so "right before" needs no list of those kept.
        dropped = set()
        for k in compress(range(len(hits)), map(bodies.__contains__, map(_ENTITY, hits))):  # picked in C
            if not k:
                continue
            h, prev = hits[k], hits[k - 1]
            if prev.end == h.start and self.entries[prev.entity_id].type == "Place":
                mine, theirs = self.country_of(h.entity_id), self.country_of(prev.entity_id)
                if mine and theirs and mine != theirs:
                    dropped.add(k)
        return [h for k, h in enumerate(hits) if k not in dropped] if dropped else hits
