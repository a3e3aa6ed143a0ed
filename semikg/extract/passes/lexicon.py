"""Passes whose trigger rules live in their own YAML lexicon (places.yaml, policies.yaml, ...).

A lexicon file has the shape of relations.yaml's ``rules`` (same macros, same SHACL domain and
range checks, the same hedge and negation words), and every rule carries the example sentences it
is written for: tests/extract/test_lexicon_passes.py runs each rule on its examples.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

from semikg.errors import SemikgError
from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.state import ArticleState
from semikg.extract.relations import CompiledRule, RelationExtractor, RuleScan, compile_rule
from semikg.models import Evidence, Relation, Status


class LexiconRule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    predicate: str
    pattern: str
    confidence: float = 0.65
    presupposed: bool = False
    examples: tuple[str, ...]


class LexiconFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    rules: tuple[LexiconRule, ...]


@lru_cache(maxsize=None)
def lexicon(name: str) -> LexiconFile:
    """The rules of semikg/extract/<name>; a clear error on broken YAML or a bad pattern."""
    try:
        text = (resources.files("semikg.extract") / name).read_text(encoding="utf-8")
        lx = LexiconFile(**yaml.safe_load(text))
    except (OSError, yaml.YAMLError, TypeError, ValueError) as e:
        raise SemikgError(f"{name}: cannot read rules: {str(e).splitlines()[0]}") from None
    return lx


@lru_cache(maxsize=None)
def compiled_lexicon(name: str) -> tuple[CompiledRule, ...]:
    rules = lexicon(name).rules
    for r in rules:
        if not r.examples:
            raise SemikgError(f"{name}: rule {r.id}: no example sentence")
    return tuple(compile_rule(name, r, r.confidence) for r in rules)


class LexiconExtractor(RelationExtractor):
    """The relation rule engine over one lexicon's rules instead of relations.yaml's."""

    def __init__(self, name: str, scan: RuleScan | None = None):
        super().__init__(compiled_lexicon(name), scan)


class LexiconPass:
    """Runs one lexicon's rules over every sentence view; a relation the relations pass already
    quoted from the same sentence is not added twice."""

    name = "lexicon"
    lexicon_file = ""

    def __init__(self, ctx: CatalogContext):
        self.ctx = ctx
        ctx.rule_book.add(self.lexicon_file, compiled_lexicon(self.lexicon_file))

    def run(self, state: ArticleState) -> None:
        findings = self.ctx.rule_book.findings(state, self.lexicon_file)
        if not findings:
            return
        seen = {(r.subject, r.predicate, r.object, r.evidence.start) for r in state.relations}
        text, base = state.text, state.base
        for (s0, s1, _), found in findings:
            for r in found:
                key = (r.subject, r.predicate, r.object, base + s0)
                if key in seen:
                    continue
                seen.add(key)
                state.relations.append(Relation(subject=r.subject, predicate=r.predicate, object=r.object,
                                                evidence=Evidence(quote=text[s0:s1], start=base + s0, end=base + s1,
                                                                  rule=r.rule, confidence=r.confidence,
                                                                  status=r.status, trigger=r.trigger)))


def quote_facts(state: ArticleState, facts: list[tuple[int, str, str, str, str, float]]) -> None:
    """Relations read off names, (position, subject, predicate, object, rule, confidence), each
    quoted with the sentence holding the name; stated whatever the sentence hedges (the name is
    background). A fact the article already quotes from that sentence is not added twice."""
    if not facts:
        return  # most calls: the sentences' starts and the relations' keys are not made for nothing
    sents = state.sentences
    sent_starts = [a for a, _ in sents]
    seen = {(r.subject, r.predicate, r.object, r.evidence.start) for r in state.relations}
    for pos, subject, predicate, obj, rule, conf in facts:
        j = bisect_right(sent_starts, pos) - 1
        if j < 0 or pos >= sents[j][1]:
            continue
        s0, s1 = sents[j]
        key = (subject, predicate, obj, state.base + s0)
        if key not in seen:
            seen.add(key)
            state.relations.append(Relation(subject=subject, predicate=predicate, object=obj, evidence=Evidence(
                quote=state.text[s0:s1], start=state.base + s0, end=state.base + s1, rule=rule,
                confidence=conf, status=Status.stated, trigger=None)))
