"""The real seed graph (`semikg build`) drawn and used in headless Chromium."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from browser import CHROMIUM, open_page
from semikg.store.load import load_graph
from semikg.graph.view import GraphView
from semikg.viz import VizOptions, render, write_page

pytestmark = [
    pytest.mark.browser, pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"{CHROMIUM} missing: run .ci/install-browser.sh (Debian chromium, fonts-noto-cjk)"),
]

TSMC = "https://semikg.org/id/e/tsmc"


@pytest.fixture(scope="module")
def seed_view(tmp_path_factory) -> GraphView:
    out = tmp_path_factory.mktemp("seed")
    # `build` exits 2 when SHACL finds violations but still writes the graph, which is what is drawn here.
    subprocess.run([str(Path(sys.executable).with_name("semikg")), "build", "--out", str(out)],
                   capture_output=True, timeout=900)
    assert (out / "semikg.ttl").is_file(), "semikg build wrote no graph"
    return GraphView(load_graph(out / "semikg.ttl"))


def test_seed_whole_graph(seed_view, tmp_path, artifacts):
    page = render(seed_view)
    path = write_page(page, tmp_path / "seed.html")
    with open_page(path) as (p, problems):
        assert p.evaluate("window.semikgViz.network.body.nodeIndices.length") == page.nodes
        if page.sampled:
            assert f"best-connected of {page.total_nodes:,} entities" in p.inner_text("header")
        p.fill("#search", "臺積電")
        p.press("#search", "Enter")
        assert p.evaluate("window.semikgViz.focused") == TSMC
        p.screenshot(path=str(artifacts / "seed-whole-search.png"))
        problems.assert_clean()


def test_seed_focus_page(seed_view, tmp_path, artifacts):
    page = render(seed_view, VizOptions(focus="台积电", hops=1, lang="zh-Hans"))
    path = write_page(page, tmp_path / "seed-tsmc.html")
    with open_page(path) as (p, problems):
        assert p.evaluate("window.semikgViz.focused") == TSMC
        assert p.evaluate("window.semikgViz.nodes.length") == page.nodes > 5
        p.uncheck("input.class-toggle[value='Company']")
        drawn = p.evaluate("window.semikgViz.network.body.nodeIndices")
        classes = p.evaluate("window.semikgViz.nodes.get().map(n => [n.id, n.cls])")
        assert drawn and not [i for i, c in classes if c == "Company" and i in drawn]
        p.check("input.class-toggle[value='Company']")
        p.screenshot(path=str(artifacts / "seed-focus-tsmc-zh-Hans.png"))
        problems.assert_clean()


def test_seed_pages_are_deterministic(seed_view, tmp_path):
    for options in (VizOptions(), VizOptions(focus="TSMC", hops=2, lang="zh-Hant")):
        a = render(seed_view, options).html
        b = render(GraphView(seed_view.graph), options).html
        assert a.encode() == b.encode()


# ------------------------------------------------------------------ reading the whole seed graph
LABEL_PX = """() => {
  const v = window.semikgViz, net = v.network, scale = net.getScale();
  const out = {};
  for (const id of net.body.nodeIndices) {
    const lm = net.body.nodes[id].labelModule;
    const px = Math.min(lm.fontOptions.size * scale, lm.elementOptions.scaling.label.maxVisible);
    out[id] = lm.visible() ? px : 0;
  }
  return out;
}"""


def test_seed_whole_graph_hubs_are_labelled_at_opening_zoom(seed_view, tmp_path, artifacts):
    page = render(seed_view)
    path = write_page(page, tmp_path / "seed.html")
    with open_page(path, viewport=(1600, 1000)) as (p, problems):
        px = p.evaluate(LABEL_PX)
        nodes = p.evaluate("window.semikgViz.nodes.get().filter(n => !n.heading).map(n => [n.id, n.degree])")
        ranked = sorted(nodes, key=lambda nd: -nd[1])
        cutoff = ranked[19][1]
        # Every node better connected than the 20th is labelled >= 10 px, and at least 20 are.
        assert all(px[i] >= 10 for i, d in ranked if d > cutoff), [(i, px[i]) for i, d in ranked[:25]]
        assert sum(1 for i, d in ranked if d >= cutoff and px[i] >= 10) >= 20
        # The others are not all drawn at once (they appear on zooming in).
        assert sum(1 for v in px.values() if v == 0) > len(px) // 2
        p.screenshot(path=str(artifacts / "seed-whole-labels.png"))
        problems.assert_clean()


def test_seed_whole_graph_does_not_move_after_load(seed_view, tmp_path):
    path = write_page(render(seed_view), tmp_path / "seed.html")
    with open_page(path) as (p, problems):
        p.wait_for_timeout(500)
        before = p.evaluate("window.semikgViz.network.getPositions()")
        p.wait_for_timeout(1500)
        after = p.evaluate("window.semikgViz.network.getPositions()")
        assert before == after and len(before) == render(seed_view).nodes
        problems.assert_clean()


def test_seed_only_supplies_leaves_no_orphans(seed_view, tmp_path, artifacts):
    path = write_page(render(seed_view), tmp_path / "seed.html")
    with open_page(path) as (p, problems):
        for box in p.query_selector_all("input.predicate-toggle"):
            if box.get_attribute("value") != "supplies":
                box.uncheck()
        drawn = set(p.evaluate("window.semikgViz.network.body.nodeIndices"))
        ends = p.evaluate("window.semikgViz.network.body.edgeIndices.map("
                          "i => [window.semikgViz.network.body.edges[i].fromId, window.semikgViz.network.body.edges[i].toId])")
        assert ends, "no supplies edge drawn"
        assert drawn == {x for pair in ends for x in pair}
        # Re-fitted to what is left: every drawn node is on screen.
        box = p.evaluate("""(() => { const n = window.semikgViz.network, ps = n.getPositions();
            return Object.values(ps).map(q => n.canvasToDOM(q)); })()""")
        w, h = p.evaluate("[document.getElementById('graph').clientWidth, document.getElementById('graph').clientHeight]")
        assert all(0 <= q["x"] <= w and 0 <= q["y"] <= h for q in box)
        p.screenshot(path=str(artifacts / "seed-only-supplies.png"))
        problems.assert_clean()


def test_seed_search_finds_an_entity_that_is_not_drawn(seed_view, tmp_path):
    page = render(seed_view, VizOptions(node_budget=100))
    path = write_page(page, tmp_path / "seed.html")
    with open_page(path) as (p, problems):
        drawn = set(p.evaluate("window.semikgViz.network.body.nodeIndices"))
        reserve = p.evaluate("JSON.parse(document.getElementById('semikg-data').textContent).reserve.nodes"
                             ".map(n => [n[0], n[1]])")
        target, label = next((i, lab) for i, lab in reserve if i not in drawn and len(lab) > 3)
        p.fill("#search", label)
        p.press("#search", "Enter")
        found = p.evaluate("window.semikgViz.focused")
        assert found is not None and "No entity matches" not in p.inner_text("#search-status")
        assert found in p.evaluate("window.semikgViz.network.body.nodeIndices")
        assert p.evaluate(f"window.semikgViz.nodes.get({found!r}).label").lower().find(label.lower()[:3]) >= 0 \
            or found == target
        problems.assert_clean()


def test_seed_quote_tooltip_wraps(seed_view, tmp_path, artifacts):
    path = write_page(render(seed_view, VizOptions(focus="TSMC", hops=1)), tmp_path / "tsmc.html")
    with open_page(path, viewport=(1600, 1000)) as (p, problems):
        assert p.evaluate("window.semikgViz.network.getSelectedNodes()") == []  # focus marked, not selected
        # The edge with the longest quote that can be pointed at (its midpoint hits it and no node).
        spot = p.evaluate("""(() => {
            const v = window.semikgViz, net = v.network;
            const rect = document.getElementById('graph').getBoundingClientRect();
            const es = v.edges.get().filter(e => e.ev.some(x => x.quote.length > 60))
                .sort((a, b) => b.ev[0].quote.length - a.ev[0].quote.length);
            for (const e of es) {
                const ps = net.getPositions([e.from, e.to]);
                for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
                    const c = {x: ps[e.from].x * (1 - t) + ps[e.to].x * t, y: ps[e.from].y * (1 - t) + ps[e.to].y * t};
                    const d = net.canvasToDOM(c);
                    if (net.getEdgeAt(d) === e.id && net.getNodeAt(d) === undefined)
                        return {x: rect.left + d.x, y: rect.top + d.y, id: e.id};
                }
            }
            return null; })()""")
        assert spot, "no edge with a long quote can be pointed at"
        p.mouse.move(spot["x"] - 5, spot["y"] - 5)
        p.mouse.move(spot["x"], spot["y"])
        p.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        tip = p.evaluate("""(() => { const t = document.querySelector('div.vis-tooltip');
            return {ws: getComputedStyle(t).whiteSpace, sw: t.scrollWidth, cw: t.clientWidth,
                    h: t.clientHeight, w: t.offsetWidth}; })()""")
        assert tip["ws"] == "pre-wrap"
        assert tip["sw"] <= tip["cw"] + 1 and tip["w"] <= 400
        assert tip["h"] > 60  # several lines: the quote wrapped
        p.screenshot(path=str(artifacts / "seed-tooltip.png"))
        problems.assert_clean()


# ------------------------------------------------------------------ supply chain on seeds + ETO
ETO = Path(__file__).resolve().parents[2].parent / "shared" / "eto"


@pytest.fixture(scope="module")
def eto_view(tmp_path_factory) -> GraphView:
    if not (ETO / "providers.csv").is_file():
        pytest.skip(f"ETO dataset not found at {ETO} (see semikg/eto/README.md)")
    out = tmp_path_factory.mktemp("eto")
    subprocess.run([str(Path(sys.executable).with_name("semikg")), "build", "--with-eto", str(ETO),
                    "--out", str(out)], capture_output=True, timeout=900)
    assert (out / "semikg.ttl").is_file(), "semikg build --with-eto wrote no graph"
    return GraphView(load_graph(out / "semikg.ttl"))


def test_supply_chain_tsmc_suppliers_left_customers_right(eto_view, tmp_path, artifacts):
    from semikg.viz.styles import load_styles
    from semikg.viz.supply_chain import supply_pairs

    pairs = supply_pairs(eto_view.edges(), load_styles())
    suppliers = {s for s, c, _e in pairs if c == TSMC}
    customers = {c for s, c, _e in pairs if s == TSMC} - suppliers
    assert suppliers and customers
    path = write_page(render(eto_view, VizOptions(supply_chain="TSMC")), tmp_path / "sc.html")
    with open_page(path, viewport=(1600, 1000)) as (p, problems):
        pos = p.evaluate("window.semikgViz.network.getPositions()")
        x = pos[TSMC]["x"]
        assert all(pos[s]["x"] < x for s in suppliers)
        assert all(pos[c]["x"] > x for c in customers)
        p.screenshot(path=str(artifacts / "supply-chain-tsmc.png"))
        problems.assert_clean()


def test_eto_whole_graph_folds_inputs_and_aggregates(eto_view):
    page = render(eto_view)
    assert any("providesInput" in n for n in page.notes)
    assert any("Various" in n for n in page.notes)
    from test_page import payload

    data = payload(page.html)
    assert not [e for e in data["edges"] if e["pred"] == "providesInput"]
    assert not [n for n in data["nodes"] if n["cls"] == "_aggregate"]
    # Still searchable: the reserve holds them.
    assert any(n[2] == "_aggregate" for n in data["reserve"]["nodes"])
