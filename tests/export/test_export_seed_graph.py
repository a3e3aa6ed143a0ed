"""The export on the real graph built from seeds/: every output, and a live push that matches it."""
from __future__ import annotations

import json
from collections import Counter

import neo4j
import pytest

from semikg.export.admin_csv import write_bundle
from semikg.export.cypher_script import iter_statements
from semikg.export.jsonl import write_jsonl
from semikg.export.mapping import build_plan, relationship_type
from semikg.export.push import push, read_back, wipe
from semikg.graph.view import GraphView
from tests.servers.arcadedb import settings_for


@pytest.fixture(scope="module")
def seed_view(seed_graph):  # seed_graph: the session build of seeds/ from tests/conftest.py
    return GraphView(seed_graph)


@pytest.fixture(scope="module")
def seed_plan(seed_view):
    return build_plan(seed_view)


def test_seed_outputs_are_deterministic(seed_plan, seed_view, tmp_path):
    write_jsonl(seed_plan, tmp_path / "a.jsonl")
    write_jsonl(build_plan(seed_view), tmp_path / "b.jsonl")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    kinds = Counter(json.loads(line)["kind"] for line in (tmp_path / "a.jsonl").read_text("utf-8").splitlines())
    assert kinds["node"] == len(seed_plan.nodes) and kinds["relationship"] == len(seed_plan.relationships)
    assert write_bundle(seed_plan, tmp_path / "imp")


@pytest.mark.integration
@pytest.mark.slow
def test_seed_push_matches_rdf_and_is_idempotent(seed_plan, seed_view, arcadedb_bolt):
    settings = settings_for(arcadedb_bolt)
    wipe(settings)
    push(seed_plan, settings, batch_size=200)
    server = read_back(settings)
    assert server.label_counts()["Entity"] == len(seed_view.nodes())
    assert server.label_counts().get("Article", 0) == len(seed_view.articles())
    assert server.label_counts().get("Measurement", 0) == len(seed_view.measurements())
    want = Counter(relationship_type(e.predicate) for e in seed_view.edges())
    got = server.type_counts()
    assert {t: got.get(t, 0) for t in want} == dict(want)
    # A sample of edges with their evidence, straight from the RDF view.
    by_key = {(t, s, o): p for t, s, o, p in server.relationships}
    for e in [e for e in seed_view.edges() if e.evidence][:: max(1, len(seed_view.edges()) // 25)]:
        p = by_key[(relationship_type(e.predicate), e.subject, e.object)]
        assert p["quotes"] == [ev.quote or "" for ev in e.evidence]
        assert p["statuses"] == [ev.status.value for ev in e.evidence]
        assert p["asserted"] == e.asserted
    assert push(seed_plan, settings, batch_size=500).changed == 0
    assert read_back(settings).checksum() == server.checksum()
    # The Cypher script builds the same graph.
    wipe(settings)
    with neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as d:
        with d.session(database=settings.database) as s:
            for stmt in iter_statements(seed_plan):
                s.execute_write(lambda tx, q=stmt: tx.run(q).consume())  # retries ArcadeDB's MVCC conflicts
    assert read_back(settings).checksum() == server.checksum()
