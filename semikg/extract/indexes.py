"""Article-level indexes of the extractor and its discovery rules: which characters are taken,
which spans lie in a window, which firm a name's tail belongs to. An article naming thousands of
firms or sites costs a lookup per name, not a scan of all of them (bench/article_size_bench.py).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import itemgetter, sub
from typing import Iterable

import numpy as np

_FIRST, _SECOND = itemgetter(0), itemgetter(1)


class Spans:
    """An article's mention spans (start, end, entity id), kept sorted, with the windows the site
    rules look at. A window is found by bisection: a span ending in a window starts at most the
    longest span's length before it. Scanning all spans per site word instead made an article that
    names thousands of sites quadratic."""

    def __init__(self, spans: Iterable[tuple[int, int, str]]):
        self.items = sorted(spans)
        # Read off in C (an article has hundreds of spans): the starts, and the longest end - start.
        self.starts = list(map(_FIRST, self.items))
        self.longest = max(map(sub, map(_SECOND, self.items), self.starts), default=0)

    def add(self, span: tuple[int, int, str]) -> None:
        i = bisect_right(self.items, span)
        self.items.insert(i, span)
        self.starts.insert(i, span[0])
        self.longest = max(self.longest, span[1] - span[0])  # an upper bound, also after a removal

    def remove(self, span: tuple[int, int, str]) -> None:
        """Remove every span equal to ``span``."""
        i = bisect_left(self.items, span)
        while i < len(self.items) and self.items[i] == span:
            del self.items[i], self.starts[i]

    def remove_one(self, span: tuple[int, int, str]) -> None:
        i = bisect_left(self.items, span)
        if i < len(self.items) and self.items[i] == span:
            del self.items[i], self.starts[i]

    def starting(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Spans with lo <= start <= hi, in order."""
        return self.items[bisect_left(self.starts, lo):bisect_right(self.starts, hi)]

    def ending(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Spans with lo <= end <= hi, in order."""
        return [sp for sp in self.starting(lo - self.longest, hi) if lo <= sp[1] <= hi]

    def overlapping(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Spans sharing a character with [lo, hi)."""
        return [sp for sp in self.starting(lo - self.longest, hi - 1) if sp[1] > lo]


class FirmTails:
    """Which firm a short form names by being the tail of its full name or of one of its aliases
    (芯存微电子 of 深圳芯存微电子有限公司). Indexed by every tail of three or more characters, so
    that an article naming thousands of firms costs a lookup per name, not a scan of all of them;
    the first firm in order of first mention wins."""

    MIN = 3

    def __init__(self, full_names: dict[str, str], aliases: dict[str, str]):
        self._by_tail: dict[str, list[tuple[int, str, str]]] = {}  # tail -> (rank, full name, firm)
        names_of: dict[str, list[tuple[int, str]]] = {}  # firm -> its full names, with their rank
        for i, (full, fid) in enumerate(full_names.items()):
            names_of.setdefault(fid, []).append((i, full))
            self._add(full, i, full, fid)
        for alias, fid in aliases.items():
            # An alias's tail names its firm under each full name the firm has (one, as a rule).
            for i, full in names_of.get(fid, ()):
                self._add(alias, i, full, fid)

    def _add(self, name: str, rank: int, full: str, fid: str) -> None:
        for k in range(len(name) - self.MIN + 1):
            entries = self._by_tail.setdefault(name[k:], [])
            if not entries or entries[-1] != (rank, full, fid):
                entries.append((rank, full, fid))

    def firm_of(self, surface: str, eid: str) -> str:
        """The first firm other than ``eid`` whose full name or alias ends with ``surface``
        (and is not ``surface`` itself); ``eid`` when there is none."""
        for _, full, fid in sorted(self._by_tail.get(surface, ())):
            if fid != eid and surface != full:
                return fid
        return eid


# The claim marks of spans of up to 63 characters, made once (a span is marked by a slice of one).
_MARKS = tuple(b"\x01" * k for k in range(64))


# From this many spans on, the claim marks are laid in numpy, not span by span in Python.
_ARRAY_MIN_SPANS = 16


class Occupancy:
    """Which characters of an article are already claimed by a mention (O(span) checks)."""

    def __init__(self, n: int, spans):
        spans = spans if isinstance(spans, list) else list(spans)
        self.used = _claimed(n, map(_FIRST, spans), map(_SECOND, spans), len(spans))

    @classmethod
    def covering(cls, n: int, starts: Iterable[int], ends: Iterable[int], count: int) -> "Occupancy":
        """The characters of ``count`` spans claimed, given their starts and ends (in one order)."""
        self = cls.__new__(cls)
        self.used = _claimed(n, starts, ends, count)
        return self

    def append(self, span: tuple[int, int]) -> None:
        s, e = span
        self.used[s:e] = _MARKS[e - s] if 0 <= e - s < 64 else b"\x01" * (e - s)

    def release(self, s: int, e: int) -> None:
        self.used[s:e] = bytes(e - s)

    def free(self, s: int, e: int) -> bool:
        return 1 not in self.used[s:e]


def _claimed(n: int, starts: Iterable[int], ends: Iterable[int], count: int) -> bytearray:
    """``Occupancy.used`` of an article of ``n`` characters with these spans claimed: each
    character's count of spans over it, read off the running sum of +1 at each start and -1 at each
    end, in C (an article has hundreds of spans: a slice assignment each cost ~25 bytecodes). A span
    that ends where or before it starts claims nothing, as a slice assignment would."""
    if count < _ARRAY_MIN_SPANS:
        used = bytearray(n + 1)
        for s, e in zip(starts, ends):  # ``append`` inlined
            used[s:e] = _MARKS[e - s] if 0 <= e - s < 64 else b"\x01" * (e - s)
        return used
    s = np.fromiter(starts, dtype=np.intp, count=count)
    e = np.fromiter(ends, dtype=np.intp, count=count)
    empty = e <= s
    if empty.any():
        s, e = s[~empty], e[~empty]
    depth = np.bincount(s, minlength=n + 1)[:n + 1] - np.bincount(e, minlength=n + 1)[:n + 1]
    return bytearray(np.cumsum(depth) > 0)
