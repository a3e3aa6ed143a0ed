"""Which nodes and edges a page shows: filters, focus neighbourhood, node budget."""
from __future__ import annotations

import re
from collections import Counter, deque
from typing import Iterable

from pydantic import BaseModel, ConfigDict

from semikg.errors import EntityNotFound, SemikgError
from semikg.graph.view import CLASS_PRIORITY, GraphEdge, GraphNode, GraphView
from semikg.viz.options import VizOptions
from semikg.viz.styles import Styles, load_styles
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
    # Flow pages: the column of each node (supply-chain tiers; None: layered from the links).
    flow: bool = False
    columns: dict[str, int] | None = None
    groups: dict[str, int] | None = None
    # A line added to a node's tooltip (a supply-chain page: what the dataset says the firm provides).
    node_notes: dict[str, str] = {}
    # Column headings of a flow page: (column, text).
    headings: tuple[tuple[int, str], ...] = ()
    # Entities of the graph that are not drawn, with their edges: what the page's search can add.
    reserve_nodes: tuple[GraphNode, ...] = ()
    reserve_edges: tuple[GraphEdge, ...] = ()


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


def is_aggregate(node: GraphNode) -> bool:
    """A dataset placeholder for many providers ("Various companies"): a dataset provider that is
    neither a firm nor a country (semikg.eto types aggregates as a bare Agent or Place)."""
    return "etoProviderId" in node.props and "catalogId" not in node.props and \
        not {"Company", "Country"} & set(node.classes)


def _neighbourhood(start: str, edges: list[GraphEdge], hops: int,
                   stop: set[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes within ``hops`` of ``start``, not spreading through the ``stop`` nodes; and, for each
    stop node reached, how many of its neighbours were left out because of that."""
    adj: dict[str, set[str]] = {}
    for e in edges:
        adj.setdefault(e.subject, set()).add(e.object)
        adj.setdefault(e.object, set()).add(e.subject)
    dist = {start: 0}
    todo = deque([start])
    held: list[str] = []
    while todo:
        n = todo.popleft()
        if dist[n] == hops:
            continue
        if n != start and n in stop:
            held.append(n)
            continue
        for m in sorted(adj.get(n, ())):
            if m not in dist:
                dist[m] = dist[n] + 1
                todo.append(m)
    left = {n: sum(1 for m in adj.get(n, ()) if m not in dist) for n in held}
    return dist, {n: k for n, k in left.items() if k}


def _stop_nodes(nodes: dict[str, GraphNode], edges: list[GraphEdge], styles: Styles) -> set[str]:
    deg = _degree(edges)
    no_expand = set(styles.focus.no_expand_classes)
    return {i for i, n in nodes.items()
            if no_expand & set(n.classes) or is_aggregate(n) or deg[i] > styles.focus.hub_degree}


def _held_note(held: dict[str, int], nodes: dict[str, GraphNode]) -> str:
    ranked = sorted(held.items(), key=lambda kv: (-kv[1], nodes[kv[0]].label))
    shown = ", ".join(f"{nodes[i].label} (+{k:,})" for i, k in ranked[:8])
    more = f" and {len(ranked) - 8} more" if len(ranked) > 8 else ""
    total = sum(held.values())
    return (f"Not followed: places, dataset aggregates and hubs are drawn but their own neighbours are left "
            f"out ({total:,} entities): {shown}{more}. Focus on one of them to see its neighbourhood.")


def _degree(edges: Iterable[GraphEdge]) -> Counter:
    deg: Counter = Counter()
    for e in edges:
        deg[e.subject] += 1
        deg[e.object] += 1
    return deg


def _fold(nodes: dict[str, GraphNode], edges: list[GraphEdge], styles: Styles,
          notes: list[str]) -> tuple[dict[str, GraphNode], list[GraphEdge]]:
    """Whole-graph pages leave out dataset placeholders and the relations styles.yaml folds, and
    the nodes that had no other relation; the page says so."""
    aggregates = sorted(i for i, n in nodes.items() if is_aggregate(n))
    folded = set(styles.folded_on_whole_graph)
    dropped = Counter(e.predicate for e in edges if e.predicate in folded)
    before = _degree(edges)
    agg = set(aggregates)
    kept = [e for e in edges if e.predicate not in folded and e.subject not in agg and e.object not in agg]
    after = _degree(kept)
    lonely = {i for i in nodes if before[i] and not after[i] and i not in agg}
    if dropped:
        what = ", ".join(f"{k:,} {p}" for p, k in sorted(dropped.items()))
        alone = f" and {len(lonely):,} entities with no other relation" if lonely else ""
        notes.append(f"Folded: {what} relations{alone}; focus and supply-chain pages draw them, "
                     "and --unfold draws them here.")
    if aggregates:
        names = ", ".join(sorted(nodes[i].label for i in aggregates))
        notes.append(f"Folded: dataset placeholders standing for many providers ({names}, "
                     f"{sum(before[i] for i in aggregates):,} relations).")
    nodes = {i: n for i, n in nodes.items() if i not in agg and i not in lonely}
    return nodes, kept


def select(view: GraphView, options: VizOptions, budget: int,
           node_iris: Iterable[str] | None = None, edge_keys: Iterable[EdgeKey] | None = None,
           styles: Styles | None = None) -> Selection:
    """Apply subset (a query result), edge filters, type filter, focus and budget, in that order."""
    styles = styles or load_styles()
    nodes = {n.iri: n for n in view.nodes()}
    all_nodes = dict(nodes)
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

    if focus is None and node_iris is None and not options.unfold:
        nodes, edges = _fold(nodes, edges, styles, notes)

    dist: dict[str, int] = {}
    if focus is not None:
        dist, held = _neighbourhood(focus, edges, options.hops, _stop_nodes(nodes, edges, styles))
        if held:
            notes.append(_held_note(held, nodes))
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
    reserve_nodes, reserve_edges = ((), ()) if node_iris is not None else reserve(view, all_nodes, nodes)
    return Selection(
        nodes=tuple(nodes[i] for i in sorted(nodes)),
        edges=tuple(sorted(edges, key=edge_key)),
        degree={i: final_deg[i] for i in sorted(nodes)},
        focus=focus, total_nodes=total, sampled=sampled, notes=tuple(notes),
        reserve_nodes=reserve_nodes, reserve_edges=reserve_edges,
    )


# A searched entity that is not drawn is added with at most this many of its relations (the
# best-connected neighbours first): enough to place it, without shipping the whole graph twice.
RESERVE_EDGES_PER_NODE = 5


def reserve(view: GraphView, all_nodes: dict[str, GraphNode],
            drawn: dict[str, GraphNode]) -> tuple[tuple[GraphNode, ...], tuple[GraphEdge, ...]]:
    """Every entity the page does not draw, and some of its relations: what the search box can add."""
    undrawn = {i: n for i, n in all_nodes.items() if i not in drawn}
    if not undrawn:
        return (), ()
    edges = view.edges()
    deg = _degree(edges)
    per: dict[str, list[GraphEdge]] = {}
    for e in edges:
        for end, other in ((e.subject, e.object), (e.object, e.subject)):
            if end in undrawn:
                per.setdefault(end, []).append(e)
    keep: dict[EdgeKey, GraphEdge] = {}
    for i in sorted(per):
        other = lambda e: e.object if e.subject == i else e.subject  # noqa: E731
        for e in sorted(per[i], key=lambda e: (-deg[other(e)], edge_key(e)))[:RESERVE_EDGES_PER_NODE]:
            keep[edge_key(e)] = e
    return tuple(undrawn[i] for i in sorted(undrawn)), tuple(keep[k] for k in sorted(keep))
