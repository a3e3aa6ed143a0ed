"""A firm's supply chain: supplier tiers left of it, customer tiers right of it.

Supply relations are the `supply` family of viz/styles.yaml, read supplier -> customer (a relation
marked `reverse`, customerOf, is turned round). Tier k upstream holds the firms k supply steps before
the firm; tier k downstream those k steps after it. A firm reached both ways stays in its nearer tier
(upstream on a tie). Within a column, firms are grouped by what they do (equipment, materials, EDA,
foundry, packaging...), the way a stage flow reads.
"""
from __future__ import annotations

from collections import deque

from semikg.graph.resolve import NameIndex
from semikg.graph.view import GraphEdge, GraphView
from semikg.errors import EntityNotFound
from semikg.viz.options import VizOptions
from semikg.viz.select import Selection, VizError, edge_key, reserve
from semikg.viz.styles import Styles

# What a firm does, most telling role first: groups a column into bands.
ROLE_ORDER = ("EDAProvider", "MaterialsSupplier", "EquipmentMaker", "Foundry", "MemoryMaker", "IDM", "OSAT",
              "FablessCompany", "DeviceMaker", "CloudAIProvider", "Company")


def supply_pairs(edges: list[GraphEdge], styles: Styles) -> list[tuple[str, str, GraphEdge]]:
    """(supplier, customer, edge) for every supply-family edge."""
    out = []
    for e in edges:
        if styles.edges.family_of(e.predicate) != "supply":
            continue
        s, c = (e.object, e.subject) if styles.edges.reversed(e.predicate) else (e.subject, e.object)
        out.append((s, c, e))
    return out


def _tiers(firm: str, pairs: list[tuple[str, str, GraphEdge]], depth: int) -> dict[str, int]:
    up: dict[str, set[str]] = {}
    down: dict[str, set[str]] = {}
    for s, c, _e in pairs:
        up.setdefault(c, set()).add(s)
        down.setdefault(s, set()).add(c)
    tier = {firm: 0}
    # Breadth first both ways at once, upstream first at each distance, so that ties go upstream.
    frontier = deque([(firm, 0, -1), (firm, 0, 1)])
    while frontier:
        n, d, way = frontier.popleft()
        if d == depth:
            continue
        for m in sorted((up if way < 0 else down).get(n, ())):
            if m not in tier:
                tier[m] = way * (d + 1)
                frontier.append((m, d + 1, way))
    return tier


def _role(classes: tuple[str, ...]) -> int:
    return next((i for i, r in enumerate(ROLE_ORDER) if r in classes), len(ROLE_ORDER))


def select_supply_chain(view: GraphView, options: VizOptions, styles: Styles) -> Selection:
    nodes = {n.iri: n for n in view.nodes()}
    firm = NameIndex(view.graph).resolve(options.supply_chain or "").iri
    if firm not in nodes:
        raise EntityNotFound(f"{options.supply_chain!r} is not among the entities of this graph")
    edges = [e for e in view.edges() if e.confidence >= options.min_confidence]
    pairs = supply_pairs(edges, styles)
    tier = _tiers(firm, pairs, options.tiers)
    if len(tier) == 1:
        raise VizError(f"{nodes[firm].label} has no supply relation (supplies, customerOf, fabricatesFor) "
                       "in this graph")
    kept = {edge_key(e): e for s, c, e in pairs if s in tier and c in tier
            # Only links that run left to right (or within a column): a back link would cross the page.
            and tier[s] <= tier[c]}
    back = sum(1 for s, c, _e in pairs if s in tier and c in tier and tier[s] > tier[c])
    chosen = {i: nodes[i] for i in tier}
    deg: dict[str, int] = {i: 0 for i in chosen}
    for e in kept.values():
        deg[e.subject] += 1
        deg[e.object] += 1
    ups, downs = sum(1 for t in tier.values() if t < 0), sum(1 for t in tier.values() if t > 0)
    notes = [f"Supply chain of {nodes[firm].label}: {_count(ups, 'supplier')} in "
             f"{_count(-min(tier.values()), 'tier')} on the left, {_count(downs, 'customer')} in "
             f"{_count(max(tier.values()), 'tier')} on the right; only supply relations are drawn."]
    if back:
        notes.append(f"{back} supply relation(s) running back against the tiers (a customer also supplying an "
                     "upstream firm) are not drawn.")
    # Rows: a column's firms grouped by role, then by name, so that like firms sit together.
    order = sorted(tier, key=lambda i: (tier[i], _role(nodes[i].classes), nodes[i].label.lower(), i))
    columns = {i: tier[i] for i in order}
    low, high = min(tier.values()), max(tier.values())
    headings = tuple((t, _heading(t)) for t in range(low, high + 1))
    provides: dict[str, list[str]] = {}
    for e in view.edges():
        if e.predicate == "providesInput" and e.subject in chosen:
            provides.setdefault(e.subject, []).append(nodes[e.object].label)
    node_notes = {i: "provides (dataset): " + ", ".join(sorted(v)[:8]) + (" …" if len(v) > 8 else "")
                  for i, v in sorted(provides.items())}
    reserve_nodes, reserve_edges = reserve(view, nodes, chosen)
    return Selection(
        nodes=tuple(chosen[i] for i in sorted(chosen)),
        edges=tuple(sorted(kept.values(), key=edge_key)),
        degree={i: deg[i] for i in sorted(chosen)},
        focus=firm, total_nodes=len(chosen), notes=tuple(notes), flow=True, columns=columns,
        groups={i: _role(nodes[i].classes) for i in order},
        headings=headings, reserve_nodes=reserve_nodes, reserve_edges=reserve_edges, node_notes=node_notes,
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _heading(t: int) -> str:
    """A heading key of viz/ui_text.yaml with its tier number."""
    if t == 0:
        return "sc_firm"
    return f"sc_up:{-t}" if t < 0 else f"sc_down:{t}"
