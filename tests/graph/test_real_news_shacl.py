"""A graph built from any news conforms to the shapes: every fact's ends are typed entities, every
measurement has one status. Sentences written for these tests."""
from __future__ import annotations

import pytest

from semikg.extract.rules import RuleBasedExtractor
from semikg.graph.builder import GraphBuilder
from semikg.graph.shacl import validate
from semikg.loaders.catalog import load_catalog
from semikg.loaders.normalise import normalise, script_of
from semikg.models import Article
from semikg.ontology import SKG


def article(text: str) -> Article:
    return Article(id="t-000", source_file="t.txt", encoding="utf-8", index=0, start=0, end=len(text),
                   title=text[:20], text=text, norm_text=normalise(text), script=script_of(text))


@pytest.fixture(scope="module")
def full():
    cat = load_catalog()
    return cat, RuleBasedExtractor(cat)


@pytest.fixture(scope="module")
def mini(mini_catalog_path):
    cat = load_catalog(mini_catalog_path)
    return cat, RuleBasedExtractor(cat)


def test_a_site_named_twice_under_two_ids_keeps_its_facts_on_the_id_it_keeps(full):
    # The site is found by its place (位于韩国的器兴工厂) and again after its operator (三星器兴工厂):
    # one site, and the operator's fact names that site, not one the graph never declares.
    cat, ex = full
    r = ex.run(article("三星位于韩国的器兴工厂今年扩产。三星与苹果宣布,三星器兴工厂的合资协议延长5年。"))
    types = {e.id: e.type for e in r.entities}
    ends = {x for rel in r.relations for x in (rel.subject, rel.object)}
    assert ends <= set(types), ends - set(types)
    operated = {rel.object for rel in r.relations if rel.predicate == "operates"}
    assert operated and {types[o] for o in operated} == {"Fab"}
    report = validate(GraphBuilder(cat).run([r]).graph)
    assert report.conforms, report.summary()


def test_two_equal_figures_of_one_sentence_are_two_measurements_with_one_status_each(mini):
    cat, ex = mini
    r = ex.run(article("英伟达的市占率为20%，预计明年市占率仍将达20%。"))
    assert sorted(m.evidence.status.value for m in r.measurements) == ["expected", "stated"]
    g = GraphBuilder(cat).run([r]).graph
    nodes = set(g.subjects(SKG.quantityKind, None))
    assert len(nodes) == 2
    assert sorted(str(g.value(n, SKG.status)).rsplit("#", 1)[1] for n in nodes) == ["Expected", "Stated"]
    assert all(len(set(g.objects(n, SKG.status))) == 1 for n in nodes)
    report = validate(g)
    assert report.conforms, report.summary()
