"""What the passes know of the catalog, built once per extractor and shared by every pass."""
from __future__ import annotations

from semikg.extract.matcher import CatalogMatcher
from semikg.extract.passes.rulebook import RuleBook
from semikg.extract.relations import RuleScan
from semikg.ontology.classes import classes_for
from semikg.loaders.normalise import normalise
from semikg.models import Catalog, EntityRef


class CatalogContext:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.entries = catalog.by_id()
        self.matcher = CatalogMatcher(catalog)
        places = [e for e in catalog.entries if e.type == "Place"]
        self.place_ids = frozenset(e.id for e in places)
        self.company_ids = frozenset(e.id for e in catalog.entries if e.type == "Company")
        self.technology_ids = frozenset(e.id for e in catalog.entries if e.type == "Technology")
        self.chip_ids = frozenset(e.id for e in catalog.entries if e.type == "Chip")
        self.person_ids = frozenset(e.id for e in catalog.entries if e.type == "Person")
        prefixes = {normalise(x) for e in places for x in (e.zh_hans, e.zh_hant) if x and len(x) >= 2}
        # Longest first: a firm's name loses the longest place it starts with.
        self.place_prefixes = tuple(sorted(prefixes, key=len, reverse=True))
        self._refs: dict[str, EntityRef] = {}
        self._classes: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
        # The relation and lexicon passes' rule engines read each sentence through this one scan;
        # the passes' own rules run as one book, each sentence once for all of them.
        self.rule_scan = RuleScan()
        self.rule_book = RuleBook(self.rule_scan)

    def catalog_ref(self, entity_id: str) -> EntityRef:
        """A catalog entity's ref, made once per extractor (refs are immutable)."""
        ref = self._refs.get(entity_id)
        if ref is None:
            ref = self._refs[entity_id] = EntityRef.of_catalog(self.entries[entity_id])
        return ref

    def classes(self, ref: EntityRef) -> tuple[str, ...]:
        key = (ref.type, ref.roles)
        if key not in self._classes:
            self._classes[key] = classes_for(ref.type, ref.roles)
        return self._classes[key]
