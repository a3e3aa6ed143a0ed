"""`semikg sparql`: an ad-hoc SPARQL SELECT query on the graph."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from semikg.cli.common import GRAPH_HELP, cli_errors
from semikg.cli.query_cmd import FORMAT_HELP, OUTPUT_HELP, check_format, emit
from semikg.errors import QueryError
from semikg.queries.run import PREDECLARED

# A top-level command: added to the root app without a group name.
app = typer.Typer()


@app.command("sparql", help=f"""Run an ad-hoc SPARQL SELECT query on the graph.

These prefixes need no PREFIX line: {', '.join(p + ':' for p in PREDECLARED)}.""")
def sparql_cmd(text: Optional[str] = typer.Argument(None, help="The SPARQL SELECT query."),
               file: Optional[Path] = typer.Option(None, "--file", help="Read the query from this file."),
               graph: Optional[Path] = typer.Option(None, "--graph", "-g", help=GRAPH_HELP),
               fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
               output: Optional[Path] = typer.Option(None, "--output", "-o", help=OUTPUT_HELP)) -> None:
    from semikg.store.load import load_graph
    from semikg.queries.result import render
    from semikg.queries.run import predeclared_prefixes, prepare, select, with_prefixes

    with cli_errors():
        check_format(fmt)
        if (text is None) == (file is None):
            raise QueryError("give the query either as an argument or with --file, not both or neither")
        query = file.read_text(encoding="utf-8") if file is not None else text
        prepare(query, predeclared_prefixes())  # malformed text fails before the graph is loaded
        result = select(load_graph(graph), with_prefixes(query))
        emit(render(result, fmt), output, len(result.rows))
