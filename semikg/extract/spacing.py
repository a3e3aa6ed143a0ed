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
from itertools import accumulate

from semikg.models import Article, Evidence, ExtractionResult, Mention

# On the normalised text: Simplified script, ASCII lower case, full-width forms and the ideographic
# space folded (the spaces found there stand at the same offsets in the text as written).
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_SPACED = re.compile(f"(?<=[{_CJK}]) +(?=[a-z0-9])|(?<=[a-z0-9%]) +(?=[{_CJK}])")


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
        self.article = article.model_copy(update={
            "text": "".join(text[a:b] for a, b in keep), "norm_text": "".join(norm[a:b] for a, b in keep)})
        # Where each gap stands in the read text, and how many characters the gaps up to it hold.
        removed = list(accumulate(b - a for a, b in gaps))
        self._at = [a - (removed[k - 1] if k else 0) for k, (a, _b) in enumerate(gaps)]
        self._removed = removed

    @classmethod
    def of(cls, article: Article) -> "Despaced | None":
        """The article without the spaces between Chinese and Latin text, or None if it has none."""
        if _SPACED.search(article.norm_text) is None:
            return None
        return cls(article, [m.span() for m in _SPACED.finditer(article.norm_text)])

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
        mentions = []
        for m in result.mentions:
            s, e = self.start(m.start - base), self.end(m.end - base)
            mentions.append(Mention(m.entity_id, text[s:e], base + s, base + e, m.rule))
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
