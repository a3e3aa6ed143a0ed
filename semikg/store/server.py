"""`semikg serve`: a read-only SPARQL 1.1 Protocol endpoint over the persistent store.

Queries run in worker processes that hold the store open read-only; a query that outlives the time
limit is stopped by killing its worker (Oxigraph has no cancellation hook), which is then replaced.
The HTTP side is the standard library's threading server: one request per thread, never blocking
on another client's long query beyond the pool size.
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pydantic import BaseModel, ConfigDict, Field

from semikg.errors import StoreError
from semikg.paths import DEFAULT_STORE
from semikg.store.disk import db_path
from semikg.store.negotiate import FORMATS, choose

QUERY_PATHS = ("/", "/query", "/sparql")
UPDATE_TYPES = ("application/sparql-update",)
FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
READ_ONLY_MESSAGE = "this endpoint is read-only: SPARQL updates are refused"


class ServeOptions(BaseModel):
    model_config = ConfigDict(frozen=True)

    store: Path = DEFAULT_STORE
    host: str = "127.0.0.1"
    port: int = Field(default=7878, ge=0, le=65535)
    timeout_s: float = Field(default=10.0, gt=0)
    workers: int = Field(default=2, ge=1, le=64)
    max_query_bytes: int = 1 << 20


class Answer(BaseModel):
    status: int
    content_type: str
    body: bytes


def _text(status: int, message: str) -> Answer:
    return Answer(status=status, content_type="text/plain; charset=utf-8", body=(message + "\n").encode())


# ------------------------------------------------------------------ worker process


def _worker_main(db: str, conn) -> None:
    """Runs in a child process: answer (query, accept) requests until the pipe closes."""
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(db)
    except OSError as e:
        conn.send(("error", (str(e).splitlines() or [type(e).__name__])[0][:200]))
        return
    conn.send(("ready", ""))
    while True:
        try:
            query, accept = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_evaluate(store, query, accept))


def _evaluate(store, query: str, accept: str | None) -> tuple[int, str, bytes]:
    import pyoxigraph as ox

    try:
        res = store.query(query)
    except SyntaxError as e:
        return 400, "text/plain; charset=utf-8", f"malformed query: {str(e).splitlines()[0]}\n".encode()
    except Exception as e:  # evaluation errors (e.g. SERVICE) come back as OSError/RuntimeError
        return 500, "text/plain; charset=utf-8", f"query failed: {str(e).splitlines()[0] if str(e) else type(e).__name__}\n".encode()
    kind = "graph" if isinstance(res, ox.QueryTriples) else "solutions"
    fmt = choose(accept, kind)
    if fmt is None:
        offered = ", ".join(f.mime for f in FORMATS if f.kind == kind)
        return 406, "text/plain; charset=utf-8", f"cannot answer in {accept!r}; available: {offered}\n".encode()
    try:
        if kind == "graph":
            body = ox.serialize(res, format=getattr(ox.RdfFormat, fmt.name))
        else:
            body = res.serialize(format=getattr(ox.QueryResultsFormat, fmt.name))
    except Exception as e:
        return 500, "text/plain; charset=utf-8", f"query failed: {str(e).splitlines()[0] if str(e) else type(e).__name__}\n".encode()
    charset = "; charset=utf-8" if fmt.mime.startswith("text/") else ""
    return 200, fmt.mime + charset, body or b""


WORKER_START_S = 120.0


class _Worker:
    def __init__(self, ctx, db: str):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(db, child), daemon=True)
        self.proc.start()
        child.close()

    def wait_ready(self, db: str) -> None:
        """Block until the worker has the store open: time spent starting never counts as query time."""
        try:
            ok = self.conn.poll(WORKER_START_S)
            state, detail = self.conn.recv() if ok else ("error", "did not start in time")
        except (EOFError, OSError):
            state, detail = "error", "exited while starting"
        if state != "ready":
            self.stop()
            raise StoreError(f"{db}: query worker cannot open the store: {detail}")

    def stop(self) -> None:
        self.conn.close()
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=5)


class QueryPool:
    """Worker processes holding the store open; ``run`` enforces the time limit."""

    def __init__(self, db: Path, size: int, timeout_s: float):
        self.db, self.timeout_s = str(db), timeout_s
        self._ctx = mp.get_context("spawn")  # fork would copy the server's threads and open files
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        starting = [_Worker(self._ctx, self.db) for _ in range(size)]
        try:
            for w in starting:
                w.wait_ready(self.db)
        except StoreError:
            for w in starting:
                w.stop()
            raise
        for w in starting:
            self._all.append(w)
            self._idle.put(w)

    def _add(self) -> None:
        """Start a replacement worker in the background; it joins the pool once the store is open."""
        def start() -> None:
            w = _Worker(self._ctx, self.db)
            try:
                w.wait_ready(self.db)
            except StoreError:
                return
            with self._lock:
                self._all.append(w)
            self._idle.put(w)

        threading.Thread(target=start, daemon=True).start()

    def _retire(self, w: _Worker) -> None:
        w.stop()
        with self._lock:
            if w in self._all:
                self._all.remove(w)

    def run(self, query: str, accept: str | None) -> Answer:
        try:
            w = self._idle.get(timeout=self.timeout_s)
        except queue.Empty:
            return _text(503, f"all {len(self._all)} query workers are busy; try again later")
        try:
            w.conn.send((query, accept))
            if not w.conn.poll(self.timeout_s):
                self._retire(w)
                self._add()
                return _text(503, f"query timed out after {self.timeout_s:g} s and was stopped")
            status, ctype, body = w.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._retire(w)
            self._add()
            return _text(500, "query worker died while answering (out of memory?)")
        self._idle.put(w)
        return Answer(status=status, content_type=ctype, body=body)

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), []
        for w in workers:
            w.stop()


# ------------------------------------------------------------------ HTTP


def _first(params: dict[str, list[str]], key: str) -> str | None:
    v = params.get(key)
    return v[0] if v else None


class SparqlHandler(BaseHTTPRequestHandler):
    server_version = "semikg-sparql/1"
    pool: QueryPool
    options: ServeOptions

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        return None  # quiet: the CLI prints one line at start; access logs are not wanted on stdout

    def _send(self, a: Answer) -> None:
        self.send_response(a.status)
        self.send_header("Content-Type", a.content_type)
        self.send_header("Content-Length", str(len(a.body)))
        if a.status == 405:
            self.send_header("Allow", "GET, POST")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(a.body)

    def _route(self) -> str | None:
        path = urlsplit(self.path).path.rstrip("/") or "/"
        if path in ("/update", "/store", "/data"):
            return "update"
        return "query" if path in QUERY_PATHS else None

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        route = self._route()
        if route == "update":
            return self._send(_text(403, READ_ONLY_MESSAGE))
        if route is None:
            return self._send(_text(404, "not found: send SPARQL queries to /query"))
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        if "update" in params:
            return self._send(_text(403, READ_ONLY_MESSAGE))
        query = _first(params, "query")
        if query is None:
            return self._send(_text(400 if urlsplit(self.path).path != "/" else 200,
                                    "semikg SPARQL endpoint (read-only): GET or POST /query?query=..."))
        self._send(self._answer(query))

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        route = self._route()
        if route == "update":
            return self._send(_text(403, READ_ONLY_MESSAGE))
        if route is None:
            return self._send(_text(404, "not found: send SPARQL queries to /query"))
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self._send(_text(400, "bad Content-Length"))
        if length > self.options.max_query_bytes:
            return self._send(_text(413, f"query larger than {self.options.max_query_bytes} bytes"))
        body = self.rfile.read(length) if length > 0 else b""
        if ctype in UPDATE_TYPES:
            return self._send(_text(403, READ_ONLY_MESSAGE))
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._send(_text(400, "request body is not UTF-8"))
        if ctype == QUERY_TYPE:
            return self._send(self._answer(text))
        if ctype == FORM_TYPE:
            params = parse_qs(text, keep_blank_values=True)
            if "update" in params:
                return self._send(_text(403, READ_ONLY_MESSAGE))
            query = _first(params, "query")
            if query is None:
                return self._send(_text(400, "missing 'query' form field"))
            return self._send(self._answer(query))
        self._send(_text(415, f"unsupported Content-Type {ctype!r}: use {QUERY_TYPE} or {FORM_TYPE}"))

    def do_PUT(self) -> None:  # noqa: N802
        self._send(_text(403, READ_ONLY_MESSAGE))

    do_DELETE = do_PATCH = do_PUT

    def _answer(self, query: str) -> Answer:
        if len(query.encode("utf-8")) > self.options.max_query_bytes:
            return _text(413, f"query larger than {self.options.max_query_bytes} bytes")
        return self.pool.run(query, self.headers.get("Accept"))


class SparqlServer:
    """The endpoint, ready to ``serve_forever``; ``close`` stops the workers."""

    def __init__(self, options: ServeOptions):
        db = db_path(options.store)  # raises StoreError with a hint when there is no store
        self.options = options
        self.pool = QueryPool(db, options.workers, options.timeout_s)
        handler = type("Handler", (SparqlHandler,), {"pool": self.pool, "options": options})
        try:
            self.httpd = ThreadingHTTPServer((options.host, options.port), handler)
        except OSError as e:
            self.pool.close()
            raise StoreError(f"cannot listen on {options.host}:{options.port}: {e.strerror or e}") from None
        self.httpd.daemon_threads = True

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/query"

    def serve_forever(self) -> None:
        try:
            self.httpd.serve_forever()
        finally:
            self.close()

    def close(self) -> None:
        self.httpd.server_close()
        self.pool.close()
