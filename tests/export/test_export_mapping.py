"""The property-graph mapping: labels, names in every script, evidence lists, safe identifiers."""
from __future__ import annotations

import pytest

from semikg.errors import ExportError
from semikg.export.mapping import (
    HASH_PROPERTY, build_plan, check_label, check_type, props_hash, relationship_type,
)
from semikg.graph.view import GraphView
from tests.export.export_sample import HOSTILE, sample_graph


def _node(plan, suffix):
    return next(n for n in plan.nodes if n.uri.endswith(suffix))


def _rel(plan, rel_type, start_suffix):
    return next(r for r in plan.relationships if r.type == rel_type and r.start.endswith(start_suffix))


@pytest.mark.parametrize("name,expected", [
    ("supplies", "SUPPLIES"), ("fabricatesFor", "FABRICATES_FOR"), ("usesTechnology", "USES_TECHNOLOGY"),
    ("customerOf", "CUSTOMER_OF"),
])
def test_relationship_types_are_upper_snake_case(name, expected):
    assert relationship_type(name) == expected


@pytest.mark.parametrize("bad", ["Entity`) DETACH DELETE n //", "entity", "", "A B", "Ä"])
def test_unsafe_labels_are_refused(bad):
    with pytest.raises(ExportError):
        check_label(bad)


def test_unsafe_types_are_refused():
    with pytest.raises(ExportError):
        check_type("SUPPLIES]->() DELETE x //")


def test_entity_has_all_labels_and_every_name(sample_plan):
    tsmc = _node(sample_plan, "/e/d-tsmc")
    assert tsmc.labels == ("Entity", "Foundry", "Company")
    assert tsmc.props["name_zh_Hans"] == "台积电" and tsmc.props["name_zh_Hant"] == "臺積電"
    assert "臺積電" in tsmc.props["aliases"]
    assert tsmc.props["uri"] == "https://semikg.org/id/e/d-tsmc"
    assert tsmc.props["classes"] == ["Foundry", "Company"]


def test_hostile_name_is_kept_verbatim(sample_plan):
    evil = _node(sample_plan, "/e/d-evil")
    assert evil.props["name"] == HOSTILE


def test_two_articles_supporting_one_edge_stay_distinguishable(sample_plan):
    r = _rel(sample_plan, "SUPPLIES", "/e/d-asml")
    p = r.props
    assert p["evidence_count"] == 2
    assert p["article_ids"] == ["news-000", "news-001"]
    assert p["statuses"] == ["reported", "stated"]
    assert len(set(p["evidence_ids"])) == 2
    assert all(len(p[k]) == 2 for k in ("quotes", "start_offsets", "end_offsets", "confidences", "rules"))
    assert p["status"] == "stated" and p["asserted"] is True


def test_hedged_edge_is_kept_but_not_asserted(sample_plan):
    r = _rel(sample_plan, "USES_NODE", "/e/d-h100")
    assert r.props["asserted"] is False and r.props["status"] == "planned"


def test_articles_and_measurements_are_linked(sample_plan):
    types = {(r.type, r.start_label, r.end_label) for r in sample_plan.relationships}
    assert {("MENTIONS", "Article", "Entity"), ("ABOUT", "Measurement", "Entity"),
            ("DERIVED_FROM", "Measurement", "Article")} <= types
    m = next(n for n in sample_plan.nodes if n.key_label == "Measurement")
    assert m.props["value_text"] == "100000" and m.props["year"] == 2024


def test_articles_carry_what_they_contributed(sample_plan):
    a = _node(sample_plan, "/article/news-000")
    # sample article 0: three relation records, one measurement, four entities mentioned
    assert (a.props["relation_count"], a.props["measurement_count"], a.props["mention_count"]) == (3, 1, 4)
    assert len(a.props["content_hash"]) == 64


def test_plan_is_deterministic_and_hash_tracks_content():
    a, b = build_plan(GraphView(sample_graph())), build_plan(GraphView(sample_graph()))
    assert a == b
    n = a.nodes[0]
    assert n.props[HASH_PROPERTY] == n.hash == props_hash({k: v for k, v in n.props.items() if k != HASH_PROPERTY})
    changed = build_plan(GraphView(sample_graph(variant=1)))
    assert {r.hash for r in changed.relationships} != {r.hash for r in a.relationships}
