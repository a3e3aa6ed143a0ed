"""Many keywords found in one pass over a text (Aho-Corasick), with character offsets.

Catalog names, rule triggers, unit cues and topic words are all looked up this way. The automaton
is ahocorasick-rs (Rust): on Chinese text it scans ~4x faster than a Python-object automaton, and
hands all matches back in one list instead of one Python object per match through an iterator.
A set of up to ``DFA_MAX_WORDS`` keywords is compiled to a DFA, which scans ~1.7x faster than the
default NFA for a few hundred kilobytes; the catalog's thousands of names stay an NFA (a DFA of
them takes ~30 MB for a ~20 % faster scan).
"""
from __future__ import annotations

import re
from itertools import islice
from operator import lt
from typing import Iterable, Iterator

import ahocorasick_rs

DFA_MAX_WORDS = 1000


class KeywordIndex:
    """A fixed set of non-empty keywords; ``words[i]`` is the keyword a match's index ``i`` names."""

    def __init__(self, words: Iterable[str]):
        self.words: tuple[str, ...] = tuple(dict.fromkeys(words))
        if any(not w for w in self.words):
            raise ValueError("a keyword must not be empty")
        self._implementation = ahocorasick_rs.Implementation.DFA if len(self.words) <= DFA_MAX_WORDS else None
        self._all = ahocorasick_rs.AhoCorasick(self.words, matchkind=ahocorasick_rs.MatchKind.Standard,
                                               implementation=self._implementation)
        self._longest = None

    def __len__(self) -> int:
        return len(self.words)

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Every occurrence of every keyword, overlapping ones included: (index, start, end)."""
        return self._all.find_matches_as_indexes(text, overlapping=True)

    def present(self, text: str) -> frozenset[str]:
        """The keywords that occur in ``text``."""
        # A match's text is its keyword: the strings come back from Rust in one list, with no Python
        # loop over (index, start, end) triples.
        return frozenset(self._all.find_matches_as_strings(text, overlapping=True))

    def longest(self, text: str) -> list[tuple[int, int, int]]:
        """Non-overlapping occurrences, leftmost first and, among those, the longest."""
        if self._longest is None:
            self._longest = ahocorasick_rs.AhoCorasick(self.words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                                       implementation=self._implementation)
        return self._longest.find_matches_as_indexes(text)

    def longest_words(self, text: str) -> list[str]:
        """The keywords of ``longest``'s matches, in order: no character offsets are worked out
        (~2.5x faster when only which keywords occur, and how often, is wanted)."""
        if self._longest is None:
            self.longest("")
        return self._longest.find_matches_as_strings(text)


class KeywordGroups:
    """Where the words of each named group start in a text, all groups found in one Aho-Corasick
    pass. A pattern that opens with an alternation of words is otherwise scanned with a
    character-set test at every position of the text; matched only where one of its words starts
    (``matches_at``), it finds the same matches."""

    def __init__(self, groups: dict[str, Iterable[str]]):
        groups = {name: tuple(words) for name, words in groups.items()}
        self.names = tuple(groups)
        self.index = KeywordIndex(w for words in groups.values() for w in words)
        position = {w: i for i, w in enumerate(self.index.words)}
        # Groups of the same words (two passes opening patterns with one bracket) are found once,
        # under the first one's name, and share its list.
        first: dict[tuple[str, ...], str] = {}
        self._same: list[tuple[str, str]] = []  # (group, the group of the same words found for it)
        groups_of: list[list[str]] = [[] for _ in self.index.words]
        for name, words in groups.items():
            words = tuple(dict.fromkeys(words))
            if words in first:
                self._same.append((name, first[words]))
                continue
            first[words] = name
            for w in words:
                groups_of[position[w]].append(name)
        self._groups_of: tuple[tuple[str, ...], ...] = tuple(map(tuple, groups_of))

    def starts(self, text: str) -> dict[str, list[int]]:
        """Each group's word starts in ``text``, in order, once each; a group none of whose words
        occurs is left out. Groups may share a list: it is not to be changed."""
        # Each match's start goes straight to its groups' lists (most words are in one group): a
        # list per word, joined per group afterwards, cost a list, a concatenation and often a
        # sort and a set per group.
        out: dict[str, list[int]] = {}
        groups_of = self._groups_of
        for i, s, _ in self.index.find(text):
            for name in groups_of[i]:
                starts = out.get(name)
                if starts is None:
                    out[name] = [s]
                else:
                    starts.append(s)
        # Matches come in the order they end: one word's starts are in order and once each, but a
        # group's words may start out of order or at one place (股份 and 股份有限公司).
        for name, starts in out.items():
            if len(starts) > 1 and not all(map(lt, starts, islice(starts, 1, None))):
                out[name] = sorted(set(starts))
        for name, same in self._same:
            if same in out:
                out[name] = out[same]
        return out


def matches_at(pattern: re.Pattern, text: str, starts: Iterable[int]) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` for a pattern that can only match where one of ``starts`` (in
    order) is: the leftmost match first, the next one searched from its end."""
    pos = 0
    for s in starts:
        if s >= pos:
            m = pattern.match(text, s)
            if m is not None:
                yield m
                pos = m.end()
