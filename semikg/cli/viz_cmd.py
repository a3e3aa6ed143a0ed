"""`semikg viz`: draw the graph (or a neighbourhood of it) as one offline HTML page."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from semikg.cli.common import GRAPH_HELP, cli_errors, note
from semikg.paths import DEFAULT_VIZ_PAGE as DEFAULT_OUT

# A top-level command: added to the root app without a group name.
app = typer.Typer()


def _split(value: Optional[str]) -> tuple[str, ...]:
    return tuple(sorted({t.strip() for t in (value or "").split(",") if t.strip()}))


@app.command("viz")
def viz(
    graph: Optional[Path] = typer.Option(None, "--graph", "-g", help=GRAPH_HELP),
    out: Path = typer.Option(DEFAULT_OUT, "--out", help="HTML file to write."),
    focus: Optional[str] = typer.Option(None, "--focus", help="Entity to centre on: any name or alias, any script."),
    hops: int = typer.Option(1, "--hops", min=0, max=6, help="Neighbourhood radius around --focus."),
    types: Optional[str] = typer.Option(None, "--types", help="Comma-separated classes, e.g. Company,Fab,Chip."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0,
                                         help="Only relations with at least this confidence (0 to 1)."),
    since: Optional[int] = typer.Option(None, "--since", min=1900, max=2100,
                                        help="Only relations whose evidence names this year or later."),
    lang: str = typer.Option("en", "--lang", help="Label language: en, zh-Hans or zh-Hant."),
    node_budget: Optional[int] = typer.Option(None, "--node-budget", min=1,
                                              help="Most nodes drawn; larger views keep the best-connected."),
    title: Optional[str] = typer.Option(None, "--title", help="Page title [default: says what is drawn]."),
    query: Optional[str] = typer.Option(None, "--query", help="Draw the result of this saved query (see `semikg query list`)."),
    param: List[str] = typer.Option([], "--param", "-p", help="NAME=VALUE for --query; repeat for several."),
    supply_chain: Optional[str] = typer.Option(None, "--supply-chain",
                                               help="A firm (any name or alias): its suppliers left, its customers right."),
    tiers: int = typer.Option(2, "--tiers", min=1, max=6, help="Supplier and customer tiers of --supply-chain."),
    unfold: bool = typer.Option(False, "--unfold",
                                help="Whole-graph page: also draw the relations and dataset placeholders it folds."),
    layout: str = typer.Option("auto", "--layout", help="Layout: auto, force or flow (left-to-right layers)."),
) -> None:
    """Write an interactive HTML page of the graph; prints its path, opens nothing.

    Without --focus the page shows the best-connected entities (--node-budget; the page says how
    many of all)."""
    with cli_errors():
        from pydantic import ValidationError

        from semikg.errors import SemikgError
        from semikg.viz import VizOptions, render, write_page
        from semikg.store.load import load_graph
        from semikg.graph.view import GraphView

        try:
            options = VizOptions(focus=focus, hops=hops, types=_split(types), min_confidence=min_confidence,
                                 since=since, lang=lang, node_budget=node_budget, title=title,
                                 supply_chain=supply_chain, tiers=tiers, unfold=unfold, layout=layout)
        except ValidationError as e:
            err = e.errors()[0]
            name = '-'.join(str(x) for x in err['loc']).replace('_', '-')
            raise SemikgError(f"--{name}: {err['msg']}") from None
        g = load_graph(graph)
        if query is not None:
            from semikg.queries.html import result_page
            from semikg.queries.params import parse_assignments
            from semikg.queries.registry import get_query
            from semikg.queries.run import run_saved

            spec = get_query(query)
            result, bound = run_saved(g, spec, parse_assignments(list(param)))
            page = result_page(GraphView(g), result, bound, options, query_name=spec.name)
        elif param:
            raise SemikgError("--param goes with --query")
        else:
            page = render(GraphView(g), options)
        path = write_page(page, out)
        for text in page.notes:
            note(text)
        typer.echo(str(path))
