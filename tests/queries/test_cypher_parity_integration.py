"""SPARQL and Cypher versions of every saved question return the same rows.

The seed graph is pushed through the Neo4j export code path (``semikg.export.push``) into a real
ArcadeDB Bolt server, and each Cypher query runs through the official neo4j driver.
"""
from __future__ import annotations

import neo4j
import pytest

from semikg.graph.resolve import NameIndex
from tests.support.cypher_run import run_cypher
from semikg.queries.registry import load_library
from semikg.queries.run import run_saved

pytestmark = pytest.mark.integration

NAMES = sorted(load_library())


@pytest.fixture(scope="module")
def loaded_bolt(arcadedb_bolt, seed_graph):
    from semikg.export.mapping import build_plan
    from semikg.export.push import push, wipe
    from semikg.graph.view import GraphView
    from tests.servers.arcadedb import settings_for

    settings = settings_for(arcadedb_bolt)
    wipe(settings)
    push(build_plan(GraphView(seed_graph)), settings)
    driver = neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password))
    try:
        yield driver, settings.database
    finally:
        driver.close()


@pytest.fixture(scope="module")
def names(seed_graph):
    return NameIndex(seed_graph)


def _canon(rows):
    # Neo4j has no null in lists and an absent property reads as null: "" and None are the same answer.
    return sorted(tuple("" if c is None else c for c in row) for row in rows)


@pytest.mark.parametrize("name", NAMES)
def test_cypher_matches_sparql(name, loaded_bolt, seed_graph, names):
    driver, database = loaded_bolt
    spec = load_library()[name]
    sparql, bound = run_saved(seed_graph, spec, names=names)
    cypher = run_cypher(driver, spec, bound, database)
    assert cypher.columns == sparql.columns
    assert cypher.rows, f"{name}: the Cypher version returns nothing"
    assert _canon(cypher.rows) == _canon(sparql.rows)
