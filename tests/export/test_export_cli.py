"""`semikg export ...` through typer's CliRunner: outputs written, clean one-line failures."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner


from semikg.cli.main import app
from tests.support.arcadedb_server import free_port
from tests.export.export_sample import sample_graph

runner = CliRunner()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("g") / "semikg.ttl"
    sample_graph().serialize(str(path), format="turtle")
    return path


def _one_line_error(result):
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    err = lines[0].split("]:")[-1]  # after a confirmation prompt, when there was one
    assert err.startswith("error: "), err
    return err


def test_jsonl_cypher_and_admin(graph_file, tmp_path):
    r = runner.invoke(app, ["export", "jsonl", str(tmp_path / "g.jsonl"), "--graph", str(graph_file)])
    assert r.exit_code == 0, r.output
    assert all(json.loads(line) for line in (tmp_path / "g.jsonl").read_text("utf-8").splitlines())
    r = runner.invoke(app, ["export", "cypher", str(tmp_path / "g.cypher"), "-g", str(graph_file)])
    assert r.exit_code == 0 and "MERGE" in (tmp_path / "g.cypher").read_text("utf-8")
    r = runner.invoke(app, ["export", "neo4j-admin", str(tmp_path / "imp"), "-g", str(graph_file)])
    assert r.exit_code == 0 and (tmp_path / "imp" / "import.sh").exists()


def test_missing_graph_is_one_line(tmp_path):
    err = _one_line_error(runner.invoke(app, ["export", "jsonl", str(tmp_path / "o.jsonl"),
                                              "-g", str(tmp_path / "nope.ttl")]))
    assert "nope.ttl" in err and not (tmp_path / "o.jsonl").exists()


def test_broken_graph_is_one_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix : <x> .\n this is not turtle")
    _one_line_error(runner.invoke(app, ["export", "cypher", str(tmp_path / "o.cypher"), "-g", str(bad)]))
    assert not (tmp_path / "o.cypher").exists()


def test_missing_password_variable(graph_file):
    err = _one_line_error(runner.invoke(app, ["export", "neo4j", "-g", str(graph_file), "--password-env",
                                              "SEMIKG_TEST_NO_SUCH_VAR"]))
    assert "SEMIKG_TEST_NO_SUCH_VAR" in err


def test_unreachable_server_is_one_line(graph_file):
    uri = f"bolt://127.0.0.1:{free_port()}"
    r = runner.invoke(app, ["export", "neo4j", "-g", str(graph_file), "--uri", uri, "-q"],
                      env={"NEO4J_PASSWORD": "x"})
    err = _one_line_error(r)
    assert "cannot reach" in err and uri in err


def test_bad_uri_scheme_is_one_line(graph_file):
    err = _one_line_error(runner.invoke(app, ["export", "neo4j", "-g", str(graph_file), "--uri", "http://x:1"],
                                        env={"NEO4J_PASSWORD": "x"}))
    assert "http://x:1" in err


@pytest.fixture()
def reachable(monkeypatch):
    """The server counts as reachable: what follows the check (the question) is under test."""
    monkeypatch.setattr("semikg.export.push.check_reachable", lambda settings: None)


def test_wipe_needs_confirmation(graph_file, reachable):
    r = runner.invoke(app, ["export", "neo4j", "-g", str(graph_file), "--wipe", "--uri", "bolt://127.0.0.1:1"],
                      env={"NEO4J_PASSWORD": "x"}, input="n\n")
    err = _one_line_error(r)
    assert "Delete all semikg nodes at bolt://127.0.0.1:1?" in r.stderr
    assert "not confirmed" in err


def test_wipe_with_no_answer_is_an_error_not_aborted(graph_file, reachable):
    r = runner.invoke(app, ["export", "neo4j", "-g", str(graph_file), "--wipe", "--uri", "bolt://127.0.0.1:1"],
                      env={"NEO4J_PASSWORD": "x"}, input="")
    err = _one_line_error(r)
    assert r.exit_code == 1
    assert "Aborted" not in r.output and "no answer" in err and "nothing changed" in err


def test_wipe_checks_the_server_before_asking(graph_file):
    uri = f"bolt://127.0.0.1:{free_port()}"
    r = runner.invoke(app, ["export", "neo4j", "-g", str(graph_file), "--wipe", "--uri", uri],
                      env={"NEO4J_PASSWORD": "x"}, input="y\n")
    err = _one_line_error(r)
    assert "Delete all" not in r.stderr  # never asked
    assert err.startswith(f"error: cannot reach Neo4j at {uri}: ")


def test_unreachable_server_says_why_and_what_to_do(graph_file):
    uri = f"bolt://127.0.0.1:{free_port()}"
    r = runner.invoke(app, ["export", "neo4j", "-g", str(graph_file), "--uri", uri, "-q"],
                      env={"NEO4J_PASSWORD": "x"})
    err = _one_line_error(r)
    assert r.exit_code == 1
    assert err == (f"error: cannot reach Neo4j at {uri}: Connection refused; start the server, "
                   "or point --uri (or NEO4J_URI) at a running one")
