"""Run saved or ad-hoc SPARQL on an rdflib graph (memory store or Oxigraph via oxrdflib)."""
from __future__ import annotations

from typing import Mapping

from rdflib import Graph

from semikg.errors import QueryError
from semikg.graph.resolve import NameIndex
from semikg.queries.params import BoundParam, bind_params, sparql_bindings
from semikg.queries.result import QueryResult, plain
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
    try:
        res = graph.query(text, initBindings=dict(bindings or {}))
        if res.type != "SELECT":
            raise QueryError(f"only SELECT queries are supported here, not {res.type}")
        columns = tuple(str(v) for v in res.vars)
        # rdflib evaluates lazily: evaluation errors surface while iterating.
        rows = tuple(tuple(plain(c) for c in row) for row in res)
    except QueryError:
        raise
    except Exception as e:
        # Parse errors first: they are the user's, the rest are evaluation failures.
        prepare(text)
        raise QueryError(f"SPARQL evaluation failed: {_first_line(e)}") from None
    return QueryResult(columns=columns, rows=rows)


def run_saved(graph: Graph, spec: QuerySpec, given: Mapping[str, object] | None = None,
              names: NameIndex | None = None) -> tuple[QueryResult, list[BoundParam]]:
    bound = bind_params(spec, dict(given or {}), names=names, graph=graph)
    result = select(graph, spec.sparql, sparql_bindings(bound))
    expected = tuple(c.name for c in spec.columns)
    missing = [c for c in expected if c not in result.columns]
    if missing:
        raise QueryError(f"query {spec.name} returned no column {missing[0]!r}, which its header promises")
    # Saved queries also project their parameters (Oxigraph binds only projected variables): drop them.
    index = [result.columns.index(c) for c in expected]
    rows = tuple(tuple(row[i] for i in index) for row in result.rows)
    return QueryResult(columns=expected, rows=rows), bound
