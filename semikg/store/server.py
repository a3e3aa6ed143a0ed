"""`semikg serve`: a read-only SPARQL 1.1 Protocol endpoint over the persistent store.

Queries run in worker processes that hold the store open read-only; a query that outlives the time
limit, or grows past the memory limit, is stopped by killing its worker (Oxigraph has no
cancellation hook), which is then replaced. Workers end with their server however it ends (on
Linux the kernel kills them: PR_SET_PDEATHSIG). Federated queries (SERVICE) are refused unless the
operator allows the endpoint. The HTTP side is the standard library's threading server with a deep
listen backlog: one request per thread; at most ``workers`` queries run, ``max_waiting`` more wait
for a worker, the rest are answered 503 at once. A client that hangs up costs its own request only.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import queue
import re
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pydantic import BaseModel, ConfigDict, Field

from semikg.errors import StoreError
from semikg.outputs import pin
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
    max_memory_mb: int = Field(default=2048, ge=64)
    max_waiting: int = Field(default=256, ge=0)
    allow_service: tuple[str, ...] = ()


class Answer(BaseModel):
    status: int
    content_type: str
    body: bytes


def _text(status: int, message: str) -> Answer:
    return Answer(status=status, content_type="text/plain; charset=utf-8", body=(message + "\n").encode())


# ------------------------------------------------------------------ federated queries

# What may hide the keyword: comments, strings and IRIs are blanked before looking for it.
_LEXICAL = re.compile(r"#[^\n]*|'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|<[^<>\"{}|^`\\\s]*>",
                      re.S)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE\b(?:\s+SILENT\b)?\s*(<[^>]*>|[?$]\w+|\S*)", re.I)


_PREFIX = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I)


def federated_endpoints(query: str) -> list[str]:
    """The endpoints a query's SERVICE clauses would call (``?var`` for a variable endpoint)."""
    spans: list[tuple[int, int]] = []

    def blank(m: re.Match) -> str:
        if m.group(0).startswith("<"):
            spans.append((m.start(), m.end()))
            return m.group(0)  # IRIs stay: they are what SERVICE names
        return " " * len(m.group(0))

    masked = _LEXICAL.sub(blank, query)
    # An IRI cannot contain the keyword for our purpose: hide IRIs' insides from the keyword search.
    hidden = list(masked)
    for a, b in spans:
        hidden[a + 1:b - 1] = " " * (b - a - 2)
    prefixes = {m.group(1) or "": m.group(2) for m in _PREFIX.finditer(masked)}
    found = []
    for m in _SERVICE.finditer("".join(hidden)):
        a, b = m.span(1)
        endpoint = masked[a:b]
        if endpoint.startswith("<"):
            endpoint = endpoint[1:-1]
        elif ":" in endpoint and endpoint.split(":", 1)[0] in prefixes:  # ex:ep, declared by PREFIX
            pfx, local = endpoint.split(":", 1)
            endpoint = prefixes[pfx] + local
        found.append(endpoint)
    return found


def refuse_service(query: str, allowed: tuple[str, ...]) -> str | None:
    """Why the query may not run here (a SERVICE to an endpoint not allowed), or None."""
    for endpoint in federated_endpoints(query):
        if endpoint not in allowed:
            hint = "federated queries are off" if not allowed else "it is not in the allow-list"
            return (f"SERVICE <{endpoint}> refused: {hint}; the operator allows an endpoint with "
                    "`semikg serve --allow-service URL`")
    return None


# ------------------------------------------------------------------ worker process

PR_SET_PDEATHSIG = 1


def _die_with_parent(parent_pid: int) -> None:
    """End this worker when the server process ends, however it ends."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the server died before the request above was in place
        os._exit(1)

    def watch() -> None:  # elsewhere (and as a second line): notice being orphaned
        while os.getppid() == parent_pid:
            threading.Event().wait(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _limit_memory(max_mb: int) -> None:
    """Cap this worker's address space at what it uses now plus ``max_mb``."""
    try:
        import resource

        with open("/proc/self/statm") as fh:
            used = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        cap = used + max_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (ImportError, OSError, ValueError):
        pass  # no /proc or no rlimits: the time limit still applies


def _worker_main(db: str, conn, parent_pid: int = 0, max_memory_mb: int = 0) -> None:
    """Runs in a child process: answer (query, accept) requests until the pipe closes."""
    if parent_pid:
        _die_with_parent(parent_pid)
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(db)
    except OSError as e:
        conn.send(("error", (str(e).splitlines() or [type(e).__name__])[0][:200]))
        return
    if max_memory_mb:
        _limit_memory(max_memory_mb)
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
    except MemoryError:
        return 503, "text/plain; charset=utf-8", MEMORY_MESSAGE.encode()
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
    except MemoryError:
        return 503, "text/plain; charset=utf-8", MEMORY_MESSAGE.encode()
    except Exception as e:
        return 500, "text/plain; charset=utf-8", f"query failed: {str(e).splitlines()[0] if str(e) else type(e).__name__}\n".encode()
    charset = "; charset=utf-8" if fmt.mime.startswith("text/") else ""
    return 200, fmt.mime + charset, body or b""


MEMORY_MESSAGE = "query stopped: it went over the memory limit per query\n"
WORKER_START_S = 120.0


class _Spawner:
    """One long-lived thread starts every worker: PR_SET_PDEATHSIG fires when the *thread* that
    started a child ends, so workers must not be started by short-lived request threads."""

    def __init__(self):
        self._jobs: queue.Queue = queue.Queue()
        threading.Thread(target=self._loop, daemon=True, name="semikg-worker-spawner").start()

    def _loop(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            fn, box, done = job
            try:
                box.append(fn())
            except BaseException as e:  # handed back to the caller
                box.append(e)
            done.set()

    def call(self, fn):
        box: list = []
        done = threading.Event()
        self._jobs.put((fn, box, done))
        done.wait()
        if isinstance(box[0], BaseException):
            raise box[0]
        return box[0]

    def close(self) -> None:
        self._jobs.put(None)


class _Worker:
    def __init__(self, ctx, db: str, max_memory_mb: int = 0):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(db, child, os.getpid(), max_memory_mb), daemon=True)
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

    def __init__(self, db: Path, size: int, timeout_s: float, max_memory_mb: int = 0, max_waiting: int = 256):
        self.db, self.timeout_s, self.max_memory_mb = str(db), timeout_s, max_memory_mb
        self._ctx = mp.get_context("spawn")  # fork would copy the server's threads and open files
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._spawner = _Spawner()
        # Requests running or waiting for a worker; past this the answer is 503 at once.
        self._admitted = threading.BoundedSemaphore(size + max_waiting)
        starting = [self._spawn() for _ in range(size)]
        try:
            for w in starting:
                w.wait_ready(self.db)
        except StoreError:
            for w in starting:
                w.stop()
            self._spawner.close()
            raise
        for w in starting:
            self._all.append(w)
            self._idle.put(w)

    def _add(self) -> None:
        """Start a replacement worker in the background; it joins the pool once the store is open."""
        def start() -> None:
            try:
                w = self._spawn()
            except (OSError, RuntimeError):
                return
            try:
                w.wait_ready(self.db)
            except StoreError:
                return
            with self._lock:
                self._all.append(w)
            self._idle.put(w)

        threading.Thread(target=start, daemon=True).start()

    def _spawn(self) -> _Worker:
        return self._spawner.call(lambda: _Worker(self._ctx, self.db, self.max_memory_mb))

    def _retire(self, w: _Worker) -> None:
        w.stop()
        with self._lock:
            if w in self._all:
                self._all.remove(w)

    def run(self, query: str, accept: str | None) -> Answer:
        if not self._admitted.acquire(blocking=False):
            return _text(503, "too many queries waiting; try again later")
        try:
            return self._run(query, accept)
        finally:
            self._admitted.release()

    def _run(self, query: str, accept: str | None) -> Answer:
        try:
            w = self._idle.get(timeout=self.timeout_s)
        except queue.Empty:
            return _text(503, f"all {len(self._all)} query workers are busy; try again later")
        try:
            w.conn.send((query, accept))
            if not w.conn.poll(self.timeout_s):
                self._retire(w)
                self._add()
                return _text(503, f"query timed out: stopped at the time limit of {self.timeout_s:g} s")
            status, ctype, body = w.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._retire(w)
            self._add()
            if self.max_memory_mb:
                return _text(503, f"query stopped: memory limit of {self.max_memory_mb} MB per query reached")
            return _text(500, "query worker died while answering")
        self._idle.put(w)
        if status == 503 and body == MEMORY_MESSAGE.encode():
            body = f"query stopped: memory limit of {self.max_memory_mb} MB per query reached\n".encode()
        return Answer(status=status, content_type=ctype, body=body)

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), []
        for w in workers:
            w.stop()
        self._spawner.close()


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

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, TimeoutError):
            self.close_connection = True  # the client hung up: its request ends, nothing else does

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
        refusal = refuse_service(query, self.options.allow_service)
        if refusal is not None:
            return _text(403, refusal)
        return self.pool.run(query, self.headers.get("Accept"))


class _HTTPServer(ThreadingHTTPServer):
    # The kernel caps this at net.core.somaxconn; 5 (the default) resets bursts of clients.
    request_queue_size = 1024
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # a client that went away is not the server's error
        super().handle_error(request, client_address)


class SparqlServer:
    """The endpoint, ready to ``serve_forever``; ``close`` stops the workers."""

    def __init__(self, options: ServeOptions):
        db_path(options.store)  # raises StoreError with a hint when there is no store
        # The output set is resolved and held once: every worker, replacements included, reads the
        # same set even when a build switches OUT/store to a newer one meanwhile.
        self.pinned = pin(options.store)
        db = db_path(self.pinned.path)
        self.options = options
        self.pool = QueryPool(db, options.workers, options.timeout_s, options.max_memory_mb, options.max_waiting)
        handler = type("Handler", (SparqlHandler,), {"pool": self.pool, "options": options})
        try:
            self.httpd = _HTTPServer((options.host, options.port), handler)
        except OSError as e:
            self.pool.close()
            raise StoreError(f"cannot listen on {options.host}:{options.port}: {e.strerror or e}") from None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/query"

    def serve_forever(self) -> None:
        if hasattr(signal, "SIGPIPE") and threading.current_thread() is threading.main_thread():
            # The CLI restores SIGPIPE's default (quiet `| head`); a server must instead see a
            # client's hang-up as an error on that one socket, not die of it.
            signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        try:
            self.httpd.serve_forever()
        finally:
            self.close()

    def close(self) -> None:
        self.httpd.server_close()
        self.pool.close()
        self.pinned.close()
