"""`semikg serve` against its clients: hang-ups at any point, 200 at once, SERVICE to anywhere,
queries that eat memory, and a server that dies with queries running. All on 127.0.0.1."""
from __future__ import annotations

import json
import random
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import psutil
import pytest

from semikg.store.server import ServeOptions, SparqlServer, federated_endpoints, refuse_service

from .conftest import free_port

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
ROWS = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 500"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"


def _start(store, *extra: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "semikg.cli.main", "serve", "--port", str(port),
                             "--store", str(store), *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=1).read()
            return proc, base
        except OSError:
            if proc.poll() is not None:
                pytest.fail(proc.stderr.read())
            time.sleep(0.1)
    _stop(proc)
    pytest.fail("server did not start")


def _stop(proc: subprocess.Popen) -> None:
    """Stop a server from ``_start`` (if it still runs) and close its pipes: an open pipe left to the
    garbage collector is a ResourceWarning, and warnings fail the tests."""
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def _get(base: str, query: str, timeout: float = 60) -> tuple[int, str]:
    url = base + "/query?" + urllib.parse.urlencode({"query": query})
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def _count(base: str) -> int:
    status, body = _get(base, COUNT)
    assert status == 200
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def served(small_build):
    out, result = small_build
    proc, base = _start(out / "store", "--timeout", "20", "--workers", "2", "--max-memory-mb", "256")
    yield proc, base, result.report.triples
    _stop(proc)


def _hang_up(port: int, how: int, rng: random.Random) -> bool:
    """One client that goes away at a chosen point of its request."""
    request = ("GET /query?" + urllib.parse.urlencode({"query": ROWS}) + " HTTP/1.1\r\n"
               "Host: 127.0.0.1\r\nAccept: application/sparql-results+json\r\n\r\n").encode()
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
    except OSError:
        return False  # refused or reset: the server is gone or dropped us
    try:
        if how == 0:
            pass  # connect, say nothing
        elif how == 1:
            s.sendall(request[: rng.randrange(1, len(request) - 1)])  # half a request
        else:
            s.sendall(request)
            if how == 3:
                s.recv(rng.randrange(1, 4096))  # read a little of the answer
            elif how == 4:
                time.sleep(rng.random() * 0.02)
        if rng.random() < 0.3:
            # RST instead of FIN: the server's next write to this socket fails at once (ECONNRESET);
            # after a FIN the first write still succeeds and the second raises EPIPE (SIGPIPE)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass  # the server may answer or close first; either is fine for a client that leaves
    finally:
        s.close()
    return True


@pytest.mark.integration
def test_endpoint_survives_1000_clients_that_hang_up(served):
    proc, base, triples = served
    port = int(base.rsplit(":", 1)[1])
    rng = random.Random(18)
    plan = [(rng.randrange(5), random.Random(i)) for i in range(1000)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        connected = list(pool.map(lambda p: _hang_up(port, *p), plan))
    assert proc.poll() is None, "the server died of a client's hang-up"
    assert all(connected)
    assert _count(base) == triples
    status, body = _get(base, ROWS)
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == min(500, triples)


@pytest.mark.integration
def test_200_concurrent_clients_get_answers_without_resets(served):
    proc, base, triples = served
    gate = threading.Barrier(200)

    def client(_i: int):
        gate.wait()
        try:
            return _get(base, COUNT)
        except OSError as e:  # a reset or refused connection
            return 0, repr(e)

    with ThreadPoolExecutor(max_workers=200) as pool:
        answers = list(pool.map(client, range(200)))
    errors = [body for status, body in answers if status != 200]
    assert errors == []
    assert all(json.loads(body)["results"]["bindings"][0]["n"]["value"] == str(triples) for _, body in answers)


class _Listener:
    """A TCP listener on 127.0.0.1 that records whoever connects (and what it sends first)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.seen: list[bytes] = []
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"
        self._stop = threading.Event()
        threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(2)
            try:
                self.seen.append(conn.recv(4096))
            except OSError:
                self.seen.append(b"")
            conn.close()

    def close(self):
        self._stop.set()
        self.sock.close()


@pytest.mark.integration
def test_service_is_refused_and_nothing_is_sent(served):
    _, base, _ = served
    listener = _Listener()
    try:
        for q in (f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
                  f"select * where {{ service silent <{listener.url}> {{ ?s ?p ?o }} }}",
                  f"SELECT * WHERE {{ BIND(<{listener.url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}"):
            status, body = _get(base, q)
            assert status == 403 and "federated queries are off" in body and "--allow-service" in body
            assert body.count("\n") == 1
        time.sleep(0.3)
        assert listener.seen == []
    finally:
        listener.close()


def test_service_detection_ignores_strings_comments_and_iris():
    assert federated_endpoints('SELECT * { ?s ?p "SERVICE <http://a/>" } # SERVICE <http://b/>') == []
    assert federated_endpoints("SELECT * { ?s <http://x/SERVICE> ?o ; ex:SERVICE ?v . ?SERVICE ?p ?o }") == []
    assert federated_endpoints("SELECT * { SERVICE <http://a/> { ?s ?p ?o } }") == ["http://a/"]
    assert federated_endpoints("SELECT * { Service SILENT ?ep { ?s ?p ?o } }") == ["?ep"]
    assert federated_endpoints("PREFIX e: <http://a/> PREFIX : <http://b/> SELECT * { SERVICE e:sparql {} "
                               "SERVICE :q {} SERVICE x:y {} }") == ["http://a/sparql", "http://b/q", "x:y"]
    assert refuse_service("SELECT * { SERVICE <http://a/> {} }", ("http://a/",)) is None
    assert "not in the allow-list" in refuse_service("SELECT * { SERVICE <http://b/> {} }", ("http://a/",))


@pytest.mark.integration
def test_memory_limit_stops_a_query_and_says_so(served):
    proc, base, triples = served
    t = time.monotonic()
    status, body = _get(base, HUNGRY)
    assert status == 503 and "memory limit of 256 MB" in body
    assert time.monotonic() - t < 20  # stopped by memory, before the 20 s time limit
    assert proc.poll() is None and _count(base) == triples


def test_waiting_queries_are_bounded(small_build):
    """workers=1, max_waiting=1: of three slow queries at once, one runs (and is stopped at the time
    limit), one waits, and one is answered 503 at once."""
    out, _ = small_build
    server = SparqlServer(ServeOptions(store=out / "store", port=0, workers=1, max_waiting=1, timeout_s=2.0))
    threading.Thread(target=server.httpd.serve_forever, daemon=True).start()
    base = server.url.rsplit("/", 1)[0]
    try:
        with ThreadPoolExecutor(max_workers=3) as pool:
            answers = list(pool.map(lambda _i: _get(base, HEAVY), range(3)))
        bodies = sorted(body for _, body in answers)
        assert all(status == 503 for status, _ in answers)
        assert sum("too many queries waiting" in b for b in bodies) >= 1
        assert sum("time limit of 2 s" in b for b in bodies) >= 1
    finally:
        server.httpd.shutdown()
        server.close()


def _workers(server_pid: int) -> list[psutil.Process]:
    return [c for c in psutil.Process(server_pid).children()
            if "spawn_main" in " ".join(c.cmdline())]


@pytest.mark.integration
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_query_workers_end_with_their_server(small_build, how):
    out, _ = small_build
    listener = _Listener()
    proc, base = _start(out / "store", "--timeout", "60", "--workers", "2", "--allow-service", listener.url)
    workers: list[psutil.Process] = []
    try:
        if how == signal.SIGKILL:  # the allow-list lets the operator's endpoint through
            _get(base, f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}", timeout=30)
            assert listener.seen and b"sparql" in listener.seen[0]
        workers[:] = _workers(proc.pid)
        assert len(workers) == 2
        def query() -> None:
            try:
                _get(base, HEAVY, timeout=5)
            except OSError:
                pass  # its server is gone: that is the point

        busy = threading.Thread(target=query, daemon=True)
        busy.start()
        start = {w.pid: sum(w.cpu_times()[:2]) for w in workers}
        deadline = time.monotonic() + 10
        while not any(sum(w.cpu_times()[:2]) - start[w.pid] > 0.3 for w in workers):
            assert time.monotonic() < deadline, "no worker started the query"
            time.sleep(0.05)  # wait until a worker is deep in the cross product
        proc.send_signal(how)
        proc.wait(timeout=10)
        gone, alive = psutil.wait_procs(workers, timeout=10)
        assert alive == [], f"workers outlived their server: {[p.pid for p in alive]}"
    finally:
        listener.close()
        if proc.poll() is None:
            proc.kill()
        _stop(proc)
        for w in workers:  # never leave a stray worker behind, even when the test fails
            try:
                w.kill()
            except psutil.Error:
                pass


@pytest.mark.integration
def test_endpoint_keeps_its_set_while_builds_replace_it(tmp_path):
    """serve pins the output set it started on: two rebuilds later (and after a worker was replaced)
    it still answers from that complete set, and the set is removed once the server is gone."""
    from semikg.build import run_build

    from .conftest import ROOT, copy_seeds, seed_files

    mini = ROOT / "tests" / "data" / "mini_catalog.yaml"
    names = [f.name for f in seed_files()]
    small, big = copy_seeds(tmp_path / "small", names[-1:]), copy_seeds(tmp_path / "big", names[-2:])
    out = tmp_path / "out"
    first = run_build(articles=small, out=out, catalog=mini, shacl=False).report.triples
    pinned = (out / "store").resolve()
    proc, base = _start(out / "store", "--timeout", "1", "--workers", "1")
    try:
        for _ in range(2):
            assert run_build(articles=big, out=out, catalog=mini, shacl=False).report.triples != first
        assert pinned.is_dir()
        assert _get(base, HEAVY)[0] == 503  # the worker is killed and replaced
        deadline = time.monotonic() + 60
        while (answer := _get(base, COUNT))[0] != 200:
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert int(json.loads(answer[1])["results"]["bindings"][0]["n"]["value"]) == first
    finally:
        _stop(proc)
    run_build(articles=big, out=out, catalog=mini, shacl=False)
    assert not pinned.exists()
