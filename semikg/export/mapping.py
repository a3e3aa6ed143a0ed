"""The property-graph mapping of a semikg graph: what becomes a node, a label, a relationship, a property.

Every exporter (live push, Cypher script, neo4j-admin CSV, JSONL) renders the same ``ExportPlan``, so
the four outputs cannot drift apart. See semikg/export/README.md for the mapping with a picture.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from typing import Any, Iterable

from pydantic import BaseModel, ConfigDict

from semikg.errors import ExportError
from semikg.graph.view import ArticleNode, EvidenceRecord, GraphEdge, GraphMeasurement, GraphNode, GraphView
from semikg.graph.vocab import local_name

ENTITY = "Entity"
ARTICLE = "Article"
MEASUREMENT = "Measurement"
# Labels that carry a uniqueness constraint on `uri`; every semikg node has exactly one of them.
KEY_LABELS = (ENTITY, ARTICLE, MEASUREMENT)
MENTIONS, ABOUT, DERIVED_FROM = "MENTIONS", "ABOUT", "DERIVED_FROM"
HASH_PROPERTY = "semikg_hash"
ID_NAMESPACE = "https://semikg.org/id/"

# Labels and relationship types cannot be Cypher parameters; they are spliced into query text only
# after passing these checks, and they come from the ontology, never from article text.
_LABEL_RE = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_TYPE_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")

Value = Any  # str | int | float | bool | list[str|int|float]


class _M(BaseModel):
    model_config = ConfigDict(frozen=True)


class NodeRow(_M):
    """One node: its labels (key label first), its `uri` and all its properties (``uri`` included)."""

    labels: tuple[str, ...]
    uri: str
    props: dict[str, Value]
    hash: str

    @property
    def key_label(self) -> str:
        return self.labels[0]

    @property
    def group(self) -> str:
        """The label a summary counts this node under (its most specific class)."""
        return self.labels[1] if len(self.labels) > 1 else self.labels[0]


class RelRow(_M):
    type: str
    start_label: str
    start: str
    end_label: str
    end: str
    props: dict[str, Value]
    hash: str


class ExportPlan(_M):
    """Nodes and relationships in a deterministic order (sorted by labels/type, then key)."""

    nodes: tuple[NodeRow, ...]
    relationships: tuple[RelRow, ...]

    def node_groups(self) -> dict[tuple[str, ...], list[NodeRow]]:
        out: dict[tuple[str, ...], list[NodeRow]] = defaultdict(list)
        for n in self.nodes:
            out[n.labels].append(n)
        return dict(out)

    def rel_groups(self) -> dict[tuple[str, str, str], list[RelRow]]:
        out: dict[tuple[str, str, str], list[RelRow]] = defaultdict(list)
        for r in self.relationships:
            out[(r.type, r.start_label, r.end_label)].append(r)
        return dict(out)


def relationship_type(predicate: str) -> str:
    """``fabricatesFor`` -> ``FABRICATES_FOR`` (the Neo4j naming convention)."""
    return check_type(re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", predicate).upper())


def check_label(label: str) -> str:
    if not _LABEL_RE.match(label):
        raise ExportError(f"not a safe Neo4j label: {label!r}")
    return label


def check_type(rel_type: str) -> str:
    if not _TYPE_RE.match(rel_type):
        raise ExportError(f"not a safe Neo4j relationship type: {rel_type!r}")
    return rel_type


def props_hash(props: dict[str, Value]) -> str:
    """Checksum of a property map: the push skips a node or relationship whose stored hash matches."""
    canon = json.dumps(props, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(canon.encode("utf-8")).hexdigest()[:20]


def _clean(props: dict[str, Value]) -> dict[str, Value]:
    # Neo4j stores no nulls; an absent property is how "unknown" reads back.
    return {k: v for k, v in sorted(props.items()) if v is not None}


def _node(labels: tuple[str, ...], uri: str, props: dict[str, Value]) -> NodeRow:
    for label in labels:
        check_label(label)
    props = _clean({**props, "uri": uri})
    h = props_hash(props)
    return NodeRow(labels=labels, uri=uri, props={**props, HASH_PROPERTY: h}, hash=h)


def _rel(rel_type: str, start_label: str, start: str, end_label: str, end: str, props: dict[str, Value]) -> RelRow:
    props = _clean(props)
    h = props_hash(props)
    return RelRow(type=check_type(rel_type), start_label=start_label, start=start, end_label=end_label, end=end,
                  props={**props, HASH_PROPERTY: h}, hash=h)


def entity_row(n: GraphNode) -> NodeRow:
    # Language tags are case-insensitive (BCP 47) and stores differ: Oxigraph returns `zh-hans`.
    names = {lang.lower(): text for lang, text in sorted(n.pref_labels.items(), reverse=True)}
    return _node((ENTITY, *n.classes), n.iri, {
        "id": n.id,
        "name": n.label,
        "name_en": names.get("en"),
        "name_zh_Hans": names.get("zh-hans"),
        "name_zh_Hant": names.get("zh-hant"),
        "aliases": list(n.aliases),
        "classes": list(n.classes),
        "kind": n.core_class,
        "origin": n.origin,
        **{k: v for k, v in sorted(n.props.items())},
    })


def article_row(a: ArticleNode) -> NodeRow:
    return _node((ARTICLE,), a.iri, {
        "id": local_name(a.iri),
        "source_file": a.source_file,
        "index": a.index,
        "title": a.title,
        "relevant": a.relevant,
        "skip_reason": a.skip_reason,
        "script": a.script,
        "content_hash": a.content_hash,
        "relation_count": a.relation_count,
        "measurement_count": a.measurement_count,
        "mention_count": a.mention_count,
    })


def _evidence_lists(evidence: Iterable[EvidenceRecord]) -> dict[str, list]:
    """Parallel lists, one position per evidence record: Neo4j lists cannot hold maps or nulls."""
    ev = list(evidence)
    return {
        "evidence_ids": [e.iri for e in ev],
        "sources": [e.source for e in ev],
        "article_ids": [local_name(e.source) if e.source_kind == "article" else "" for e in ev],
        "source_kinds": [e.source_kind for e in ev],
        "quotes": [e.quote or "" for e in ev],
        "start_offsets": [-1 if e.start is None else e.start for e in ev],
        "end_offsets": [-1 if e.end is None else e.end for e in ev],
        "confidences": [float(e.confidence) for e in ev],
        "statuses": [e.status.value for e in ev],
        "rules": [e.rule for e in ev],
        "triggers": [e.trigger or "" for e in ev],
    }


def edge_row(e: GraphEdge) -> RelRow:
    return _rel(relationship_type(e.predicate), ENTITY, e.subject, ENTITY, e.object, {
        "predicate": e.predicate,
        "asserted": e.asserted,
        "status": e.status.value,
        "confidence": float(e.confidence),
        "evidence_count": len(e.evidence),
        **_evidence_lists(e.evidence),
    })


def measurement_row(m: GraphMeasurement) -> NodeRow:
    ev = m.evidence
    return _node((MEASUREMENT,), m.iri, {
        "kind": m.kind,
        # Bolt has no decimal type: a float for arithmetic, the exact decimal text alongside.
        "value": float(m.value),
        "value_text": format(m.value, "f"),
        "unit": m.unit,
        "raw": m.raw,
        "year": m.year,
        "source": ev.source,
        "article_id": local_name(ev.source) if ev.source_kind == "article" else None,
        "quote": ev.quote,
        "start_offset": ev.start,
        "end_offset": ev.end,
        "confidence": float(ev.confidence),
        "status": ev.status.value,
        "rule": ev.rule,
    })


def build_plan(view: GraphView) -> ExportPlan:
    entities = {n.iri for n in view.nodes()}
    nodes = [entity_row(n) for n in view.nodes()]
    nodes += [article_row(a) for a in view.articles()]
    nodes += [measurement_row(m) for m in view.measurements()]
    rels = [edge_row(e) for e in view.edges() if e.subject in entities and e.object in entities]
    for a in view.articles():
        rels += [_rel(MENTIONS, ARTICLE, a.iri, ENTITY, e, {}) for e in a.mentions if e in entities]
    articles = {a.iri for a in view.articles()}
    for m in view.measurements():
        if m.about in entities:
            rels.append(_rel(ABOUT, MEASUREMENT, m.iri, ENTITY, m.about, {}))
        if m.evidence.source in articles:
            rels.append(_rel(DERIVED_FROM, MEASUREMENT, m.iri, ARTICLE, m.evidence.source, {}))
    return plan_of(nodes, rels)


def plan_of(nodes: Iterable[NodeRow], rels: Iterable[RelRow]) -> ExportPlan:
    """Sort into the canonical order (used by ``build_plan`` and by synthetic benchmark graphs)."""
    return ExportPlan(
        nodes=tuple(sorted(nodes, key=lambda n: (KEY_LABELS.index(n.key_label), n.labels, n.uri))),
        relationships=tuple(sorted(rels, key=lambda r: (r.type, r.start, r.end))),
    )


def make_node(labels: tuple[str, ...], uri: str, props: dict[str, Value]) -> NodeRow:
    """Public constructor for callers that build plans without a GraphView (benchmarks, tests)."""
    return _node(labels, uri, props)


def make_rel(rel_type: str, start_label: str, start: str, end_label: str, end: str,
             props: dict[str, Value]) -> RelRow:
    return _rel(rel_type, start_label, start, end_label, end, props)


def plan_from_file(path: str | None = None) -> ExportPlan:
    """Read a semikg graph (file or store folder; None: the build's default) and map it.

    Unreadable input is an ``InputError`` from ``semikg.store.load``, never a traceback."""
    from semikg.store.load import load_graph

    return build_plan(GraphView(load_graph(path)))
