"""`semikg serve` in its own process: SPARQL protocol, content negotiation, read-only, time limit."""
from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from typer.testing import CliRunner

from .conftest import free_port

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _get(url, accept=None, data=None, ctype=None, method=None):
    headers = {}
    if accept:
        headers["Accept"] = accept
    if ctype:
        headers["Content-Type"] = ctype
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type"), r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read().decode("utf-8")


@pytest.fixture(scope="module")
def server(small_build):
    out, result = small_build
    port = free_port()
    # As a context manager, Popen closes its pipes and waits for the process on the way out.
    with subprocess.Popen(
            [sys.executable, "-m", "semikg.cli.main", "serve", "--port", str(port), "--store", str(out / "store"),
             "--timeout", "1.5", "--workers", "2"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(proc.stderr.read())
                time.sleep(0.2)
        try:
            yield base, result.report.triples
        finally:
            proc.terminate()


def _q(base, query):
    return base + "/query?" + urllib.parse.urlencode({"query": query})


@pytest.mark.integration
def test_get_json_by_default(server):
    base, triples = server
    status, ctype, body = _get(_q(base, COUNT))
    assert status == 200 and ctype == "application/sparql-results+json"
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == str(triples)


@pytest.mark.integration
@pytest.mark.parametrize("accept,ctype,head", [
    ("text/csv", "text/csv; charset=utf-8", "n\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", "?n\n"),
    ("application/sparql-results+xml", "application/sparql-results+xml", "<?xml"),
])
def test_content_negotiation(server, accept, ctype, head):
    base, triples = server
    status, got, body = _get(_q(base, COUNT), accept=accept)
    assert (status, got) == (200, ctype)
    assert body.startswith(head) and str(triples) in body


@pytest.mark.integration
def test_post_form_and_direct_body(server):
    base, triples = server
    form = urllib.parse.urlencode({"query": COUNT}).encode()
    s1, _, b1 = _get(base + "/query", data=form, ctype="application/x-www-form-urlencoded", accept="text/csv")
    s2, _, b2 = _get(base + "/sparql", data=COUNT.encode(), ctype="application/sparql-query", accept="text/csv")
    assert s1 == s2 == 200 and b1 == b2 == f"n\r\n{triples}\r\n"


@pytest.mark.integration
def test_construct_is_turtle_and_csv_is_not_acceptable(server):
    base, _ = server
    q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"
    status, ctype, _ = _get(_q(base, q))
    assert (status, ctype) == (200, "text/turtle; charset=utf-8")
    status, _, body = _get(_q(base, q), accept="text/csv")
    assert status == 406 and "text/turtle" in body


@pytest.mark.integration
@pytest.mark.parametrize("how", ["form", "body", "get", "put"])
def test_updates_are_refused(server, how):
    base, triples = server
    upd = "INSERT DATA { <https://x.org/a> <https://x.org/p> 1 }"
    if how == "form":
        r = _get(base + "/query", data=urllib.parse.urlencode({"update": upd}).encode(),
                 ctype="application/x-www-form-urlencoded")
    elif how == "body":
        r = _get(base + "/update", data=upd.encode(), ctype="application/sparql-update")
    elif how == "get":
        r = _get(base + "/query?" + urllib.parse.urlencode({"update": upd}))
    else:
        r = _get(base + "/store?default", data=b"<a:b> <a:c> <a:d> .", ctype="text/turtle", method="PUT")
    assert r[0] == 403 and "read-only" in r[2]
    # an update smuggled in as a query is a syntax error, not a write
    status, _, body = _get(_q(base, upd))
    assert status == 400 and "malformed" in body
    assert _get(_q(base, COUNT), accept="text/csv")[2] == f"n\r\n{triples}\r\n"


@pytest.mark.integration
def test_malformed_query_is_400(server):
    base, _ = server
    status, _, body = _get(_q(base, "SELEC ?x WHERE {"))
    assert status == 400 and body.count("\n") == 1


@pytest.mark.integration
def test_slow_query_is_stopped_and_the_server_keeps_answering(server):
    base, triples = server
    t = time.monotonic()
    status, _, body = _get(_q(base, HEAVY))
    assert status == 503 and "timed out" in body
    assert time.monotonic() - t < 20
    assert _get(_q(base, COUNT), accept="text/csv")[2] == f"n\r\n{triples}\r\n"


def test_serve_without_a_store_is_a_one_line_error(tmp_path):
    from semikg.cli.main import app

    r = CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "nope"), "--port", "0"])
    assert r.exit_code == 1
    assert "not a semikg store" in r.output and "Traceback" not in r.output


def test_port_in_use_is_a_one_line_error(small_build):
    import socket

    from semikg.cli.main import app

    out, _ = small_build
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = CliRunner().invoke(app, ["serve", "--store", str(out / "store"), "--port", str(port)])
    assert r.exit_code == 1 and "cannot listen" in r.output
