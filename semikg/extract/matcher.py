"""Catalog mention finding: one Aho-Corasick automaton over every alias, longest match wins.

Keys are normalised the same way as article text (Simplified script, ASCII lower case), so
台積電, 台积电 and 臺積電 hit the same key. Boundary rules keep ASCII aliases from firing inside
longer words (AMD in AMDX) and stop phrases keep Chinese aliases from firing inside unrelated
words (三星 in 三星堆).
"""
from __future__ import annotations

from functools import lru_cache, partial
from importlib import resources
from typing import NamedTuple

import yaml

from semikg.keywords import KeywordIndex
from semikg.loaders.normalise import normalise
from semikg.models import Catalog, CatalogEntry


class Hit(NamedTuple):
    """A catalog match (a named tuple: an article has hundreds)."""

    entity_id: str | None
    start: int  # article-relative
    end: int
    key: str
    match_case: str | None = None


# ``Hit(...)`` without its Python-level __new__ (an article has hundreds): all five fields given.
_new_hit = partial(tuple.__new__, Hit)

# A key's edge is glued to the text when the two characters there are word characters that belong
# to one word: AMD in AMDX, H100 in H1000 or H100X. A letter then a digit do not: a name followed
# by a year or a number (NVIDIA2022) is still the name.
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


@lru_cache(maxsize=1)
def stop_phrases() -> tuple[str, ...]:
    data = yaml.safe_load((resources.files("semikg.extract") / "boundaries.yaml").read_text(encoding="utf-8"))
    return tuple(data.get("stop_phrases") or ())


def surface_forms(entry: CatalogEntry) -> list[str]:
    forms = [entry.name, entry.zh_hans, entry.zh_hant, *entry.aliases]
    return [f for f in dict.fromkeys(forms) if f and f.strip()]


class CatalogMatcher:
    """Pipeline component: normalised article text -> catalog hits (article-relative offsets)."""

    MIN_ASCII_KEY = 2

    def __init__(self, catalog: Catalog, extra_stop_phrases: tuple[str, ...] = ()):
        self.catalog = catalog
        self.ambiguous: dict[str, set[str]] = {}
        owners: dict[str, str | None] = {}
        exact: dict[str, set[str]] = {}
        for entry in catalog.entries:
            for form in surface_forms(entry):
                key = normalise(form.strip())
                if len(key) < 2 or (key.isascii() and len(key) < self.MIN_ASCII_KEY):
                    continue
                if key in owners and owners[key] != entry.id:
                    # Two entities share a surface form: matching it would be a guess.
                    self.ambiguous.setdefault(key, {owners[key]}).add(entry.id)
                    continue
                owners[key] = entry.id
                if entry.match_case and form.isascii():
                    # Case-sensitive names (AMD, not "amd"): every spelling the catalog gives counts.
                    exact.setdefault(key, set()).add(form.strip())
        for key in self.ambiguous:
            owners[key] = None
        for phrase in (*stop_phrases(), *extra_stop_phrases):
            owners.setdefault(normalise(phrase), None)
        self._owners = owners
        self._index = KeywordIndex(owners) if owners else None
        # Per keyword, in the index's order: (key, entity id or None for a stop phrase, exact spellings).
        self._values = tuple((key, eid, frozenset(exact[key]) if key in exact else None) for key, eid in owners.items())
        # The keywords a match of which may fail a check (most keys are Chinese and pass unchecked),
        # with what the checks need: exact spellings, and whether the key's first character is a
        # word character, a digit, whether its last one is a word character, a letter (see _WORD_CHARS).
        self._checked = {i: (exact, key[0] in _WORD_CHARS, key[0].isdigit(), key[-1] in _WORD_CHARS, key[-1].isalpha())
                         for i, (key, _eid, exact) in enumerate(self._values)
                         if key[0] in _WORD_CHARS or key[-1] in _WORD_CHARS or exact is not None}

    def lookup(self, name: str) -> str | None:
        """The catalog entity a whole name denotes (any script, any case), if exactly one."""
        return self._owners.get(normalise(name.strip()))

    def run(self, norm_text: str, original: str) -> list[Hit]:
        """Leftmost-longest non-overlapping matches that pass the boundary and case checks.

        Candidates are filtered before the longest one is chosen, so a long alias that fails a
        check (wrong case, glued to a word) leaves room for a shorter valid one."""
        if self._index is None:
            return []
        n = len(norm_text)
        cands = []
        values, checked = self._values, self._checked
        for i, start, end in self._index.find(norm_text):
            check = checked.get(i)
            if check is not None:
                exact, first_word, first_digit, last_word, last_alpha = check
                # Glued at either edge (see _WORD_CHARS): only an ASCII word character at a key's edge can be.
                if first_word and start > 0:
                    c = norm_text[start - 1]
                    if c in _WORD_CHARS and not (c.isalpha() and first_digit):
                        continue
                if last_word and end < n:
                    c = norm_text[end]
                    if c in _WORD_CHARS and not (last_alpha and c.isdigit()):
                        continue
                if exact is not None and original[start:end] not in exact:
                    continue
            # Leftmost, then longest: two matches with the same span are one key.
            cands.append((start, -end, i))
        cands.sort()
        hits, pos = [], 0
        for start, neg_end, i in cands:
            if start < pos:
                continue
            pos = -neg_end  # a stop phrase occupies its span too, so nothing inside it fires
            key, eid, _exact = values[i]
            if eid is not None:
                hits.append(_new_hit((eid, start, pos, key, None)))
        return hits
