"""Node positions computed before the page opens, so the browser draws a settled picture at once.

igraph (C core) does the work: Fruchterman-Reingold with its grid approximation lays out 5,000
nodes in well under a second, where networkx's pure-Python/numpy spring layout takes tens of seconds
(or O(n^2) memory); Sugiyama layering orders the columns of flow pictures (supply chains, the ETO
stage/input graph) to cut edge crossings. igraph draws its random numbers from a Python RNG object,
so a seeded ``random.Random`` makes every layout reproducible and the pages byte-identical.
"""
from __future__ import annotations

import math
import random
from contextlib import contextmanager
from typing import Iterable, Iterator, Mapping, Sequence

import igraph

Point = tuple[float, float]

# Canvas units between two linked nodes in a force layout, and between columns/rows of a flow layout.
EDGE_LENGTH = 90.0
CORE_EDGE_LENGTH = 150.0
LEAF_DISTANCE = 45.0
COLUMN_GAP = 420.0
ROW_GAP = 64.0
# Rows of a fixed-column page (supply chains): every node there is labelled, so rows leave room for one.
COLUMN_ROW_GAP = 90.0
# A force layout smaller than this (canvas units) is spread out to it: a small page fills its canvas
# instead of opening as a clump in the middle at zoom 1.
MIN_EXTENT = (1000.0, 700.0)


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def _components(ids: Sequence[str], pairs: Iterable[tuple[str, str]],
                weights: Mapping[tuple[str, str], float] | None = None) -> tuple[list[list[int]], igraph.Graph]:
    index = {n: i for i, n in enumerate(ids)}
    strength: dict[tuple[int, int], float] = {}
    for a, b in pairs:
        if a != b:
            key = tuple(sorted((index[a], index[b])))
            w = (weights or {}).get((a, b), 1.0)
            strength[key] = max(strength.get(key, 0.0), w)
    edges = sorted(strength)
    g = igraph.Graph(n=len(ids), edges=edges)
    g.es["weight"] = [strength[k] for k in edges]
    comps = [sorted(c) for c in g.connected_components()]
    # Largest first, then by first member: a stable order for packing.
    comps.sort(key=lambda c: (-len(c), c[0]))
    return comps, g


def _normalise(coords: list[Point], g: igraph.Graph, length: float = EDGE_LENGTH) -> list[Point]:
    """Scale so that the median edge is ``length`` long, and centre on the origin."""
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in g.get_edgelist())
    median = lengths[len(lengths) // 2] if lengths else 0.0
    k = length / median if median > 1e-9 else 1.0
    cx = sum(x for x, _ in coords) / len(coords)
    cy = sum(y for _, y in coords) / len(coords)
    return [((x - cx) * k, (y - cy) * k) for x, y in coords]


def _component_layout(g: igraph.Graph) -> list[Point]:
    n = g.vcount()
    if n == 1:
        return [(0.0, 0.0)]
    if n == 2:
        return [(-EDGE_LENGTH / 2, 0.0), (EDGE_LENGTH / 2, 0.0)]
    # Leaves (one neighbour) are left out of the force layout and fanned round their neighbour
    # afterwards: laid out with the rest they crowd the well-connected core of the graph, where the
    # labelled hubs are, into a knot.
    deg = g.degree()
    core = [v for v in range(n) if deg[v] > 1]
    if len(core) < 3:
        core = list(range(n))
    sub = g.induced_subgraph(core)
    weights = sub.es["weight"] if "weight" in sub.es.attributes() else None
    # The start positions come from the seeded RNG (see _seeded); the grid variant keeps big graphs fast.
    layout = sub.layout_fruchterman_reingold(weights=weights, niter=500 if len(core) < 1000 else 300,
                                             grid=len(core) > 1000)
    pts = _normalise([tuple(p) for p in layout.coords], sub, CORE_EDGE_LENGTH)
    pos: dict[int, Point] = dict(zip(core, pts))
    _fan_leaves(g, pos)
    return [pos[v] for v in range(n)]


def _fan_leaves(g: igraph.Graph, pos: dict[int, Point]) -> None:
    """Place each leaf on an arc round its neighbour, on the side facing away from the centre."""
    leaves: dict[int, list[int]] = {}
    for v in range(g.vcount()):
        if v not in pos:
            (anchor,) = g.neighbors(v)[:1] or (v,)
            leaves.setdefault(anchor, []).append(v)
    cx = sum(x for x, _ in pos.values()) / len(pos)
    cy = sum(y for _, y in pos.values()) / len(pos)
    for anchor, members in sorted(leaves.items()):
        ax, ay = pos[anchor]
        out = math.atan2(ay - cy, ax - cx) if (ax, ay) != (cx, cy) else 0.0
        k = len(members)
        # Wider fans for more leaves, up to a full circle; rings grow with the count.
        spread = min(2 * math.pi, 0.5 + 0.35 * k)
        radius = LEAF_DISTANCE * (1 + k / 24)
        for j, v in enumerate(members):
            a = out + (spread * ((j + 0.5) / k - 0.5) if spread < 2 * math.pi else 2 * math.pi * j / k)
            pos[v] = (ax + radius * math.cos(a), ay + radius * math.sin(a))


def _pack(parts: list[list[Point]], aspect: float = 1.5) -> list[list[Point]]:
    """Shelf-pack laid-out components into rows, largest first, about ``aspect`` wide per unit high."""
    boxes = []
    for pts in parts:
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + EDGE_LENGTH, max(ys) - min(ys) + EDGE_LENGTH))
    area = sum(w * h for *_, w, h in boxes)
    width = max(max(w for *_, w, _h in boxes), math.sqrt(area * aspect))
    placed, x, y, row_h = [], 0.0, 0.0, 0.0
    for pts, (x0, y0, w, h) in zip(parts, boxes):
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        placed.append([(px - x0 + x, py - y0 + y) for px, py in pts])
        x += w
        row_h = max(row_h, h)
    return placed


def force_layout(ids: Sequence[str], pairs: Iterable[tuple[str, str]], seed: int = 7,
                 weights: Mapping[tuple[str, str], float] | None = None) -> dict[str, Point]:
    """Positions for ``ids`` linked by ``pairs`` (direction ignored): each connected component laid
    out on its own, then packed, so that small islands do not fly off and shrink the opening zoom.
    ``weights`` scales a pair's pull (default 1; the strongest of a pair's links counts)."""
    if not ids:
        return {}
    comps, whole = _components(ids, pairs, weights)
    with _seeded(seed):
        parts = [_component_layout(whole.induced_subgraph(c)) for c in comps]
    placed = _pack(parts)
    out: dict[str, Point] = {}
    for comp, pts in zip(comps, placed):
        for i, p in zip(comp, pts):
            out[ids[i]] = p
    return _centred(_spread(out))


def _spread(pos: dict[str, Point]) -> dict[str, Point]:
    if len(pos) < 3:
        return pos
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    k = min(MIN_EXTENT[0] / w if w else 1e9, MIN_EXTENT[1] / h if h else 1e9)
    if k <= 1 or k > 1e8:
        return pos
    return {n: (x * k, y * k) for n, (x, y) in pos.items()}


def flow_layout(ids: Sequence[str], links: Iterable[tuple[str, str]], columns: Mapping[str, int] | None = None,
                seed: int = 7) -> dict[str, Point]:
    """Left-to-right layered positions: every link points from a lower column to a higher one.

    ``columns`` fixes a node's column (a supply chain's tiers); otherwise igraph's Sugiyama layering
    places each node one column after its latest source. Within a column, Sugiyama orders nodes to
    cut crossings."""
    if not ids:
        return {}
    index = {n: i for i, n in enumerate(ids)}
    edges = sorted({(index[a], index[b]) for a, b in links if a != b and a in index and b in index})
    g = igraph.Graph(n=len(ids), edges=edges, directed=True)
    layers = None
    if columns is not None:
        low = min(columns[n] for n in ids)
        layers = [columns[n] - low for n in ids]
    with _seeded(seed):
        layout = g.layout_sugiyama(layers=layers, maxiter=100)
    # Sugiyama puts layers on y and orders within a layer on x: turn it to read left to right.
    coords = [tuple(p) for p in layout.coords[: len(ids)]]
    # Columns far enough apart that the picture is about as wide as a screen compared with its height.
    height = (max(c[0] for c in coords) - min(c[0] for c in coords)) * ROW_GAP
    n_cols = max(c[1] for c in coords) - min(c[1] for c in coords)
    gap = max(COLUMN_GAP, 1.4 * height / n_cols) if n_cols else COLUMN_GAP
    out = {n: (coords[i][1] * gap, coords[i][0] * ROW_GAP) for n, i in index.items()}
    return _centred(out)


def _centred(pos: dict[str, Point]) -> dict[str, Point]:
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    # Rounded: the positions go into the page, which must be byte-identical for the same graph.
    return {n: (round(x - cx, 1), round(y - cy, 1)) for n, (x, y) in pos.items()}


def columns_layout(rows: Mapping[str, int], group: Mapping[str, object]) -> dict[str, Point]:
    """Fixed columns (``rows`` maps node -> column, in row order); within a column, nodes of one
    ``group`` sit together with a gap between groups; each column centred on the middle row."""
    by_col: dict[int, list[str]] = {}
    for n, c in rows.items():
        by_col.setdefault(c, []).append(n)
    out: dict[str, Point] = {}
    for c, members in by_col.items():
        ys, y, prev = [], 0.0, None
        for n in members:
            if prev is not None:
                y += COLUMN_ROW_GAP * (2.0 if group.get(n) != prev else 1.0)
            ys.append(y)
            prev = group.get(n)
        mid = ys[-1] / 2
        for n, y in zip(members, ys):
            out[n] = (c * COLUMN_GAP, y - mid)
    return _centred(out)


def declutter_labels(pos: dict[str, Point], labels: Mapping[str, str], followers: Mapping[str, list[str]],
                     screen: tuple[float, float] = (1000.0, 800.0), label_px: float = 13.0,
                     rounds: int = 60) -> dict[str, Point]:
    """Move labelled nodes (``labels``: node -> text) apart until their labels, at the size they get
    at the zoom that fits the picture into ``screen`` pixels, no longer overlap. A moved node takes
    its ``followers`` (its leaves) along. Deterministic: pairs in a fixed order, fixed rounds."""
    pos = dict(pos)
    if len(labels) < 2:
        return pos
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    w, h = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    unit = label_px / min(screen[0] / w, screen[1] / h, 1.0)  # canvas units per label pixel-size

    def size(text: str) -> tuple[float, float]:
        chars = sum(1.0 if ord(c) > 0x2E80 else 0.58 for c in text)
        return chars * unit + unit * 0.6, unit * 1.5

    ids = sorted(labels)
    boxes = {i: size(labels[i]) for i in ids}
    for _ in range(rounds):
        moved = False
        for a_i, a in enumerate(ids):
            for b in ids[a_i + 1:]:
                (ax, ay), (bx, by) = pos[a], pos[b]
                # Labels sit under their node: compare boxes centred on the node, a little below.
                ox = (boxes[a][0] + boxes[b][0]) / 2 - abs(ax - bx)
                oy = (boxes[a][1] + boxes[b][1]) / 2 - abs(ay - by)
                if ox <= 0 or oy <= 0:
                    continue
                moved = True
                # Push along the axis that needs less movement, half each way.
                if oy <= ox:
                    d = (oy / 2 + 0.5) * (1 if by >= ay else -1)
                    shift = {a: (0.0, -d), b: (0.0, d)}
                else:
                    d = (ox / 2 + 0.5) * (1 if bx >= ax else -1)
                    shift = {a: (-d, 0.0), b: (d, 0.0)}
                for n, (dx, dy) in shift.items():
                    for m in (n, *followers.get(n, ())):
                        x, y = pos[m]
                        pos[m] = (x + dx, y + dy)
        if not moved:
            break
    return _centred(pos)
