"""On Oxigraph, ``select`` turns pyoxigraph terms straight into plain values: the answers, refusals
and error messages must be exactly those of the rdflib path (oxrdflib terms, then ``plain``)."""
from __future__ import annotations

import math

import pytest
from rdflib import Literal, URIRef
import rdflib  # rdflib.XSD, not XSD: pytest probes module globals, and XSD warns on unknown names

from semikg.errors import QueryError
from semikg.queries.result import plain, plain_ox
from semikg.queries.run import _select_rdflib, select
from semikg.store.backends import copy_to, open_oxigraph, oxigraph_store_of
from semikg.store.terms import plain_literal

ox = pytest.importorskip("pyoxigraph")
from oxrdflib._converter import from_ox  # noqa: E402 - after the skip

XSD_NS = str(rdflib.XSD)

# TRICKY holds an ill-typed boolean ("yes") on purpose: rdflib warns each time it reads it, which is
# the behaviour under test here, not a fault; every other warning still fails the test.
pytestmark = pytest.mark.filterwarnings("ignore:Parsing weird boolean, 'yes':UserWarning")

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
    # Oxigraph writes answers out as TSV, which escapes these: they must read back unchanged.
    ("tab\there", "string"), ('a "quote" and a \\ backslash', "string"), ("\r\n", "string"), ("\\t", "string"),
    ("\u2028 sep", "string"), ("😀 astral", "string"),
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
        ox.NamedNode("https://semikg.org/id/e/tsmc"), ox.NamedNode("https://x.org/台積電?q=1#f"),
        ox.BlankNode("b0"), ox.BlankNode("b1"), None,
    ]


@pytest.mark.parametrize("term", _terms(), ids=repr)
def test_fast_conversion_equals_the_rdflib_path(term):
    want = plain(plain_literal(from_ox(term)))  # what oxrdflib + semikg's store + plain() made of it
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


@pytest.mark.parametrize("query", [
    "SELECT ?a WHERE { }",                       # one solution, its only cell unbound: an empty line
    "SELECT ?a WHERE { FILTER(false) }",         # no solution
    "SELECT ?a ?b WHERE { }",
    "SELECT ?a ?b WHERE { BIND(1 AS ?b) }",
    "SELECT * WHERE { }",                        # one solution without a column
    "SELECT * WHERE { FILTER(false) }",
    "SELECT * WHERE { VALUES () { () () () } }",  # three solutions without a column
    "SELECT ?a WHERE { VALUES ?a { UNDEF UNDEF 'x\\ty' 'z\\nw' '' } }",
    "SELECT ?a ?b WHERE { VALUES (?a ?b) { (UNDEF UNDEF) (1 UNDEF) (UNDEF 'tab\\t') } }",
])
def test_answer_shapes_read_back_as_on_the_rdflib_path(tricky_graph, query):
    """The TSV answer is split in one go: unbound cells, empty rows and rows without a column must
    still come back row for row."""
    fast = select(tricky_graph, query)
    columns, rows = _select_rdflib(tricky_graph, query, None)
    assert fast.columns == columns
    if columns:
        assert fast.rows == rows
    else:  # rdflib yields no row for a solution without a variable; SPARQL (and Oxigraph) one each
        solutions = list(oxigraph_store_of(tricky_graph).query(query))
        assert fast.rows == tuple(() for _ in solutions)


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
    from semikg.store.load import load_graph
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


def test_saved_queries_sorted_here_come_in_the_engines_order(seed_build):
    """On Oxigraph the runner drops a saved query's final ORDER BY and sorts the plain rows itself:
    the rows and their order (of the ORDER BY columns) must be those of Oxigraph's own ORDER BY."""
    from semikg.store.load import load_graph
    from semikg.queries.params import bind_params, sparql_bindings
    from semikg.queries.registry import load_library
    from semikg.queries.run import select_ordered, split_order

    out, _ = seed_build
    store = load_graph(out / "store")
    sorted_here = 0
    for name, spec in sorted(load_library().items()):
        bindings = sparql_bindings(bind_params(spec, {}, graph=store))
        engine = select(store, spec.sparql, bindings)
        ours = select_ordered(store, spec.sparql, bindings)
        assert ours.columns == engine.columns, name
        assert sorted(map(repr, ours.rows)) == sorted(map(repr, engine.rows)), name
        split = split_order(spec.sparql)
        if split is None:
            assert ours.rows == engine.rows, name
            continue
        sorted_here += bool(ours.rows)
        key = [engine.columns.index(v) for v in split[1]]
        assert [tuple(r[i] for i in key) for r in ours.rows] == [tuple(r[i] for i in key) for r in engine.rows], name
    assert sorted_here >= 10  # most saved queries end in a plain ORDER BY and answer on the seeds


def test_split_order_takes_only_a_plain_final_order_by():
    from semikg.queries.run import split_order

    body = "SELECT ?a ?b WHERE { ?a ?p ?b }"
    assert split_order(body + "\nORDER BY ?a ?b\n") == (body + "\n", ("a", "b"))
    assert split_order(body + "\nORDER BY DESC(?a) ?b") is None
    assert split_order(body + "\nORDER BY ?a\nLIMIT 3") is None
    assert split_order(body + "\n# ORDER BY ?a") is None
    assert split_order(body + " ORDER BY ?a") is None  # not on a line of its own
    assert split_order(body) is None


def test_order_rows_follows_sparql_order_by():
    from semikg.queries.run import order_rows

    cols = ("name", "n", "note")
    rows = (("b", 2, "x"), ("a", None, "y"), ("a", 10, None), ("a", 9.5, "z"), (None, 1, "w"), ("a", 10, "v"))
    # Unbound first; numbers by magnitude (not as text: 9.5 < 10); the last column breaks the tie.
    assert order_rows(cols, rows, ("name", "n")) == (
        (None, 1, "w"), ("a", None, "y"), ("a", 9.5, "z"), ("a", 10, None), ("a", 10, "v"), ("b", 2, "x"))
    # Strings by code point, as SPARQL compares simple literals.
    assert [r[0] for r in order_rows(("s",), (("台",), ("b",), ("B",), ("",)), ("s",))] == ["", "B", "b", "台"]
    # A column mixing numbers and strings is left to the engine.
    assert order_rows(cols, (("a", 1, "x"), ("a", "one", "y")), ("n",)) is None
    # Mixed kinds in a tie-breaking column still give one total order.
    assert order_rows(cols, (("a", 1, "x"), ("a", 1, 2), ("a", 1, None)), ("name",)) == (
        ("a", 1, None), ("a", 1, 2), ("a", 1, "x"))
