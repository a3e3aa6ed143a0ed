"""Run the Cypher version of a saved query through the official neo4j driver (Neo4j or any Bolt server)."""
from __future__ import annotations

from semikg.errors import QueryError
from semikg.queries.params import BoundParam, cypher_bindings
from semikg.queries.result import QueryResult, plain
from semikg.queries.spec import QuerySpec


def run_cypher(driver, spec: QuerySpec, bound: list[BoundParam], database: str | None = None) -> QueryResult:
    """``driver`` is a ``neo4j.Driver``; parameters travel as driver parameters, never in the text."""
    from neo4j.exceptions import Neo4jError

    if not spec.cypher:
        raise QueryError(f"query {spec.name} has no Cypher version")
    try:
        with driver.session(database=database) as session:
            res = session.run(spec.cypher, cypher_bindings(bound))
            columns = tuple(res.keys())
            rows = tuple(tuple(plain(v) for v in rec.values()) for rec in res)
    except Neo4jError as e:
        raise QueryError(f"Cypher query {spec.name} failed: {str(e.message or e).splitlines()[0]}") from None
    expected = tuple(c.name for c in spec.columns)
    if columns != expected:
        raise QueryError(f"Cypher query {spec.name} returned columns {columns}, its header promises {expected}")
    return QueryResult(columns=columns, rows=rows)
