"""Run saved or ad-hoc SPARQL on an rdflib graph (memory store or Oxigraph via oxrdflib)."""
from __future__ import annotations

import re
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


# Prefixes an ad-hoc query may use without declaring them (namespaces as the Turtle output binds them).
PREDECLARED = ("skg", "id", "rdf", "rdfs", "xsd", "skos", "prov", "schema", "dcterms")


def predeclared_prefixes() -> dict[str, str]:
    from semikg.graph.turtle import PREFIXES

    bound = dict(PREFIXES)
    return {p: bound[p] for p in PREDECLARED}


def with_prefixes(text: str) -> str:
    """``text`` with a PREFIX declaration for every predeclared prefix it does not declare itself.
    They go before its first line, on that line, so parser messages keep the user's line numbers."""
    missing = [(p, ns) for p, ns in predeclared_prefixes().items()
               if not re.search(rf"(?i)\bPREFIX\s+{p}:", text)]
    return "".join(f"PREFIX {p}: <{ns}> " for p, ns in missing) + text


def prepare(text: str, prefixes: Mapping[str, str] | None = None):
    """Parse SPARQL once (``prefixes`` declared beforehand); malformed text is a ``QueryError``
    with the parser's first line."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        return prepareQuery(text, initNs=dict(prefixes or {}))
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
    return QueryResult.of(columns, rows)


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
    """On Oxigraph, the answer is written out by Oxigraph itself as SPARQL TSV (one call into
    native code) and each distinct cell is read back once: a Python object per solution and per
    term, then per-cell conversion, cost more than the query itself on answers of thousands of rows,
    where the same labels and numbers recur."""
    import pyoxigraph as ox

    from semikg.store.backends import query_oxigraph

    res = query_oxigraph(graph, store, text, bindings)
    if not isinstance(res, ox.QuerySolutions):
        # The names oxrdflib gives these results (DESCRIBE is a CONSTRUCT there too).
        raise _refuse("ASK" if isinstance(res, ox.QueryBoolean) else "CONSTRUCT")
    columns = tuple(v.value for v in res.variables)
    # Evaluation errors surface here, while Oxigraph writes the answer out.
    text = res.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8")
    body = text.partition("\n")[2]  # the header names the variables; then a line per solution
    n_rows = body.count("\n") + (1 if body and not body.endswith("\n") else 0)
    if not n_rows or not columns:
        return columns, tuple(() for _ in range(n_rows))
    # One split for the whole answer (TSV escapes tabs and newlines inside terms): the cells in row order.
    cells = body.removesuffix("\n").replace("\n", "\t").split("\t")
    if len(cells) != n_rows * len(columns):  # pragma: no cover - Oxigraph writes one cell per column
        raise QueryError("SPARQL evaluation failed: could not read the answer back")
    values = _tsv_values(cells)
    return columns, tuple(zip(*[iter(values)] * len(columns)))


def _tsv_values(cells: list[str]) -> list[object]:
    """Plain values of SPARQL TSV cells (an empty cell is unbound). Each distinct cell is parsed by
    Oxigraph's own TSV reader, so escapes, numbers and typed literals read exactly as a term
    taken from the solution would, and converted as ``ox_converter`` converts such a term."""
    import pyoxigraph as ox

    value: dict[str, object] = {"": None}
    distinct = []
    for c in set(cells):
        # Most cells are simple literals with nothing escaped: their text is the value.
        if len(c) > 1 and c[0] == '"' and c[-1] == '"' and '"' not in c[1:-1] and "\\" not in c:
            value[c] = c[1:-1]
        elif c:
            distinct.append(c)
    if distinct:
        doc = ("?x\n" + "\n".join(distinct) + "\n").encode("utf-8")
        convert = ox_converter()
        parsed = [convert(s[0]) for s in ox.parse_query_results(doc, format=ox.QueryResultsFormat.TSV)]
        if len(parsed) != len(distinct):  # pragma: no cover - one cell per line, by construction
            raise QueryError("SPARQL evaluation failed: could not read the answer back")
        value.update(zip(distinct, parsed))
    return list(map(value.__getitem__, cells))


# A saved query ending in ORDER BY and a plain list of variables (the way the library's queries end).
_TRAILING_ORDER = re.compile(r"\n[ \t]*ORDER BY((?:[ \t]+\?[A-Za-z_][A-Za-z0-9_]*)+)[ \t]*\n?\Z")


def split_order(text: str) -> tuple[str, tuple[str, ...]] | None:
    """(the query without its final ORDER BY, the variables it orders by), when it ends in one
    that lists variables only (no DESC, no expression, no LIMIT or OFFSET after it)."""
    m = _TRAILING_ORDER.search(text)
    if m is None:
        return None
    return text[:m.start()] + "\n", tuple(v.lstrip("?") for v in m.group(1).split())


# Kinds of plain value that compare with each other; anything else is a kind of its own.
_KINDS = {bool: 1, int: 2, float: 2, str: 3}


def _kind(cell: object) -> int:
    return _KINDS.get(type(cell), 4)


def order_rows(columns: tuple[str, ...], rows: tuple[tuple, ...], order: tuple[str, ...]) -> tuple[tuple, ...] | None:
    """Rows in SPARQL ORDER BY order of the ``order`` columns (unbound first, then by value: numbers
    by magnitude, strings by code point), ties broken by the other columns so the order is total.
    None when an ORDER BY column mixes kinds of value (numbers and strings, say): how those
    interleave is the engine's to decide."""
    first = [columns.index(v) for v in order]
    keys: list[list] = []  # flat key columns: nested tuples would make every comparison slower
    for i in [*first, *(i for i in range(len(columns)) if i not in first)]:
        col = [r[i] for r in rows]
        kinds = {_KINDS.get(t, 4) for t in set(map(type, col)) if t is not type(None)}
        if len(kinds) > 1:
            if i in first:
                return None
            # A tie-breaker only: any total order will do, so kinds first, then values within a kind.
            keys.append([(0, "") if c is None else (_kind(c), c if _kind(c) < 4 else str(c)) for c in col])
        elif not kinds:
            continue  # unbound throughout
        elif None in col:
            filler = {1: False, 2: 0, 3: ""}.get(kinds.pop(), "")
            keys.append([c is not None for c in col])
            keys.append([filler if c is None else c for c in col])
        else:
            keys.append(col)
    try:
        ranked = sorted(zip(*keys, range(len(rows))))
    except TypeError:  # values of a kind that does not compare (not a plain cell): the engine's call
        return None
    return tuple(rows[k[-1]] for k in ranked)


def select_ordered(graph: Graph, text: str, bindings: Mapping[str, object] | None = None) -> QueryResult:
    """``select`` for a query that may end in ORDER BY: on Oxigraph, which sorts by decoding stored
    strings at each comparison (on answers of thousands of rows its ORDER BY cost more than the
    rest of the query), the rows come back unordered and are sorted here, by the same rule."""
    from semikg.store.backends import oxigraph_store_of

    split = split_order(text) if oxigraph_store_of(graph) is not None else None
    if split is not None:
        unordered = select(graph, split[0], bindings)
        if all(v in unordered.columns for v in split[1]):
            rows = order_rows(unordered.columns, unordered.rows, split[1])
            if rows is not None:
                return QueryResult.of(unordered.columns, rows)
    return select(graph, text, bindings)


def run_saved(graph: Graph, spec: QuerySpec, given: Mapping[str, object] | None = None,
              names: NameIndex | None = None) -> tuple[QueryResult, list[BoundParam]]:
    bound = bind_params(spec, dict(given or {}), names=names, graph=graph)
    result = select_ordered(graph, spec.sparql, sparql_bindings(bound))
    expected = tuple(c.name for c in spec.columns)
    missing = [c for c in expected if c not in result.columns]
    if missing:
        raise QueryError(f"query {spec.name} returned no column {missing[0]!r}, which its header promises")
    # Saved queries also project their parameters (for substitution APIs, see queries/README.md): drop them.
    index = [result.columns.index(c) for c in expected]
    rows = tuple(tuple(row[i] for i in index) for row in result.rows)
    return QueryResult.of(expected, rows), bound
