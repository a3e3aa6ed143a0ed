"""Ranking names by how close they are to what a user typed, for "did you mean" hints."""
from __future__ import annotations

# Below this (rapidfuzz's normalised Indel similarity, 0-100) a name is not offered: one wrong
# character in three (台机电 for 台积电) scores 67, two swapped letters in four (TSCM) 75, and
# unrelated words stay under 60.
MIN_SIMILARITY = 60.0


def most_similar(text: str, choices: list[str], limit: int, cutoff: float = MIN_SIMILARITY) -> list[tuple[str, float]]:
    """``choices`` at least ``cutoff`` similar to ``text``, best first (ties by text), at most ``limit``.

    Whole-string similarity, not partial matching: a short typo must not rank every longer name
    that happens to contain similar letters above the name it misspells."""
    from rapidfuzz import fuzz, process

    hits = process.extract(text, choices, scorer=fuzz.ratio, processor=None, limit=None, score_cutoff=cutoff)
    ranked = sorted(((c, s) for c, s, _ in hits), key=lambda h: (-h[1], h[0]))
    return ranked[:limit]
