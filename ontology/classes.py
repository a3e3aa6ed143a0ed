"""The class hierarchy and the relations' domains and ranges, as code reads them.

Everything here is computed from the generated ``namespace.py``, so no Turtle is parsed at run time.
"""
from __future__ import annotations

from functools import lru_cache

from semikg.ontology.namespace import DATASET_RELATIONS, DOMAIN, RANGE, RELATIONS, SUBCLASS_OF


@lru_cache(maxsize=None)
def superclasses(local: str) -> tuple[str, ...]:
    """The class and all its semikg super-classes, most specific first (e.g. Foundry, Company, Agent, Entity)."""
    if local not in SUBCLASS_OF:
        raise KeyError(f"unknown ontology class: {local}")
    out: list[str] = []
    todo = [local]
    while todo:
        name = todo.pop(0)
        if name not in out:
            out.append(name)
            todo.extend(SUBCLASS_OF.get(name, ()))
    return tuple(out)


def ontology_classes() -> tuple[str, ...]:
    return tuple(SUBCLASS_OF)


def classes_for(entity_type: str, roles: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Every class an entity of this type and these roles carries (types are materialised)."""
    seen: dict[str, None] = {}
    for cls in (*roles, entity_type):
        for c in superclasses(cls):
            seen.setdefault(c, None)
    return tuple(seen)


@lru_cache(maxsize=1)
def shape_constraints() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Domain and range classes of every relation: the subject (object) must carry one of them."""
    return {p: (frozenset(DOMAIN[p]), frozenset(RANGE[p])) for p in (*RELATIONS, *DATASET_RELATIONS)}
