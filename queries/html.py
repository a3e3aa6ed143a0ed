"""Draw a query result as an interactive graph: the entities its cells name, and the edges among them."""
from __future__ import annotations

from pathlib import Path

from semikg.errors import QueryError
from semikg.graph.view import GraphView
from semikg.queries.params import BoundParam
from semikg.queries.result import QueryResult


def result_nodes(view: GraphView, result: QueryResult, bound: list[BoundParam] = ()) -> list[str]:
    """Entity IRIs named by the result: cells holding an IRI or an unambiguous canonical name."""
    by_label: dict[str, list[str]] = {}
    for n in view.nodes():
        by_label.setdefault(n.label, []).append(n.iri)
    found: dict[str, None] = {}
    for b in bound:
        if b.type == "entity":
            found.setdefault(str(b.value), None)
    for row in result.rows:
        for cell in row:
            if not isinstance(cell, str):
                continue
            if view.node(cell) is not None:
                found.setdefault(cell, None)
            elif len(by_label.get(cell, ())) == 1:
                found.setdefault(by_label[cell][0], None)
    return sorted(found)


def result_page(view: GraphView, result: QueryResult, bound: list[BoundParam], options=None):
    """The page for a query result: its entities and the stated edges among them."""
    from semikg.viz.page import render_subgraph

    nodes = result_nodes(view, result, bound)
    if not nodes:
        raise QueryError("the result names no entity of the graph, so there is nothing to draw")
    keep = set(nodes)
    edges = [(e.subject, e.predicate, e.object) for e in view.edges()
             if e.asserted and e.subject in keep and e.object in keep]
    return render_subgraph(view, nodes, edges, options)


def write_result_html(view: GraphView, result: QueryResult, bound: list[BoundParam], path: str | Path,
                      options=None) -> Path:
    from semikg.viz.page import write_page

    return write_page(result_page(view, result, bound, options), path)
