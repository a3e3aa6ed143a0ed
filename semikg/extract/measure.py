"""Quantities: numbers with units, typed by the words before them, attached to the nearest entity."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

from semikg.keywords import KeywordIndex


class UnitSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    pattern: str
    unit: str
    kinds: tuple[str, ...]
    default_kind: str | None = None
    requires: tuple[str, ...] = ()  # literal cues one of which must be in the sentence (a cheap pre-check)
    monthly_unit: str | None = None  # the unit when the context says the figure is per month
    # What a count counts, by its measure word (台 machines, 部 devices): counts of different
    # things are different units, and are never compared.
    counters: dict[str, str] = {}


class MeasureLexicon(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    multipliers: dict[str, float]
    currencies: dict[str, str]
    monthly_words: tuple[str, ...] = ()
    kind_words: dict[str, tuple[str, ...]]
    # A kind word right after one of these names something else (研发投入 is R&D spending).
    not_after: dict[str, tuple[str, ...]] = {}
    units: tuple[UnitSpec, ...]


@lru_cache(maxsize=1)
def lexicon() -> MeasureLexicon:
    text = (resources.files("semikg.extract") / "measures.yaml").read_text(encoding="utf-8")
    return MeasureLexicon(**yaml.safe_load(text))


@dataclass(frozen=True)
class FoundQuantity:
    kind: str
    value: Decimal
    unit: str
    start: int  # sentence-relative
    end: int
    year: int | None
    low: Decimal | None = None  # a range's lower end (380-420亿美元): value is its upper end


# A quantity needs a digit: a sentence without one is passed over before any unit pattern runs.
HAS_DIGIT = re.compile(r"\d")
# The lower end of a range right before a number: 380-420亿美元, 3至5万片, 10~12%.
_RANGE_LOW = re.compile(r"(\d+(?:\.\d+)?)\s*(?:-|~|～|—|–|至|到)\s*$")
_PLAN_CACHE = 4096  # units chosen per set of cue words, at most this many sets remembered
# 1,234.5 or 1234.5. The first digit is written once, before the alternatives, so that the
# patterns opening with a number open with a character class, which the regex engine skips to in C
# instead of trying the pattern at every position (\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?, same order).
NUM = r"(?P<num>\d(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?))"
_BASELINE_BEFORE = re.compile(r"(?:较|比|相较于?|相比|较之|对比|同比|比起|compared (?:to|with)|versus|vs\.?)\s*(?:去年|同期)?\s*$")
_BASELINE_AFTER = re.compile(r"\s*(?:同期)?\s*(?:相比|相较|比较)")
# A year: 2024年, 2024财年, fy2024, in 2024. Same as
# (?<!\d)((?:19|20)\d{2})\s*(?:年|财年|fy)|(?:in|fy|year)\s?((?:19|20)\d{2})(?!\d), written so that every
# alternative opens with a literal (the look-behind after the first digit), which the regex engine
# skips to in C; the year is the match's first four characters, or its last four after in/fy/year.
_YEAR_AFTER = r"\d{2}\s*(?:年|财年|fy)"
_YEAR_NAMED = r"\s?(?:19|20)\d{2}(?!\d)"
_YEAR = re.compile(rf"1(?<!\d1)9{_YEAR_AFTER}|2(?<!\d2)0{_YEAR_AFTER}|in{_YEAR_NAMED}|fy{_YEAR_NAMED}|year{_YEAR_NAMED}")


def _year_of(m: re.Match) -> int:
    text = m.group(0)
    return int(text[:4] if text[0] in "12" else text[-4:])


def _years(sentence: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Every year of the sentence, and those that date a figure after them, with where they stand."""
    found_years = list(_YEAR.finditer(sentence))
    years = [(y.start(), _year_of(y)) for y in found_years]
    # A year compared against (市占率为5.24%，较2023年减少) is the baseline's: it dates the
    # figure right after it (相较于2024年233台), never one before it.
    later = [(y.start(), _year_of(y)) for y in found_years
             if not (_BASELINE_BEFORE.search(sentence, max(0, y.start() - 16), y.start())
                     or _BASELINE_AFTER.match(sentence, y.end()))]
    return years, later


# Helpers of QuantityFinder.figures for what it would otherwise write as comprehensions: one
# there would make the match it reads a cell, slower to read everywhere in its loop.
def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(not (end <= s or start >= e) for s, e in taken)


def _year_before(years: list[tuple[int, int]], pos: int) -> int | None:
    """The last year standing at or before ``pos``."""
    before = [y for p, y in years if p <= pos]
    return before[-1] if before else None


def _units_for(units: list, cues: frozenset[str]) -> tuple:
    """The units whose cue words the sentence holds (or that need none)."""
    return tuple((rx, spec) for rx, spec in units if not spec.requires or not cues.isdisjoint(spec.requires))


class QuantityFinder:
    """Pipeline component: a normalised sentence -> typed quantities."""

    def __init__(self):
        lx = lexicon()
        self.lx = lx
        mult = "|".join(re.escape(k) for k in sorted(lx.multipliers, key=len, reverse=True))
        self._units = []
        for spec in lx.units:
            rx = spec.pattern.replace("{NUM}", NUM).replace("{MULT}", rf"(?P<mult>{mult})?")
            self._units.append((re.compile(rx), spec))
        self._kind = {k: re.compile("|".join(re.escape(w) for w in ws)) for k, ws in lx.kind_words.items()}
        self._monthly = re.compile("|".join(re.escape(w) for w in lx.monthly_words)) if lx.monthly_words else None
        # Which cue words a sentence holds, found in one pass instead of one substring test per
        # unit and cue.
        self._cues = KeywordIndex(sorted({r for spec in lx.units for r in spec.requires}))
        self._has_cues = len(self._cues) > 0
        self._plans: dict[frozenset[str], tuple] = {}  # cue words present -> the units that apply

    def _kind_of(self, context: str, spec: UnitSpec) -> str | None:
        best = None
        for kind in spec.kinds:
            rx = self._kind.get(kind)
            if rx is None:
                continue
            not_after = self.lx.not_after.get(kind, ())
            for m in rx.finditer(context):
                if not_after and context[:m.start()].endswith(not_after):
                    continue  # 研发投入 is spending on research, not an investment in anything
                # The trigger word closest to the number decides.
                if best is None or m.end() > best[0]:
                    best = (m.end(), kind)
        return best[1] if best else spec.default_kind

    def run(self, sentence: str) -> list[FoundQuantity]:
        if not HAS_DIGIT.search(sentence):
            return []
        return self.figures(sentence)

    def figures(self, sentence: str) -> list[FoundQuantity]:
        """``run`` for a sentence known to hold a digit (a caller that tested it, as
        QuantitiesPass does, need not have it tested twice)."""
        out: list[FoundQuantity] = []
        taken: list[tuple[int, int]] = []
        years = later = None  # looked for once a figure needs a date: most sentences have none
        cues = self._cues.present(sentence) if self._has_cues else frozenset()
        units = self._plans.get(cues)
        if units is None:
            units = _units_for(self._units, cues)
            if len(self._plans) >= _PLAN_CACHE:
                self._plans.clear()  # bounded: the sets of cues that occur together are few
            self._plans[cues] = units
        for rx, spec in units:
            for m in rx.finditer(sentence):
                if taken and _overlaps(taken, m.start(), m.end()):
                    continue
                context = sentence[max(0, m.start() - 24):m.start()] + " " + sentence[m.end():m.end() + 6]
                kind = self._kind_of(context, spec)
                if kind is None:
                    continue
                try:
                    value = Decimal(m.group("num").replace(",", ""))
                except InvalidOperation:
                    continue
                groups = m.groupdict()
                mult = groups.get("mult")
                if mult:
                    value *= Decimal(str(self.lx.multipliers[mult]))
                unit = spec.unit
                counter = groups.get("counter")
                if counter and spec.counters:
                    unit = spec.counters.get(counter, unit)
                cur = groups.get("cur")
                if cur:
                    unit = self.lx.currencies.get(cur, cur)
                elif spec.monthly_unit and self._monthly is not None and (
                        self._monthly.search(context) or self._monthly.search(m.group(0))):
                    unit = spec.monthly_unit
                year = None
                if years is None:
                    years, later = _years(sentence)
                before = _year_before(years, m.start())
                if before is not None:
                    year = before
                elif later:
                    year = later[0][1]
                if unit == "year" or (unit == "units" and value == year):
                    continue
                start, low = m.start(), None
                r = _RANGE_LOW.search(sentence, max(0, start - 16), start) if start == m.start("num") else None
                if r is not None:
                    low = Decimal(r.group(1)) * (Decimal(str(self.lx.multipliers[mult])) if mult else 1)
                    if low < value:
                        start, low = r.start(1), low.normalize()
                    else:
                        low = None
                taken.append((start, m.end()))
                out.append(FoundQuantity(kind, value.normalize(), unit, start, m.end(), year, low))
        return sorted(out, key=lambda q: q.start)
