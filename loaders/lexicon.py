"""Load the loaders' lexicons (loaders/lexicon.yaml) once."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict


class SpamLexicon(BaseModel):
    model_config = ConfigDict(frozen=True)
    phrases: tuple[str, ...]
    patterns: tuple[str, ...]


class LoaderLexicon(BaseModel):
    model_config = ConfigDict(frozen=True)
    spam: SpamLexicon
    topics: dict[str, tuple[str, ...]]
    # Topics that add to the semiconductor topic when it is present (see lexicon.yaml).
    supporting: dict[str, tuple[str, ...]] = {}


@lru_cache(maxsize=1)
def lexicon() -> LoaderLexicon:
    text = (resources.files("semikg.loaders") / "lexicon.yaml").read_text(encoding="utf-8")
    lex = LoaderLexicon(**yaml.safe_load(text))
    for p in lex.spam.patterns:
        re.compile(p)
    return lex
