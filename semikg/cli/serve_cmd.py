"""`semikg serve` (read-only SPARQL endpoint over the store) and the Graph Store push.

`export_sparql` is mounted as `semikg export sparql` by the export command group.
"""
from __future__ import annotations

import signal
from pathlib import Path
from typing import List, Optional

import typer

from semikg.cli.common import cli_errors

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    port: int = typer.Option(7878, "--port", "-p", help="TCP port (0 picks a free one)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind; loopback unless told otherwise."),
    store: Path = typer.Option(Path("build") / "store", "--store", help="Store folder written by `semikg build`."),
    timeout: float = typer.Option(10.0, "--timeout", help="Stop any query running longer than this many seconds."),
    workers: int = typer.Option(2, "--workers", help="Queries answered at the same time."),
    max_memory_mb: int = typer.Option(2048, "--max-memory-mb", help="Stop any query whose worker grows past this many MB."),
    allow_service: List[str] = typer.Option([], "--allow-service", help="Endpoint IRI a SERVICE clause may call; repeat for several (default: none)."),
) -> None:
    """Serve a read-only SPARQL 1.1 endpoint (JSON/XML/CSV/TSV results) over the persistent store."""
    from semikg.store.server import ServeOptions, SparqlServer

    with cli_errors():
        server = SparqlServer(ServeOptions(store=store, host=host, port=port, timeout_s=timeout, workers=workers,
                                           max_memory_mb=max_memory_mb, allow_service=tuple(allow_service)))
    if host not in LOOPBACK:
        typer.echo(f"warning: listening on {host}, reachable from other machines", err=True)
    typer.echo(f"SPARQL endpoint (read-only) on {server.url} over {store}")

    def stop(_sig, _frame):
        raise KeyboardInterrupt  # SIGTERM stops like Ctrl-C: the query workers are shut down too

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


def export_sparql(
    endpoint: str = typer.Option(..., "--endpoint", help="Graph Store URL, e.g. http://localhost:7878/store"),
    graph: Path = typer.Option(Path("build") / "store", "--graph", "-g", help="Store folder or graph file to send."),
    named_graph: Optional[str] = typer.Option(None, "--named-graph", help="Target named graph IRI; default graph when absent."),
    append: bool = typer.Option(False, "--append", help="Add to the target graph (POST) instead of replacing it (PUT)."),
    timeout: float = typer.Option(300.0, "--timeout", help="Give up after this many seconds."),
) -> None:
    """Push the graph to a SPARQL 1.1 Graph Store HTTP endpoint (Fuseki, GraphDB, Oxigraph)."""
    from semikg.store.push import push_graph

    with cli_errors():
        src = graph
        if graph == Path("build") / "store" and not graph.exists():
            src = Path("build") / "semikg.ttl"
        r = push_graph(src, endpoint, named_graph, "append" if append else "replace", timeout)
    typer.echo(f"pushed {r.bytes_sent} bytes to {r.target} (HTTP {r.status})")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    # `semikg export sparql` is mounted by the export group (export_cmd.register).
