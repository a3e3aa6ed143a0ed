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


def _row_entities(view: GraphView, result: QueryResult, bound: list[BoundParam]) -> list[set[str]]:
    """Per row, the entities it names (with the entity parameters, which every row is about)."""
    by_label: dict[str, list[str]] = {}
    for n in view.nodes():
        by_label.setdefault(n.label, []).append(n.iri)
    params = {str(b.value) for b in bound if b.type == "entity"}
    rows = []
    for row in result.rows:
        found = set(params)
        for cell in row:
            if isinstance(cell, str):
                if view.node(cell) is not None:
                    found.add(cell)
                elif len(by_label.get(cell, ())) == 1:
                    found.add(by_label[cell][0])
        rows.append(found)
    return rows


def result_page(view: GraphView, result: QueryResult, bound: list[BoundParam], options=None,
                query_name: str | None = None):
    """The page for a query result: its entities, and only the relations between entities one row
    names together (the answer's edges, not every edge among the answer's entities)."""
    from semikg.viz.options import VizOptions
    from semikg.viz.page import render_subgraph, ui_text

    nodes = result_nodes(view, result, bound)
    if not nodes:
        raise QueryError("the result names no entity of the graph, so there is nothing to draw")
    rows = _row_entities(view, result, bound)
    edges = [(e.subject, e.predicate, e.object) for e in view.edges()
             if e.asserted and any(e.subject in r and e.object in r for r in rows)]
    options = options or VizOptions()
    notes: tuple[str, ...] = ()
    if query_name is not None:
        words = ui_text()[options.lang]
        params = ", ".join(f"{b.name}={b.label or b.value}" for b in bound)
        if not options.title:
            options = options.model_copy(update={"title": words["query_title"].format(name=query_name)})
        notes = (words["query_note"].format(
            name=query_name, params=f" ({params})" if params else "", rows=len(result.rows),
            row_word=words["row_one"] if len(result.rows) == 1 else words["row_many"]),)
    return render_subgraph(view, nodes, edges, options, notes=notes)


def write_result_html(view: GraphView, result: QueryResult, bound: list[BoundParam], path: str | Path,
                      options=None, query_name: str | None = None) -> Path:
    from semikg.viz.page import write_page

    return write_page(result_page(view, result, bound, options, query_name), path)
