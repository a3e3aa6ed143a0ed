"""On Oxigraph, ``select`` turns pyoxigraph terms straight into plain values: the answers, refusals
and error messages must be exactly those of the rdflib path (oxrdflib terms, then ``plain``)."""
from __future__ import annotations

import math

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from semikg.errors import QueryError
from semikg.queries.result import plain, plain_ox
from semikg.queries.run import _select_rdflib, select
from semikg.store.backends import _plain, copy_to, open_oxigraph, oxigraph_store_of

ox = pytest.importorskip("pyoxigraph")
from oxrdflib._converter import from_ox  # noqa: E402 - after the skip

XSD_NS = str(XSD)

# (lexical form, datatype local name in xsd:, or "@tag" for a language string)
TRICKY = [
    ("12", "integer"), ("+012", "integer"), ("-0", "integer"), ("9007199254740993", "integer"),
    ("123456789012345678901234567890", "integer"), ("1_000", "integer"), ("١٢", "integer"),
    (" 12 ", "integer"), ("12.0", "integer"), ("abc", "integer"), ("", "integer"),
    ("300", "byte"), ("-3", "nonNegativeInteger"), ("42", "int"), ("7", "unsignedShort"), ("8", "long"),
    ("1.50", "decimal"), (".5", "decimal"), ("-0.0", "decimal"), ("3.", "decimal"), ("0.1234565", "decimal"),
    ("1e3", "decimal"), ("12345678.123456789", "decimal"),
    ("1e3", "double"), ("1.5E-7", "double"), ("-2.5", "double"), ("INF", "double"), ("-INF", "double"),
    ("NaN", "double"), ("1.0", "float"), ("0.30000000000000004", "double"), ("1e400", "double"),
    ("true", "boolean"), ("false", "boolean"), ("1", "boolean"), ("0", "boolean"), ("TRUE", "boolean"),
    ("yes", "boolean"),
    ("2024-01-05", "date"), ("2024-02-30", "date"), ("2024-01-05Z", "date"), ("2024-01-05+08:00", "date"),
    ("0000-01-01", "date"), ("2024-1-5", "date"),
    ("2024-01-05T10:00:00", "dateTime"), ("2024-01-05T10:00:00Z", "dateTime"),
    ("2024", "gYear"), ("-0044", "gYear"), ("2024Z", "gYear"), ("2024-03", "gYearMonth"),
    ("10:30:00", "time"), ("PT1H", "duration"), ("ab", "hexBinary"), ("https://x.org/a", "anyURI"),
    ("台積電", "string"), ("", "string"), ("line\nbreak", "string"), ("12", "string"),
    ("台积电", "@zh-Hans"), ("TSMC", "@en"), ("x", "@EN-us"),
]


def _term(lex: str, kind: str):
    if kind.startswith("@"):
        return ox.Literal(lex, language=kind[1:])
    return ox.Literal(lex, datatype=ox.NamedNode(XSD_NS + kind))


def _same(a, b) -> bool:
    """Equal values of the same type (True == 1 in Python; NaN != NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def _terms():
    return [_term(lex, kind) for lex, kind in TRICKY] + [
        ox.Literal("custom", datatype=ox.NamedNode("https://x.org/dt")),
        ox.Literal("plain"),  # xsd:string
        ox.NamedNode("https://semikg.org/id/e/tsmc"), ox.BlankNode("b0"), None,
    ]


@pytest.mark.parametrize("term", _terms(), ids=repr)
def test_fast_conversion_equals_the_rdflib_path(term):
    want = plain(_plain(from_ox(term)))  # what oxrdflib + semikg's store + plain() made of it
    got = plain_ox(term)
    assert _same(got, want), (got, want)


@pytest.fixture(scope="module")
def tricky_graph():
    """An in-memory Oxigraph graph holding every tricky term (Oxigraph may canonicalise some)."""
    g = open_oxigraph()
    s, p = ox.NamedNode("https://x.org/s"), ox.NamedNode("https://x.org/p")
    oxigraph_store_of(g).extend([ox.Quad(s, p, t) for t in _terms() if t is not None])
    return g


def test_select_equals_the_rdflib_path_on_the_same_store(tricky_graph):
    assert oxigraph_store_of(tricky_graph) is not None
    q = "SELECT ?s ?o ?none WHERE { ?s <https://x.org/p> ?o OPTIONAL { ?s <https://x.org/q> ?none } }"
    fast = select(tricky_graph, q)
    columns, rows = _select_rdflib(tricky_graph, q, None)
    assert fast.columns == columns == ("s", "o", "none")
    assert len(fast.rows) == len(rows) > 40  # fewer than the terms: Oxigraph stores equal values once
    for got, want in zip(fast.rows, rows):
        assert all(_same(a, b) for a, b in zip(got, want)), (got, want)


def test_bindings_prefixes_and_columns_match_the_memory_store(tricky_graph):
    memory = copy_to(tricky_graph, "memory")
    for g in (tricky_graph, memory):
        g.bind("ex", "https://x.org/")  # a prefix known only to the graph, as rdflib passes it
    q = "SELECT ?s ?o WHERE { ?s ex:p ?o FILTER(?o = ?want) }"
    for want in (Literal("台積電"), Literal(12), Literal("TSMC", lang="en"), URIRef("https://x.org/s"),
                 Literal('x" ) } #')):
        fast, slow = select(tricky_graph, q, {"want": want}), select(memory, q, {"want": want})
        assert fast.columns == slow.columns == ("s", "o")
        assert sorted(map(repr, fast.rows)) == sorted(map(repr, slow.rows))
        # SELECT * also lists the bound variable on Oxigraph (it is bound by a VALUES block): as before.
        star = q.replace("?s ?o WHERE", "* WHERE")
        assert select(tricky_graph, star, {"want": want}).columns == _select_rdflib(tricky_graph, star, {"want": want})[0]


@pytest.mark.parametrize("query, kind", [
    ("ASK { ?s ?p ?o }", "ASK"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE <https://x.org/s>", "CONSTRUCT"),
])
def test_non_select_is_refused_as_before(tricky_graph, query, kind):
    with pytest.raises(QueryError) as fast:
        select(tricky_graph, query)
    with pytest.raises(QueryError) as slow:
        _select_rdflib(tricky_graph, query, None)
    assert str(fast.value) == str(slow.value) == f"only SELECT queries are supported here, not {kind}"


@pytest.mark.parametrize("query", [
    "SELEC ?x WHERE {}",
    "SELECT ?x WHERE { ?x ?p }",
    "SELECT ?x WHERE { ?x undeclared:p ?o }",
    "INSERT DATA { <https://x.org/a> <https://x.org/b> <https://x.org/c> }",
])
def test_malformed_text_gives_the_same_clean_message(tricky_graph, query):
    memory = copy_to(tricky_graph, "memory")
    messages = []
    for g in (tricky_graph, memory):
        with pytest.raises(QueryError) as err:
            select(g, query)
        messages.append(str(err.value))
    assert messages[0] == messages[1] and messages[0].startswith("malformed SPARQL:")
    assert "\n" not in messages[0]


def test_saved_queries_agree_on_the_seed_store(seed_build, seed_graph):
    from semikg.graph.io import load_graph
    from semikg.queries.registry import load_library
    from semikg.queries.run import run_saved

    out, _ = seed_build
    store = load_graph(out / "store")
    assert oxigraph_store_of(store) is not None
    for name, spec in sorted(load_library().items()):
        fast, _ = run_saved(store, spec)
        memory, _ = run_saved(seed_graph, spec)
        assert fast.columns == memory.columns, name
        assert sorted(map(repr, fast.rows)) == sorted(map(repr, memory.rows)), name
