"""Selection -> one self-contained HTML page (pyvis Network for the data, our own offline template)."""
from __future__ import annotations

import copy
import math
import re
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
from semikg.viz.layout import columns_layout, declutter_labels, flow_layout, force_layout
from semikg.viz.select import EdgeKey, Selection, VizError, is_aggregate, select
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


# A dataset's citation is a markdown link, "[CSET](https://...)": shown as its text with a link.
_MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")


def _citation(quote: str) -> tuple[str, str, str]:
    """(quote, citation text, citation URL) of an evidence text: a text made only of markdown links
    is a citation, not a quote."""
    links = _MD_LINK.findall(quote)
    if links and not _MD_LINK.sub("", quote).strip(" ;,.\n"):
        return "", "; ".join(t for t, _u in links), links[0][1]
    return quote, "", ""


def _evidence(edge: GraphEdge, limit: int | None = None) -> list[dict]:
    out = []
    for ev in edge.evidence[:limit]:
        quote, cite, url = _citation(ev.quote or "")
        out.append({
            "quote": quote, "cite": cite, "url": url,
            "source": ev.source_kind,
            "file": ev.article_file or "",
            "article": ev.article_title or "",
            "article_iri": ev.source,
            "confidence": round(ev.confidence, 3),
            "status": ev.status.value,
            "rule": ev.rule,
        })
    return out


def _edge_title(edge: GraphEdge, names: dict[str, str], lang: str, styles: Styles) -> str:
    pred = styles.edges.label_for(edge.predicate, lang)
    if styles.edges.reversed(edge.predicate):
        head = f"{names[edge.object]} → {names[edge.subject]}  ({names[edge.subject]}: {pred} {names[edge.object]})"
    else:
        head = f"{names[edge.subject]} —{pred}→ {names[edge.object]}"
    lines = [head, f"{edge.status.value}, confidence {edge.confidence:.2f}"]
    quote, cite, _url = _citation(next((ev.quote for ev in edge.evidence if ev.quote), ""))
    if quote:
        lines.append(f"“{quote[:200]}{'…' if len(quote) > 200 else ''}”")
    elif cite:
        lines.append(cite)
    return "\n".join(lines)


def _positions(sel: Selection, options: VizOptions, styles: Styles) -> dict[str, tuple[float, float]]:
    ids = [n.iri for n in sel.nodes]
    if sel.columns is not None:
        return columns_layout(sel.columns, sel.groups or {})
    flow = options.layout == "flow" or (options.layout == "auto" and (sel.flow or all(
        n.core_class in ("SupplyInput", "Stage") for n in sel.nodes)))
    if flow:
        links = []
        for e in sel.edges:
            fam = styles.edges.family_of(e.predicate)
            if fam in ("supply", "flow", "inputs"):
                rev = styles.edges.reversed(e.predicate)
                links.append((e.object, e.subject) if rev else (e.subject, e.object))
        return flow_layout(ids, links, seed=styles.layout_seed)
    pull = {(e.subject, e.object): styles.edges.families[fam].pull
            for e in sel.edges if (fam := styles.edges.family_of(e.predicate))}
    return force_layout(ids, [(e.subject, e.object) for e in sel.edges], seed=styles.layout_seed, weights=pull)


def _declutter(sel: Selection, pos: dict, hubs: set[str], names: dict[str, str], styles: Styles) -> dict:
    """Hubs' labels apart at the opening zoom; each hub moves with the leaves fanned round it."""
    followers: dict[str, list[str]] = {}
    for e in sel.edges:
        for leaf, anchor in ((e.subject, e.object), (e.object, e.subject)):
            if sel.degree[leaf] == 1 and anchor in hubs and leaf not in hubs:
                followers.setdefault(anchor, []).append(leaf)
    return declutter_labels(pos, {h: names[h] for h in hubs}, followers, label_px=styles.labels.hub_px)


def _hubs(sel: Selection, styles: Styles) -> set[str]:
    """The nodes labelled at the opening zoom: the focus and its neighbours first, then the best-connected."""
    near = {sel.focus} if sel.focus else set()
    for e in sel.edges:
        if sel.focus in (e.subject, e.object):
            near |= {e.subject, e.object}
    ranked = sorted(sel.nodes, key=lambda n: (n.iri != sel.focus, n.iri not in near, -sel.degree[n.iri], n.iri))
    return {n.iri for n in ranked[:styles.labels.budget]}


def _node_record(n: GraphNode, name: str, degree: int, max_deg: int, styles: Styles) -> dict:
    aggregate = is_aggregate(n)
    style = styles.aggregate_class if aggregate else styles.for_class(n.core_class)
    aliases = sorted(set(n.aliases) | {n.label} - {name})
    title = "\n".join([name, ", ".join(n.classes) or n.core_class,
                       *([" · ".join(aliases[:8])] if aliases else [])])
    rec = {"label": name, "shape": style.shape, "color": style.color,
           "size": _size(degree, max_deg, styles), "title": title,
           "cls": "_aggregate" if aggregate else n.core_class, "classes": list(n.classes), "aliases": aliases,
           "search": list(search_keys(n)), "degree": degree, "origin": n.origin or ""}
    if aggregate:
        rec["shapeProperties"] = {"borderDashes": [4, 3]}
        rec["color"] = {"background": style.color, "border": "#777777"}
    return rec


def _network(sel: Selection, options: VizOptions, styles: Styles) -> Network:
    """The pyvis Network holding every node and edge with its display and detail attributes."""
    lang = options.lang
    net = Network(directed=True, cdn_resources="remote")
    names = {n.iri: display_name(n, lang) for n in sel.nodes}
    max_deg = max(sel.degree.values(), default=0)
    pos = _positions(sel, options, styles)
    hubs = _hubs(sel, styles)
    if sel.columns is None:
        pos = _declutter(sel, pos, hubs, names, styles)
    for n in sel.nodes:
        rec = _node_record(n, names[n.iri], sel.degree[n.iri], max_deg, styles)
        if n.iri in sel.node_notes:
            rec["title"] += "\n" + sel.node_notes[n.iri]
        x, y = pos[n.iri]
        extra = {}
        if n.iri == sel.focus:
            # Marked, not selected: a selected node paints all its edges in the highlight colour.
            extra = {"borderWidth": 4, "color": {"background": rec["color"] if isinstance(rec["color"], str)
                                                 else rec["color"]["background"], "border": "#111111"},
                     "font": {"bold": True}}
        net.add_node(n.iri, x=x, y=y, hub=n.iri in hubs, **{**rec, **extra})
    _add_headings(net, sel, pos, options, names)
    dashes = list(styles.edges.hedged_dashes)
    parallel: dict[frozenset, int] = {}
    for i, e in enumerate(sel.edges):
        pair = frozenset((e.subject, e.object))
        k = parallel[pair] = parallel.get(pair, -1) + 1
        extra = {} if k == 0 else {"smooth": {"enabled": True, "type": "curvedCW", "roundness": round(0.2 * k, 2)}}
        net.add_edge(*_ends(e, styles), **_edge_record(e, f"e{i}", names, lang, styles, dashes), **extra)
    options = copy.deepcopy(styles.network)
    # Applied to every label whatever its size source: hidden under the threshold, capped above max_px.
    options.setdefault("nodes", {})["scaling"] = {"label": {
        "enabled": False, "drawThreshold": styles.labels.draw_threshold, "maxVisible": styles.labels.max_px}}
    net.options = options
    return net


def _ends(e: GraphEdge, styles: Styles) -> tuple[str, str]:
    """Drawn from -> to: a `reverse` relation (customerOf) is drawn supplier -> customer."""
    return (e.object, e.subject) if styles.edges.reversed(e.predicate) else (e.subject, e.object)


def _edge_record(e: GraphEdge, edge_id: str, names: dict[str, str], lang: str, styles: Styles,
                 dashes: list[int], evidence_limit: int | None = None) -> dict:
    return {"id": edge_id, "pred": e.predicate, "predLabel": styles.edges.label_for(e.predicate, lang),
            "family": styles.edges.family_of(e.predicate) or "", "subj": e.subject, "obj": e.object,
            "status": e.status.value, "asserted": e.asserted, "conf": round(e.confidence, 3),
            "ev": _evidence(e, evidence_limit), "dashes": False if e.asserted else dashes,
            "color": {"color": styles.edges.color_for(e.predicate), "highlight": styles.edges.highlight,
                      "hover": styles.edges.highlight},
            "width": styles.edges.width_for(e.predicate), "title": _edge_title(e, names, lang, styles),
            "arrows": "" if e.predicate in SYMMETRIC else "to"}


def _add_headings(net: Network, sel: Selection, pos: dict, options: VizOptions, names: dict[str, str]) -> None:
    """Column headings of a supply-chain page, drawn above each column as text."""
    if not sel.headings:
        return
    words = ui_text()[options.lang]
    from semikg.viz.supply_chain import ROLE_ORDER

    top = min(y for _x, y in pos.values()) - 110
    xs = {sel.columns[i]: pos[i][0] for i in sel.columns}

    def text_node(node_id: str, text: str, x: float, y: float, size: int) -> None:
        net.add_node(node_id, label=text, shape="text", x=x, y=round(y, 1), cls="_heading", heading=True,
                     hub=True, font={"size": size, "bold": True}, search=[], degree=0, classes=[], aliases=[],
                     origin="")

    for col, key in sel.headings:
        if col not in xs:
            continue
        kind, _, num = key.partition(":")
        text_node(f"_heading:{col}", names[sel.focus] if kind == "sc_firm" else words[kind].format(n=num),
                  xs[col], top, 16)
    # Within a column, a small heading over each group of like firms (equipment, materials...).
    seen: set[tuple[int, int]] = set()
    for i, col in sel.columns.items():
        group = (sel.groups or {}).get(i)
        if group is None or col == 0 or (col, group) in seen:
            continue
        seen.add((col, group))
        role = ROLE_ORDER[group] if group < len(ROLE_ORDER) else "Other"
        text_node(f"_group:{col}:{group}", words[f"role_{role}"], pos[i][0], pos[i][1] - 48, 12)


def _legend(sel: Selection, lang: str, styles: Styles) -> tuple[list[dict], list[dict]]:
    classes: dict[str, int] = {}
    for n in sel.nodes:
        c = "_aggregate" if is_aggregate(n) else n.core_class
        classes[c] = classes.get(c, 0) + 1
    preds: dict[str, int] = {}
    for e in sel.edges:
        preds[e.predicate] = preds.get(e.predicate, 0) + 1

    def cstyle(c):
        return styles.aggregate_class if c == "_aggregate" else styles.for_class(c)

    fam_order = list(styles.edges.families)
    return (
        [{"name": c, "label": cstyle(c).legend_label(lang), "color": cstyle(c).color,
          "shape": cstyle(c).shape, "count": k} for c, k in sorted(classes.items())],
        [{"name": p, "label": styles.edges.label_for(p, lang), "color": styles.edges.color_for(p), "count": k,
          "family": styles.edges.family_of(p) or ""}
         for p, k in sorted(preds.items(), key=lambda kv: (
             fam_order.index(styles.edges.family_of(kv[0])) if styles.edges.family_of(kv[0]) else 99, kv[0]))],
    )


def _reserve(sel: Selection, options: VizOptions, styles: Styles) -> dict:
    """Entities not drawn and some of their relations, as compact rows (the page may be sampled from a
    graph ten times its size): the search box turns them into nodes and edges on demand."""
    lang = options.lang
    names = {n.iri: display_name(n, lang) for n in (*sel.nodes, *sel.reserve_nodes)}
    deg: dict[str, int] = {}
    for e in sel.reserve_edges:
        deg[e.subject] = deg.get(e.subject, 0) + 1
        deg[e.object] = deg.get(e.object, 0) + 1
    max_deg = max(sel.degree.values(), default=0)
    nodes = []
    for n in sel.reserve_nodes:
        rec = _node_record(n, names[n.iri], deg.get(n.iri, 0), max_deg, styles)
        nodes.append([n.iri, rec["label"], rec["cls"], rec["color"], rec["shape"], rec["size"], rec["search"],
                      rec["degree"], rec["classes"], rec["aliases"][:8], rec["origin"]])
    # Ends as indexes into `ids` (reserve nodes first, then the drawn ones): IRIs are long.
    ids = [n.iri for n in sel.reserve_nodes] + [n.iri for n in sel.nodes]
    at = {iri: i for i, iri in enumerate(ids)}
    edges = []
    for e in sel.reserve_edges:
        frm, to = _ends(e, styles)
        quote, cite, url = _citation(next((ev.quote for ev in e.evidence if ev.quote), ""))
        ev = e.evidence[0] if e.evidence else None
        edges.append([at[frm], at[to], e.predicate, int(frm != e.subject), e.status.value, e.asserted,
                      round(e.confidence, 3),
                      quote[:160], cite, url, ev.source_kind if ev else "", (ev.article_file or "") if ev else ""])
    preds = {p: {"label": styles.edges.label_for(p, lang), "color": styles.edges.color_for(p),
                 "width": styles.edges.width_for(p), "symmetric": p in SYMMETRIC}
             for p in sorted({e.predicate for e in sel.reserve_edges})}
    return {"nodes": nodes, "ids": ids, "edges": edges, "predicates": preds, "dashes": list(styles.edges.hedged_dashes),
            "highlight": styles.edges.highlight}


def _title(sel: Selection, options: VizOptions, words: dict[str, str]) -> str:
    if options.title:
        return options.title
    focus = next((n for n in sel.nodes if n.iri == sel.focus), None)
    if focus is None:
        return words["default_title"]
    name = display_name(focus, options.lang)
    if options.supply_chain:
        return words["supply_chain_title"].format(name=name)
    hops = words["hop_one"] if options.hops == 1 else words["hop_many"]
    return words["focus_title"].format(name=name, hops=options.hops, hop_word=hops)


def page_from_selection(sel: Selection, options: VizOptions, styles: Styles | None = None,
                        notes: tuple[str, ...] = ()) -> VizPage:
    styles = styles or load_styles()
    lang = options.lang
    words = ui_text()[lang]
    net = _network(sel, options, styles)
    nodes, edges, _heading, _h, _w, _opts = net.get_network_data()
    entity_nodes = [n for n in nodes if not n.get("heading")]
    class_legend, pred_legend = _legend(sel, lang, styles)
    labels = styles.labels
    data = {"nodes": nodes, "edges": edges, "options": net.options, "focus": sel.focus,
            "labels": labels.model_dump(), "reserve": _reserve(sel, options, styles),
            "ui": {k: v for k, v in words.items() if k.startswith(("f_", "s_")) or k == "not_found"}}
    all_notes = (*notes, *sel.notes)
    html = _template().render(
        lang=lang, title=_title(sel, options, words), words=words, notes=all_notes,
        counts=words["counts"].format(nodes=len(entity_nodes), edges=len(edges)),
        classes=class_legend, predicates=pred_legend,
        data_json=Markup(script_safe_json(data)),
        vis_css=_inline(VIS_CSS, "</style"), page_css=_inline("page.css", "</style"),
        vis_js=_inline(VIS_JS, "</script"), page_js=_inline("page.js", "</script"),
    )
    return VizPage(html=html, nodes=len(entity_nodes), edges=len(edges), total_nodes=sel.total_nodes,
                   sampled=sel.sampled, notes=all_notes, focus=sel.focus)


def render(view: GraphView, options: VizOptions | None = None) -> VizPage:
    """The whole graph (or the focus neighbourhood) filtered by ``options``."""
    return render_subgraph(view, None, None, options)


def render_subgraph(view: GraphView, node_iris: Iterable[str] | None, edge_keys: Iterable[EdgeKey] | None,
                    options: VizOptions | None = None, notes: tuple[str, ...] = ()) -> VizPage:
    """Only the given nodes / (subject, predicate, object) edges: how a query result is drawn."""
    options = options or VizOptions()
    styles = load_styles()
    if options.supply_chain:
        from semikg.viz.supply_chain import select_supply_chain

        if node_iris is not None or options.focus:
            raise VizError("a supply-chain view draws the whole graph's supply relations: "
                           "it takes no --focus or query")
        sel = select_supply_chain(view, options, styles)
    else:
        budget = options.node_budget or styles.default_node_budget
        sel = select(view, options, budget, node_iris=node_iris, edge_keys=edge_keys, styles=styles)
    return page_from_selection(sel, options, styles, notes)


def write_page(page: VizPage, path: str | Path) -> Path:
    target = Path(path)
    write_text_atomic(target, page.html)
    return target
