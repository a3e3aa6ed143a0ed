"""Parameters bound on Oxigraph: same answers as rdflib's initBindings, and no way to inject text."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
import rdflib  # rdflib.XSD, not XSD: pytest probes module globals, and XSD warns on unknown names

from semikg.errors import QueryError
from semikg.store.backends import copy_to
from semikg.store.bindings import inject_values

P = URIRef("https://x.org/p")
HOSTILE = [
    'a"} ; DROP ALL ; #', "\\u0022 } DELETE WHERE {?s ?p ?o}", "line\nbreak\r\t", "'''", '"""', "台积电\\",
    "}#", "<https://evil.org/>",
]


@pytest.fixture()
def graphs():
    g = Graph()
    for i, s in enumerate(HOSTILE + ["plain"]):
        g.add((URIRef(f"https://x.org/s{i}"), P, Literal(s)))
    g.add((URIRef("https://x.org/n"), P, Literal(3, datatype=rdflib.XSD.integer)))
    return g, copy_to(g, "oxigraph")


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_string_is_just_a_string(graphs, value):
    mem, ox = graphs
    q = "SELECT ?s WHERE { ?s <https://x.org/p> ?v }"
    want = [r.s for r in mem.query(q, initBindings={"v": Literal(value)})]
    got = [r.s for r in ox.query(q, initBindings={"v": Literal(value)})]
    assert got == want and len(got) == 1


def test_binding_reaches_subqueries_and_filters(graphs):
    mem, ox = graphs
    q = ("SELECT ?s WHERE { { SELECT ?s WHERE { ?s <https://x.org/p> ?o FILTER(?o = ?v) } } }")
    b = {"v": Literal(3, datatype=rdflib.XSD.integer)}
    assert [r.s for r in ox.query(q, initBindings=b)] == [r.s for r in mem.query(q, initBindings=b)] \
        == [URIRef("https://x.org/n")]


def test_construct_template_is_skipped():
    q = "CONSTRUCT { ?s <https://x.org/q> ?v } WHERE { ?s <https://x.org/p> ?v }"
    out = inject_values(q, {"v": Literal("x")})
    assert out.index("VALUES") > out.index("WHERE")


def test_prefixed_names_are_not_keywords():
    q = "PREFIX ex: <https://x.org/> SELECT ?s WHERE { ?s ex:select ?v . ?s ex:where ?w }"
    assert inject_values(q, {"v": Literal("x")}).count("VALUES") == 1


@pytest.mark.parametrize("iri", ["https://x.org/a> } DROP ALL {", "https://x.org/a b", "https://x.org/\\u003E"])
def test_bad_iris_are_refused(iri):
    with pytest.raises(QueryError, match="not allowed in an IRI"):
        inject_values("SELECT * WHERE { ?s ?p ?o }", {"o": URIRef(iri)})


def test_bad_variable_names_are_refused():
    with pytest.raises(QueryError, match="variable name"):
        inject_values("SELECT * WHERE { ?s ?p ?o }", {"o) {} } DROP ALL": Literal("x")})


def test_binding_reaches_filters_inside_union_branches(graphs):
    mem, ox = graphs
    q = ("SELECT ?s WHERE { { ?s <https://x.org/p> ?o FILTER(?o = ?v) } UNION "
         "{ ?s <https://x.org/p> ?o FILTER(STR(?o) = ?w) } }")
    b = {"v": Literal(3, datatype=rdflib.XSD.integer), "w": Literal("plain")}
    want = sorted(r.s for r in mem.query(q, initBindings=b))
    assert sorted(r.s for r in ox.query(q, initBindings=b)) == want and len(want) == 2


def test_values_data_blocks_are_left_alone(graphs):
    mem, ox = graphs
    q = "SELECT ?s WHERE { VALUES ?o { \"plain\" \"}#\" } ?s <https://x.org/p> ?o FILTER(?o != ?v) }"
    b = {"v": Literal("plain")}
    assert inject_values(q, b).count("VALUES (?v)") == 1
    assert [r.s for r in ox.query(q, initBindings=b)] == [r.s for r in mem.query(q, initBindings=b)]
