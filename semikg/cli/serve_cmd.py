"""`semikg serve`: a read-only SPARQL endpoint over the persistent store."""
from __future__ import annotations

import signal
from pathlib import Path
from typing import List, Optional

import typer

from semikg.cli.common import cli_errors, note
from semikg.paths import DEFAULT_STORE

LOOPBACK = ("127.0.0.1", "localhost", "::1")

# A top-level command: added to the root app without a group name.
app = typer.Typer()


@app.command("serve")
def serve(
    port: int = typer.Option(7878, "--port", "-p", help="TCP port (0 picks a free one)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind; loopback unless told otherwise."),
    store: Path = typer.Option(DEFAULT_STORE, "--store", help="Store folder written by `semikg build`."),
    timeout: float = typer.Option(10.0, "--timeout", help="Stop any query running longer than this many seconds."),
    workers: int = typer.Option(2, "--workers", help="Queries answered at the same time."),
    max_memory_mb: int = typer.Option(2048, "--max-memory-mb", help="Stop any query whose worker grows past this many MB."),
    allow_service: List[str] = typer.Option([], "--allow-service", help="Endpoint IRI a SERVICE clause may call; repeat for several [default: none]."),
) -> None:
    """Serve a read-only SPARQL 1.1 endpoint (JSON/XML/CSV/TSV results) over the persistent store."""
    from semikg.store.server import ServeOptions, SparqlServer

    with cli_errors():
        server = SparqlServer(ServeOptions(store=store, host=host, port=port, timeout_s=timeout, workers=workers,
                                           max_memory_mb=max_memory_mb, allow_service=tuple(allow_service)))
    if host not in LOOPBACK:
        note(f"warning: listening on {host}, reachable from other machines")
    typer.echo(f"SPARQL endpoint (read-only) on {server.url} over {store}")

    def stop(_sig, _frame):
        raise KeyboardInterrupt  # SIGTERM stops like Ctrl-C: the query workers are shut down too

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
