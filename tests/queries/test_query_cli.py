"""`semikg query` and `semikg sparql` through typer's CliRunner on the seed graph."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from semikg.cli.main import app

runner = CliRunner()


@pytest.fixture(scope="module")
def graph_file(seed_build):
    out, _ = seed_build
    return str(out / "semikg.ttl")


def run(*args):
    return runner.invoke(app, list(args))


def test_list_shows_at_least_15_questions_in_both_languages():
    r = run("query", "list")
    assert r.exit_code == 0, r.output
    assert r.output.count("languages: sparql, cypher") >= 15
    assert "supplier-tree" in r.output and "供货" in r.output


def test_show_prints_documented_text():
    r = run("query", "show", "supplier-tree")
    assert r.exit_code == 0
    assert "# title: Supplier tree" in r.output and "SELECT" in r.output
    r = run("query", "show", "supplier-tree", "--cypher")
    assert r.exit_code == 0 and "MATCH" in r.output


@pytest.mark.parametrize("alias", ["台积电", "臺積電", "TSMC", "tsmc"])
def test_entity_aliases_in_any_script_resolve_to_the_same_node(graph_file, alias):
    r = run("query", "run", "supplier-tree", "-g", graph_file, "--param", f"firm={alias}", "--format", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.reader(io.StringIO(r.output)))
    assert rows[0] == ["level", "supplier", "customer"]
    assert ["1", "ASML", "TSMC"] in rows


def test_shorthand_param_option_and_depth_limit(graph_file):
    r = run("query", "run", "supplier-tree", "-g", graph_file, "--depth", "1", "--format", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)["rows"]
    assert rows and {row["level"] for row in rows} == {1}


@pytest.mark.parametrize("fmt,marker", [("table", "(6 rows)"), ("markdown", "| level | supplier | customer |"),
                                        ("csv", "level,supplier,customer"), ("json", '"columns"')])
def test_formats(graph_file, fmt, marker):
    r = run("query", "run", "supplier-tree", "-g", graph_file, "--format", fmt)
    assert r.exit_code == 0, r.output
    assert marker in r.output


def test_output_is_deterministic(graph_file, tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    for p in (a, b):
        assert run("query", "run", "entity-evidence", "-g", graph_file, "-f", "csv", "-o", str(p)).exit_code == 0
    assert a.read_bytes() == b.read_bytes() and a.stat().st_size > 100


@pytest.mark.parametrize("args,message", [
    (("query", "run", "suplier-tree"), "did you mean: supplier-tree"),
    (("query", "run", "supplier-tree", "--param", "depth=three"), "must be an integer"),
    (("query", "run", "supplier-tree", "--param", "depth=9"), "at most 4"),
    (("query", "run", "supplier-tree", "--param", "colour=red"), "has no parameter 'colour'"),
    (("query", "run", "supplier-tree", "--param", "firm"), "NAME=VALUE"),
    (("query", "run", "supplier-tree", "--param", "firm=Nvidiaa"), "closest: NVIDIA"),
    (("query", "run", "single-supplier", "--param", "class=Equipmnt"), "closest: Equipment"),
    (("query", "run", "measurements", "--param", "year=20x4"), "must be a year"),
    (("query", "run", "fabs", "--param", "min_capacity=lots"), "must be a number"),
    (("query", "run", "fabs", "--format", "xml"), "unknown format"),
    (("sparql", "SELEC ?x WHERE {}"), "malformed SPARQL"),
    (("sparql", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), "only SELECT"),
    (("sparql",), "either as an argument or with --file"),
])
def test_bad_input_is_one_line_and_non_zero(graph_file, args, message):
    r = run(*args, "-g", graph_file)
    assert r.exit_code != 0
    assert message in r.output
    assert "Traceback" not in r.output
    assert len([line for line in r.output.splitlines() if line.startswith("error:")]) == 1


def test_hostile_string_parameter_is_bound_not_spliced(graph_file):
    hostile = 'MarketShare" ) } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #'
    r = run("query", "run", "measurements", "-g", graph_file, "--param", f"kind={hostile}", "-f", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["rows"] == []


def test_adhoc_sparql_from_argument_and_file(graph_file, tmp_path):
    q = 'PREFIX skg: <https://semikg.org/ns#> SELECT (COUNT(*) AS ?n) WHERE { ?f a skg:Foundry }'
    r = run("sparql", q, "-g", graph_file, "-f", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["rows"][0]["n"] > 5
    f = tmp_path / "q.rq"
    f.write_text(q, encoding="utf-8")
    r2 = run("sparql", "--file", str(f), "-g", graph_file, "-f", "json")
    assert r2.output == r.output


def test_missing_graph_is_a_clean_error(tmp_path):
    r = run("query", "run", "fabs", "-g", str(tmp_path / "nope.ttl"))
    assert r.exit_code != 0 and "no such graph file" in r.output


def test_html_output_draws_the_result(graph_file, tmp_path):
    pytest.importorskip("semikg.viz.page")
    out = tmp_path / "tree.html"
    r = run("query", "run", "supplier-tree", "-g", graph_file, "--html", str(out))
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert "Carl Zeiss" in html and "Shin-Etsu Chemical" in html
