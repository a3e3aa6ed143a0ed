"""Script normalisation for matching: Traditional -> Simplified, full-width -> ASCII, case-folded.

The normaliser is length-preserving by construction: every character is replaced by exactly one
character (OpenCC's character table, not its phrase table, is applied), so the offset map between
normalised and original text is the identity and a match at ``norm[i:j]`` is the original ``text[i:j]``.
``OffsetMap`` makes that contract explicit and checks it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

# CJK Unified Ideographs (+ Extension A) and compatibility ideographs: the ranges OpenCC's
# character table covers for Traditional/Simplified conversion.
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def _char_table(config: str) -> dict[int, str]:
    import opencc

    conv = opencc.OpenCC(config)
    chars = [chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi + 1)]
    # One conversion call over newline-separated characters: phrases cannot span a newline, so
    # each character is converted on its own (character table only).
    converted = conv.convert("\n".join(chars)).split("\n")
    table: dict[int, str] = {}
    if len(converted) != len(chars):  # pragma: no cover - defensive: OpenCC changed behaviour
        raise RuntimeError("OpenCC character conversion is not one-to-one")
    for src, dst in zip(chars, converted):
        if dst != src and len(dst) == 1:
            table[ord(src)] = dst
    return table


@lru_cache(maxsize=1)
def t2s_table() -> dict[int, str]:
    table = _char_table("t2s")
    # 臺/台 and 著/着 style variants that OpenCC keeps as-is in t2s but news text uses interchangeably.
    table.setdefault(ord("臺"), "台")
    return table


@lru_cache(maxsize=1)
def s2t_table() -> dict[int, str]:
    return _char_table("s2t")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = dict(t2s_table())
    for c in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[c] = chr(c - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    table[0x00A0] = " "
    for c in range(ord("A"), ord("Z") + 1):
        table[c] = chr(c + 32)
    for c in range(0xFF21, 0xFF3B):  # full-width upper case -> ASCII lower case
        table[c] = chr(c - 0xFEE0 + 32)
    # Typographic quotes and dashes to their ASCII forms (one character each).
    for src, dst in {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "・": "·", "•": "·"}.items():
        table[ord(src)] = dst
    return table


def normalise(text: str) -> str:
    """Simplified script, ASCII letters/digits, lower case; same length as ``text``."""
    return text.translate(_fold_table())


def to_simplified(text: str) -> str:
    return text.translate(t2s_table())


def to_traditional(text: str) -> str:
    return text.translate(s2t_table())


@lru_cache(maxsize=1)
def _delete_tables() -> tuple[dict[int, None], dict[int, None], dict[int, None]]:
    trad = {c: None for c in t2s_table()}
    simp = {c: None for c in s2t_table() if c not in trad}
    cjk = {c: None for lo, hi in _CJK_RANGES for c in range(lo, hi + 1)}
    return trad, simp, cjk


SCRIPT_SAMPLE = 20_000


def script_of(text: str) -> str:
    """Detect the script of a text: zh-Hant, zh-Hans, en (no CJK) or mixed (both kinds of marker).

    The first 20,000 characters decide: a script does not change halfway through an article,
    and counting a whole 50 MB file would cost more than the rest of its reading."""
    trad_del, simp_del, cjk_del = _delete_tables()
    sample = text[:SCRIPT_SAMPLE]
    # Counting by deletion keeps the loop in C: len(text) - len(text without those characters).
    n = len(sample)
    cjk = n - len(sample.translate(cjk_del))
    if cjk == 0:
        return "en"
    trad = n - len(sample.translate(trad_del))
    simp = n - len(sample.translate(simp_del))
    if trad and simp:
        # A few stray characters of the other script are normal in scraped text.
        if trad >= 4 * simp:
            return "zh-Hant"
        if simp >= 4 * trad:
            return "zh-Hans"
        return "mixed"
    return "zh-Hant" if trad > simp else "zh-Hans"


def label_languages(text: str) -> tuple[str, ...]:
    """Language tags a surface form is valid in: en; zh-Hans; zh-Hant; or both Chinese scripts."""
    script = script_of(text)
    if script == "en":
        return ("en",)
    t2s, s2t = t2s_table(), s2t_table()
    # A character OpenCC converts to Simplified marks the form as Traditional (even if another
    # character, like 台, would also convert the other way); neutral forms are valid in both.
    if any(ord(c) in t2s for c in text):
        return ("zh-Hant",)
    if any(ord(c) in s2t for c in text):
        return ("zh-Hans",)
    return ("zh-Hans", "zh-Hant")


class OffsetMap(BaseModel):
    """Maps offsets in normalised text back to the original. Identity for this normaliser."""

    model_config = ConfigDict(frozen=True)
    length: int

    def to_original(self, i: int) -> int:
        if not 0 <= i <= self.length:
            raise IndexError(i)
        return i


@dataclass(frozen=True)
class Normalised:
    original: str
    text: str
    offsets: OffsetMap


class Normaliser:
    """Pipeline component: original text -> normalised text with its offset map."""

    def run(self, text: str) -> Normalised:
        norm = normalise(text)
        if len(norm) != len(text):  # pragma: no cover - guarded by construction and by tests
            raise AssertionError("normaliser must preserve length")
        return Normalised(original=text, text=norm, offsets=OffsetMap(length=len(text)))
