"""Script normalisation for matching: Traditional -> Simplified, full-width -> ASCII, case-folded.

The normaliser is length-preserving by construction: every character is replaced by exactly one
character (OpenCC's character table, not its phrase table, is applied), so the offset map between
normalised and original text is the identity and a match at ``norm[i:j]`` is the original ``text[i:j]``.
``OffsetMap`` makes that contract explicit and checks it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
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


_BMP = 0x10000


def dense_table(table: dict[int, str | None]) -> list[int | str | None]:
    """A dict translation table as a list indexed by code point (identity where unmapped).

    ``str.translate`` looks every character up in its table; with a dict, each character the dict
    lacks raises and clears a KeyError inside CPython, which costs ~100 ns. A list answers every
    BMP character without raising (2-5x faster on Chinese text); characters above the BMP raise
    IndexError, which ``translate`` treats as "unmapped", as a dict miss.
    """
    dense: list[int | str | None] = list(range(_BMP))
    for c, v in table.items():
        if c < _BMP:
            dense[c] = v
        else:  # pragma: no cover - the OpenCC and folding tables are BMP-only
            raise ValueError(f"translation table entry U+{c:X} is outside the BMP")
    return dense


@lru_cache(maxsize=None)
def _dense_table(name: str) -> list[int | str | None]:
    return dense_table({"fold": _fold_table, "t2s": t2s_table, "s2t": s2t_table}[name]())


# An article is translated as an array of code points: numpy looks every character up in a table
# in one C loop, ~8x faster than ``str.translate`` on a few thousand Chinese characters (translate
# goes through its table object per character). Below ~128 characters numpy's fixed cost (~2.5 us)
# outweighs that, so names and other short strings stay on ``str.translate``.
ARRAY_MIN = 128
_CODE_SPACE = 0x110000


def code_points(text: str) -> np.ndarray:
    """The text as an array of code points (lone surrogates kept, as ``str`` allows them)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


@lru_cache(maxsize=None)
def _code_table(name: str) -> np.ndarray:
    """``_dense_table(name)`` as a code-point -> code-point array over all of Unicode."""
    table = np.arange(_CODE_SPACE, dtype=np.uint32)
    for c, v in enumerate(_dense_table(name)):
        if isinstance(v, str):
            table[c] = ord(v)
        elif v is None:  # pragma: no cover - the translation tables delete nothing
            raise ValueError(f"table {name} deletes U+{c:X}: not length-preserving")
    return table


def translate_array(text: str, name: str) -> str:
    """``text.translate(_dense_table(name))``, computed on code points."""
    # take(): numpy's indexing by an array goes through its general iterator, ~1.5x slower.
    return _code_table(name).take(code_points(text)).tobytes().decode("utf-32-le", "surrogatepass")


def _translate(text: str, name: str) -> str:
    if len(text) < ARRAY_MIN:
        return text.translate(_dense_table(name))
    return translate_array(text, name)


def normalise(text: str) -> str:
    """Simplified script, ASCII letters/digits, lower case; same length as ``text``."""
    return _translate(text, "fold")


# Full-width digits and letters (０-９, Ａ-Ｚ, ａ-ｚ): scraped news writes model numbers and Latin names
# with them (ＩＢＭ, ＨＢＭ４, ＭＩ３０８). Full-width punctuation (，（）：) is ordinary Chinese text and
# is not among them.
_FULL_WIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_WIDTH_TABLE = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
                for c in range(r[0], r[1] + 1)}


def width_folded(text: str) -> str:
    """``text`` with full-width digits and letters as ASCII, case kept; same length, and ``text``
    itself when it has none (most text): what case-sensitive patterns and names read."""
    if _FULL_WIDTH_ALNUM.search(text) is None:
        return text
    return text.translate(_WIDTH_TABLE)


def to_simplified(text: str) -> str:
    return _translate(text, "t2s")


def to_traditional(text: str) -> str:
    return _translate(text, "s2t")


@lru_cache(maxsize=1)
def _script_classes() -> list[str | None]:
    """Every BMP character as one class letter: T (Traditional form), S (Simplified-only form), C
    (other CJK ideograph); anything else is deleted. One ``translate`` then classifies a sample."""
    classes: dict[int, str | None] = {c: None for c in range(_BMP)}
    for lo, hi in _CJK_RANGES:
        for c in range(lo, hi + 1):
            classes[c] = "C"
    for c in s2t_table():
        classes[c] = "S"
    for c in t2s_table():  # a character both tables list counts as Traditional, as before
        classes[c] = "T"
    return [classes[c] for c in range(_BMP)]


_CLASS_CODE = {None: 0, "C": 1, "S": 2, "T": 3}


@lru_cache(maxsize=1)
def _script_codes() -> np.ndarray:
    """``_script_classes`` as small integers over all of Unicode (0: not a CJK ideograph)."""
    codes = np.zeros(_CODE_SPACE, dtype=np.uint8)
    codes[:_BMP] = [_CLASS_CODE[k] for k in _script_classes()]
    return codes


SCRIPT_SAMPLE = 20_000


def script_of(text: str) -> str:
    """Detect the script of a text: zh-Hant, zh-Hans, en (no CJK) or mixed (both kinds of marker).

    The first 20,000 characters decide: a script does not change halfway through an article,
    and counting a whole 50 MB file would cost more than the rest of its reading."""
    sample = text[:SCRIPT_SAMPLE]
    return script_from_counts(*(script_counts_array(sample) if len(sample) >= ARRAY_MIN else script_counts(sample)))


def script_counts(sample: str) -> tuple[int, int, int]:
    """(CJK ideographs, Traditional-only, Simplified-only) in ``sample``: classified in C by one
    translate, then the class letters counted."""
    marks = sample.translate(_script_classes())
    trad, simp = marks.count("T"), marks.count("S")
    return trad + simp + marks.count("C"), trad, simp


def script_counts_array(sample: str) -> tuple[int, int, int]:
    """``script_counts``, classified and counted on code points."""
    _, neutral, simp, trad = np.bincount(_script_codes().take(code_points(sample)), minlength=4).tolist()
    return neutral + simp + trad, trad, simp


def prepare_tables() -> None:
    """Build the conversion and script tables now rather than on first use: a component that reads
    many texts calls this when it is made, as it compiles its patterns then (~0.2 s, OpenCC)."""
    _code_table("fold")
    _script_codes()


def script_from_counts(cjk: int, trad: int, simp: int) -> str:
    """The script of a sample with cjk Chinese characters, trad of them Traditional-only and simp
    Simplified-only."""
    if cjk == 0:
        return "en"
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
    if len(text) >= ARRAY_MIN:
        return _label_languages_long(text)
    # A short form is classified by one translate, as script_of does: its T and S counts say
    # whether any character is in the t2s table, or in the s2t table and not in t2s.
    cjk, trad, simp = script_counts(text)
    if not cjk:
        return ("en",)
    if trad:
        return ("zh-Hant",)
    if simp:
        return ("zh-Hans",)
    return ("zh-Hans", "zh-Hant")


def _label_languages_long(text: str) -> tuple[str, ...]:
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
