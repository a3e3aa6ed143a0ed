"""`semikg export ...`: push to Neo4j, or write a Cypher script, a neo4j-admin bundle, JSON Lines."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from semikg.cli.common import cli_errors, fail

GraphOpt = typer.Option(None, "--graph", "-g",
                        help="graph file or store folder (default: build/store, else build/semikg.ttl)")


def _plan(graph: Path | None):
    from semikg.export.mapping import plan_from_file

    return plan_from_file(None if graph is None else str(graph))


def neo4j_cmd(
    graph: Optional[Path] = GraphOpt,
    uri: str = typer.Option("bolt://localhost:7687", "--uri", envvar="NEO4J_URI", help="Bolt/Neo4j URI"),
    user: str = typer.Option("neo4j", "--user", envvar="NEO4J_USERNAME"),
    password_env: str = typer.Option("NEO4J_PASSWORD", "--password-env",
                                     help="name of the environment variable holding the password"),
    database: str = typer.Option(None, "--database", envvar="NEO4J_DATABASE",
                                 help="target database (default: the server's default)"),
    batch_size: int = typer.Option(1000, "--batch-size", min=1, help="rows per write transaction"),
    retry_seconds: float = typer.Option(15.0, "--retry-seconds", min=0,
                                        help="how long to retry a batch after a transient failure"),
    wipe: bool = typer.Option(False, "--wipe", help="first delete semikg's own nodes (asks to confirm)"),
    yes: bool = typer.Option(False, "--yes", "-y", help="do not ask before --wipe"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
) -> None:
    """Push the graph to a live Neo4j server, idempotently (batched UNWIND ... MERGE)."""
    from semikg.export.push import Neo4jSettings, push, wipe as wipe_server

    password = os.environ.get(password_env)
    if password is None:
        raise fail(f"environment variable {password_env} is not set (it holds the Neo4j password)")
    with cli_errors():
        plan = _plan(graph)
        settings = Neo4jSettings(uri=uri, user=user, password=password, database=database or None,
                                 retry_seconds=retry_seconds).check()
        if wipe:
            target = f"{uri}" + (f" database {database}" if database else "")
            if not yes and not typer.confirm(f"Delete all semikg nodes at {target}?", err=True):
                raise fail("wipe not confirmed; nothing changed")
            typer.echo(f"wiped {wipe_server(settings)} semikg nodes", err=True)
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


def cypher_cmd(
    out: Path = typer.Argument(..., help="the .cypher file to write"),
    graph: Optional[Path] = GraphOpt,
    batch_size: int = typer.Option(500, "--batch-size", min=1, help="rows per statement"),
) -> None:
    """Write a Cypher script (for cypher-shell / Neo4j Browser) that builds the same graph as a push."""
    from semikg.export.cypher_script import write_script

    with cli_errors():
        n = write_script(_plan(graph), out, batch_size=batch_size)
    typer.echo(f"wrote {out} ({n} statements)")


def admin_cmd(
    out_dir: Path = typer.Argument(..., help="folder for the CSVs and the import command"),
    graph: Optional[Path] = GraphOpt,
) -> None:
    """Write CSVs for `neo4j-admin database import full`, with the exact command in import.sh."""
    from semikg.export.admin_csv import COMMAND_FILE, write_bundle

    with cli_errors():
        files = write_bundle(_plan(graph), out_dir)
    typer.echo(f"wrote {len(files)} CSV files to {out_dir}; run: sh {out_dir / COMMAND_FILE} [database]")


def jsonl_cmd(
    out: Path = typer.Argument(..., help="the .jsonl file to write"),
    graph: Optional[Path] = GraphOpt,
) -> None:
    """Write nodes and relationships as JSON Lines (one object per line, deterministic order)."""
    from semikg.export.jsonl import write_jsonl

    with cli_errors():
        n = write_jsonl(_plan(graph), out)
    typer.echo(f"wrote {out} ({n} lines)")


def _graph_file_cmd(fmt: str, name: str, tools: str):
    def cmd(
        out: Path = typer.Argument(..., help=f"the .{fmt} file to write"),
        graph: Optional[Path] = GraphOpt,
    ) -> None:
        from semikg.export.graph_files import write_graph_file
        from semikg.store.load import load_graph
        from semikg.graph.view import GraphView

        with cli_errors():
            nodes, edges = write_graph_file(GraphView(load_graph(None if graph is None else str(graph))), fmt, out)
        typer.echo(f"wrote {out} ({nodes} entities, {edges} relations)")

    cmd.__doc__ = (f"Write a {name} file for {tools}: entities with classes and names in every script, "
                   "relations with predicate, status, confidence and evidence count.")
    return cmd


def register(app: typer.Typer) -> None:
    sub = typer.Typer(help="Export the graph to Neo4j, other property-graph tools, or a SPARQL Graph Store.",
                      no_args_is_help=True)
    sub.command("neo4j")(neo4j_cmd)
    sub.command("cypher")(cypher_cmd)
    sub.command("neo4j-admin")(admin_cmd)
    sub.command("jsonl")(jsonl_cmd)
    sub.command("gexf")(_graph_file_cmd("gexf", "GEXF", "Gephi"))
    sub.command("graphml")(_graph_file_cmd("graphml", "GraphML", "Cytoscape, yEd and other GraphML tools"))
    from semikg.cli.serve_cmd import export_sparql  # the Graph Store push lives with the store code

    sub.command("sparql")(export_sparql)
    app.add_typer(sub, name="export")
