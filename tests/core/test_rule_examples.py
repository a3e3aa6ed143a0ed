"""Every relation rule's own example sentences (relations.yaml `examples`): a rule that does not fire
on its examples fails."""
from __future__ import annotations

import pytest

from semikg.extract.relations import rule_file
from semikg.extract.rules import RuleBasedExtractor
from semikg.loaders.catalog import load_catalog
from tests.core.test_extract import article

EXAMPLES = [(r.id, ex) for r in rule_file().rules for ex in r.examples]


@pytest.fixture(scope="module")
def extractor():
    return RuleBasedExtractor(load_catalog())


def test_rules_carry_examples():
    assert EXAMPLES


@pytest.mark.parametrize("rule_id, sentence", EXAMPLES)
def test_a_rule_fires_on_its_examples(extractor, rule_id, sentence):
    fired = {r.evidence.rule for r in extractor.run(article(sentence)).relations}
    assert rule_id in fired, f"{rule_id} did not fire on {sentence!r}; fired: {sorted(fired)}"
