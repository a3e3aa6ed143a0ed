"""What the passes know of the catalog, built once per extractor and shared by every pass."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from semikg.extract.matcher import CatalogMatcher
from semikg.extract.passes.rulebook import RuleBook
from semikg.extract.relations import RuleScan
from semikg.ontology.classes import classes_for
from semikg.loaders.normalise import normalise
from semikg.keywords import KeywordGroups
from semikg.models import Catalog, EntityRef

if TYPE_CHECKING:
    from semikg.extract.passes.state import ArticleState


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
        # The passes' scanning patterns find where their words start in an article through this one scan.
        self.words = ArticleWords()

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


class ArticleWords:
    """Where the words the passes' scanning patterns open with start in an article's normalised
    text: each pass registers its groups of words when it is built, and all groups are found in
    one keyword scan per article, kept on the article's state. A pattern matched only where its
    words start (``semikg.keywords.matches_at``) is not tried at every position of the text."""

    def __init__(self):
        self._groups: dict[str, tuple[str, ...]] = {}
        self._scan: KeywordGroups | None = None

    def register(self, groups: dict[str, Iterable[str]]) -> None:
        """Add groups of words; a group's name is its pass's to choose, and names one list only."""
        for name, words in groups.items():
            words = tuple(words)
            if self._groups.setdefault(name, words) != words:
                raise ValueError(f"word group {name!r} registered twice with different words")
        self._scan = None

    def of(self, state: "ArticleState") -> dict[str, list[int]]:
        """Each group's word starts in the article, in order (a group with none is left out)."""
        if self._scan is None:
            self._scan = KeywordGroups({name: words for name, words in self._groups.items() if words})
        # Found again if a pass registered words since (a pass may be built after others have run).
        if state.word_starts is None or state.word_starts[0] is not self._scan:
            state.word_starts = (self._scan, self._scan.starts(state.norm))
        return state.word_starts[1]
