"""`semikg load eto` through typer's CliRunner."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from rdflib import RDF, Graph

from semikg.ontology import SKG
from semikg.graph.vocab import SOURCE_ETO, article_iri, entity_iri
from semikg.ontology import SKG

runner = CliRunner()


def _graph(path) -> Graph:
    return Graph().parse(str(path), format="turtle")


def _run(app, *args):
    return runner.invoke(app, list(map(str, args)))


def test_load_eto_writes_graph_and_reports(cli_app, eto_dir, mini_catalog_path, tmp_path):
    out = tmp_path / "out"
    r = _run(cli_app, "load", "eto", eto_dir, "--catalog", mini_catalog_path, "--out", out)
    assert r.exit_code == 0, r.output
    assert "396 providers" in r.output and "1300 provision rows" in r.output
    report = json.loads((out / "eto-resolution.json").read_text(encoding="utf-8"))
    assert {m["provider_id"]: m["entity_id"] for m in report["merged"]}["P34"] == "tsmc"
    md = (out / "eto-resolution.md").read_text(encoding="utf-8")
    assert "| P34 | TSMC | tsmc |" in md
    g = _graph(out / "semikg-eto.ttl")
    assert (entity_iri("tsmc"), SKG.providesInput, None) in g
    assert (SOURCE_ETO, RDF.type, SKG.Source) in g
    # Same input, byte-identical output.
    first = (out / "semikg-eto.ttl").read_bytes()
    assert _run(cli_app, "load", "eto", eto_dir, "--catalog", mini_catalog_path, "--out", out).exit_code == 0
    assert (out / "semikg-eto.ttl").read_bytes() == first


def test_load_eto_merges_into_a_graph_and_validates(cli_app, mini_dir, mini_catalog_path, base_graph, tmp_path):
    from semikg.graph.turtle import canonical_turtle

    graph = tmp_path / "semikg.ttl"
    graph.write_text(canonical_turtle(base_graph), encoding="utf-8")
    out = tmp_path / "out"
    r = _run(cli_app, "load", "eto", mini_dir, "--catalog", mini_catalog_path, "--graph", graph, "--out", out, "--validate")
    assert r.exit_code == 0, r.output
    assert "SHACL: conforms" in r.output
    g = _graph(out / "semikg-eto.ttl")
    assert (article_iri("news-000"), RDF.type, SKG.Article) in g
    assert (entity_iri("asml"), SKG.providesInput, None) in g


def test_bad_csv_is_one_line_error_and_no_output(cli_app, make_mini, mini_texts, mini_catalog_path, tmp_path):
    bad = make_mini(**{"provision.csv": mini_texts["provision.csv"].replace("60.5", "6O.5")})
    out = tmp_path / "out"
    r = _run(cli_app, "load", "eto", bad, "--catalog", mini_catalog_path, "--out", out)
    assert r.exit_code == 1
    lines = [l for l in r.output.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "provision.csv:4:" in lines[0]
    assert "Traceback" not in r.output
    assert not out.exists()


def test_missing_graph_and_broken_graph_are_clean_errors(cli_app, mini_dir, mini_catalog_path, tmp_path):
    r = _run(cli_app, "load", "eto", mini_dir, "--catalog", mini_catalog_path, "--graph", tmp_path / "none.ttl", "--out", tmp_path / "o")
    assert r.exit_code == 1 and "graph file not found" in r.output
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix : <x> .\n this is not turtle", encoding="utf-8")
    r = _run(cli_app, "load", "eto", mini_dir, "--catalog", mini_catalog_path, "--graph", broken, "--out", tmp_path / "o")
    assert r.exit_code == 1 and "not a readable Turtle graph" in r.output and "Traceback" not in r.output


def test_broken_overrides_file_is_a_clean_error(cli_app, mini_dir, mini_catalog_path, tmp_path):
    ov = tmp_path / "ov.yaml"
    ov.write_text("merge: {P34: nope-not-an-entity}\n", encoding="utf-8")
    r = _run(cli_app, "load", "eto", mini_dir, "--catalog", mini_catalog_path, "--overrides", ov, "--out", tmp_path / "o")
    assert r.exit_code == 1 and "nope-not-an-entity" in r.output
    ov.write_text("merge: [unclosed\n", encoding="utf-8")
    r = _run(cli_app, "load", "eto", mini_dir, "--catalog", mini_catalog_path, "--overrides", ov, "--out", tmp_path / "o")
    assert r.exit_code == 1 and "invalid YAML" in r.output
    ov.write_text("mergee: {}\n", encoding="utf-8")
    r = _run(cli_app, "load", "eto", mini_dir, "--catalog", mini_catalog_path, "--overrides", ov, "--out", tmp_path / "o")
    assert r.exit_code == 1 and "mergee" in r.output
