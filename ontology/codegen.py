"""Generate ``namespace.py`` from ``semikg.ttl``.

The Turtle ontology is the single source; the Python vocabulary is derived from it so that a term
used in code but missing from the ontology fails at import time (rdflib ``DefinedNamespace``).
``python -m semikg.ontology.codegen`` rewrites the module; ``--check`` exits 1 on drift (used in tests).
"""
from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph, URIRef

NS = "https://semikg.org/ns#"
HERE = Path(__file__).resolve().parent

HEADER = '''"""semikg vocabulary. GENERATED from semikg.ttl by ``python -m semikg.ontology.codegen``: do not edit."""
from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace


class SKG(DefinedNamespace):
    """Terms of the semikg ontology; an unknown attribute raises AttributeError."""

    _NS = Namespace("https://semikg.org/ns#")
    _fail = True

'''

FOOTER = '''

SKGSH = Namespace("https://semikg.org/shapes#")
# Instance data lives under its own base, kept apart from the vocabulary.
ID = Namespace("https://semikg.org/id/")
'''


def class_hierarchy(ontology: Path) -> dict[str, tuple[str, ...]]:
    """Every semikg class and its direct semikg super-classes."""
    from rdflib import OWL, RDF, RDFS

    g = Graph()
    g.parse(ontology, format="turtle")
    out = {}
    for c in g.subjects(RDF.type, OWL.Class):
        if isinstance(c, URIRef) and str(c).startswith(NS):
            supers = sorted(str(p)[len(NS):] for p in g.objects(c, RDFS.subClassOf) if str(p).startswith(NS))
            out[str(c)[len(NS):]] = tuple(supers)
    return dict(sorted(out.items()))


def terms(ontology: Path) -> list[str]:
    g = Graph()
    g.parse(ontology, format="turtle")
    names = {str(s)[len(NS):] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}
    return sorted(n for n in names if n)


def render(ontology: Path) -> str:
    lines = [f"    {name}: URIRef" for name in terms(ontology)]
    hierarchy = ["", "# Classes and their direct super-classes, so code needs no Turtle parsing at run time.",
                 "SUBCLASS_OF: dict[str, tuple[str, ...]] = {"]
    hierarchy += [f"    {name!r}: {supers!r}," for name, supers in class_hierarchy(ontology).items()]
    hierarchy.append("}")
    return HEADER + "\n".join(lines) + "\n" + FOOTER + "\n".join(hierarchy) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    target = HERE / "namespace.py"
    text = render(HERE / "semikg.ttl")
    if "--check" in argv:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date with semikg.ttl: run python -m semikg.ontology.codegen")
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
