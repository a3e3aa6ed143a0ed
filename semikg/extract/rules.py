"""The rule-based extractor: an ordered list of passes (semikg/extract/passes/) over one article.

``Extractor`` is the interface: anything with ``run(article) -> ExtractionResult`` (an LLM-based
extractor, say) can replace ``RuleBasedExtractor`` in the pipeline.
"""
from __future__ import annotations

from functools import partial
from operator import attrgetter
from typing import Protocol, Sequence, runtime_checkable

from semikg.extract.naming import company_short_forms, discovered_id
from semikg.extract.passes import DEFAULT_PASSES, ArticleState, CatalogContext, PassFactory
# The scanning patterns of the sites and sentences passes are tested against their plain forms
# under these names (tests/extract/test_scan_patterns.py).
from semikg.extract.passes.sites import FAB_WORD
from semikg.extract.spacing import Despaced
from semikg.extract.sentences import EN_BREAK, MAX_SENTENCE_CHARS, sentences
from semikg.models import Article, Catalog, ExtractionResult, Mention

__all__ = ["Extractor", "RuleBasedExtractor", "company_short_forms", "discovered_id", "sentences",
           "MAX_SENTENCE_CHARS", "EN_BREAK", "FAB_WORD"]


@runtime_checkable
class Extractor(Protocol):
    name: str

    def run(self, article: Article) -> ExtractionResult: ...


class RuleBasedExtractor:
    """Pipeline component: Article -> ExtractionResult, with rules from semikg/extract/*.yaml.

    ``passes`` are built once from the catalog and run in order over each article's state;
    ``RuleBasedExtractor(catalog, passes=(*DEFAULT_PASSES, MyPass))`` adds a pass."""

    name = "rules"

    def __init__(self, catalog: Catalog, passes: Sequence[PassFactory] = DEFAULT_PASSES):
        self.catalog = catalog
        self.context = CatalogContext(catalog)
        self.passes = [make(self.context) for make in passes]

    def run(self, article: Article) -> ExtractionResult:
        if not article.relevant:
            return ExtractionResult(article=article, entities=(), extractor=self.name)
        despaced = Despaced.of(article)
        state = ArticleState.of(despaced.article if despaced is not None else article)
        for step in self.passes:
            step.run(state)
        result = result_of(state, self.name)
        return despaced.back(result) if despaced is not None else result


def result_of(state: ArticleState, extractor: str) -> ExtractionResult:
    text, base = state.text, state.base
    mention = _MENTION
    mentions = tuple([mention((eid, text[s:e], base + s, base + e, "catalog" if not eid.startswith("d-") else "discovered"))
                      for s, e, eid in sorted(state.spans + state.nested)])
    # Built without validation: every field is already of its type (models the passes made, Mention
    # records of str and int made just above), and validating an article's ~100 mentions costs
    # ~1 us each, 1.5 % of a build. tests/extract/test_extract.py checks the result validates alike.
    return ExtractionResult.model_construct(
        article=state.article, entities=tuple(sorted(state.refs.values(), key=_BY_ID)), mentions=mentions,
        relations=tuple(state.relations), measurements=tuple(state.measurements), extractor=extractor)


# A Mention from a tuple of its fields: the named tuple's own constructor, without its Python-level
# ``__new__`` (5 x faster).
_MENTION = partial(tuple.__new__, Mention)
_BY_ID = attrgetter("id")
