"""SHACL validation of a semikg graph against the ontology's shapes (plus any extension shapes)."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel
from rdflib import Graph
from rdflib.namespace import SH

from semikg.ontology import shapes_paths


class Violation(BaseModel):
    focus: str
    path: str | None
    message: str
    shape: str | None


class ShaclReport(BaseModel):
    conforms: bool
    violations: list[Violation]

    def summary(self, limit: int = 20) -> str:
        if self.conforms:
            return "SHACL: conforms (0 violations)"
        lines = [f"SHACL: {len(self.violations)} violation(s)"]
        for v in self.violations[:limit]:
            lines.append(f"  - {v.focus} {v.path or ''}: {v.message}")
        if len(self.violations) > limit:
            lines.append(f"  ... and {len(self.violations) - limit} more")
        return "\n".join(lines)


def shapes_graph(extra: list[Path] | None = None) -> Graph:
    g = Graph()
    for p in (*shapes_paths(), *(extra or ())):
        g.parse(p, format="turtle")
    return g


def validate(data: Graph, extra_shapes: list[Path] | None = None) -> ShaclReport:
    from pyshacl import validate as shacl_validate

    conforms, results, _text = shacl_validate(data, shacl_graph=shapes_graph(extra_shapes), inference="none",
                                              advanced=True, allow_warnings=True)
    violations = []
    for r in results.subjects(SH.resultSeverity, SH.Violation):
        path = results.value(r, SH.resultPath)
        shape = results.value(r, SH.sourceShape)
        violations.append(Violation(
            focus=str(results.value(r, SH.focusNode)), path=str(path) if path is not None else None,
            message=str(results.value(r, SH.resultMessage) or "violation"),
            shape=str(shape) if shape is not None else None))
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ShaclReport(conforms=bool(conforms), violations=violations)
