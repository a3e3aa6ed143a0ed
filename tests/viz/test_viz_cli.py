"""`semikg viz` through typer's CliRunner: paths, options, one-line errors, nothing half-written."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fixtures import CATALOG, build_results
from test_page import payload
from semikg.graph.builder import GraphBuilder


@pytest.fixture()
def project(tmp_path, monkeypatch):
    graph = GraphBuilder(CATALOG).run(build_results()).graph
    (tmp_path / "build").mkdir()
    graph.serialize(destination=str(tmp_path / "build" / "semikg.ttl"), format="turtle")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    from semikg.cli.main import app

    return CliRunner().invoke(app, ["viz", *args])


def test_default_writes_whole_graph_and_prints_path(project):
    r = run()
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == str(Path("build/viz/graph.html"))
    html = (project / "build" / "viz" / "graph.html").read_text(encoding="utf-8")
    assert "TSMC" in html and "semikg graph" in html


def test_focus_hops_lang_out(project):
    r = run("--focus", "台积电", "--hops", "2", "--lang", "zh-Hant", "--out", "tsmc.html")
    assert r.exit_code == 0, r.output
    html = (project / "tsmc.html").read_text(encoding="utf-8")
    assert "臺積電 的鄰域（2 跳）" in html


def test_filters_pass_through(project):
    r = run("--types", "Company,Fab", "--min-confidence", "0.6", "--since", "2024", "--out", "f.html")
    assert r.exit_code == 0, r.output
    drawn = {n["cls"] for n in payload((project / "f.html").read_text(encoding="utf-8"))["nodes"]}
    assert "Chip" not in drawn and "Fab" in drawn


def test_supply_chain_option(project):
    r = run("--supply-chain", "TSMC", "--tiers", "1", "--out", "sc.html")
    assert r.exit_code == 0, r.output
    assert "supply chain of TSMC" in (project / "sc.html").read_text(encoding="utf-8")
    assert "Supply chain of TSMC: 1 supplier in 1 tier" in r.stderr


def test_budget_note_goes_to_stderr(project):
    r = run("--node-budget", "3", "--out", "b.html")
    assert r.exit_code == 0, r.output
    assert "Showing the 3 best-connected of 10 entities" in r.stderr


@pytest.mark.parametrize("args,message", [
    (("--focus", "Samsung Foundry"), "no entity named 'Samsung Foundry'"),
    (("--types", "Fabb"), "unknown type 'Fabb'"),
    (("--lang", "fr"), "--lang:"),
    (("--graph", "missing.ttl"), "missing.ttl: no such graph file"),
])
def test_bad_input_is_one_line_error_and_no_file(project, args, message):
    r = run(*args)
    assert r.exit_code != 0
    assert message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.output
    assert not (project / "build" / "viz").exists()


def test_corrupt_graph_is_one_line_error(project):
    (project / "bad.ttl").write_text("@prefix x: <y> .\nthis is not turtle <<<", encoding="utf-8")
    r = run("--graph", "bad.ttl")
    assert r.exit_code == 1
    assert r.stderr.startswith("error: bad.ttl:") and "cannot parse" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_missing_default_graph_says_run_build(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run()
    assert r.exit_code == 1
    assert "no such graph file (run `semikg build` first)" in r.stderr


def test_query_result_as_a_page(seed_build, tmp_path):
    out_dir, _ = seed_build
    page = tmp_path / "q.html"
    r = run("--graph", str(out_dir / "semikg.ttl"), "--query", "supplier-tree", "--param", "firm=英伟达",
            "--out", str(page))
    assert r.exit_code == 0, r.output
    html = page.read_text(encoding="utf-8")
    # the firm asked about and its first-level suppliers are drawn
    labels = {n["label"] for n in payload(html)["nodes"]}
    for name in ("NVIDIA", "SK hynix", "TSMC"):
        assert name in labels, name
    # The page names the query, its parameter and the answer's size.
    assert "semikg query supplier-tree" in html and "firm=NVIDIA" in html and " rows;" in html


def test_query_errors_are_one_line(seed_build, tmp_path):
    out_dir, _ = seed_build
    r = run("--graph", str(out_dir / "semikg.ttl"), "--query", "no-such-query", "--out", str(tmp_path / "q.html"))
    assert r.exit_code == 1 and "no saved query named 'no-such-query'" in r.output
    assert not (tmp_path / "q.html").exists()
    r = run("--graph", str(out_dir / "semikg.ttl"), "--param", "firm=TSMC")
    assert r.exit_code == 1 and "--param goes with --query" in r.output
