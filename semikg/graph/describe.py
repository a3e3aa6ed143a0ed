"""Everything the graph says about one entity: labels, types, edges with evidence, measurements."""
from __future__ import annotations

from pydantic import BaseModel
from rdflib import Graph

from semikg.graph.resolve import NameIndex
from semikg.graph.view import EvidenceRecord, GraphMeasurement, GraphView


class EdgeSummary(BaseModel):
    predicate: str
    other: str
    other_label: str
    status: str
    evidence: list[EvidenceRecord]


class EntityDescription(BaseModel):
    iri: str
    label: str
    classes: list[str]
    pref_labels: dict[str, str]
    aliases: list[str]
    mentioned_in: list[str]
    outgoing: list[EdgeSummary]
    incoming: list[EdgeSummary]
    measurements: list[GraphMeasurement]


def describe(graph: Graph, name: str) -> EntityDescription:
    index = NameIndex(graph)
    iri = index.resolve(name).iri
    view = GraphView(graph)
    node = view.node(iri)
    assert node is not None
    out, inc = [], []
    for e in view.edges():
        if e.subject == iri:
            out.append(EdgeSummary(predicate=e.predicate, other=e.object, other_label=index.label(e.object),
                                   status=e.status.value, evidence=list(e.evidence)))
        elif e.object == iri:
            inc.append(EdgeSummary(predicate=e.predicate, other=e.subject, other_label=index.label(e.subject),
                                   status=e.status.value, evidence=list(e.evidence)))
    return EntityDescription(
        iri=iri, label=node.label, classes=list(node.classes), pref_labels=node.pref_labels,
        aliases=list(node.aliases),
        mentioned_in=[a.iri for a in view.articles() if iri in a.mentions],
        outgoing=out, incoming=inc, measurements=[m for m in view.measurements() if m.about == iri],
    )
