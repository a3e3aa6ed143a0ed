"""Run one set of SPARQL queries on several engines and compare the answers.

Used by the backend-parity test and by the scale benchmark: the saved query library (with each
parameter at its declared default) plus any folder of ``*.rq`` files with a ``bindings.json``.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from rdflib import Graph, Literal, URIRef

from semikg.errors import QueryError


class QueryCase(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    name: str
    text: str
    bindings: dict[str, object] = {}
    ordered: bool = False


def saved_cases(graph: Graph) -> list[QueryCase]:
    """Every saved query of the library, parameters at their defaults (resolved on ``graph``).

    A query whose default entity is not in ``graph`` is bound to a fresh IRI: it still runs and
    still has to agree across engines (on an empty answer).
    """
    try:
        from semikg.queries.params import bind_params, sparql_bindings
        from semikg.queries.registry import load_library
    except ImportError:
        return []
    from semikg.graph.resolve import NameIndex

    names = NameIndex(graph)
    out = []
    for name, spec in load_library().items():
        try:
            bindings = sparql_bindings(bind_params(spec, {}, names=names, graph=graph))
        except QueryError:
            bindings = {p.name: URIRef(f"https://semikg.org/id/e/absent-{p.name}") for p in spec.params
                        if p.type == "entity"}
        # Compared as multisets: ORDER BY ties may come back in either order on two engines.
        out.append(QueryCase(name=f"saved:{name}", text=spec.sparql, bindings=bindings))
    return out


def folder_cases(folder: Path) -> list[QueryCase]:
    """``*.rq`` files of a folder; ``bindings.json`` maps query name -> {var: ["uri"|"literal", value]}."""
    spec = folder / "bindings.json"
    table = json.loads(spec.read_text(encoding="utf-8")) if spec.exists() else {}
    out = []
    for rq in sorted(folder.glob("*.rq")):
        binds = {}
        for var, (kind, value) in table.get(rq.stem, {}).items():
            binds[var] = URIRef(value) if kind == "uri" else Literal(value)
        out.append(QueryCase(name=rq.stem, text=rq.read_text(encoding="utf-8"), bindings=binds))
    return out


def _cell(t: object) -> tuple:
    """A comparable form of one result term: numbers by value (engines differ in lexical forms)."""
    if t is None:
        return (0, "")
    if isinstance(t, Literal):
        py = t.toPython()
        if isinstance(py, (int, float, Decimal)) and not isinstance(py, bool):
            return (1, format(round(Decimal(str(py)), 6), "f").rstrip("0").rstrip("."))
        return (2, str(t), t.language or "", str(t.datatype or ""))
    return (3, str(t))


def run_case(graph: Graph, case: QueryCase) -> list[tuple]:
    res = graph.query(case.text, initBindings=dict(case.bindings))
    if res.type == "ASK":
        return [((4, str(bool(res.askAnswer))),)]
    if res.type == "CONSTRUCT" or res.type == "DESCRIBE":
        rows = [tuple(_cell(x) for x in t) for t in res.graph]
    else:
        rows = [tuple(_cell(row[v] if v in row.labels else None) for v in res.vars) for row in res]  # type: ignore[union-attr]
    return rows if case.ordered else sorted(rows)


def first_difference(a: list[tuple], b: list[tuple]) -> str | None:
    if a == b:
        return None
    if len(a) != len(b):
        return f"{len(a)} rows vs {len(b)} rows"
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"row {i}: {x} vs {y}"
    return "differ"
