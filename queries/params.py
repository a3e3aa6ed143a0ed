"""Turn user-typed parameter values into typed values, then into SPARQL or Cypher bindings.

Values are only ever passed as bindings (rdflib ``initBindings``, driver parameters): a hostile
string stays a string literal and cannot change the query.
"""
from __future__ import annotations

import re
from typing import Mapping

from pydantic import BaseModel, ConfigDict
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from semikg.errors import QueryError
from semikg.graph.resolve import NameIndex
from semikg.ontology import SKG
from semikg.queries.spec import ParamSpec, QuerySpec

_INT = re.compile(r"^[+-]?\d+$")


class BoundParam(BaseModel):
    """One parameter after checking: ``value`` is an int, float, str, class name or entity IRI."""

    model_config = ConfigDict(frozen=True)

    name: str
    type: str
    value: int | float | str
    label: str | None = None  # for an entity: its canonical name


def _number(p: ParamSpec, raw: object) -> int | float:
    text = str(raw).strip()
    if p.type in ("int", "year"):
        if isinstance(raw, bool) or not _INT.match(text):
            raise QueryError(f"parameter {p.name} must be {'a year' if p.type == 'year' else 'an integer'}, not {text!r}")
        value: int | float = int(text)
    else:
        try:
            value = float(text)
        except ValueError:
            raise QueryError(f"parameter {p.name} must be a number, not {text!r}") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise QueryError(f"parameter {p.name} must be a finite number, not {text!r}")
    if p.type == "year" and not 1900 <= value <= 2100:
        raise QueryError(f"parameter {p.name} must be a year between 1900 and 2100, not {text}")
    if p.min is not None and value < p.min:
        raise QueryError(f"parameter {p.name} must be at least {p.min:g}, not {text}")
    if p.max is not None and value > p.max:
        raise QueryError(f"parameter {p.name} must be at most {p.max:g}, not {text}")
    return value


def ontology_classes() -> list[str]:
    from semikg.ontology.classes import ontology_classes as classes

    return sorted(classes())


def _class(p: ParamSpec, raw: object) -> str:
    text = str(raw).strip().removeprefix("skg:")
    known = ontology_classes()
    if text in known:
        return text
    lower = {c.lower(): c for c in known}
    if text.lower() in lower:
        return lower[text.lower()]
    from semikg.queries.registry import closest_names

    near = closest_names(text, known)
    hint = f"; closest: {', '.join(near)}" if near else ""
    raise QueryError(f"parameter {p.name}: no ontology class {text!r}{hint}")


def bind_params(spec: QuerySpec, given: Mapping[str, object], names: NameIndex | None = None,
                graph: Graph | None = None) -> list[BoundParam]:
    """Check names and types of ``given`` against ``spec``; fill in defaults; resolve entity names."""
    unknown = sorted(set(given) - {p.name for p in spec.params})
    if unknown:
        allowed = ", ".join(p.name for p in spec.params) or "none"
        raise QueryError(f"query {spec.name} has no parameter {unknown[0]!r} (parameters: {allowed})")
    out = []
    for p in spec.params:
        raw = given.get(p.name, p.default)
        if p.type in ("int", "float", "year"):
            out.append(BoundParam(name=p.name, type=p.type, value=_number(p, raw)))
        elif p.type == "class":
            out.append(BoundParam(name=p.name, type=p.type, value=_class(p, raw)))
        elif p.type == "entity":
            if names is None:
                if graph is None:
                    raise QueryError(f"parameter {p.name}: no graph to resolve entity names in")
                names = NameIndex(graph)
            r = names.resolve(str(raw))
            out.append(BoundParam(name=p.name, type=p.type, value=r.iri, label=r.label))
        else:
            out.append(BoundParam(name=p.name, type=p.type, value=str(raw)))
    return out


def sparql_bindings(bound: list[BoundParam]) -> dict[str, object]:
    out: dict[str, object] = {}
    for b in bound:
        if b.type == "entity":
            out[b.name] = URIRef(str(b.value))
        elif b.type == "class":
            out[b.name] = SKG[str(b.value)]
        elif b.type in ("int", "year"):
            out[b.name] = Literal(int(b.value), datatype=XSD.integer)
        elif b.type == "float":
            out[b.name] = Literal(float(b.value), datatype=XSD.double)
        else:
            out[b.name] = Literal(str(b.value))
    return out


def cypher_bindings(bound: list[BoundParam]) -> dict[str, object]:
    """Entities are matched on their ``uri`` property, classes on the ``classes`` list of the export."""
    return {b.name: b.value for b in bound}


def parse_assignments(pairs: list[str]) -> dict[str, str]:
    """``["firm=台积电", "depth=3"]`` -> dict; a pair without ``=`` is an error, not a guess."""
    out: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise QueryError(f"--param wants NAME=VALUE, not {pair!r}")
        k, v = pair.split("=", 1)
        k = k.strip()
        if not k:
            raise QueryError(f"--param wants NAME=VALUE, not {pair!r}")
        if k in out:
            raise QueryError(f"parameter {k} given twice")
        out[k] = v
    return out
