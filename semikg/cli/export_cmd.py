"""`semikg export ...`: push to Neo4j or a SPARQL Graph Store, or write a Cypher script, a
neo4j-admin bundle, JSON Lines."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from semikg.cli.common import GRAPH_HELP, cli_errors, fail, note

GraphOpt = typer.Option(None, "--graph", "-g", help=GRAPH_HELP)

app = typer.Typer(name="export", no_args_is_help=True,
                  help="Export the graph to Neo4j, other property-graph tools, or a SPARQL Graph Store.")


def _plan(graph: Path | None):
    from semikg.export.mapping import plan_from_file

    return plan_from_file(None if graph is None else str(graph))


@app.command("neo4j")
def neo4j_cmd(
    graph: Optional[Path] = GraphOpt,
    uri: str = typer.Option("bolt://localhost:7687", "--uri", envvar="NEO4J_URI", help="Bolt or Neo4j URI of the server."),
    user: str = typer.Option("neo4j", "--user", envvar="NEO4J_USERNAME", help="User name."),
    password_env: str = typer.Option("NEO4J_PASSWORD", "--password-env",
                                     help="Name of the environment variable holding the password."),
    database: str = typer.Option(None, "--database", envvar="NEO4J_DATABASE",
                                 help="Target database [default: the server's default]."),
    batch_size: int = typer.Option(1000, "--batch-size", min=1, help="Rows per write transaction."),
    retry_seconds: float = typer.Option(15.0, "--retry-seconds", min=0,
                                        help="How long to retry a batch after a transient failure."),
    wipe: bool = typer.Option(False, "--wipe", help="First delete semikg's own nodes (asks to confirm)."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask before --wipe."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Push the graph to a live Neo4j server, idempotently (batched UNWIND ... MERGE)."""
    from semikg.export.push import Neo4jSettings, check_reachable, push, wipe as wipe_server

    password = os.environ.get(password_env)
    if password is None:
        raise fail(f"environment variable {password_env} is not set (it holds the Neo4j password)")
    with cli_errors():
        plan = _plan(graph)
        settings = Neo4jSettings(uri=uri, user=user, password=password, database=database or None,
                                 retry_seconds=retry_seconds).check()
        if wipe:
            check_reachable(settings)  # a question about a server that is not there helps nobody
            target = f"{uri}" + (f" database {database}" if database else "")
            if not yes and not typer.confirm(f"Delete all semikg nodes at {target}?", err=True):
                raise fail("wipe not confirmed; nothing changed")
            note(f"wiped {wipe_server(settings)} semikg nodes")
        total = len(plan.nodes) + len(plan.relationships)
        if quiet or not sys.stderr.isatty():
            summary = push(plan, settings, batch_size=batch_size)
        else:
            with typer.progressbar(length=total, label="pushing", file=sys.stderr) as bar:
                last = [0]

                def progress(done: int, _total: int) -> None:
                    bar.update(done - last[0])
                    last[0] = done

                summary = push(plan, settings, batch_size=batch_size, progress=progress)
    for line in summary.lines():
        typer.echo(line)


@app.command("cypher")
def cypher_cmd(
    out: Path = typer.Argument(..., help="The .cypher file to write."),
    graph: Optional[Path] = GraphOpt,
    batch_size: int = typer.Option(500, "--batch-size", min=1, help="Rows per statement."),
) -> None:
    """Write a Cypher script (for cypher-shell / Neo4j Browser) that builds the same graph as a push."""
    from semikg.export.cypher_script import write_script

    with cli_errors():
        n = write_script(_plan(graph), out, batch_size=batch_size)
    typer.echo(f"wrote {out} ({n} statements)")


@app.command("neo4j-admin")
def admin_cmd(
    out_dir: Path = typer.Argument(..., help="Folder for the CSVs and the import command."),
    graph: Optional[Path] = GraphOpt,
) -> None:
    """Write CSVs for `neo4j-admin database import full`, with the exact command in import.sh."""
    from semikg.export.admin_csv import COMMAND_FILE, write_bundle

    with cli_errors():
        files = write_bundle(_plan(graph), out_dir)
    typer.echo(f"wrote {len(files)} CSV files to {out_dir}; run: sh {out_dir / COMMAND_FILE} [database]")


@app.command("jsonl")
def jsonl_cmd(
    out: Path = typer.Argument(..., help="The .jsonl file to write."),
    graph: Optional[Path] = GraphOpt,
) -> None:
    """Write nodes and relationships as JSON Lines (one object per line, deterministic order)."""
    from semikg.export.jsonl import write_jsonl

    with cli_errors():
        n = write_jsonl(_plan(graph), out)
    typer.echo(f"wrote {out} ({n} lines)")



def _graph_file_cmd(fmt: str, name: str, tools: str):
    def cmd(
        out: Path = typer.Argument(..., help=f"The .{fmt} file to write."),
        graph: Optional[Path] = GraphOpt,
    ) -> None:
        from semikg.export.graph_files import write_graph_file
        from semikg.store.load import load_graph
        from semikg.graph.view import GraphView

        with cli_errors():
            nodes, edges = write_graph_file(GraphView(load_graph(graph)), fmt, out)
        typer.echo(f"wrote {out} ({nodes} entities, {edges} relations)")

    cmd.__doc__ = (f"Write a {name} file for {tools}: entities with classes and names in every script, "
                   "relations with predicate, status, confidence and evidence count.")
    return cmd


app.command("gexf")(_graph_file_cmd("gexf", "GEXF", "Gephi"))
app.command("graphml")(_graph_file_cmd("graphml", "GraphML", "Cytoscape, yEd and other GraphML tools"))


@app.command("sparql")
def sparql_cmd(
    endpoint: str = typer.Option(..., "--endpoint", help="Graph Store URL, e.g. http://localhost:7878/store."),
    graph: Optional[Path] = typer.Option(None, "--graph", "-g", help=GRAPH_HELP),
    named_graph: Optional[str] = typer.Option(None, "--named-graph",
                                              help="Target named graph IRI [default: the default graph]."),
    append: bool = typer.Option(False, "--append", help="Add to the target graph (POST) instead of replacing it (PUT)."),
    timeout: float = typer.Option(300.0, "--timeout", help="Give up after this many seconds."),
) -> None:
    """Push the graph to a SPARQL 1.1 Graph Store HTTP endpoint (Fuseki, GraphDB, Oxigraph)."""
    from semikg.store.load import graph_path
    from semikg.store.push import push_graph

    with cli_errors():
        r = push_graph(graph_path(graph), endpoint, named_graph, "append" if append else "replace", timeout)
    typer.echo(f"pushed {r.bytes_sent} bytes to {r.target} (HTTP {r.status})")
