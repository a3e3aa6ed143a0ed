"""`semikg build`, `stats`, `validate`, `show`: make the graph and look at it."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from semikg.cli.common import cli_errors, fail
from semikg.paths import BUILD_DIR as DEFAULT_OUT


def build(
    articles: Optional[Path] = typer.Option(None, "--articles", help="Folder (or file) of .txt/.md/.html news; default: the embedded seeds."),
    out: Path = typer.Option(DEFAULT_OUT, "--out", help="Output folder for semikg.ttl and report.json."),
    catalog: Optional[Path] = typer.Option(None, "--catalog", help="Entity catalog YAML; default: the embedded seeds/catalog.yaml."),
    with_eto: Optional[Path] = typer.Option(None, "--with-eto", help="Also load the ETO supply-chain dataset from this folder."),
    max_file_mb: float = typer.Option(16.0, "--max-file-mb", help="Refuse input files larger than this."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first unreadable file instead of skipping it."),
    shacl: bool = typer.Option(True, "--shacl/--no-shacl", help="Validate the graph with SHACL after building."),
    store: bool = typer.Option(True, "--store/--no-store", help="Also write the persistent Oxigraph store OUT/store/."),
    incremental: bool = typer.Option(False, "--incremental", help="Re-extract only new or changed files (cache in OUT/cache/)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Build the knowledge graph from news articles: OUT/semikg.ttl and OUT/report.json."""
    from semikg.build import run_build

    with cli_errors():
        bar = None
        if not quiet:
            bar = typer.progressbar(length=1, label="extracting", file=None)
            bar.__enter__()

        def progress(name: str, i: int, n: int) -> None:
            if bar is not None:
                bar.length = max(n, 1)
                bar.label = f"extracting {name}" if name else "writing graph"
                bar.update(i - bar.pos)

        try:
            result = run_build(articles=articles, out=out, catalog=catalog, with_eto=with_eto,
                               max_file_bytes=int(max_file_mb * 1024 * 1024), strict=strict,
                               shacl=shacl, progress=progress, store=store, incremental=incremental)
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
    r = result.report
    typer.echo(f"articles: {r.articles_used} used, {len(r.skipped)} skipped (off-topic) of {r.articles_total} "
               f"in {len(r.files)} files")
    if result.extracted is not None:
        typer.echo(f"incremental: {len(result.extracted)} file(s) extracted, {len(result.cached or [])} from cache")
    for err in result.errors:
        typer.echo(f"skipped file: {err}", err=True)
    typer.echo(f"entities: {r.entities} ({r.entities_discovered} discovered, not in the catalog)")
    typer.echo(f"relations: {r.relations} stated, {r.relations_hedged} hedged only; measurements: {r.measurements}")
    typer.echo(f"triples: {r.triples}")
    if result.shacl is not None:
        typer.echo(result.shacl.summary(limit=5))
    for k, v in r.outputs.items():
        typer.echo(f"{k}: {out / v}")
    if result.shacl is not None and not result.shacl.conforms:
        raise typer.Exit(2)


def stats(
    graph: Path = typer.Option(DEFAULT_OUT / "semikg.ttl", "--graph", "-g", help="Graph file."),
    shacl: bool = typer.Option(True, "--shacl/--no-shacl"),
) -> None:
    """Counts per class and predicate, articles used and skipped, SHACL result."""
    from semikg.store.load import load_graph
    from semikg.graph.shacl import validate as shacl_validate
    from semikg.graph.stats import graph_stats

    with cli_errors():
        g = load_graph(graph)
        st = graph_stats(g)
        report = shacl_validate(g) if shacl else None
    typer.echo(f"graph: {graph} ({st.triples} triples)")
    typer.echo(f"articles: {st.articles_used} used, {st.articles_skipped} skipped")
    for aid, reason in st.skipped:
        typer.echo(f"  skipped {aid}: {reason}")
    typer.echo("classes:")
    for c, n in st.classes.items():
        typer.echo(f"  {c:<22} {n}")
    typer.echo("relations (stated triples; hedged evidence in brackets):")
    for p in sorted(set(st.predicates) | set(st.hedged)):
        typer.echo(f"  {p:<22} {st.predicates.get(p, 0)} [{st.hedged.get(p, 0)}]")
    typer.echo(f"evidence records: {st.evidence_records}; measurements: {st.measurements}")
    if report is not None:
        typer.echo(report.summary(limit=10))


def validate(
    file: Path = typer.Argument(..., help="A Turtle file to check against the semikg SHACL shapes."),
    limit: int = typer.Option(50, help="Show at most this many violations."),
) -> None:
    """SHACL report; exits 2 when the graph violates the shapes."""
    from semikg.store.load import load_graph
    from semikg.graph.shacl import validate as shacl_validate

    with cli_errors():
        report = shacl_validate(load_graph(file))
    typer.echo(report.summary(limit=limit))
    if not report.conforms:
        raise typer.Exit(2)


def show(
    name: str = typer.Argument(..., help="Entity name in any script or English: 台積電 / 台积电 / TSMC."),
    graph: Path = typer.Option(DEFAULT_OUT / "semikg.ttl", "--graph", "-g"),
    limit: int = typer.Option(40, help="At most this many edges per direction."),
) -> None:
    """One entity: labels, types, and its edges with evidence quotes."""
    from semikg.graph.describe import describe
    from semikg.safe_text import terminal_safe_model
    from semikg.store.load import load_graph

    with cli_errors():
        d = terminal_safe_model(describe(load_graph(graph), name))  # names may hold ESC sequences
    typer.echo(f"{d.label}  <{d.iri}>")
    typer.echo(f"  types: {', '.join(d.classes)}")
    for lang, lbl in d.pref_labels.items():
        typer.echo(f"  name@{lang}: {lbl}")
    if d.aliases:
        typer.echo(f"  aliases: {', '.join(d.aliases)}")
    if d.mentioned_in:
        typer.echo(f"  mentioned in {len(d.mentioned_in)} article(s)")
    for title, edges in (("outgoing", d.outgoing), ("incoming", d.incoming)):
        if not edges:
            continue
        typer.echo(f"  {title}:")
        for e in edges[:limit]:
            arrow = f"-{e.predicate}->" if title == "outgoing" else f"<-{e.predicate}-"
            flag = "" if e.status == "stated" else f" ({e.status})"
            typer.echo(f"    {arrow} {e.other_label}{flag}")
            for ev in e.evidence[:3]:
                where = f"{ev.article_file}@{ev.start}-{ev.end}" if ev.article_file else ev.source_kind
                quote = (ev.quote or "").replace("\n", " ")
                if quote:
                    typer.echo(f"        “{quote[:160]}” [{where}, {ev.rule}, {ev.confidence:.2f}]")
                else:  # reference data: the catalog entry is the source, there is no sentence
                    typer.echo(f"        ({where} reference data, no article sentence)")
        if len(edges) > limit:
            typer.echo(f"    ... {len(edges) - limit} more")
    for m in d.measurements[:limit]:
        typer.echo(f"  {m.kind}: {m.value} {m.unit}{' (' + str(m.year) + ')' if m.year else ''}  “{(m.evidence.quote or '')[:100]}”")


def register(app: typer.Typer) -> None:
    app.command("build")(build)
    app.command("stats")(stats)
    app.command("validate")(validate)
    app.command("show")(show)


__all__ = ["register", "fail"]
