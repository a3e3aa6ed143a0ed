"""Page generation without a browser: escaping, determinism, styles as data, filters, budget."""
from __future__ import annotations

import json
import re

import pytest

from fixtures import XSS_NAME, synthetic_view
from semikg.errors import EntityNotFound
from semikg.viz import VizError, VizOptions, render, render_subgraph, write_page
from semikg.viz.safejson import script_safe_json
from semikg.viz.styles import load_styles, parse_styles

TSMC = "https://semikg.org/id/e/tsmc"


def payload(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="semikg-data">(.*?)</script>', html, re.S)
    assert m, "data block missing"
    return json.loads(m.group(1))


def labels(html: str) -> set[str]:
    return {n["label"] for n in payload(html)["nodes"]}


# ------------------------------------------------------------------ escaping
def test_script_safe_json_escapes_markup_and_line_separators():
    text = script_safe_json({"a": "</script><!-- & \u2028\u2029"})
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029"}


def test_xss_name_never_reaches_page_as_markup(view):
    html = render(view).html
    assert XSS_NAME not in html
    assert "<script>alert" not in html
    # Still there, as data, for the page to show as text.
    assert XSS_NAME in labels(html)


def test_hostile_title_is_escaped(view):
    html = render(view, VizOptions(title='"><img src=x onerror=alert(1)>')).html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_no_network_references(view):
    html = render(view).html
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', html)
    assert "<link" not in html and "@import" not in html


# ------------------------------------------------------------------ determinism and output
def test_two_renders_are_byte_identical(view):
    from fixtures import small_view

    a = render(view, VizOptions(lang="zh-Hant")).html
    b = render(small_view(), VizOptions(lang="zh-Hant")).html
    assert a.encode() == b.encode()


def test_write_page_writes_atomically_and_nothing_else(view, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = write_page(render(view), tmp_path / "sub" / "g.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sub"]  # no pyvis lib/ folder
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["g.html"]


# ------------------------------------------------------------------ styles as data
def test_styles_come_from_yaml(view):
    styles = load_styles()
    data = payload(render(view).html)
    tsmc = next(n for n in data["nodes"] if n["id"] == TSMC)
    assert tsmc["color"] == styles.classes["Company"].color
    assert tsmc["shape"] == styles.classes["Company"].shape
    assert data["options"]["physics"]["enabled"] is False


def test_positions_come_with_the_page_and_differ(view):
    nodes = payload(render(view).html)["nodes"]
    pos = {(n["x"], n["y"]) for n in nodes}
    assert len(pos) == len(nodes)  # every node placed, none on top of another


def test_every_relation_has_a_family_and_families_have_distinct_colours():
    from semikg.graph.vocab import RELATION_IRI

    styles = load_styles()
    assert set(RELATION_IRI) <= set(styles.edges.predicates)
    colours = [f.color for f in styles.edges.families.values()]
    assert len(set(colours)) == len(colours)


def test_customer_of_is_drawn_supplier_to_customer(view):
    edges = payload(render(view).html)["edges"]
    cust = next(e for e in edges if e["pred"] == "customerOf")
    assert (cust["from"], cust["to"]) == (TSMC, "https://semikg.org/id/e/apple")  # Apple customerOf TSMC
    assert (cust["subj"], cust["obj"]) == ("https://semikg.org/id/e/apple", TSMC)
    sup = next(e for e in edges if e["pred"] == "supplies" and e["to"] == TSMC)
    assert cust["color"] == sup["color"]


def test_legend_in_page_language(view):
    html = render(view, VizOptions(lang="zh-Hant")).html
    assert ">供應<" in html and ">supplies<" not in html


@pytest.mark.parametrize("hops,word", [(1, "(1 hop)"), (2, "(2 hops)")])
def test_hop_grammar(view, hops, word):
    assert word in render(view, VizOptions(focus="TSMC", hops=hops)).html


def test_markdown_citation_is_text_and_link():
    from semikg.viz.page import _citation

    assert _citation("[CSET](https://cset.example/report)") == ("", "CSET", "https://cset.example/report")
    assert _citation("台积电供货。")[0] == "台积电供货。"


def test_focus_hops_stop_at_places_and_hubs(view):
    from semikg.viz.select import _neighbourhood

    edges = view.edges()
    dist, held = _neighbourhood("https://semikg.org/id/e/fab18", edges, 2, stop={TSMC})
    assert TSMC in dist and "https://semikg.org/id/e/asml" not in dist
    assert held[TSMC] == 4  # ASML, Apple, NVIDIA, H100 left out


def test_supply_chain_columns(view):
    page = render(view, VizOptions(supply_chain="台积电"))
    x = {n["id"]: n["x"] for n in payload(page.html)["nodes"]}
    assert x["https://semikg.org/id/e/asml"] < x[TSMC] < x["https://semikg.org/id/e/apple"]
    assert x[TSMC] < x["https://semikg.org/id/e/nvidia"]
    assert "supply chain of TSMC" in page.html


def test_supply_chain_of_a_firm_without_supply_relations_is_an_error(view):
    with pytest.raises(VizError, match="no supply relation"):
        render(view, VizOptions(supply_chain="Fab 18"))


def test_undrawn_entities_are_in_the_search_reserve():
    big = synthetic_view(300, 900)
    data = payload(render(big, VizOptions(node_budget=50)).html)
    drawn = {n["id"] for n in data["nodes"]}
    reserve = {n[0] for n in data["reserve"]["nodes"]}
    assert len(reserve) == 250 and not drawn & reserve
    ids = data["reserve"]["ids"]
    assert all(ids[e[0]] in reserve or ids[e[1]] in reserve for e in data["reserve"]["edges"])


def test_parse_styles_rejects_unknown_keys():
    with pytest.raises(Exception):
        parse_styles("classes: {}\nbogus: 1\n")


def test_size_grows_with_degree_and_hedged_edges_dashed(view):
    data = payload(render(view).html)
    size = {n["id"]: n["size"] for n in data["nodes"]}
    assert size[TSMC] > size["https://semikg.org/id/e/euv"]
    hedged = [e for e in data["edges"] if e["pred"] == "customerOf"]
    assert hedged and hedged[0]["dashes"] and hedged[0]["status"] == "rumoured"
    assert all(e["dashes"] is False for e in data["edges"] if e["asserted"])


def test_edge_carries_evidence(view):
    data = payload(render(view).html)
    e = next(e for e in data["edges"] if e["pred"] == "supplies" and e["to"] == TSMC)
    assert e["ev"][0]["quote"] == "阿斯麦2023年向台积电交付EUV光刻机。"
    assert e["ev"][0]["file"] == "news.txt" and e["conf"] == 0.8


# ------------------------------------------------------------------ languages
@pytest.mark.parametrize("lang,name", [("en", "TSMC"), ("zh-Hans", "台积电"), ("zh-Hant", "臺積電")])
def test_label_language(view, lang, name):
    assert name in labels(render(view, VizOptions(lang=lang)).html)


# ------------------------------------------------------------------ filters
def test_types_filter(view):
    data = payload(render(view, VizOptions(types=("Fab", "Chip"))).html)
    assert {n["cls"] for n in data["nodes"]} == {"Fab", "Chip"}


def test_types_filter_accepts_roles(view):
    assert labels(render(view, VizOptions(types=("Foundry",))).html) == {"TSMC"}


def test_unknown_type_is_an_error(view):
    with pytest.raises(VizError, match="unknown type 'Fabb'"):
        render(view, VizOptions(types=("Fabb",)))


def test_min_confidence_drops_weak_edges_and_their_lonely_nodes(view):
    data = payload(render(view, VizOptions(min_confidence=0.6)).html)
    assert all(e["conf"] >= 0.6 for e in data["edges"])
    assert XSS_NAME not in {n["label"] for n in data["nodes"]}  # its only edge has 0.4
    assert "Apple" not in {n["label"] for n in data["nodes"]}


def test_since_counts_years_in_article_titles(view):
    # The fixture article's title names 2025: every article edge counts as 2025 or later.
    assert render(view, VizOptions(since=2025)).edges == 10


def test_since_filters(tmp_path):
    from fixtures import CATALOG, build_results
    from semikg.graph.builder import GraphBuilder
    from semikg.graph.view import GraphView

    results = [r.model_copy(update={"article": r.article.model_copy(update={"title": "周报"})})
               for r in build_results()]
    view = GraphView(GraphBuilder(CATALOG).run(results).graph)
    data = payload(render(view, VizOptions(since=2024)).html)
    preds = {(e["pred"]) for e in data["edges"]}
    assert preds == {"manufactures", "fabricatesFor", "customerOf"}  # quotes naming 2024 / 2025
    page = render(view, VizOptions(since=2025))
    assert [e["pred"] for e in payload(page.html)["edges"]] == ["customerOf"]
    assert any("names no year" in n for n in page.notes)
    with pytest.raises(VizError, match="nothing to draw"):
        render(view, VizOptions(since=2030))


def test_focus_by_any_alias_and_hops(view):
    zero = {n["label"] for n in payload(render(view, VizOptions(focus="臺積電", hops=0)).html)["nodes"]}
    assert zero == {"TSMC"}
    one = labels(render(view, VizOptions(focus="台积电", hops=1)).html)
    assert one == {"TSMC", "ASML", "Apple", "NVIDIA", "Fab 18", "H100"}
    two = labels(render(view, VizOptions(focus="tsmc", hops=2)).html)
    assert {"Taiwan", "N3", "EUV scanner", XSS_NAME} <= two
    assert render(view, VizOptions(focus="Taiwan Semiconductor Manufacturing")).focus == TSMC


def test_focus_page_title_and_payload(view):
    page = render(view, VizOptions(focus="台積電", hops=1, lang="zh-Hans"))
    assert "台积电 的邻域" in page.html
    assert payload(page.html)["focus"] == TSMC


def test_unknown_focus_names_closest(view):
    with pytest.raises(EntityNotFound, match="no entity named .TSMCC.; closest: TSMC"):
        render(view, VizOptions(focus="TSMCC"))


def test_render_subgraph_draws_only_the_given_items(view):
    keys = [(TSMC, "operates", "https://semikg.org/id/e/fab18")]
    page = render_subgraph(view, [TSMC, "https://semikg.org/id/e/fab18"], keys)
    data = payload(page.html)
    assert {n["label"] for n in data["nodes"]} == {"TSMC", "Fab 18"}
    assert [e["pred"] for e in data["edges"]] == ["operates"]


# ------------------------------------------------------------------ budget
def test_budget_samples_and_says_so():
    big = synthetic_view(300, 900)
    page = render(big, VizOptions(node_budget=50))
    data = payload(page.html)
    assert page.sampled and page.total_nodes == 300 and len(data["nodes"]) == 50
    assert "Showing the 50 best-connected of 300 entities" in page.html
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])


def test_under_budget_has_no_note(view):
    page = render(view)
    assert not page.sampled and 'class="note"' not in page.html


def test_focus_outside_subgraph_is_an_error(view):
    with pytest.raises(EntityNotFound, match="not among the entities"):
        render_subgraph(view, [TSMC], None, VizOptions(focus="ASML"))


@pytest.mark.parametrize("options", [VizOptions(supply_chain="TSMC"), VizOptions(layout="flow"),
                                     VizOptions(focus="TSMC", hops=2)])
def test_flow_supply_chain_and_focus_pages_are_byte_identical(view, options):
    from fixtures import small_view

    assert render(view, options).html.encode() == render(small_view(), options).html.encode()


def test_flow_layout_runs_left_to_right(view):
    nodes = {n["id"]: n for n in payload(render(view, VizOptions(layout="flow")).html)["nodes"]}
    # ASML supplies TSMC, TSMC fabricates for NVIDIA: three columns, left to right.
    x = {k.rsplit("/", 1)[1]: v["x"] for k, v in nodes.items()}
    assert x["asml"] < x["tsmc"] < x["nvidia"]


def test_supply_chain_tooltips_and_group_headings_in_page_language(view):
    data = payload(render(view, VizOptions(supply_chain="TSMC", lang="zh-Hant")).html)
    headings = {n["label"] for n in data["nodes"] if n.get("heading")}
    assert "第 1 層供應商" in headings and "第 1 層客戶" in headings
    assert "設備" in headings  # ASML's group: equipment makers
