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
COLUMN_GAP = 420.0
ROW_GAP = 64.0
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


def _components(ids: Sequence[str], pairs: Iterable[tuple[str, str]]) -> tuple[list[list[int]], igraph.Graph]:
    index = {n: i for i, n in enumerate(ids)}
    g = igraph.Graph(n=len(ids), edges=sorted({tuple(sorted((index[a], index[b]))) for a, b in pairs if a != b}))
    comps = [sorted(c) for c in g.connected_components()]
    # Largest first, then by first member: a stable order for packing.
    comps.sort(key=lambda c: (-len(c), c[0]))
    return comps, g


def _normalise(coords: list[Point], g: igraph.Graph) -> list[Point]:
    """Scale so that the median edge is EDGE_LENGTH long, and centre on the origin."""
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in g.get_edgelist())
    median = lengths[len(lengths) // 2] if lengths else 0.0
    k = EDGE_LENGTH / median if median > 1e-9 else 1.0
    cx = sum(x for x, _ in coords) / len(coords)
    cy = sum(y for _, y in coords) / len(coords)
    return [((x - cx) * k, (y - cy) * k) for x, y in coords]


def _component_layout(g: igraph.Graph) -> list[Point]:
    n = g.vcount()
    if n == 1:
        return [(0.0, 0.0)]
    if n == 2:
        return [(-EDGE_LENGTH / 2, 0.0), (EDGE_LENGTH / 2, 0.0)]
    # The start positions come from the seeded RNG (see _seeded); the grid variant keeps big graphs fast.
    layout = g.layout_fruchterman_reingold(niter=500 if n < 1000 else 300, grid=n > 1000)
    return _normalise([tuple(p) for p in layout.coords], g)


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


def force_layout(ids: Sequence[str], pairs: Iterable[tuple[str, str]], seed: int = 7) -> dict[str, Point]:
    """Positions for ``ids`` linked by ``pairs`` (direction ignored): each connected component laid
    out on its own, then packed, so that small islands do not fly off and shrink the opening zoom."""
    if not ids:
        return {}
    comps, whole = _components(ids, pairs)
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
                y += ROW_GAP * (1.8 if group.get(n) != prev else 1.0)
            ys.append(y)
            prev = group.get(n)
        mid = ys[-1] / 2
        for n, y in zip(members, ys):
            out[n] = (c * COLUMN_GAP, y - mid)
    return _centred(out)
