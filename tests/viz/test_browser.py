"""The pages as a person uses them, in headless Chromium with no network."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser import CHROMIUM, open_page
from fixtures import XSS_NAME
from semikg.viz import VizOptions, render, write_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"{CHROMIUM} missing: run .ci/install-browser.sh (Debian chromium, fonts-noto-cjk)"),
]

TSMC = "https://semikg.org/id/e/tsmc"


@pytest.fixture(scope="module")
def pages(view, tmp_path_factory):
    d = tmp_path_factory.mktemp("pages")
    return {
        "whole": write_page(render(view), d / "whole.html"),
        "zh-Hans": write_page(render(view, VizOptions(lang="zh-Hans")), d / "zh-hans.html"),
        "focus": write_page(render(view, VizOptions(focus="台积电", hops=1, lang="zh-Hant")), d / "focus.html"),
    }


def js(page, expr):
    return page.evaluate(expr)


def test_whole_graph_loads_offline_and_draws_every_node(pages, artifacts):
    with open_page(pages["whole"]) as (page, problems):
        assert js(page, "window.semikgViz.nodes.length") == 10
        assert js(page, "window.semikgViz.network.body.nodeIndices.length") == 10
        assert js(page, "window.semikgViz.network.body.edgeIndices.length") == 10
        assert js(page, "window.semikgViz.stabilized") is True
        assert page.is_visible("#graph")
        page.screenshot(path=str(artifacts / "whole-en.png"))
        problems.assert_clean()


def test_chinese_labels_page(pages, artifacts):
    with open_page(pages["zh-Hans"]) as (page, problems):
        labels = js(page, "window.semikgViz.nodes.get().map(n => n.label)")
        assert "台积电" in labels and "英伟达" in labels
        assert page.inner_text("#class-filter").count("公司") == 1
        page.screenshot(path=str(artifacts / "whole-zh-Hans.png"))
        problems.assert_clean()


@pytest.mark.parametrize("query,expected", [
    ("臺積電", TSMC), ("台积电", TSMC), ("tsmc", TSMC), ("英偉達", "https://semikg.org/id/e/nvidia"),
    ("晶圓十八", "https://semikg.org/id/e/fab18"),
])
def test_search_box_focuses_node_by_any_alias(pages, artifacts, query, expected):
    with open_page(pages["whole"]) as (page, problems):
        page.fill("#search", query)
        page.press("#search", "Enter")
        assert js(page, "window.semikgViz.focused") == expected
        assert js(page, "window.semikgViz.network.getSelectedNodes()") == [expected]
        name = js(page, f"window.semikgViz.nodes.get({expected!r}).label")
        assert page.inner_text("#details-body h3") == name
        if query == "臺積電":
            page.screenshot(path=str(artifacts / "search-tsmc.png"))
        problems.assert_clean()


def test_search_miss_says_so(pages):
    with open_page(pages["whole"]) as (page, problems):
        page.fill("#search", "三星")
        page.press("#search", "Enter")
        assert js(page, "window.semikgViz.focused") is None
        assert "No entity matches" in page.inner_text("#search-status")
        problems.assert_clean()


def test_class_filter_hides_a_class(pages, artifacts):
    with open_page(pages["whole"]) as (page, problems):
        companies = js(page, "window.semikgViz.nodes.get().filter(n => n.cls === 'Company').length")
        assert companies == 5
        before = js(page, "window.semikgViz.network.getPositions([%r])" % TSMC)
        assert before[TSMC]
        page.uncheck("input.class-toggle[value='Company']")
        drawn = js(page, "window.semikgViz.network.body.nodeIndices")
        # Fab 18, N3 and Taiwan keep their relations; H100 and the EUV scanner, left without any, go too.
        assert sorted(i.rsplit("/", 1)[1] for i in drawn) == ["fab18", "n3", "taiwan"]
        assert js(page, "window.semikgViz.network.body.edgeIndices.length") == 2  # fab18 edges only
        page.screenshot(path=str(artifacts / "filter-no-company.png"))
        page.check("input.class-toggle[value='Company']")
        assert js(page, "window.semikgViz.network.body.nodeIndices.length") == 10
        # Shown again where it was, not piled up at the origin.
        assert js(page, "window.semikgViz.network.getPositions([%r])" % TSMC) == before
        problems.assert_clean()


def test_predicate_filter_hides_edges(pages):
    with open_page(pages["whole"]) as (page, problems):
        page.uncheck("input.predicate-toggle[value='supplies']")
        assert js(page, "window.semikgViz.network.body.edgeIndices.length") == 8
        problems.assert_clean()


def test_xss_node_shows_as_text(pages, artifacts):
    with open_page(pages["whole"]) as (page, problems):
        xss = "https://semikg.org/id/e/d-0123456789ab"
        assert js(page, f"window.semikgViz.nodes.get({xss!r}).label") == XSS_NAME
        assert js(page, "document.scripts.length") == 3  # data, vis-network, page: nothing injected
        page.fill("#search", XSS_NAME)
        page.press("#search", "Enter")
        assert js(page, "window.semikgViz.focused") == xss
        assert page.inner_text("#details-body h3") == XSS_NAME
        assert js(page, "document.querySelectorAll('#details-body script').length") == 0
        page.screenshot(path=str(artifacts / "xss-node.png"))
        problems.assert_clean()


def test_node_panel_links_to_edge_evidence(pages, artifacts):
    with open_page(pages["whole"]) as (page, problems):
        page.fill("#search", "TSMC")
        page.press("#search", "Enter")
        page.click("#details-body button:has-text('customer of')")
        body = page.inner_text("#details-body")
        assert "传苹果2025年将包下台积电全部2纳米产能。" in body
        assert "rumoured" in body and "news.txt" in body and "0.5" in body
        page.screenshot(path=str(artifacts / "edge-evidence.png"))
        problems.assert_clean()


def test_focus_page(pages, artifacts):
    with open_page(pages["focus"]) as (page, problems):
        assert js(page, "window.semikgViz.nodes.length") == 6
        assert js(page, "window.semikgViz.focused") == TSMC
        assert "臺積電" in page.inner_text("h1")
        page.screenshot(path=str(artifacts / "focus-zh-Hant.png"))
        problems.assert_clean()


def test_physics_is_off_until_ticked(pages):
    with open_page(pages["whole"]) as (page, problems):
        assert js(page, "window.semikgViz.network.physics.options.enabled") is False
        page.check("#physics-toggle")
        assert js(page, "window.semikgViz.network.physics.options.enabled") is True
        page.uncheck("#physics-toggle")
        assert js(page, "window.semikgViz.network.physics.options.enabled") is False
        problems.assert_clean()


def test_focus_page_marks_but_does_not_select_its_centre(pages):
    with open_page(pages["focus"]) as (page, problems):
        assert js(page, "window.semikgViz.network.getSelectedNodes()") == []
        assert js(page, "window.semikgViz.network.getSelectedEdges()") == []
        assert js(page, f"window.semikgViz.nodes.get({TSMC!r}).borderWidth") == 4
        problems.assert_clean()
