"""`semikg load ...`: add a curated second source (the ETO supply-chain dataset) to the graph."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from semikg.cli.common import cli_errors
from semikg.paths import DEFAULT_ETO_OUT

app = typer.Typer(name="load", help="Load a curated dataset as a second source of the graph.", no_args_is_help=True)


@app.command("eto")
def load_eto_cmd(
    path: Path = typer.Argument(..., help="Folder of the ETO dataset (providers.csv, inputs.csv, provision.csv, sequence.csv, stages.csv)."),
    graph: Optional[Path] = typer.Option(None, "--graph", help="Article graph to merge into, e.g. build/semikg.ttl."),
    out: Path = typer.Option(DEFAULT_ETO_OUT, "--out", help="Folder for semikg-eto.ttl and the resolution report."),
    catalog: Optional[Path] = typer.Option(None, "--catalog", help="Entity catalog YAML [default: the embedded seeds/catalog.yaml]."),
    overrides: Optional[Path] = typer.Option(None, "--overrides", help="Resolution overrides YAML [default: the embedded seeds/eto_overrides.yaml]."),
    validate: bool = typer.Option(False, "--validate", help="Check the merged graph against the SHACL shapes (exit 3 on violations)."),
) -> None:
    """Load the ETO Advanced Semiconductor Supply Chain Dataset and resolve its providers."""
    with cli_errors():
        from semikg.eto.pipeline import run_load

        summary, _ = run_load(path, out, graph, catalog, overrides, validate)
    typer.echo(f"ETO dataset: {summary.stages} stages, {summary.inputs} inputs, {summary.providers} providers, "
               f"{summary.provision_rows} provision rows, {summary.sequence_links} sequence links")
    typer.echo(f"providers: {summary.merged} merged, {summary.ambiguous} ambiguous (not merged), {summary.unmatched} unmatched")
    typer.echo(f"graph: {summary.triples} triples; load {summary.seconds_load:.2f} s, graph {summary.seconds_graph:.2f} s")
    if summary.shacl_conforms is not None:
        typer.echo("SHACL: conforms")
    for name, where in summary.outputs.items():
        typer.echo(f"wrote {where}")

