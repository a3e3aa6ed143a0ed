"""Name normalisation for entity resolution: what two spellings of one firm have in common."""
from __future__ import annotations

import re
import unicodedata

# Legal-form and grouping words that vary between sources for the same firm. Only stripped at the
# end of a name ("Group" in "Merck Group"), never inside it ("Samsung Electro-Mechanics" stays).
CORPORATE_SUFFIXES = frozenset({
    "inc", "incorporated", "ltd", "limited", "co", "corp", "corporation", "company", "group", "groups",
    "holdings", "holding", "plc", "llc", "ag", "gmbh", "sa", "nv", "bv", "kk", "se", "spa", "and",
})
# Chinese is written without spaces, so these are cut from the end of the last token.
CJK_SUFFIXES = ("股份有限公司", "有限公司", "集团", "集團", "公司")
_PUNCT = re.compile(r"[^\w\s]+")


def name_tokens(name: str) -> list[str]:
    s = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    tokens = _PUNCT.sub(" ", s).split()
    while len(tokens) > 1 and tokens[-1] in CORPORATE_SUFFIXES:
        tokens.pop()
    if tokens:
        for suffix in CJK_SUFFIXES:
            if tokens[-1].endswith(suffix) and len(tokens[-1]) > len(suffix):
                tokens[-1] = tokens[-1][: -len(suffix)]
                break
    while len(tokens) > 1 and tokens[0] == "the":
        tokens.pop(0)
    return tokens


def normalise_name(name: str) -> str:
    """Spaced normal form, used for fuzzy scoring: 'Tokyo Electron Ltd.' -> 'tokyo electron'."""
    return " ".join(name_tokens(name))


def name_key(name: str) -> str:
    """Exact-match key: the normal form without spaces, so 'Tong Fu' and 'TongFu' agree."""
    return "".join(name_tokens(name))
