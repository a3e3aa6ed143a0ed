"""The dataset's nodes and edges reach every consumer of the graph: view, page, Neo4j export."""
from __future__ import annotations

from semikg.export.mapping import build_plan
from semikg.graph.view import GraphView
from semikg.viz import VizOptions, render


def test_view_carries_dataset_edges_with_dataset_provenance(mini_resolved):
    graph, _report = mini_resolved
    view = GraphView(graph)
    provides = [e for e in view.edges() if e.predicate == "providesInput"]
    assert len(provides) > 500
    assert all(ev.source_kind == "dataset" for e in provides for ev in e.evidence)
    assert {e.predicate for e in view.edges()} >= {"providesInput", "goesInto", "isTypeOf", "inStage"}
    assert any(n.core_class == "SupplyInput" for n in view.nodes())


def test_neo4j_plan_has_dataset_relationships_and_nodes(mini_resolved):
    graph, _report = mini_resolved
    plan = build_plan(GraphView(graph))
    types = {r.type for r in plan.relationships}
    assert {"PROVIDES_INPUT", "GOES_INTO", "IS_TYPE_OF", "IN_STAGE"} <= types
    assert any("SupplyInput" in n.labels for n in plan.nodes)


def test_page_draws_dataset_edges(mini_resolved):
    graph, _report = mini_resolved
    page = render(GraphView(graph), VizOptions(focus="TSMC", hops=1))
    assert "providesInput" in page.html
