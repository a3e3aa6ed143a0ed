"""Spaces between Chinese and Latin letters or digits (台积电 3 纳米, 採用 EUV 光刻, 麒麟 9000): much
news puts them in for typography, and the names and patterns of the passes are written without
them. The extractor reads such an article with those spaces taken out and maps every offset it finds
back onto the text as written, so that surfaces and quotes stay verbatim.

Only spaces with a Chinese character on one side and a Latin letter, digit or % on the other go: a
space between two Latin words (Dimensity 9400, Fab 21) is part of what is written.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
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


class Despaced:
    """An article read without its typographic spaces, and the way back to the text as written."""

    def __init__(self, article: Article, gaps: list[tuple[int, int]]):
        self.original = article
        text, norm = article.text, article.norm_text
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
        """The article without the spaces between Chinese and Latin text, or None if it has none."""
        gaps = typographic_spaces(article.norm_text)
        return cls(article, gaps) if gaps else None

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
