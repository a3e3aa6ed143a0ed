"""Catalog matching: every name of a catalog entity the article writes."""
from __future__ import annotations

from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.state import ArticleState


class MatchingPass:
    name = "matching"

    def __init__(self, ctx: CatalogContext):
        self.matcher = ctx.matcher

    def run(self, state: ArticleState) -> None:
        state.hits = self.matcher.run(state.norm, state.text)
