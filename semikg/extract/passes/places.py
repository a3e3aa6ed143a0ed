"""Places: where firms, sites and bodies are (locatedIn), from how they are named and from the
place cues of semikg/extract/places.yaml.

A place inside a name says where the thing is when the name is a site's (某某熊本工厂), a public
body's (某某国商务部), or the place in brackets in a firm's legal name (某某科技（上海）有限公司),
which registers it there. A place a firm's name opens with (湖南某某有限公司) may be one the firm
has left, so it says nothing; a government is its place, so it gets no fact.
"""
from __future__ import annotations

from bisect import bisect_right

from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.lexicon import LexiconPass, quote_facts
from semikg.extract.passes.state import ArticleState
from semikg.loaders.normalise import normalise

_LONGEST_PLACE = 6


class PlacesPass(LexiconPass):
    name = "places"
    lexicon_file = "places.yaml"

    def __init__(self, ctx: CatalogContext):
        super().__init__(ctx)
        # Catalog place names, to read the place a catalog body's or site's name opens with.
        self.place_names = {normalise(x): e.id for e in ctx.catalog.entries if e.type == "Place"
                            for x in (e.zh_hans, e.zh_hant) if x and 2 <= len(x) <= _LONGEST_PLACE}

    def run(self, state: ArticleState) -> None:
        self._named(state)
        super().run(state)

    def _named(self, state: ArticleState) -> None:
        norm, refs = state.norm, state.refs
        spans = sorted(state.spans)
        starts = [s for s, _, _ in spans]
        facts: list[tuple[int, str, str, str, float]] = []  # (position, subject, place, rule, confidence)
        opened: set[int] = set()  # spans whose name opens with a nested place
        for a, b, inner in state.nested:
            if refs[inner].type != "Place":
                continue
            k = bisect_right(starts, a) - 1
            if k < 0 or spans[k][1] < b:
                continue
            s, e, outer = spans[k]
            if a == s:
                opened.add(s)
            found = self._named_fact(norm, refs, s, e, outer, a, inner)
            if found:
                facts.append((s, outer, inner, *found))
        for s, e, eid in spans:
            kind = refs[eid].type
            if s in opened or kind not in ("Organization", "Fab") or norm[s:e].rstrip().endswith("政府"):
                continue
            for n in range(min(_LONGEST_PLACE, e - s - 2), 1, -1):
                place = self.place_names.get(norm[s:s + n])
                if place is not None and place != eid:
                    facts.append((s, eid, place, "places.name-site" if kind == "Fab" else "places.name-body",
                                  0.75 if kind == "Fab" else 0.7))
                    if place not in refs:
                        refs[place] = self.ctx.catalog_ref(place)
                    break
        if facts:
            quote_facts(state, [(pos, s, "locatedIn", o, rule, conf) for pos, s, o, rule, conf in facts])

    @staticmethod
    def _named_fact(norm: str, refs, s: int, e: int, outer: str, a: int, inner: str) -> tuple[str, float] | None:
        kind = refs[outer].type
        if kind == "Company":
            if a > s and norm[a - 1] in "(（":
                return "places.name-bracketed", 0.8
            return None
        if kind == "Fab":
            return "places.name-site", 0.75
        if kind == "Organization" and a == s and not norm[s:e].rstrip().endswith("政府"):
            return "places.name-body", 0.7
        return None
