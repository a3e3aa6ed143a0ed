"""Run saved or ad-hoc SPARQL on an rdflib graph (memory store or Oxigraph via oxrdflib)."""
from __future__ import annotations

from typing import Mapping

from rdflib import Graph

from semikg.errors import QueryError
from semikg.graph.resolve import NameIndex
from semikg.queries.params import BoundParam, bind_params, sparql_bindings
from semikg.queries.result import QueryResult, ox_converter, plain
from semikg.queries.spec import QuerySpec


def _first_line(e: Exception) -> str:
    text = str(e).strip()
    return text.splitlines()[0][:300] if text else type(e).__name__


def prepare(text: str):
    """Parse SPARQL once; malformed text is a ``QueryError`` with the parser's first line."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        return prepareQuery(text)
    except Exception as e:  # pyparsing and rdflib raise many unrelated exception types
        raise QueryError(f"malformed SPARQL: {_first_line(e)}") from None


def select(graph: Graph, text: str, bindings: Mapping[str, object] | None = None) -> QueryResult:
    """Run a SELECT query; anything but SELECT is refused (the library is read-only)."""
    from semikg.store.backends import oxigraph_store_of

    store = oxigraph_store_of(graph)
    try:
        if store is not None:
            columns, rows = _select_oxigraph(graph, store, text, bindings)
        else:
            columns, rows = _select_rdflib(graph, text, bindings)
    except QueryError:
        raise
    except Exception as e:
        # Parse errors first: they are the user's, the rest are evaluation failures.
        prepare(text)
        raise QueryError(f"SPARQL evaluation failed: {_first_line(e)}") from None
    return QueryResult(columns=columns, rows=rows)


def _refuse(kind: str) -> QueryError:
    return QueryError(f"only SELECT queries are supported here, not {kind}")


def _select_rdflib(graph: Graph, text: str, bindings: Mapping[str, object] | None) -> tuple[tuple, tuple]:
    res = graph.query(text, initBindings=dict(bindings or {}))
    if res.type != "SELECT":
        raise _refuse(res.type)
    columns = tuple(str(v) for v in res.vars)
    # rdflib evaluates lazily: evaluation errors surface while iterating.
    rows = tuple(tuple(plain(c) for c in row) for row in res)
    return columns, rows


def _select_oxigraph(graph: Graph, store, text: str, bindings: Mapping[str, object] | None) -> tuple[tuple, tuple]:
    """On Oxigraph, pyoxigraph terms go straight to plain values: making rdflib terms first (as
    oxrdflib does) cost more than the query itself on answers of thousands of rows."""
    import pyoxigraph as ox

    from semikg.store.backends import query_oxigraph

    res = query_oxigraph(graph, store, text, bindings)
    if not isinstance(res, ox.QuerySolutions):
        # The names oxrdflib gives these results (DESCRIBE is a CONSTRUCT there too).
        raise _refuse("ASK" if isinstance(res, ox.QueryBoolean) else "CONSTRUCT")
    columns = tuple(v.value for v in res.variables)
    convert = ox_converter()
    # Solutions stream out of Oxigraph: evaluation errors surface while iterating, as with rdflib.
    rows = tuple(tuple(map(convert, solution)) for solution in res)
    return columns, rows


def run_saved(graph: Graph, spec: QuerySpec, given: Mapping[str, object] | None = None,
              names: NameIndex | None = None) -> tuple[QueryResult, list[BoundParam]]:
    bound = bind_params(spec, dict(given or {}), names=names, graph=graph)
    result = select(graph, spec.sparql, sparql_bindings(bound))
    expected = tuple(c.name for c in spec.columns)
    missing = [c for c in expected if c not in result.columns]
    if missing:
        raise QueryError(f"query {spec.name} returned no column {missing[0]!r}, which its header promises")
    # Saved queries also project their parameters (for substitution APIs, see queries/README.md): drop them.
    index = [result.columns.index(c) for c in expected]
    rows = tuple(tuple(row[i] for i in index) for row in result.rows)
    return QueryResult(columns=expected, rows=rows), bound
