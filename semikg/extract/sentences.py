"""An article's sentences: spans of normalised text that the relation and quantity rules read."""
from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^。!?！？;；\n]+[。!?！？;；]*")
# (?<=[a-z0-9)\]])\.\s+(?=…), written to open with its literal: see the note on scanning patterns
# in discovery.Discoverer.
EN_BREAK = re.compile(r"\.(?<=[a-z0-9)\]]\.)\s+(?=[A-Z\u4e00-\u9fff])")
# Longer than this, a "sentence" is a table, a list or text that lost its punctuation, and the
# relation rules (quadratic in the mentions of a sentence) would take minutes on it: it is cut into
# pieces of at most this length, each ending at a clause break where there is one. News sentences
# stay far below it (the longest in the seed files has 387 characters).
MAX_SENTENCE_CHARS = 1000
_PIECE_BREAK = re.compile(r"[，,、：:\s]")


def sentences(norm: str, original: str) -> list[tuple[int, int]]:
    """Sentence spans [start, end) with surrounding whitespace trimmed."""
    out = []
    find = original.find
    isspace = str.isspace
    for m in _SENTENCE.finditer(norm):
        s, e = m.span()
        # English sentences inside a line: split at ". " followed by a capital (original case).
        # Most Chinese sentences hold no full stop at all: nothing to scan there.
        if find(".", s, e) < 0:
            if e - s <= MAX_SENTENCE_CHARS and not isspace(norm[s]) and not isspace(norm[e - 1]):
                if e - s >= 4:  # most sentences: nothing to trim, nothing to cut (as below)
                    out.append((s, e))
                continue
            pieces = ((s, e),)
        else:
            cuts = [s] + [s + b.end() for b in EN_BREAK.finditer(original[s:e])] + [e]
            pieces = zip(cuts, cuts[1:])
        for a, b in pieces:
            # str.strip() drops what str.isspace() calls space: the piece's trimmed bounds.
            piece = norm[a:b]
            kept = piece.lstrip()
            a += len(piece) - len(kept)
            b = a + len(kept.rstrip())
            while b - a > MAX_SENTENCE_CHARS:
                cut = end = _last_break(norm, a, a + MAX_SENTENCE_CHARS)
                while end > a and norm[end - 1].isspace():
                    end -= 1
                out.append((a, end))
                a = cut
                while a < b and norm[a].isspace():
                    a += 1
            if b - a >= 4:
                out.append((a, b))
    return out


def _last_break(norm: str, start: int, limit: int) -> int:
    """Where to end a piece of an over-long sentence: after the last clause break in the second
    half of norm[start:limit], or at limit if there is none."""
    last = None
    for last in _PIECE_BREAK.finditer(norm, start + (limit - start) // 2, limit):
        pass
    return last.end() if last is not None else limit
