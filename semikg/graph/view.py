"""A typed, read-only view of a semikg RDF graph: nodes, edges with their evidence, measurements.

Consumers (visualisation, Neo4j export, queries' HTML output) read the graph through this view so
that the RDF shape documented in ontology/README.md is interpreted in one place only.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Iterable, Literal

from pydantic import BaseModel, ConfigDict
from rdflib import RDF, RDFS, Graph, Literal as RDFLiteral, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from semikg.graph.vocab import (
    NS, RELATION_BY_IRI, STATUS_BY_IRI, canonical_lang, entity_id_of, local_name,
)
from semikg.models import Status
from semikg.ontology import SKG

SCHEMA_MENTIONS = URIRef("https://schema.org/mentions")

# Most specific first: used to pick the one class a node is drawn/labelled as.
CLASS_PRIORITY = (
    "Foundry", "IDM", "FablessCompany", "EquipmentMaker", "MaterialsSupplier", "MemoryMaker", "OSAT",
    "EDAProvider", "CloudAIProvider", "DeviceMaker", "Company",
    "University", "ResearchInstitute", "GovernmentAgency", "IndustryAssociation", "AnalystFirm", "Organization",
    "Fab", "Chip", "Equipment", "ProcessNode", "Technology", "Policy", "Country", "Place", "Person",
    "SupplyInput", "Stage",
)
CORE_CLASSES = ("Company", "Organization", "Fab", "Chip", "Equipment", "ProcessNode", "Technology",
                "Policy", "Place", "Person", "SupplyInput", "Stage")
STATUS_STRENGTH = {Status.stated: 4, Status.reported: 3, Status.planned: 2, Status.expected: 2, Status.rumoured: 1}


class _M(BaseModel):
    model_config = ConfigDict(frozen=True)


class GraphNode(_M):
    iri: str
    id: str
    classes: tuple[str, ...]
    core_class: str
    label: str
    pref_labels: dict[str, str]
    alt_labels: tuple[tuple[str, str], ...]
    origin: str | None = None
    props: dict[str, str] = {}

    def name(self, lang: str = "en") -> str:
        return self.pref_labels.get(lang) or self.label

    @property
    def aliases(self) -> tuple[str, ...]:
        seen = dict.fromkeys([*self.pref_labels.values(), *(t for t, _ in self.alt_labels)])
        seen.pop(self.label, None)
        return tuple(sorted(seen))


class EvidenceRecord(_M):
    iri: str
    source: str
    source_kind: Literal["article", "catalog", "dataset", "other"]
    quote: str | None
    start: int | None
    end: int | None
    rule: str
    confidence: float
    status: Status
    trigger: str | None = None
    article_file: str | None = None
    article_title: str | None = None


class GraphEdge(_M):
    subject: str
    predicate: str
    object: str
    asserted: bool
    status: Status
    confidence: float
    evidence: tuple[EvidenceRecord, ...]


class GraphMeasurement(_M):
    iri: str
    about: str
    kind: str
    value: Decimal
    low: Decimal | None = None  # a range's lower end
    unit: str
    raw: str | None
    year: int | None
    evidence: EvidenceRecord


class ArticleNode(_M):
    iri: str
    source_file: str
    index: int
    title: str
    relevant: bool
    skip_reason: str | None
    script: str | None
    mentions: tuple[str, ...]
    content_hash: str | None = None
    # What it contributed (None in graphs built before the counts were written).
    relation_count: int | None = None
    measurement_count: int | None = None
    mention_count: int | None = None


def _str(v) -> str | None:
    return None if v is None else str(v)


def _int(v) -> int | None:
    return None if v is None else int(v)


class GraphView:
    """Materialise the typed view of ``graph`` once; all accessors are cheap afterwards."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self._articles = self._read_articles()
        self._nodes = self._read_nodes()
        self._edges = self._read_edges()
        self._measurements = self._read_measurements()

    # ------------------------------------------------------------------ public
    def nodes(self) -> list[GraphNode]:
        return list(self._nodes.values())

    def node(self, iri: str) -> GraphNode | None:
        return self._nodes.get(iri)

    def edges(self) -> list[GraphEdge]:
        return self._edges

    def measurements(self) -> list[GraphMeasurement]:
        return self._measurements

    def articles(self) -> list[ArticleNode]:
        return list(self._articles.values())

    # ------------------------------------------------------------------ reading
    def _read_articles(self) -> dict[str, ArticleNode]:
        g = self.graph
        out = {}
        for a in sorted(g.subjects(RDF.type, SKG.Article)):
            out[str(a)] = ArticleNode(
                iri=str(a),
                source_file=str(g.value(a, SKG.sourceFile) or ""),
                index=int(g.value(a, SKG.indexInFile) or 0),
                title=str(g.value(a, DCTERMS.title) or ""),
                relevant=bool((g.value(a, SKG.relevant) or RDFLiteral(True)).toPython()),
                skip_reason=_str(g.value(a, SKG.skipReason)),
                script=_str(g.value(a, SKG.script)),
                mentions=tuple(sorted(str(e) for e in g.objects(a, SCHEMA_MENTIONS))),
                content_hash=_str(g.value(a, SKG.contentHash)),
                relation_count=_int(g.value(a, SKG.relationCount)),
                measurement_count=_int(g.value(a, SKG.measurementCount)),
                mention_count=_int(g.value(a, SKG.mentionCount)),
            )
        return out

    def _read_nodes(self) -> dict[str, GraphNode]:
        g = self.graph
        out = {}
        for s in sorted(set(g.subjects(RDF.type, SKG.Entity))):
            classes = sorted(
                (local_name(c) for c in g.objects(s, RDF.type) if str(c).startswith(NS)),
                key=lambda c: (CLASS_PRIORITY.index(c) if c in CLASS_PRIORITY else 99, c),
            )
            classes = [c for c in classes if c not in ("Entity", "Agent")]
            core = next((c for c in CLASS_PRIORITY if c in CORE_CLASSES and c in classes), classes[0] if classes else "Entity")
            pref = {}
            for lbl in g.objects(s, SKOS.prefLabel):
                pref.setdefault(canonical_lang(lbl.language), str(lbl))
            alts = sorted({(str(l), canonical_lang(l.language)) for l in g.objects(s, SKOS.altLabel)})
            props = {}
            for p in (SKG.catalogId, SKG.etoProviderId, SKG.wikidata):
                v = g.value(s, p)
                if v is not None:
                    props[local_name(p)] = str(v)
            label = g.value(s, RDFS.label)
            out[str(s)] = GraphNode(
                iri=str(s), id=entity_id_of(s), classes=tuple(classes), core_class=core,
                label=str(label) if label is not None else entity_id_of(s),
                pref_labels=dict(sorted(pref.items())), alt_labels=tuple(alts),
                origin=_str(g.value(s, SKG.origin)), props=props,
            )
        return out

    def _evidence(self, r) -> EvidenceRecord:
        g = self.graph
        src = g.value(r, PROV.wasDerivedFrom)
        art = self._articles.get(str(src))
        if art is not None:
            kind = "article"
        elif src is not None and str(src).endswith("/source/catalog"):
            kind = "catalog"
        elif src is not None and "/source/" in str(src):
            kind = "dataset"
        else:
            kind = "other"
        start, end = g.value(r, SKG.startOffset), g.value(r, SKG.endOffset)
        return EvidenceRecord(
            iri=str(r), source=str(src), source_kind=kind,
            quote=_str(g.value(r, SKG.quote)),
            start=None if start is None else int(start), end=None if end is None else int(end),
            rule=str(g.value(r, SKG.rule) or ""),
            confidence=float(g.value(r, SKG.confidence) or 0),
            status=STATUS_BY_IRI.get(g.value(r, SKG.status), Status.stated),
            trigger=_str(g.value(r, SKG.trigger)),
            article_file=art.source_file if art else None,
            article_title=art.title if art else None,
        )

    def _read_edges(self) -> list[GraphEdge]:
        g = self.graph
        evidence: dict[tuple[str, str, str], list[EvidenceRecord]] = defaultdict(list)
        for r in g.subjects(RDF.type, SKG.Evidence):
            p = g.value(r, RDF.predicate)
            if p not in RELATION_BY_IRI:
                continue
            key = (str(g.value(r, RDF.subject)), RELATION_BY_IRI[p], str(g.value(r, RDF.object)))
            evidence[key].append(self._evidence(r))
        asserted = set()
        for p_iri, p in RELATION_BY_IRI.items():
            for s, o in g.subject_objects(p_iri):
                asserted.add((str(s), p, str(o)))
        edges = []
        for key in sorted(asserted | set(evidence)):
            ev = tuple(sorted(evidence.get(key, ()), key=lambda e: (e.source, e.start or 0, e.iri)))
            status = Status.stated if key in asserted else max(
                (e.status for e in ev), key=lambda s: STATUS_STRENGTH[s], default=Status.stated)
            conf = max((e.confidence for e in ev), default=1.0)
            edges.append(GraphEdge(subject=key[0], predicate=key[1], object=key[2], asserted=key in asserted,
                                   status=status, confidence=conf, evidence=ev))
        return edges

    def _read_measurements(self) -> list[GraphMeasurement]:
        g = self.graph
        out = []
        for m in sorted(g.subjects(RDF.type, SKG.Measurement)):
            year = g.value(m, SKG.year)
            out.append(GraphMeasurement(
                iri=str(m), about=str(g.value(m, SKG.about)), kind=local_name(g.value(m, SKG.quantityKind)),
                value=Decimal(str(g.value(m, SKG.value))), unit=str(g.value(m, SKG.unit)),
                low=Decimal(str(low)) if (low := g.value(m, SKG.minValue)) is not None else None,
                raw=_str(g.value(m, SKG.rawValue)), year=int(str(year)[:4]) if year is not None else None,
                evidence=self._evidence(m),
            ))
        return out


def iter_relation_triples(graph: Graph) -> Iterable[tuple[URIRef, str, URIRef]]:
    for p_iri, p in RELATION_BY_IRI.items():
        for s, o in graph.subject_objects(p_iri):
            yield s, p, o
