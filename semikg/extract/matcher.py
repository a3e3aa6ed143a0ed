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


def _check_of(key: str, exact: frozenset[str] | None) -> tuple | None:
    if key[0] in _WORD_CHARS or key[-1] in _WORD_CHARS or exact is not None:
        return exact, key[0] in _WORD_CHARS, key[0].isdigit(), key[-1] in _WORD_CHARS, key[-1].isalpha()
    return None


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
        self._longest_key = max(map(len, owners), default=0)
        # Per keyword, in the index's order: (key, entity id or None for a stop phrase, check), where
        # check is None for a keyword no match of which can fail a check (most keys are Chinese),
        # else what the checks need: exact spellings (or None), and whether the key's first character
        # is a word character, a digit, whether its last one is a word character, a letter (see _WORD_CHARS).
        self._values = tuple((key, eid, _check_of(key, frozenset(exact[key]) if key in exact else None))
                             for key, eid in owners.items())

    def lookup(self, name: str) -> str | None:
        """The catalog entity a whole name denotes (any script, any case), if exactly one."""
        return self._owners.get(normalise(name.strip()))

    def keys_of(self, ids: frozenset[str]) -> dict[str, str]:
        """The keys (normalised names) that name one entity of ``ids``, with its id: ``lookup``
        of a name that is its own normal form, stripped."""
        return {key: eid for key, eid in self._owners.items() if eid is not None and eid in ids}

    def run(self, norm_text: str, original: str) -> list[Hit]:
        """Leftmost-longest non-overlapping matches that pass the boundary and case checks.

        Candidates are filtered before the longest one is chosen, so a long alias that fails a
        check (wrong case, glued to a word) leaves room for a shorter valid one.

        The automaton's own leftmost-longest matches are those choices as long as every match it
        picks passes its check (a candidate that fails but would not have been picked changes
        nothing): they are taken as they come. Only after a picked match that fails are the
        overlapping candidates near it looked at, until a choice ends where one of the
        automaton's matches ends, from where the two agree again. Most articles have no such
        match, the others a few: filtering and sorting every candidate of the text cost more."""
        if self._index is None:
            return []
        values = self._values
        picked = self._index.longest(norm_text)
        hits: list[Hit] = []
        pos, n = 0, len(norm_text)
        ends = None  # where the automaton's matches end -> their index, made at the first failure
        for i, start, end in picked:
            if start < pos:
                continue  # chosen past by _choose
            key, eid, check = values[i]
            if check is not None:
                exact, first_word, first_digit, last_word, last_alpha = check
                # Glued at either edge (see _WORD_CHARS): only an ASCII word character at a key's edge can be.
                if first_word and start > 0:
                    c = norm_text[start - 1]
                    failed = c in _WORD_CHARS and not (c.isalpha() and first_digit)
                else:
                    failed = False
                if not failed and last_word and end < n:
                    c = norm_text[end]
                    failed = c in _WORD_CHARS and not (last_alpha and c.isdigit())
                if failed or (exact is not None and original[start:end] not in exact):
                    if ends is None:
                        ends = {e: k for k, (_i, _s, e) in enumerate(picked)}
                    # Past the picked match that failed, up to the next one (its end is where the
                    # two choices most often meet again).
                    k = ends[end] + 1
                    pos = self._choose(norm_text, original, pos, picked[k][1] + 1 if k < len(picked) else n, ends, hits)
                    continue
            pos = end
            if eid is not None:
                hits.append(_new_hit((eid, start, end, key, None)))
        return hits

    def _passes(self, i: int, norm_text: str, original: str, start: int, end: int) -> bool:
        """Whether keyword ``i`` matched at [start, end) passes its checks (see run)."""
        check = self._values[i][2]
        if check is None:
            return True
        exact, first_word, first_digit, last_word, last_alpha = check
        if first_word and start > 0:
            c = norm_text[start - 1]
            if c in _WORD_CHARS and not (c.isalpha() and first_digit):
                return False
        if last_word and end < len(norm_text):
            c = norm_text[end]
            if c in _WORD_CHARS and not (last_alpha and c.isdigit()):
                return False
        return exact is None or original[start:end] in exact

    def _choose(self, norm_text: str, original: str, pos: int, limit: int, ends: dict[int, int],
                hits: list[Hit]) -> int:
        """Leftmost-longest choice among every candidate from ``pos`` on that passes its check,
        added to ``hits`` until a choice ends where a match of the automaton ends: that end (the
        text's end, past every match, if none does). The text is scanned in windows, the
        first one holding every candidate that starts before ``limit``."""
        values, find, passes = self._values, self._index.find, self._passes
        n, reach = len(norm_text), self._longest_key
        scan = pos
        while True:
            # Every candidate starting before limit ends before limit + reach.
            last = limit + reach >= n
            cands = []
            for i, start, end in find(norm_text[scan:limit + reach]):
                start += scan
                if start >= pos and (start < limit or last) and passes(i, norm_text, original, start, end + scan):
                    # Leftmost, then longest: two matches with the same span are one key.
                    cands.append((start, -end - scan, i))
            cands.sort()
            for start, neg_end, i in cands:
                if start < pos:
                    continue
                pos = -neg_end  # a stop phrase occupies its span too, so nothing inside it fires
                key, eid, _check = values[i]
                if eid is not None:
                    hits.append(_new_hit((eid, start, pos, key, None)))
                if pos in ends:
                    return pos
            if last:
                return n
            scan = max(pos, limit)
            limit = scan + reach
