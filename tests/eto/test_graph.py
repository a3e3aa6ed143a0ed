"""The dataset in the graph: counts, one node per firm across sources, provenance, SHACL, determinism."""
from __future__ import annotations

from decimal import Decimal

import pytest

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from semikg.eto.graph import eto_iri, eto_to_graph
from semikg.ontology import SKG
from semikg.graph.turtle import canonical_turtle
from semikg.graph.vocab import SOURCE_ETO, entity_iri
from semikg.graph.view import GraphView
from semikg.ontology import SKG

SCHEMA_MENTIONS = URIRef("https://schema.org/mentions")


def _dataset_evidence(g, predicate):
    return [r for r in g.subjects(RDF.predicate, predicate) if (r, PROV.wasDerivedFrom, SOURCE_ETO) in g]


def test_counts_from_the_csvs_appear_in_the_graph(eto_dataset, mini_resolved):
    g, _ = mini_resolved
    assert len(set(g.subjects(RDF.type, SKG.SupplyInput))) == len(eto_dataset.inputs)
    assert len(set(g.subjects(RDF.type, SKG.Stage))) == len(eto_dataset.stages)
    assert len(set(g.objects(None, SKG.etoProviderId))) == len(eto_dataset.providers)
    assert len(_dataset_evidence(g, SKG.providesInput)) == len(eto_dataset.provision)
    assert len(set(g.subject_objects(SKG.providesInput))) == len(eto_dataset.provision)
    shares = [r for r in eto_dataset.provision if r.share is not None]
    assert len(set(g.subjects(SKG.forInput, None))) == len(shares)
    assert len(_dataset_evidence(g, SKG.goesInto)) + len(_dataset_evidence(g, SKG.isTypeOf)) == len(eto_dataset.sequence)


def test_resolved_firm_is_one_node_with_its_eto_id(mini_resolved):
    g, _ = mini_resolved
    tsmc = entity_iri("tsmc")
    assert (tsmc, SKG.etoProviderId, Literal("P34")) in g
    assert (eto_iri("P34"), None, None) not in g
    assert (tsmc, SKG.origin, Literal("catalog")) in g
    assert set(g.objects(None, SKG.etoProviderId)) and len(list(g.subjects(SKG.etoProviderId, Literal("P34")))) == 1
    # ETO aliases become alternative labels of the catalog entity.
    assert (entity_iri("canon"), SKOS.altLabel, Literal("Canon ANELVA", lang="en")) in g


def test_unmatched_provider_is_a_dataset_entity(mini_resolved):
    g, report = mini_resolved
    u = next(u for u in report.unmatched if u.provider_id == "P313")  # ACM Research: not in the mini catalog
    e = eto_iri(u.provider_id)
    assert (e, SKG.origin, Literal("dataset")) in g
    assert (e, RDF.type, SKG.Company) in g
    assert (e, SKG.locatedIn, entity_iri("usa")) in g


def test_market_share_measurement_with_dataset_provenance(eto_dataset, mini_resolved):
    g, _ = mini_resolved
    row = next(r for r in eto_dataset.provision if r.provider_id == "P88" and r.share is not None)
    view = GraphView(g)
    ms = [m for m in view.measurements() if m.about == str(entity_iri("asml")) and m.kind == "MarketShare"]
    m = next(m for m in ms if (URIRef(m.iri), SKG.forInput, eto_iri(row.provided_id)) in g)
    assert m.value == row.share and m.unit == "percent" and m.year == row.year
    assert m.evidence.source_kind == "dataset" and m.evidence.source == str(SOURCE_ETO)
    assert m.evidence.quote == (row.source or None)
    assert (URIRef(m.iri), SKG.datasetRecord, Literal(f"provision.csv:{row.line}")) in g
    assert m.evidence.rule == "eto.provision"


def test_country_provider_shares_attach_to_catalog_country(mini_resolved):
    g, _ = mini_resolved
    assert (entity_iri("taiwan"), SKG.providesInput, eto_iri("S2")) in g
    assert (entity_iri("taiwan"), RDF.type, SKG.Country) in g


def test_article_entities_and_dataset_meet_in_one_node(eto_dataset, mini_catalog, overrides, base_graph):
    before = len(base_graph)
    g, report = eto_to_graph(eto_dataset, mini_catalog, base_graph, overrides)
    assert len(base_graph) == before  # the base graph is left untouched
    tsmc = entity_iri("tsmc")
    assert any(g.subjects(SCHEMA_MENTIONS, tsmc))          # from the article
    assert any(g.objects(tsmc, SKG.providesInput))        # from the dataset
    # The discovered article entity "Lasertec" is the ETO provider Lasertec (P140), same country unknown -> by name.
    lasertec = entity_iri("d-0123456789ab")
    assert {m.provider_id: m.entity_id for m in report.merged}.get("P140") == "d-0123456789ab"
    assert any(g.objects(lasertec, SKG.providesInput)) and (lasertec, SKG.supplies, tsmc) in g
    assert (eto_iri("P140"), None, None) not in g


def test_merged_graph_passes_shacl(eto_dataset, mini_catalog, overrides, base_graph):
    from semikg.eto.shacl import validate_with_eto

    g, _ = eto_to_graph(eto_dataset, mini_catalog, base_graph, overrides)
    result = validate_with_eto(g)
    assert result.conforms, result.summary()


def test_shacl_catches_a_broken_dataset_fact(mini_dir, mini_catalog):
    from semikg.eto.csvload import load_eto
    from semikg.eto.shacl import validate_with_eto

    g, _ = eto_to_graph(load_eto(mini_dir), mini_catalog)
    # A market share above 100 % and an input without its ETO id must be flagged.
    m = next(g.subjects(SKG.forInput, None))
    g.set((m, SKG.value, Literal(Decimal("140"))))
    g.remove((eto_iri("N1"), SKG.etoId, None))
    result = validate_with_eto(g)
    assert not result.conforms and len(result.violations) >= 2


def test_output_is_deterministic(eto_dataset, mini_catalog, overrides, base_graph):
    a, ra = eto_to_graph(eto_dataset, mini_catalog, base_graph, overrides)
    b, rb = eto_to_graph(eto_dataset, mini_catalog, base_graph, overrides)
    assert canonical_turtle(a) == canonical_turtle(b)
    assert ra.to_json() == rb.to_json() and ra.to_markdown() == rb.to_markdown()


def test_view_reads_dataset_nodes(mini_resolved):
    g, _ = mini_resolved
    view = GraphView(g)
    node = view.node(str(eto_iri("N20")))  # EUV lithography tools
    assert node is not None and node.core_class == "SupplyInput" and node.origin == "dataset"


def test_build_extension_applies_in_place(eto_dir, mini_catalog, base_graph):
    from semikg.eto.integrate import eto_extension
    from semikg.pipeline import GraphExtension

    ext = eto_extension(eto_dir, mini_catalog)
    assert isinstance(ext, GraphExtension) and ext.shapes == []
    g = base_graph + base_graph  # a copy, the session fixture stays untouched
    ext.apply(g)
    assert ext.report is not None and ext.report.merged_by_provider()["P34"].entity_id == "tsmc"
    assert (entity_iri("tsmc"), SKG.providesInput, None) in g


@pytest.mark.slow
def test_build_with_eto_end_to_end_conforms(eto_dir, tmp_path):
    """`semikg build --with-eto` on the embedded news seeds and the real catalog: one graph, SHACL clean."""
    from semikg.build import run_build

    result = run_build(out=tmp_path, with_eto=eto_dir, shacl=True)
    assert result.shacl is not None and result.shacl.conforms, result.shacl.summary()
    from rdflib import Graph

    g = Graph().parse(str(tmp_path / "semikg.ttl"), format="turtle")
    assert len(set(g.subject_objects(SKG.providesInput))) == 1300
    tsmc = [s for s in g.subjects(SKG.etoProviderId, Literal("P34"))]
    assert len(tsmc) == 1 and any(g.subjects(SCHEMA_MENTIONS, tsmc[0]))  # news and dataset on one node


def test_loading_twice_changes_nothing(mini_resolved, eto_dataset, mini_catalog, overrides):
    g, report = mini_resolved
    again, report2 = eto_to_graph(eto_dataset, mini_catalog, g, overrides)
    assert len(again) == len(g)
    assert report2.merged_by_provider().keys() == report.merged_by_provider().keys()
