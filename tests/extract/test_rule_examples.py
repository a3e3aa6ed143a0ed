"""Every relation rule's own example sentences (relations.yaml `examples`): a rule that does not fire
on its examples fails. Each rule runs alone on its examples, over the mentions the passes before the
relation pass find, so that a rule another one outranks on the same fact is still tested."""
from __future__ import annotations

import pytest

from semikg.extract.passes import DEFAULT_PASSES, ArticleState, CatalogContext
from semikg.extract.passes.sentences import SentencesPass
from semikg.extract.relations import RelationExtractor, compiled_rules, rule_file
from semikg.loaders.catalog import load_catalog
from tests.extract.test_extract import article

RULES = {r.id: r for r in compiled_rules()}
EXAMPLES = [(r.id, ex) for r in rule_file().rules for ex in r.examples]


@pytest.fixture(scope="module")
def passes():
    ctx = CatalogContext(load_catalog())
    upto = DEFAULT_PASSES.index(SentencesPass) + 1
    return [make(ctx) for make in DEFAULT_PASSES[:upto]]


def fired(passes, rule_id: str, sentence: str) -> list[tuple[str, str, str]]:
    state = ArticleState.of(article(sentence))
    for p in passes:
        p.run(state)
    alone = RelationExtractor(rules=(RULES[rule_id],))
    return [(r.subject, r.predicate, r.object) for s0, s1, ms in state.views
            for r in alone.run(state.norm[s0:s1], s0, ms) if r.rule == rule_id]


def test_every_rule_carries_examples():
    assert [r.id for r in rule_file().rules if not r.examples] == []


@pytest.mark.parametrize("rule_id, sentence", EXAMPLES)
def test_a_rule_fires_on_its_examples(passes, rule_id, sentence):
    assert fired(passes, rule_id, sentence), f"{rule_id} does not fire on {sentence!r}"


def test_a_rule_does_not_fire_on_another_rules_example(passes):
    # The test can fail: a supplier rule finds nothing in a sentence about an acquisition.
    assert fired(passes, "supplies.xiang", "AMD收购赛灵思。") == []
