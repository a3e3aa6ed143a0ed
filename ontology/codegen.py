"""Generate everything derived from ``semikg.ttl``: ``namespace.py`` and ``relation_shapes.ttl``.

The Turtle ontology is the single source. ``namespace.py`` gives the Python vocabulary: the
``DefinedNamespace`` ``SKG`` (a term used in code but missing from the ontology fails at import time),
the class hierarchy, the entity types and their roles, the article and dataset relations, the symmetric
ones, and the domain and range of every relation. ``relation_shapes.ttl`` enforces those domains and
ranges in SHACL. Lists follow the order in which ``semikg.ttl`` declares their terms.

``python -m semikg.ontology.codegen`` rewrites both files; ``--check`` exits 1 on drift (used in tests);
``--ontology FILE --out DIR`` generates from another ontology into another folder.
"""
from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

NS = "https://semikg.org/ns#"
HERE = Path(__file__).resolve().parent
NAMESPACE_FILE = "namespace.py"
RELATION_SHAPES_FILE = "relation_shapes.ttl"
GENERATED = (NAMESPACE_FILE, RELATION_SHAPES_FILE)
COMMAND = "python -m semikg.ontology.codegen"

NAMESPACE_HEADER = f'''"""semikg vocabulary. GENERATED from semikg.ttl by ``{COMMAND}``: do not edit."""
from typing import Literal

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace


class SKG(DefinedNamespace):
    """Terms of the semikg ontology; an unknown attribute raises AttributeError."""

    _NS = Namespace("https://semikg.org/ns#")
    _fail = True

'''

NAMESPACE_IDS = '''

SKGSH = Namespace("https://semikg.org/shapes#")
# Instance data lives under its own base, kept apart from the vocabulary.
ID = Namespace("https://semikg.org/id/")
'''

SHAPES_HEADER = f'''@prefix skg:   <https://semikg.org/ns#> .
@prefix skgsh: <https://semikg.org/shapes#> .
@prefix sh:    <http://www.w3.org/ns/shacl#> .

# GENERATED from semikg.ttl by `{COMMAND}`: do not edit.
# The domain and range of every relation, enforced on the materialised types each entity carries (an
# entity typed skg:Foundry is also typed skg:Company, skg:Agent and skg:Entity), so validation needs
# no RDFS inference. The provenance model's shapes are in shapes.ttl.
'''


@dataclass(frozen=True)
class Vocabulary:
    """What the generated files say, read from the ontology graph."""

    terms: tuple[str, ...]
    subclass_of: dict[str, tuple[str, ...]]
    entity_types: tuple[str, ...]
    roles_by_type: dict[str, tuple[str, ...]]
    relations: tuple[str, ...]
    dataset_relations: tuple[str, ...]
    symmetric: tuple[str, ...]
    domain: dict[str, tuple[str, ...]]
    range: dict[str, tuple[str, ...]]


def _local(term: object) -> str | None:
    return str(term)[len(NS):] if isinstance(term, URIRef) and str(term).startswith(NS) else None


def _term(name: str) -> URIRef:
    return URIRef(NS + name)


def _declaration_order(text: str) -> dict[str, int]:
    """Position of each term's first declaration (``skg:name a ...``) in the Turtle text."""
    order: dict[str, int] = {}
    for m in re.finditer(r"^skg:(\w+)\s+a\s", text, flags=re.M):
        order.setdefault(m.group(1), m.start())
    return order


def _classes(g: Graph, node: object, prop: URIRef, what: str) -> tuple[str, ...]:
    """A named class, or the members of an ``owl:unionOf`` class, as local names in list order."""
    if isinstance(node, BNode):
        members = g.value(node, OWL.unionOf)
        if members is None:
            raise ValueError(f"{what}: a class expression other than owl:unionOf")
        names = tuple(_local(c) for c in Collection(g, members))
    else:
        names = (_local(node),)
    if node is None or None in names:
        raise ValueError(f"{what}: {prop.n3()} must name semikg classes")
    return names  # type: ignore[return-value]


def read_vocabulary(ontology: Path) -> Vocabulary:
    text = ontology.read_text(encoding="utf-8")
    g = Graph().parse(data=text, format="turtle")
    order = _declaration_order(text)

    def ordered(names) -> tuple[str, ...]:
        return tuple(sorted(set(names), key=lambda n: (order.get(n, len(text)), n)))

    terms = sorted({n for n in map(_local, g.subjects()) if n})
    classes = [n for n in map(_local, g.subjects(RDF.type, OWL.Class)) if n]
    subclass_of = {c: tuple(sorted(filter(None, map(_local, g.objects(_term(c), RDFS.subClassOf)))))
                   for c in sorted(classes)}
    entity_types = ordered(c for c in classes if g.value(_term(c), _term("entityType")) == Literal(True))
    roles_by_type = {t: ordered(c for c in classes if t in subclass_of[c] and c not in entity_types)
                     for t in entity_types}

    def subproperties(marker: str) -> tuple[str, ...]:
        return ordered(filter(None, map(_local, g.subjects(RDFS.subPropertyOf, _term(marker)))))

    relations = subproperties("articleRelation")
    dataset_relations = subproperties("datasetRelation")
    everything = (*relations, *dataset_relations)
    domain = {p: _classes(g, g.value(_term(p), RDFS.domain), RDFS.domain, p) for p in everything}
    range_ = {p: _classes(g, g.value(_term(p), RDFS.range), RDFS.range, p) for p in everything}
    symmetric = tuple(p for p in everything if (_term(p), RDF.type, OWL.SymmetricProperty) in g)
    return Vocabulary(tuple(terms), subclass_of, entity_types, {t: r for t, r in roles_by_type.items() if r},
                      relations, dataset_relations, symmetric, domain, range_)


def _dict(name: str, annotation: str, items: dict[str, tuple[str, ...]]) -> list[str]:
    return [f"{name}: {annotation} = {{", *(f"    {k!r}: {v!r}," for k, v in items.items()), "}"]


def _literal(name: str, values: tuple[str, ...]) -> list[str]:
    return [f"{name} = Literal[", *(f"    {v!r}," for v in values), "]"]


def render_namespace(v: Vocabulary) -> str:
    lines = [f"    {name}: URIRef" for name in v.terms]
    body = [
        "", "# Classes and their direct super-classes, so code needs no Turtle parsing at run time.",
        *_dict("SUBCLASS_OF", "dict[str, tuple[str, ...]]", v.subclass_of),
        "", "# The classes an extracted entity has as its type (skg:entityType true).",
        f"ENTITY_TYPES: tuple[str, ...] = {v.entity_types!r}",
        *_literal("EntityType", v.entity_types),
        "", "# The roles an entity of a type may carry: the type's direct sub-classes.",
        *_dict("ROLES_BY_TYPE", "dict[str, tuple[str, ...]]", v.roles_by_type),
        "", "# Relations read from article text (sub-properties of skg:articleRelation).",
        f"RELATIONS: tuple[str, ...] = {v.relations!r}",
        *_literal("Predicate", v.relations),
        "", "# Relations only curated datasets add (sub-properties of skg:datasetRelation).",
        f"DATASET_RELATIONS: tuple[str, ...] = {v.dataset_relations!r}",
        "", "# owl:SymmetricProperty relations: s p o says o p s too.",
        f"SYMMETRIC: frozenset[str] = frozenset({v.symmetric!r})",
        "", "# rdfs:domain and rdfs:range of every relation: the subject (object) carries one of these classes.",
        *_dict("DOMAIN", "dict[str, tuple[str, ...]]", v.domain),
        *_dict("RANGE", "dict[str, tuple[str, ...]]", v.range),
    ]
    return NAMESPACE_HEADER + "\n".join(lines) + "\n" + NAMESPACE_IDS + "\n".join(body) + "\n"


def _shape(name: str, target: str, side: str, predicate: str, classes: tuple[str, ...]) -> str:
    alternatives = " ".join(f"[ sh:class skg:{c} ]" for c in classes)
    return (f"skgsh:{name} a sh:NodeShape ;\n"
            f"    {target} skg:{predicate} ;\n"
            f"    sh:or ( {alternatives} ) ;\n"
            f'    sh:message "{side} of skg:{predicate} must be one of: {", ".join(classes)}" .\n')


def render_relation_shapes(v: Vocabulary) -> str:
    out = [SHAPES_HEADER]
    for p in (*v.relations, *v.dataset_relations):
        cap = p[0].upper() + p[1:]
        out.append("\n" + _shape(f"{cap}Domain", "sh:targetSubjectsOf", "subject", p, v.domain[p])
                   + _shape(f"{cap}Range", "sh:targetObjectsOf", "object", p, v.range[p]))
    return "".join(out)


def render(ontology: Path) -> dict[str, str]:
    """Every generated file's name and text."""
    v = read_vocabulary(ontology)
    return {NAMESPACE_FILE: render_namespace(v), RELATION_SHAPES_FILE: render_relation_shapes(v)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when a generated file is out of date")
    ap.add_argument("--ontology", type=Path, default=HERE / "semikg.ttl")
    ap.add_argument("--out", type=Path, default=HERE, help="folder of the generated files")
    args = ap.parse_args(argv)
    files = render(args.ontology)
    if args.check:
        stale = [name for name, text in files.items()
                 if not (args.out / name).exists() or (args.out / name).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"{args.out / name} is out of date with {args.ontology.name}: run {COMMAND}")
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        target = args.out / name
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
