"""Live push through the official neo4j driver against a real Bolt server.

Every test runs against ArcadeDB (started by the session fixture, marker ``integration``) and, when
NEO4J_URI is set, against that Neo4j too (marker ``neo4j``; skipped with a reason otherwise).
"""
from __future__ import annotations

import os

import neo4j
import pytest

from semikg.errors import ExportError
from semikg.export.cypher_script import iter_statements
from semikg.export.mapping import HASH_PROPERTY, build_plan, make_node, plan_of
from semikg.export.push import Neo4jSettings, push, read_back, wipe
from semikg.graph.view import GraphView
from tests.export.export_sample import HOSTILE, sample_graph
from tests.servers.arcadedb import settings_for, start_arcadedb

pytestmark = pytest.mark.integration


@pytest.fixture(params=["arcadedb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def target(request) -> Neo4jSettings:
    """Connection settings for an emptied (of semikg nodes) target server."""
    if request.param == "neo4j":
        if not os.environ.get("NEO4J_URI"):
            pytest.skip("NEO4J_URI is not set: no real Neo4j to test against "
                        "(set NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD[, NEO4J_DATABASE])")
        settings = Neo4jSettings(uri=os.environ["NEO4J_URI"], user=os.environ.get("NEO4J_USERNAME", "neo4j"),
                                 password=os.environ.get("NEO4J_PASSWORD", ""),
                                 database=os.environ.get("NEO4J_DATABASE") or None)
    else:
        settings = settings_for(request.getfixturevalue("arcadedb_bolt"), retry_seconds=2.0)
    wipe(settings)
    return settings


def _run(settings: Neo4jSettings, query: str, **params) -> list[dict]:
    with neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as d:
        with d.session(database=settings.database) as s:
            return s.run(query, **params).data()


def _expected(plan):
    """What the server should hold: the plan's labels and properties (hash property aside)."""
    nodes = sorted(((tuple(sorted(n.labels)), {k: v for k, v in n.props.items() if k != HASH_PROPERTY})
                    for n in plan.nodes), key=lambda n: (n[1]["uri"], n[0]))
    return nodes


def test_constraints_then_batches_then_nothing_the_second_time(target, sample_plan):
    first = push(sample_plan, target, batch_size=2)
    assert first.constraints_added in (0, 3)  # 0 when an earlier test (or push) already created them
    assert sum(c.created for c in first.nodes.values()) == len(sample_plan.nodes)
    assert sum(c.created for c in first.relationships.values()) == len(sample_plan.relationships)
    assert first.batches > len(sample_plan.node_groups())  # several batches per group were merged
    constraints = {r["name"] for r in _run(target, "SHOW CONSTRAINTS")}
    assert {"semikg_entity_uri", "semikg_article_uri", "semikg_measurement_uri"} <= constraints
    before = read_back(target)

    second = push(sample_plan, target, batch_size=2)
    assert second.changed == 0, second.lines()
    assert sum(c.unchanged for c in (*second.nodes.values(), *second.relationships.values())) == \
        len(sample_plan.nodes) + len(sample_plan.relationships)
    assert read_back(target).checksum() == before.checksum()


def test_server_graph_matches_the_rdf_graph(target, sample_plan):
    push(sample_plan, target, batch_size=3)
    server = read_back(target)
    assert server.nodes == _expected(sample_plan)
    want_labels: dict[str, int] = {}
    for n in sample_plan.nodes:
        for label in n.labels:
            want_labels[label] = want_labels.get(label, 0) + 1
    assert server.label_counts() == dict(sorted(want_labels.items()))
    view = GraphView(sample_graph())
    assert server.type_counts()["SUPPLIES"] == sum(1 for e in view.edges() if e.predicate == "supplies")
    assert server.label_counts()["Entity"] == len(view.nodes())
    # A sample edge with its evidence: two articles, both quotes verbatim (hostile text included).
    rows = _run(target, "MATCH (a:Entity {uri: $s})-[r:SUPPLIES]->(b:Entity {uri: $o}) RETURN properties(r) AS p",
                s="https://semikg.org/id/e/d-asml", o="https://semikg.org/id/e/d-tsmc")
    p = rows[0]["p"]
    edge = next(e for e in view.edges() if e.subject.endswith("d-asml") and e.predicate == "supplies")
    assert p["quotes"] == [ev.quote for ev in edge.evidence] and HOSTILE in p["quotes"][1]
    assert p["article_ids"] == ["news-000", "news-001"] and p["statuses"] == ["reported", "stated"]
    names = _run(target, "MATCH (n:Entity {uri: $u}) RETURN n.name_zh_Hant AS t, n.aliases AS a",
                 u="https://semikg.org/id/e/d-tsmc")
    assert names == [{"t": "臺積電", "a": ["臺積電"]}]


def test_rebuilt_graph_updates_in_place(target, sample_plan):
    push(sample_plan, target)
    rebuilt = build_plan(GraphView(sample_graph(variant=1)))
    summary = push(rebuilt, target)
    assert summary.relationships["CUSTOMER_OF"].created == 1
    assert summary.relationships["MENTIONS"].created == 0
    # A node whose classes changed is replaced, not duplicated.
    relabelled = plan_of([*(n for n in rebuilt.nodes if not n.uri.endswith("d-3nm")),
                          make_node(("Entity", "Technology"), "https://semikg.org/id/e/d-3nm", {"name": "3nm"})],
                         rebuilt.relationships)
    summary = push(relabelled, target)
    assert summary.nodes_replaced == 1
    rows = _run(target, "MATCH (n:Entity {uri: $u}) RETURN labels(n) AS l", u="https://semikg.org/id/e/d-3nm")
    assert len(rows) == 1 and sorted(rows[0]["l"]) == ["Entity", "Technology"]
    assert read_back(target).nodes == _expected(relabelled)


def test_wipe_removes_only_semikg_nodes(target, sample_plan):
    push(sample_plan, target)
    _run(target, "CREATE (n:Entity {uri: $u, name: 'not ours'})", u="https://example.org/other")
    try:
        assert wipe(target) == len(sample_plan.nodes)
        assert read_back(target).nodes == []
        assert _run(target, "MATCH (n:Entity {uri: $u}) RETURN n.name AS n", u="https://example.org/other") == \
            [{"n": "not ours"}]
    finally:
        _run(target, "MATCH (n:Entity {uri: $u}) DETACH DELETE n", u="https://example.org/other")


def test_cypher_script_gives_the_same_graph_as_the_push(target, sample_plan):
    push(sample_plan, target, batch_size=2)
    pushed = read_back(target)
    wipe(target)
    with neo4j.GraphDatabase.driver(target.uri, auth=(target.user, target.password)) as d:
        with d.session(database=target.database) as s:
            for stmt in iter_statements(sample_plan, batch_size=3):
                s.execute_write(lambda tx, q=stmt: tx.run(q).consume())  # retries ArcadeDB's MVCC conflicts
    assert read_back(target).checksum() == pushed.checksum()
    # Loading a script after a push changes nothing either: it is the same idempotent MERGE.
    assert push(sample_plan, target).changed == 0


def test_wrong_password_is_a_clean_error(target, sample_plan):
    with pytest.raises(ExportError, match="wrong user name or password"):
        push(sample_plan, target.model_copy(update={"password": "definitely-wrong-pw"}))


def test_missing_database_is_a_clean_error(target, sample_plan):
    with pytest.raises(ExportError, match="has no database 'semikg_no_such_db'"):
        push(sample_plan, target.model_copy(update={"database": "semikg_no_such_db"}))


def _big_plan(n: int):
    return plan_of([make_node(("Entity", "Chip"), f"https://semikg.org/id/e/chip-{i:05d}", {"name": f"chip {i}"})
                    for i in range(n)], [])


def test_push_interrupted_by_a_server_stop_fails_cleanly_and_a_rerun_completes(tmp_path):
    server = start_arcadedb(root=tmp_path / "arcadedb")
    try:
        settings = settings_for(server, retry_seconds=1.0, connect_timeout=3.0)
        plan, batch = _big_plan(2000), 50

        def stop_midway(done: int, total: int) -> None:
            if done >= 500 and server.running:
                server.stop()

        with pytest.raises(ExportError) as err:
            push(plan, settings, batch_size=batch, progress=stop_midway)
        message = str(err.value)
        assert len(message.splitlines()) == 1 and ("rolled back" in message or "cannot reach" in message)

        server.start()  # same folder, same port
        partial = len(read_back(settings).nodes)
        assert 500 <= partial < 2000 and partial % batch == 0  # whole batches only: the one in flight rolled back
        summary = push(plan, settings, batch_size=batch)
        assert summary.nodes["Chip"].created == 2000 - partial
        assert len(read_back(settings).nodes) == 2000
    finally:
        server.close()
