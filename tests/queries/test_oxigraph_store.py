"""The saved queries give the same rows on the Oxigraph store (oxrdflib) as on rdflib's memory store.

Oxigraph binds parameters by substitution, which only reaches projected variables and, by SPARQL
scoping, only subqueries that project them: this test keeps the query files honest about both.
"""
from __future__ import annotations

import pytest
from rdflib import Graph

from semikg.graph.resolve import NameIndex
from semikg.queries.registry import load_library
from semikg.queries.run import run_saved

pytest.importorskip("oxrdflib")


@pytest.fixture(scope="module")
def ox_graph(seed_build):
    out, _ = seed_build
    g = Graph(store="Oxigraph")
    g.parse(out / "semikg.ttl", format="turtle")
    return g


@pytest.mark.parametrize("name", sorted(load_library()))
def test_same_rows_on_oxigraph(name, ox_graph, seed_graph):
    spec = load_library()[name]
    names = NameIndex(seed_graph)
    memory, _ = run_saved(seed_graph, spec, names=names)
    oxigraph, _ = run_saved(ox_graph, spec, names=names)
    assert oxigraph.rows == memory.rows
