"""Graph Store push to a real `oxigraph serve` process, and clean errors when it cannot be done."""
from __future__ import annotations

import subprocess
import time
import urllib.parse
import urllib.request

import pytest
from typer.testing import CliRunner

from semikg.cli.main import app

from .conftest import free_port, oxigraph_binary


@pytest.fixture()
def oxigraph_server(tmp_path):
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the `oxigraph` server binary (PyPI package `oxigraph`, test extra) is not installed")
    port = free_port()
    # As a context manager, Popen closes its pipes and waits for the process on the way out.
    with subprocess.Popen([binary, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as proc:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(proc.stderr.read().decode())
                time.sleep(0.2)
        try:
            yield base
        finally:
            proc.terminate()


def _count(base, graph=None):
    q = "SELECT (COUNT(*) AS ?n) WHERE { %s }" % ("?s ?p ?o" if graph is None else f"GRAPH <{graph}> {{ ?s ?p ?o }}")
    req = urllib.request.Request(base + "/query?" + urllib.parse.urlencode({"query": q}), headers={"Accept": "text/csv"})
    return int(urllib.request.urlopen(req, timeout=30).read().decode().split()[1])


@pytest.mark.integration
def test_push_store_then_turtle_to_a_named_graph(oxigraph_server, small_build):
    out, result = small_build
    n = result.report.triples
    r = CliRunner().invoke(app, ["export", "sparql", "--endpoint", oxigraph_server + "/store", "--graph", str(out / "store")])
    assert r.exit_code == 0, r.output
    assert _count(oxigraph_server) == n
    # replace, not append: pushing twice leaves the same graph
    CliRunner().invoke(app, ["export", "sparql", "--endpoint", oxigraph_server + "/store", "--graph", str(out / "store")])
    assert _count(oxigraph_server) == n
    g = "https://semikg.org/graph/news"
    r = CliRunner().invoke(app, ["export", "sparql", "--endpoint", oxigraph_server + "/store",
                                 "--graph", str(out / "semikg.ttl"), "--named-graph", g])
    assert r.exit_code == 0, r.output
    assert _count(oxigraph_server, g) == n


@pytest.mark.integration
def test_endpoint_refusal_is_one_line(oxigraph_server, small_build):
    out, _ = small_build
    r = CliRunner().invoke(app, ["export", "sparql", "--endpoint", oxigraph_server + "/nope", "--graph", str(out / "store")])
    assert r.exit_code == 1 and "refused the graph: HTTP 404" in r.output
    assert len(r.output.strip().splitlines()) == 1


@pytest.mark.parametrize("endpoint,message", [
    ("http://127.0.0.1:{port}/store", "cannot reach"),
    ("ftp://example.org/store", "not an http(s) URL"),
])
def test_unreachable_or_bad_endpoint(small_build, endpoint, message):
    out, _ = small_build
    r = CliRunner().invoke(app, ["export", "sparql", "--endpoint", endpoint.format(port=free_port()),
                                 "--graph", str(out / "store")])
    assert r.exit_code == 1 and message in r.output and "Traceback" not in r.output


def test_missing_graph_is_one_line(tmp_path):
    r = CliRunner().invoke(app, ["export", "sparql", "--endpoint", "http://127.0.0.1:1/store", "--graph", str(tmp_path / "x")])
    assert r.exit_code == 1 and "no such graph file or store" in r.output
