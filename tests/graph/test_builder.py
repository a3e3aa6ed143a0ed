"""Graph builder: the RDF shape of ontology/README.md, hedges, provenance, golden file."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import rdflib  # rdflib.XSD, not XSD: pytest probes module globals, and XSD warns on unknown names
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import PROV, SKOS

from semikg.graph.shacl import validate
from semikg.graph.turtle import canonical_turtle
from semikg.graph.vocab import entity_iri
from semikg.graph.view import GraphView
from semikg.ontology import SKG
from semikg.pipeline import Pipeline

DATA = Path(__file__).resolve().parents[1] / "data"
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "golden_article.ttl"


@pytest.fixture(scope="module")
def golden_build(tmp_path_factory, mini_catalog_path):
    out = tmp_path_factory.mktemp("golden")
    pipe = Pipeline(mini_catalog_path)
    report = pipe.build([DATA / "golden_article.txt"], out)
    g = Graph()
    g.parse(out / "semikg.ttl", format="turtle")
    return report, g, out, pipe


def test_golden_graph_is_isomorphic(golden_build, regen_golden):
    _, g, out, _ = golden_build
    if regen_golden:
        GOLDEN.write_text((out / "semikg.ttl").read_text(encoding="utf-8"), encoding="utf-8")
    expected = Graph().parse(GOLDEN, format="turtle")
    if not isomorphic(g, expected):
        _both, only_new, only_old = graph_diff(to_isomorphic(g), to_isomorphic(expected))
        pytest.fail(f"graph differs from golden (run pytest --regen-golden after checking):\n"
                    f"only in new: {sorted(map(str, only_new))[:10]}\nonly in golden: {sorted(map(str, only_old))[:10]}")


def test_graph_conforms_to_shacl(golden_build):
    _, g, _, _ = golden_build
    report = validate(g)
    assert report.conforms, report.summary()


def test_entity_labels_and_types(golden_build):
    _, g, _, _ = golden_build
    tsmc = entity_iri("tsmc")
    assert (tsmc, RDF.type, SKG.Foundry) in g and (tsmc, RDF.type, SKG.Company) in g and (tsmc, RDF.type, SKG.Entity) in g
    assert g.value(tsmc, RDFS.label) == Literal("TSMC")
    assert (tsmc, SKOS.prefLabel, Literal("台积电", lang="zh-Hans")) in g
    # the Traditional surface form seen in the article is kept, tagged zh-Hant
    assert (tsmc, SKOS.prefLabel, Literal("台積電", lang="zh-Hant")) in g or (tsmc, SKOS.altLabel, Literal("台積電", lang="zh-Hant")) in g


def test_hedged_relation_is_evidence_only(golden_build):
    _, g, _, _ = golden_build
    samsung, nvidia = entity_iri("samsung"), entity_iri("nvidia")
    assert (samsung, SKG.supplies, nvidia) not in g
    ev = [r for r in g.subjects(RDF.subject, samsung) if g.value(r, RDF.predicate) == SKG.supplies]
    # 據報道,三星計劃向英伟达供应: the report's hedge outranks the plan it reports.
    assert len(ev) == 1 and g.value(ev[0], SKG.status) == SKG.Reported


def test_stated_relation_has_direct_triple_and_evidence(golden_build):
    _, g, _, _ = golden_build
    tsmc, apple = entity_iri("tsmc"), entity_iri("apple")
    assert (tsmc, SKG.fabricatesFor, apple) in g
    ev = [r for r in g.subjects(RDF.subject, tsmc) if g.value(r, RDF.predicate) == SKG.fabricatesFor]
    assert ev and (ev[0], RDF.type, RDF.Statement) in g
    assert str(g.value(ev[0], PROV.wasDerivedFrom)).endswith("/article/golden_article-000")
    assert "代工" in str(g.value(ev[0], SKG.quote))


def test_evidence_quotes_match_the_original_file(golden_build):
    _, g, _, _ = golden_build
    original = (DATA / "golden_article.txt").read_text(encoding="utf-8")
    n = 0
    for r in g.subjects(SKG.quote, None):
        s, e = int(g.value(r, SKG.startOffset)), int(g.value(r, SKG.endOffset))
        assert original[s:e] == str(g.value(r, SKG.quote))
        n += 1
    assert n >= 8


def test_article_mentions_and_discovered_entity(golden_build):
    _, g, _, _ = golden_build
    view = GraphView(g)
    art = next(a for a in view.articles() if a.index == 0)
    labels = {view.node(i).label for i in art.mentions}
    assert {"TSMC", "Samsung", "深圳芯存微电子有限公司", "Entity List"} <= labels
    disc = next(n for n in view.nodes() if n.label == "深圳芯存微电子有限公司")
    assert disc.origin == "discovered" and disc.core_class == "Company"


def test_measurement_nodes(golden_build):
    _, g, _, _ = golden_build
    ms = {(str(g.value(m, SKG.quantityKind)).rsplit("#")[1], str(g.value(m, SKG.value)), str(g.value(m, SKG.year)))
          for m in g.subjects(RDF.type, SKG.Measurement)}
    assert ("Revenue", "90000000000", "2024") in ms
    assert ("MarketShare", "67", "2024") in ms


def test_catalog_facts_carry_catalog_provenance(golden_build):
    _, g, _, _ = golden_build
    tsmc, taiwan = entity_iri("tsmc"), entity_iri("taiwan")
    assert (tsmc, SKG.locatedIn, taiwan) in g
    ev = [r for r in g.subjects(RDF.subject, tsmc) if g.value(r, RDF.predicate) == SKG.locatedIn]
    assert [str(g.value(r, PROV.wasDerivedFrom)) for r in ev] == ["https://semikg.org/id/source/catalog"]
    assert all(g.value(r, SKG.quote) is None for r in ev)


def test_canonical_turtle_round_trips(golden_build):
    _, g, out, _ = golden_build
    text = canonical_turtle(g)
    assert text == (out / "semikg.ttl").read_text(encoding="utf-8")
    assert isomorphic(Graph().parse(data=text, format="turtle"), g)


def test_canonical_turtle_escapes_hostile_strings():
    from rdflib import URIRef

    g = Graph()
    s = URIRef("https://semikg.org/id/e/x")
    hostile = 'quote " back\\slash\nnew line\t<script>alert(1)</script> \u2028 end'
    g.add((s, RDFS.label, Literal(hostile)))
    g.add((s, RDFS.seeAlso, URIRef("https://example.org/a b>c")))
    back = Graph().parse(data=canonical_turtle(g), format="turtle")
    assert str(back.value(s, RDFS.label)) == hostile


# ---------------------------------------------------------------- what each article contributed
_COMPUTED_CONTRIBUTIONS = """
PREFIX skg: <https://semikg.org/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
SELECT ?a ?r ?m ?n WHERE {
  ?a a skg:Article .
  { SELECT ?a (COUNT(DISTINCT ?ev) AS ?r) WHERE { ?a a skg:Article . OPTIONAL { ?ev prov:wasDerivedFrom ?a ; a skg:Evidence } } GROUP BY ?a }
  { SELECT ?a (COUNT(DISTINCT ?x) AS ?m) WHERE { ?a a skg:Article . OPTIONAL { ?x prov:wasDerivedFrom ?a ; a skg:Measurement } } GROUP BY ?a }
  { SELECT ?a (COUNT(DISTINCT ?e) AS ?n) WHERE { ?a a skg:Article . OPTIONAL { ?a schema:mentions ?e } } GROUP BY ?a }
}"""


def _contributions(g: Graph) -> tuple[dict, dict]:
    stored = {a: tuple(int(g.value(a, p)) for p in (SKG.relationCount, SKG.measurementCount, SKG.mentionCount))
              for a in g.subjects(RDF.type, SKG.Article)}
    computed = {row.a: (int(row.r), int(row.m), int(row.n)) for row in g.query(_COMPUTED_CONTRIBUTIONS)}
    return stored, computed


def test_article_counts_are_what_the_graph_holds(golden_build):
    _, g, _, _ = golden_build
    stored, computed = _contributions(g)
    assert stored == computed
    assert any(r > 0 and m > 0 and n > 0 for r, m, n in stored.values())


def test_article_counts_count_distinct_nodes_and_skipped_articles_count_zero():
    import hashlib

    from semikg.graph.builder import GraphBuilder
    from semikg.models import Catalog
    from tests.export.export_sample import sample_results

    r1, r2 = sample_results()
    # The same relation and measurement found twice at the same offsets are one node each.
    doubled = r1.model_copy(update={"relations": r1.relations + r1.relations[:1],
                                    "measurements": r1.measurements * 2,
                                    "entities": r1.entities + r1.entities[:1]})
    off = r2.model_copy(update={"article": r2.article.model_copy(update={"relevant": False, "skip_reason": "off-topic"})})
    g = GraphBuilder(Catalog(source="test", entries=())).run([doubled, off]).graph
    stored, computed = _contributions(g)
    assert stored == computed
    a0, a1 = (next(a for a in stored if str(a).endswith(f"/article/news-00{i}")) for i in (0, 1))
    assert stored[a0] == (3, 1, 4)
    assert stored[a1] == (0, 0, 0)
    assert str(g.value(a0, SKG.contentHash)) == hashlib.sha256(r1.article.text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("lang", [None, "en", "zh-Hans", "zh-Hant", ""])
@pytest.mark.parametrize("text", ["", "TSMC", "台积电 3nm 量产。", ' "quoted"\n\ttab ', "1", "true", "2024"])
def test_plain_literal_is_the_literal_rdflib_makes(text, lang):
    from semikg.graph.builder import plain_literal

    fast, made = plain_literal(text, lang), Literal(text, lang=lang)
    assert type(fast) is type(made) and str(fast) == str(made) and fast == made and hash(fast) == hash(made)
    assert (fast.language, fast.datatype, fast.value, fast.ill_typed) == (made.language, made.datatype, made.value,
                                                                         made.ill_typed)
    assert fast.n3() == made.n3() and {s: getattr(fast, s) for s in Literal.__slots__} == {
        s: getattr(made, s) for s in Literal.__slots__}


def _same_literal(fast, made) -> None:
    assert type(fast) is type(made) and str(fast) == str(made) and fast == made and hash(fast) == hash(made)
    assert fast.n3() == made.n3() and {s: getattr(fast, s) for s in Literal.__slots__} == {
        s: getattr(made, s) for s in Literal.__slots__}
    assert (fast.language, fast.datatype, fast.value, fast.ill_typed) == (made.language, made.datatype, made.value,
                                                                         made.ill_typed)


@pytest.mark.parametrize("n", [0, 1, -3, 42, 75605, 10**20])
def test_int_literal_is_the_literal_rdflib_makes(n):
    from semikg.graph.builder import int_literal

    _same_literal(int_literal(n), Literal(n))


@pytest.mark.parametrize("x", [0.0, 1.0, 0.85, 0.333, -2.5, 1200000.0, 1e-7, 3, Decimal("2.50"), Decimal("1.2E+6"),
                               Decimal("0.000"), Decimal("-0.1"), Decimal("380")])
def test_decimal_literal_is_the_literal_rdflib_makes(x):
    from semikg.graph.builder import _dec

    lexical = format(Decimal(str(x)).normalize(), "f")
    _same_literal(_dec(x), Literal(lexical, datatype=rdflib.XSD.decimal))


def test_plain_literal_refuses_a_malformed_language_tag():
    from semikg.graph.builder import plain_literal

    with pytest.raises(ValueError):
        plain_literal("x", "not a tag")
