"""Spaces between Chinese and Latin letters or digits (台积电 3 纳米, 採用 EUV 光刻, 麒麟 9000): much
news puts them in for typography, and the names and patterns of the passes are written without
them. The extractor reads such an article with those spaces taken out and maps every offset it finds
back onto the text as written, so that surfaces and quotes stay verbatim.

Only spaces with a Chinese character on one side and a Latin letter, digit or % on the other go: a
space between two Latin words (Dimensity 9400, Fab 21) is part of what is written.

A page's line wraps are typesetting too: text copied out of a PDF or a fixed-width page breaks its
lines every so many characters, inside sentences and names. Where an article's long lines share one
width (three or more, half of its long lines), a break after a line of that width is read as no
break (between two Latin words, as a space; inside a number, as nothing); headings, list items and
table rows are not joined.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import partial
from itertools import accumulate

from semikg.models import Article, Evidence, ExtractionResult, Mention

# Read on the normalised text (Simplified script, ASCII lower case, full-width forms and the
# ideographic space folded), whose spaces stand at the same offsets as in the text as written.
_SPACES = re.compile(" +")
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_LATIN_OR_PERCENT = _LATIN | {"%"}
_MENTION = partial(tuple.__new__, Mention)


def _chinese(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff"


def typographic_spaces(norm: str) -> list[tuple[int, int]]:
    """The runs of spaces with a Chinese character on one side and a Latin letter, digit or % on
    the other, as (start, end)."""
    gaps = []
    if " " not in norm:
        return gaps
    n = len(norm)
    for m in _SPACES.finditer(norm):
        a, b = m.span()
        if a and b < n:
            x, y = norm[a - 1], norm[b]
            if (y in _LATIN and _chinese(x)) or (x in _LATIN_OR_PERCENT and _chinese(y)):
                gaps.append((a, b))
    return gaps


# Lines shorter than this are headings, list items or table rows: no page wraps text that narrow.
MIN_WRAP_WIDTH = 30
# What opens a line that does not continue the one before it: a heading, a list item, a table row.
_LINE_OPENERS = re.compile(r"[#>|*•·\-]|\d{1,2}[.、)）]|[（(]?[一二三四五六七八九十]+[、.)）]")


def soft_line_breaks(norm: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Where a page's wrapping broke the text's lines: the breaks to read as nothing (with the blanks
    around them), as (start, end), and the positions to read as a space (a break between two Latin
    words)."""
    if norm.count("\n") < 3:
        return [], []
    lines = norm.split("\n")
    lengths = [len(line.rstrip()) for line in lines]
    long = [n for n in lengths if n >= MIN_WRAP_WIDTH]
    if len(long) < 3:
        return [], []
    width = Counter(long).most_common(1)[0][0]
    full = [abs(n - width) <= 2 for n in lengths]
    if sum(full) < max(3, len(long) / 2):
        return [], []
    gaps: list[tuple[int, int]] = []
    blanks: list[int] = []
    pos = 0
    for i, line in enumerate(lines[:-1]):
        nxt = lines[i + 1].lstrip(" \t")
        start_next = pos + len(line) + 1 + (len(lines[i + 1]) - len(nxt))
        if full[i] and nxt and "|" not in line and not _LINE_OPENERS.match(nxt):
            end = pos + lengths[i]
            a, b = norm[end - 1], nxt[0]
            # Two Latin words are two words (Hyper NA / EUV); a number is one (202 / 5年).
            if a in _LATIN and b in _LATIN and not (a.isdigit() and b.isdigit()):
                blanks.extend(range(end, start_next))
            else:
                gaps.append((end, start_next))
        pos += len(line) + 1
    return gaps, blanks


def _blanked(text: str, at: list[int]) -> str:
    chars = list(text)
    for k in at:
        chars[k] = " "
    return "".join(chars)


class Despaced:
    """An article read without its typographic spaces, and the way back to the text as written."""

    def __init__(self, article: Article, gaps: list[tuple[int, int]], blanks: list[int] = ()):
        self.original = article
        text, norm = article.text, article.norm_text
        if blanks:  # read as a space, in place: nothing moves
            text, norm = _blanked(text, blanks), _blanked(norm, blanks)
        keep, pos = [], 0
        for a, b in gaps:
            keep.append((pos, a))
            pos = b
        keep.append((pos, len(text)))
        def read(q: int) -> int:  # an offset of the text as written, in the read text
            return q - sum(min(b, q) - a for a, b in gaps if a < q)

        self.article = article.model_copy(update={
            "text": "".join(text[a:b] for a, b in keep), "norm_text": "".join(norm[a:b] for a, b in keep),
            "spam_spans": tuple((read(a), read(b)) for a, b in article.spam_spans)})
        # Where each gap stands in the read text, and how many characters the gaps up to it hold.
        removed = list(accumulate(b - a for a, b in gaps))
        self._at = [a - (removed[k - 1] if k else 0) for k, (a, _b) in enumerate(gaps)]
        self._removed = removed

    @classmethod
    def of(cls, article: Article) -> "Despaced | None":
        """The article without the spaces between Chinese and Latin text and without its page wraps,
        or None if it has neither."""
        gaps = typographic_spaces(article.norm_text)
        wraps, blanks = soft_line_breaks(article.norm_text)
        if not (gaps or wraps or blanks):
            return None
        return cls(article, sorted(gaps + wraps) if wraps else gaps, blanks)

    def start(self, p: int) -> int:
        """The article offset of the character at ``p`` in the read text (past a gap there)."""
        k = bisect_right(self._at, p)
        return p + (self._removed[k - 1] if k else 0)

    def end(self, p: int) -> int:
        """The article offset an end at ``p`` in the read text stands for (before a gap there)."""
        k = bisect_left(self._at, p)
        return p + (self._removed[k - 1] if k else 0)

    def _evidence(self, ev: Evidence) -> Evidence:
        base, text = self.original.start, self.original.text
        s, e = self.start(ev.start - base), self.end(ev.end - base)
        return ev.model_copy(update={"quote": text[s:e], "start": base + s, "end": base + e})

    def back(self, result: ExtractionResult) -> ExtractionResult:
        """``result`` (found in the read text) with every offset, surface and quote on the text as written."""
        base, text = self.original.start, self.original.text
        # Mentions come sorted by start: the gaps before each are counted in one walk, not searched.
        at, removed, k, last = self._at, self._removed, 0, len(self._at)
        mentions = []
        for m in result.mentions:
            p = m.start - base
            while k < last and at[k] <= p:
                k += 1
            s = p + (removed[k - 1] if k else 0)
            e = m.end - base
            j = bisect_left(at, e)
            e += removed[j - 1] if j else 0
            mentions.append(_MENTION((m.entity_id, text[s:e], base + s, base + e, m.rule)))
        relations = tuple(r.model_copy(update={"evidence": self._evidence(r.evidence)}) for r in result.relations)
        measurements = []
        for q in result.measurements:
            update = {"evidence": self._evidence(q.evidence)}
            if q.figure_start is not None:
                s = self.start(q.figure_start - base)
                e = self.end(q.figure_start - base + len(q.raw))
                update.update(raw=text[s:e], figure_start=base + s)
            measurements.append(q.model_copy(update=update))
        return result.model_copy(update={"article": self.original, "mentions": tuple(mentions),
                                         "relations": relations, "measurements": tuple(measurements)})
