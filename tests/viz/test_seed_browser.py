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
