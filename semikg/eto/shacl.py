"""SHACL validation of a graph holding dataset facts: the core shapes plus the extension's shapes."""
from __future__ import annotations

from rdflib import Graph

from semikg.graph.shacl import ShaclReport, validate


def validate_with_eto(graph: Graph) -> ShaclReport:
    return validate(graph)
