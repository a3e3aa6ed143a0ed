"""Which nodes and edges a page shows: filters, focus neighbourhood, node budget."""
from __future__ import annotations

import re
from collections import Counter, deque
from typing import Iterable

from pydantic import BaseModel, ConfigDict

from semikg.errors import EntityNotFound, SemikgError
from semikg.graph.view import CLASS_PRIORITY, GraphEdge, GraphNode, GraphView
from semikg.viz.options import VizOptions
from semikg.graph.resolve import NameIndex

EdgeKey = tuple[str, str, str]

# A year as written in Chinese or English news: "2024年", "2024 年", "in 2024", "2025.3.17".
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


class VizError(SemikgError):
    """A visualisation request cannot be satisfied (unknown type, empty selection)."""


class Selection(BaseModel):
    model_config = ConfigDict(frozen=True)

    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    degree: dict[str, int]
    focus: str | None = None
    total_nodes: int
    sampled: bool = False
    notes: tuple[str, ...] = ()


def edge_key(e: GraphEdge) -> EdgeKey:
    return (e.subject, e.predicate, e.object)


def edge_year(e: GraphEdge) -> int | None:
    """The latest year any evidence of ``e`` mentions (the graph records no article dates)."""
    years = [int(y) for ev in e.evidence for text in (ev.quote, ev.article_title) if text
             for y in _YEAR.findall(text)]
    return max(years, default=None)


def _check_types(types: Iterable[str], nodes: list[GraphNode]) -> set[str]:
    known = set(CLASS_PRIORITY) | {c for n in nodes for c in n.classes}
    wanted = set(types)
    unknown = sorted(wanted - known)
    if unknown:
        raise VizError(f"unknown type {unknown[0]!r}; known types: {', '.join(sorted(known))}")
    return wanted


def _resolve_focus(view: GraphView, name: str, nodes: dict[str, GraphNode]) -> str:
    iri = NameIndex(view.graph).resolve(name).iri
    if iri not in nodes:
        raise EntityNotFound(f"{name!r} is not among the entities of this view")
    return iri


def _neighbourhood(start: str, edges: list[GraphEdge], hops: int) -> dict[str, int]:
    adj: dict[str, set[str]] = {}
    for e in edges:
        adj.setdefault(e.subject, set()).add(e.object)
        adj.setdefault(e.object, set()).add(e.subject)
    dist = {start: 0}
    todo = deque([start])
    while todo:
        n = todo.popleft()
        if dist[n] == hops:
            continue
        for m in sorted(adj.get(n, ())):
            if m not in dist:
                dist[m] = dist[n] + 1
                todo.append(m)
    return dist


def _degree(edges: Iterable[GraphEdge]) -> Counter:
    deg: Counter = Counter()
    for e in edges:
        deg[e.subject] += 1
        deg[e.object] += 1
    return deg


def select(view: GraphView, options: VizOptions, budget: int,
           node_iris: Iterable[str] | None = None, edge_keys: Iterable[EdgeKey] | None = None) -> Selection:
    """Apply subset (a query result), edge filters, type filter, focus and budget, in that order."""
    nodes = {n.iri: n for n in view.nodes()}
    if node_iris is not None:
        wanted = set(node_iris)
        nodes = {i: n for i, n in nodes.items() if i in wanted}
    edges = [e for e in view.edges() if e.subject in nodes and e.object in nodes]
    if edge_keys is not None:
        keys = set(edge_keys)
        edges = [e for e in edges if edge_key(e) in keys]
    notes: list[str] = []

    edge_filtered = options.min_confidence > 0 or options.since is not None
    if options.min_confidence > 0:
        edges = [e for e in edges if e.confidence >= options.min_confidence]
    if options.since is not None:
        dated = [e for e in edges if (edge_year(e) or 0) >= options.since]
        undated = sum(1 for e in edges if edge_year(e) is None)
        if undated:
            notes.append(f"{undated} edges whose evidence names no year are hidden by --since {options.since}.")
        edges = dated

    focus = _resolve_focus(view, options.focus, nodes) if options.focus else None

    if options.types:
        types = _check_types(options.types, list(nodes.values()))
        nodes = {i: n for i, n in nodes.items() if i == focus or types & set(n.classes)}
        edges = [e for e in edges if e.subject in nodes and e.object in nodes]

    dist: dict[str, int] = {}
    if focus is not None:
        dist = _neighbourhood(focus, edges, options.hops)
        nodes = {i: n for i, n in nodes.items() if i in dist}
        edges = [e for e in edges if e.subject in nodes and e.object in nodes]

    deg = _degree(edges)
    if edge_filtered:
        nodes = {i: n for i, n in nodes.items() if deg[i] or i == focus}

    total = len(nodes)
    sampled = total > budget
    if sampled:
        ranked = sorted(nodes, key=lambda i: (dist.get(i, 0), -deg[i], i))
        nodes = {i: nodes[i] for i in ranked[:budget]}
        edges = [e for e in edges if e.subject in nodes and e.object in nodes]
        what = "nearest, best-connected" if focus else "best-connected"
        notes.insert(0, f"Showing the {budget:,} {what} of {total:,} entities (node budget {budget:,}); "
                        "use a focus or type filter to see the others.")
    if not nodes:
        raise VizError("nothing to draw: no entity matches these filters")

    final_deg = _degree(edges)
    return Selection(
        nodes=tuple(nodes[i] for i in sorted(nodes)),
        edges=tuple(sorted(edges, key=edge_key)),
        degree={i: final_deg[i] for i in sorted(nodes)},
        focus=focus, total_nodes=total, sampled=sampled, notes=tuple(notes),
    )
