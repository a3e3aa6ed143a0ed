"""`semikg query list|show|run`: the saved query library."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from semikg.cli.common import GRAPH_HELP, cli_errors, note
from semikg.errors import QueryError

# None: build/store when `semikg build` wrote one (no Turtle parsing), else build/semikg.ttl.
DEFAULT_GRAPH = None
FORMAT_HELP = "Output format: table, csv, json or markdown."
OUTPUT_HELP = "Write the result to this file instead of stdout."


def check_format(fmt: str) -> str:
    from semikg.queries.result import FORMATS

    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    return fmt


def _extra_params(args: list[str]) -> dict[str, str]:
    """``--depth 3`` / ``--depth=3`` after the query name are shorthands for ``--param depth=3``."""
    out: dict[str, str] = {}
    i = 0
    while i < len(args):
        a = args[i]
        if not a.startswith("--") or a == "--":
            raise QueryError(f"unexpected argument {a!r} (parameters are --param NAME=VALUE or --NAME VALUE)")
        name = a[2:]
        if "=" in name:
            name, value = name.split("=", 1)
        elif i + 1 < len(args):
            i += 1
            value = args[i]
        else:
            raise QueryError(f"parameter --{name} needs a value")
        if name in out:
            raise QueryError(f"parameter {name} given twice")
        out[name.replace("-", "_")] = value
        i += 1
    return out


def emit(text: str, output: Optional[Path], rows: int) -> None:
    """The result to stdout, or to ``output`` with a note on stderr saying what was written."""
    if output is None:
        typer.echo(text, nl=False)
    else:
        from semikg.fsutil import write_text_atomic

        write_text_atomic(output, text)
        note(f"wrote {output} ({rows} row{'' if rows == 1 else 's'})")


app = typer.Typer(name="query", help="Saved supply-chain questions (SPARQL, with Cypher twins for Neo4j).",
                  no_args_is_help=True)


@app.command("list")
def list_cmd() -> None:
    """Name, question, parameters and languages of every saved query."""
    from semikg.queries.registry import load_library

    with cli_errors():
        for spec in load_library().values():
            params = ", ".join(f"{p.name}:{p.type}={p.default}" for p in spec.params) or "-"
            typer.echo(f"{spec.name}\n  {spec.question.en}\n  {spec.question.zh}\n"
                       f"  params: {params}\n  languages: {', '.join(spec.languages)}"
                       + ("  (Cypher is Neo4j-only)" if spec.neo4j_only else ""))


@app.command("show")
def show_cmd(name: str = typer.Argument(..., help="Query name (see `semikg query list`)."),
             cypher: bool = typer.Option(False, "--cypher", help="Show the Cypher version instead.")) -> None:
    """The query text with its documentation header."""
    from semikg.queries.registry import get_query

    with cli_errors():
        spec = get_query(name)
        if cypher and not spec.cypher:
            raise QueryError(f"query {name} has no Cypher version")
        typer.echo(spec.cypher if cypher else spec.sparql, nl=False)


@app.command("run", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def run_cmd(ctx: typer.Context,
            name: str = typer.Argument(..., help="Query name (see `semikg query list`)."),
            param: List[str] = typer.Option([], "--param", "-p", help="NAME=VALUE; repeat for several."),
            graph: Optional[Path] = typer.Option(DEFAULT_GRAPH, "--graph", "-g", help=GRAPH_HELP),
            fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
            output: Optional[Path] = typer.Option(None, "--output", "-o", help=OUTPUT_HELP),
            html: Optional[Path] = typer.Option(None, "--html", help="Also draw the result as an interactive graph page.")) -> None:
    """Run a saved query on the graph; parameters not given take their defaults.

    Any parameter can also be given as --NAME VALUE after the query name, e.g.
    `semikg query run supplier-tree --param firm=TSMC --depth 3` (the same as --param depth=3).
    """
    from semikg.store.load import load_graph
    from semikg.queries.params import parse_assignments
    from semikg.queries.registry import get_query
    from semikg.queries.result import render
    from semikg.queries.run import run_saved

    with cli_errors():
        check_format(fmt)
        spec = get_query(name)
        given = parse_assignments(list(param))
        for k, v in _extra_params(list(ctx.args)).items():
            if k in given:
                raise QueryError(f"parameter {k} given twice")
            given[k] = v
        g = load_graph(graph)
        result, bound = run_saved(g, spec, given)
        if html is not None:
            from semikg.graph.view import GraphView
            from semikg.queries.html import write_result_html

            write_result_html(GraphView(g), result, bound, html, query_name=spec.name)
            note(f"wrote {html}")
        emit(render(result, fmt), output, len(result.rows))
