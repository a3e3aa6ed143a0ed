"""GEXF and GraphML files: every entity and relation, read back with networkx, attributes kept."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "viz"))
from fixtures import CATALOG, XSS_NAME, build_results, small_view  # noqa: E402
from semikg.export.graph_files import render_graph_file  # noqa: E402
from semikg.graph.builder import GraphBuilder  # noqa: E402

TSMC = "https://semikg.org/id/e/tsmc"
READ = {"gexf": nx.read_gexf, "graphml": nx.read_graphml}


@pytest.fixture(scope="module")
def view():
    return small_view()


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_file_holds_every_entity_and_relation(view, fmt):
    g = READ[fmt](io.BytesIO(render_graph_file(view, fmt)))
    assert g.number_of_nodes() == len(view.nodes()) == 10
    assert g.number_of_edges() == len(view.edges()) == 10
    tsmc = g.nodes[TSMC]
    assert tsmc["core_class"] == "Company" and "Foundry" in tsmc["classes"]
    assert tsmc["name_zh_Hans"] == "台积电" and tsmc["name_zh_Hant"] == "臺積電"
    assert g.nodes["https://semikg.org/id/e/d-0123456789ab"]["label"] == XSS_NAME
    (attrs,) = [a for u, v, a in g.edges(data=True)
                if (u, v) == ("https://semikg.org/id/e/apple", TSMC) and a["predicate"] == "customerOf"]
    assert attrs["predicate"] == "customerOf" and attrs["status"] == "rumoured"
    assert attrs["evidence_count"] == 1 and attrs["quote"].startswith("传苹果")
    assert str(attrs["asserted"]) in ("False", "false")


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_file_is_byte_identical_for_the_same_graph(view, fmt):
    assert render_graph_file(view, fmt) == render_graph_file(small_view(), fmt)


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_cli_writes_file_and_bad_graph_is_one_line(tmp_path, fmt):
    from semikg.cli.main import app

    graph = tmp_path / "g.ttl"
    GraphBuilder(CATALOG).run(build_results()).graph.serialize(destination=str(graph), format="turtle")
    out = tmp_path / f"g.{fmt}"
    r = CliRunner().invoke(app, ["export", fmt, str(out), "--graph", str(graph)])
    assert r.exit_code == 0, r.output
    assert "10 entities, 10 relations" in r.stdout
    assert READ[fmt](out).number_of_nodes() == 10
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    r = CliRunner().invoke(app, ["export", fmt, str(tmp_path / "x.out"), "--graph", str(bad)])
    assert r.exit_code != 0 and "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1
    assert not (tmp_path / "x.out").exists()
