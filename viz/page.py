"""Selection -> one self-contained HTML page (pyvis Network for the data, our own offline template)."""
from __future__ import annotations

import copy
import math
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml
from jinja2 import Environment, select_autoescape
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict
from pyvis.network import Network

from semikg.fsutil import write_text_atomic
from semikg.graph.view import GraphEdge, GraphNode, GraphView
from semikg.ontology import SYMMETRIC
from semikg.loaders.normalise import to_simplified, to_traditional
from semikg.viz.options import VizOptions
from semikg.viz.search_keys import search_keys
from semikg.viz.safejson import script_safe_json
from semikg.viz.select import EdgeKey, Selection, select
from semikg.viz.styles import Styles, asset_text, load_styles

VIS_JS = "vendor/vis-network-9.1.2.min.js"
VIS_CSS = "vendor/vis-network-9.1.2.css"


class VizPage(BaseModel):
    """A rendered page and what it shows."""

    model_config = ConfigDict(frozen=True)

    html: str
    nodes: int
    edges: int
    total_nodes: int
    sampled: bool
    notes: tuple[str, ...]
    focus: str | None = None


@lru_cache(maxsize=1)
def ui_text() -> dict[str, dict[str, str]]:
    return yaml.safe_load(asset_text("ui_text.yaml"))


@lru_cache(maxsize=1)
def _template():
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True),
                      keep_trailing_newline=True)
    return env.from_string(asset_text("page.html"))


@lru_cache(maxsize=None)
def _inline(name: str, closing: str) -> Markup:
    text = asset_text(name)
    # An asset containing its own closing tag would end the element early and break the page.
    if closing in text.lower():
        raise RuntimeError(f"{name} contains {closing!r} and cannot be inlined")
    return Markup(text)


def display_name(node: GraphNode, lang: str) -> str:
    pref = node.pref_labels
    if lang == "zh-Hans":
        return pref.get("zh-Hans") or (to_simplified(pref["zh-Hant"]) if "zh-Hant" in pref else node.label)
    if lang == "zh-Hant":
        return pref.get("zh-Hant") or (to_traditional(pref["zh-Hans"]) if "zh-Hans" in pref else node.label)
    return pref.get("en") or node.label


def _size(degree: int, max_degree: int, styles: Styles) -> float:
    lo, hi = styles.node_size.min, styles.node_size.max
    if max_degree <= 0:
        return lo
    return round(lo + (hi - lo) * math.sqrt(degree / max_degree), 2)


def _evidence(edge: GraphEdge) -> list[dict]:
    return [{
        "quote": ev.quote or "",
        "source": ev.source_kind,
        "file": ev.article_file or "",
        "article": ev.article_title or "",
        "article_iri": ev.source,
        "confidence": round(ev.confidence, 3),
        "status": ev.status.value,
        "rule": ev.rule,
    } for ev in edge.evidence]


def _edge_title(edge: GraphEdge, names: dict[str, str]) -> str:
    lines = [f"{names[edge.subject]} —{edge.predicate}→ {names[edge.object]}",
             f"{edge.status.value}, confidence {edge.confidence:.2f}"]
    quotes = [ev.quote for ev in edge.evidence if ev.quote]
    if quotes:
        q = quotes[0]
        lines.append(f"“{q[:160]}{'…' if len(q) > 160 else ''}”")
    return "\n".join(lines)


def _network(sel: Selection, lang: str, styles: Styles) -> Network:
    """The pyvis Network holding every node and edge with its display and detail attributes."""
    net = Network(directed=True, cdn_resources="remote")
    names = {n.iri: display_name(n, lang) for n in sel.nodes}
    max_deg = max(sel.degree.values(), default=0)
    for n in sel.nodes:
        style = styles.for_class(n.core_class)
        aliases = sorted(set(n.aliases) | {n.label} - {names[n.iri]})
        title = "\n".join([names[n.iri], ", ".join(n.classes) or n.core_class,
                           *([" · ".join(aliases[:8])] if aliases else [])])
        net.add_node(n.iri, label=names[n.iri], shape=style.shape, color=style.color,
                     size=_size(sel.degree[n.iri], max_deg, styles), title=title,
                     cls=n.core_class, classes=list(n.classes), aliases=aliases,
                     search=list(search_keys(n)), degree=sel.degree[n.iri], origin=n.origin or "")
    dashes = list(styles.edges.hedged_dashes)
    parallel: dict[frozenset, int] = {}
    for i, e in enumerate(sel.edges):
        color = styles.edges.color_for(e.predicate)
        # Only the first edge of a node pair pulls in the layout (several springs between the same two
        # nodes crush them together); later ones are drawn as arcs so they stay distinguishable.
        pair = frozenset((e.subject, e.object))
        k = parallel[pair] = parallel.get(pair, -1) + 1
        extra = {} if k == 0 else {"physics": False,
                                   "smooth": {"enabled": True, "type": "curvedCW", "roundness": round(0.2 * k, 2)}}
        net.add_edge(e.subject, e.object, id=f"e{i}", pred=e.predicate, status=e.status.value,
                     asserted=e.asserted, conf=round(e.confidence, 3), ev=_evidence(e),
                     dashes=False if e.asserted else dashes,
                     color={"color": color, "highlight": styles.edges.highlight},
                     width=styles.edges.width, title=_edge_title(e, names),
                     arrows="" if e.predicate in SYMMETRIC else "to", **extra)
    options = copy.deepcopy(styles.network)
    options.setdefault("layout", {})["improvedLayout"] = len(sel.nodes) <= styles.improved_layout_max_nodes
    if len(sel.nodes) >= styles.large_graph.min_nodes:
        stab = options.setdefault("physics", {}).setdefault("stabilization", {})
        stab["iterations"] = styles.large_graph.stabilization_iterations
    net.options = options
    return net


def _legend(sel: Selection, lang: str, styles: Styles) -> tuple[list[dict], list[dict]]:
    classes: dict[str, int] = {}
    for n in sel.nodes:
        classes[n.core_class] = classes.get(n.core_class, 0) + 1
    preds: dict[str, int] = {}
    for e in sel.edges:
        preds[e.predicate] = preds.get(e.predicate, 0) + 1
    return (
        [{"name": c, "label": styles.for_class(c).legend_label(lang), "color": styles.for_class(c).color,
          "shape": styles.for_class(c).shape, "count": k} for c, k in sorted(classes.items())],
        [{"name": p, "color": styles.edges.color_for(p), "count": k} for p, k in sorted(preds.items())],
    )


def page_from_selection(sel: Selection, options: VizOptions, styles: Styles | None = None) -> VizPage:
    styles = styles or load_styles()
    lang = options.lang
    words = ui_text()[lang]
    net = _network(sel, lang, styles)
    nodes, edges, _heading, _h, _w, _opts = net.get_network_data()
    focus_name = next((display_name(n, lang) for n in sel.nodes if n.iri == sel.focus), None)
    if options.title:
        title = options.title
    elif focus_name is not None:
        title = words["focus_title"].format(name=focus_name, hops=options.hops)
    else:
        title = words["default_title"]
    class_legend, pred_legend = _legend(sel, lang, styles)
    data = {"nodes": nodes, "edges": edges, "options": net.options, "focus": sel.focus,
            "ui": {k: v for k, v in words.items() if k.startswith("f_") or k == "not_found"}}
    html = _template().render(
        lang=lang, title=title, words=words, notes=sel.notes,
        counts=words["counts"].format(nodes=len(nodes), edges=len(edges)),
        classes=class_legend, predicates=pred_legend,
        data_json=Markup(script_safe_json(data)),
        vis_css=_inline(VIS_CSS, "</style"), page_css=_inline("page.css", "</style"),
        vis_js=_inline(VIS_JS, "</script"), page_js=_inline("page.js", "</script"),
    )
    return VizPage(html=html, nodes=len(nodes), edges=len(edges), total_nodes=sel.total_nodes,
                   sampled=sel.sampled, notes=sel.notes, focus=sel.focus)


def render(view: GraphView, options: VizOptions | None = None) -> VizPage:
    """The whole graph (or the focus neighbourhood) filtered by ``options``."""
    return render_subgraph(view, None, None, options)


def render_subgraph(view: GraphView, node_iris: Iterable[str] | None, edge_keys: Iterable[EdgeKey] | None,
                    options: VizOptions | None = None) -> VizPage:
    """Only the given nodes / (subject, predicate, object) edges: how a query result is drawn."""
    options = options or VizOptions()
    styles = load_styles()
    budget = options.node_budget or styles.default_node_budget
    sel = select(view, options, budget, node_iris=node_iris, edge_keys=edge_keys)
    return page_from_selection(sel, options, styles)


def write_page(page: VizPage, path: str | Path) -> Path:
    target = Path(path)
    write_text_atomic(target, page.html)
    return target
