"""GEXF and GraphML files (networkx writers) for Gephi, Cytoscape, yEd and other graph tools.

One node per entity, one edge per relation (asserted or hedged), attributes as plain strings and
numbers because neither format has lists: several values are joined with " | ". Names keep every
script (English, Simplified and Traditional Chinese). Deterministic: nodes and edges in IRI order.
"""
from __future__ import annotations

import io
import os
from typing import Literal

import networkx as nx

from semikg.fsutil import write_bytes_atomic
from semikg.graph.view import GraphView

Format = Literal["gexf", "graphml"]
JOIN = " | "


def to_networkx(view: GraphView) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(name="semikg")
    for n in sorted(view.nodes(), key=lambda n: n.iri):
        g.add_node(n.iri, label=n.label, entity_id=n.id, core_class=n.core_class, classes=JOIN.join(n.classes),
                   name_en=n.pref_labels.get("en", ""), name_zh_Hans=n.pref_labels.get("zh-Hans", ""),
                   name_zh_Hant=n.pref_labels.get("zh-Hant", ""), aliases=JOIN.join(n.aliases),
                   origin=n.origin or "", **{k: v for k, v in sorted(n.props.items())})
    for e in view.edges():
        quotes = [ev.quote for ev in e.evidence if ev.quote]
        g.add_edge(e.subject, e.object, key=f"{e.predicate}", label=e.predicate, predicate=e.predicate,
                   status=e.status.value, asserted=e.asserted, confidence=round(e.confidence, 4),
                   evidence_count=len(e.evidence), quote=quotes[0] if quotes else "",
                   sources=JOIN.join(sorted({ev.article_file or ev.source_kind for ev in e.evidence})))
    return g


def render_graph_file(view: GraphView, fmt: Format) -> bytes:
    g = to_networkx(view)
    buf = io.BytesIO()
    if fmt == "gexf":
        # No timestamp in the file: the same graph gives the same bytes.
        writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
        writer.add_graph(g)
        meta = writer.xml.find("meta")
        if meta is not None:
            meta.attrib.pop("lastmodifieddate", None)
        writer.write(buf)
    else:
        nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buf.getvalue()


def write_graph_file(view: GraphView, fmt: Format, path: str | os.PathLike) -> tuple[int, int]:
    """Write the file (temp file renamed into place); returns (nodes, edges)."""
    data = render_graph_file(view, fmt)
    write_bytes_atomic(path, data)
    return len(view.nodes()), len(view.edges())
