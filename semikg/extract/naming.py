"""How a discovered entity is named and identified: a firm's short forms, a discovered entity's id."""
from __future__ import annotations

import re
from functools import lru_cache

from semikg.graph.vocab import digest
from semikg.loaders.normalise import normalise

_LEGAL = re.compile(r"(股份有限公司|有限责任公司|有限公司|股份公司|集团有限公司|集团|公司|inc\.?|ltd\.?|corp\.?|corporation|co\.,? ltd\.?|llc|gmbh|ag)$")
_TRADE_TAIL = re.compile(r"(科技|技术|集团|控股|股份)$")


@lru_cache(maxsize=8)
def _by_first_char(prefixes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The prefixes grouped by their first character, each group in the order given (longest first)."""
    out: dict[str, list[str]] = {}
    for p in prefixes:
        out.setdefault(p[:1], []).append(p)
    return {c: tuple(ps) for c, ps in out.items()}


def company_short_forms(name: str, place_prefixes: tuple[str, ...]) -> list[str]:
    """深圳芯存微电子有限公司 -> [深圳芯存微电子, 芯存微电子]: how the article names it later."""
    forms = []
    base = name
    for _ in range(2):
        base = _LEGAL.sub("", base).strip()
    if base != name and len(base) >= 2:
        forms.append(base)
    for pfx in _by_first_char(place_prefixes).get(base[:1], ()):
        if base.startswith(pfx) and len(base) - len(pfx) >= 3:
            base = base[len(pfx):].lstrip("市省")
            forms.append(base)
            break
    # 芯测电子科技 is also written 芯测电子: drop trade suffixes while a name is left.
    while (m := _TRADE_TAIL.search(base)) and len(base) - len(m.group(0)) >= 2 and m.start() > 0:
        shorter = base[:m.start()]
        if len(shorter) < 3:
            break
        base = shorter
        forms.append(base)
    return [f for f in dict.fromkeys(forms) if len(f) >= 3]


def discovered_id(entity_type: str, name: str, place_prefixes: tuple[str, ...] = ()) -> str:
    key = normalise(name).strip()
    if entity_type == "Company":
        return company_id(key, company_short_forms(key, place_prefixes))
    return _id(entity_type, key)


def company_id(key: str, short_forms: list[str]) -> str:
    """``discovered_id("Company", name)`` from ``normalise(name).strip()`` and its short forms, for
    a caller that needs the short forms as well (they are not worked out twice)."""
    return _id("Company", short_forms[-1] if short_forms else key)


def _id(entity_type: str, key: str) -> str:
    return "d-" + digest(entity_type, _SPACES.sub(" ", key), size=12)


_SPACES = re.compile(r"\s+")
