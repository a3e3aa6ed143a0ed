"""A local Bolt server for trying the Neo4j export: ArcadeDB (``arcadedb-embedded``) in its own process.

No Neo4j can be installed from the package registries, but the ``arcadedb-embedded`` wheel bundles
ArcadeDB, a JRE and its Bolt plugin. The server runs in a *child* process so that the JVM never
lives in the caller (tests, benchmarks): stopping it is killing one process, and a test can stop the
server mid-push to check that the exporter fails cleanly.

    python tests/support/arcadedb_server.py --bolt-port 7687 --password secret123 --database semikg

prints ``READY bolt://127.0.0.1:7687`` once Bolt answers and runs until stdin closes or SIGTERM.
From Python, ``ArcadeBoltServer(...).start()`` does the same on a free loopback port.
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from semikg.errors import ExportError

BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
READY = "READY"
DEFAULT_USER = "root"
# ArcadeDB refuses root passwords shorter than 8 characters.
DEFAULT_PASSWORD = "semikg-test-pw"
DEFAULT_DATABASE = "semikg"


def free_port() -> int:
    """A port free on the loopback interface right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


# --------------------------------------------------------------------------- child process


def _serve(root: Path, bolt_port: int, http_port: int, password: str, database: str, heap: str) -> None:
    # ArcadeDB writes ./log relative to the working directory: keep it inside the server's root.
    root.mkdir(parents=True, exist_ok=True)
    os.chdir(root)
    import arcadedb_embedded as arcadedb  # only the child ever loads the JVM

    server = arcadedb.ArcadeDBServer(
        root_path=str(root),
        root_password=password,
        config={
            "host": "127.0.0.1",
            "http_port": http_port,
            "server_plugins": BOLT_PLUGIN,
            "bolt_port": bolt_port,
        },
        jvm_kwargs={"heap_size": heap},
    )
    server.start()
    server.create_database(database)
    deadline = time.monotonic() + 60
    while not _port_open(bolt_port):
        if time.monotonic() > deadline:
            raise SystemExit(f"Bolt did not open port {bolt_port}")
        time.sleep(0.1)
    print(f"{READY} bolt://127.0.0.1:{bolt_port}", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    # The parent holds our stdin: when it dies without stopping us, the EOF stops us too.
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    while not stop.wait(0.5):
        pass
    # ArcadeDB's stop waits for open Bolt client connections; give it a few seconds, then leave
    # anyway (committed transactions are already durable in its write-ahead log).
    closer = threading.Thread(target=server.stop, daemon=True)
    closer.start()
    closer.join(5.0)
    sys.stdout.flush()
    os._exit(0)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Run ArcadeDB with its Bolt plugin on the loopback interface.")
    ap.add_argument("--root", type=Path, default=None, help="data folder (default: a new temp folder)")
    ap.add_argument("--bolt-port", type=int, default=7687)
    ap.add_argument("--http-port", type=int, default=0, help="0: a free port")
    ap.add_argument("--password", default=os.environ.get("ARCADEDB_ROOT_PASSWORD", DEFAULT_PASSWORD))
    ap.add_argument("--database", default=DEFAULT_DATABASE)
    ap.add_argument("--heap", default="1g")
    a = ap.parse_args(argv)
    root = a.root or Path(tempfile.mkdtemp(prefix="semikg-arcadedb-"))
    _serve(root.resolve(), a.bolt_port, a.http_port or free_port(), a.password, a.database, a.heap)


# --------------------------------------------------------------------------- parent side


@dataclass
class ArcadeBoltServer:
    """Start/stop an ArcadeDB Bolt server in a child process; ``uri``/``auth`` connect the neo4j driver."""

    root: Path | None = None
    database: str = DEFAULT_DATABASE
    user: str = DEFAULT_USER
    password: str = DEFAULT_PASSWORD
    heap: str = "1g"
    start_timeout: float = 120.0
    bolt_port: int = 0
    _proc: subprocess.Popen | None = field(default=None, repr=False)
    _tmp: tempfile.TemporaryDirectory | None = field(default=None, repr=False)
    _log: Path | None = field(default=None, repr=False)

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> "ArcadeBoltServer":
        if self.running:
            return self
        if self.root is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="semikg-arcadedb-")
            self.root = Path(self._tmp.name)
        self.root.mkdir(parents=True, exist_ok=True)
        # A restart keeps its port, so a client can reconnect to the same URI.
        self.bolt_port = self.bolt_port or free_port()
        self._log = self.root / "server.out"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--root", str(self.root),
               "--bolt-port", str(self.bolt_port), "--password", self.password,
               "--database", self.database, "--heap", self.heap]
        log = open(self._log, "ab")
        self._proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                      start_new_session=True)
        log.close()
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        box: dict[str, str] = {}

        def read() -> None:
            for raw in self._proc.stdout:  # type: ignore[union-attr]
                line = raw.decode("utf-8", "replace").strip()
                if line.startswith(READY):
                    box["ready"] = line
                    return

        t = threading.Thread(target=read, daemon=True)
        t.start()
        t.join(self.start_timeout)
        if "ready" not in box:
            tail = self._log_tail()
            self.stop()
            raise ExportError(f"ArcadeDB Bolt server did not start within {self.start_timeout:.0f}s: {tail}")

    def _log_tail(self) -> str:
        try:
            lines = [ln for ln in (self._log.read_text("utf-8", "replace").splitlines() if self._log else []) if ln.strip()]
        except OSError:
            return ""
        return lines[-1][:300] if lines else "(no output)"

    def stop(self, timeout: float = 15.0) -> None:
        """Stop gracefully (SIGTERM, then kill); keeps the data folder so ``start()`` resumes on it."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        # Closing stdin is the stop request the child always honours (the JVM may own SIGTERM).
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()
        for ask in (None, proc.terminate, proc.kill):
            if proc.poll() is not None:
                break
            if ask is not None:
                ask()
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
        proc.wait()

    def kill(self) -> None:
        """Die abruptly, as a crashed server would (SIGKILL)."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self.stop()

    def close(self) -> None:
        self.stop()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> "ArcadeBoltServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


if __name__ == "__main__":
    main()
