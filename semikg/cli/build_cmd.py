"""`semikg build`, `stats`, `validate`, `show`: make the graph and look at it."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Optional

import typer

from semikg.cli.common import EXIT_VIOLATIONS, GRAPH_HELP, cli_errors, note
from semikg.models import Status
from semikg.paths import BUILD_DIR as DEFAULT_OUT

# Top-level commands: added to the root app without a group name.
app = typer.Typer()


@contextmanager
def progress_bar(quiet: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress callback drawing on stderr; the bar starts at the first report, so its first
    label already names the first file."""
    if quiet:
        yield None
        return
    bar = None

    def progress(label: str, done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = typer.progressbar(length=1000, label=label, file=sys.stderr)
            bar.__enter__()
        bar.label = label
        step = round(1000 * done / max(total, 1)) - bar.pos
        if step > 0:
            bar.update(step)
        else:
            bar.render_progress()  # a new stage at the same position: show its label

    try:
        yield progress
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


@app.command("build")
def build(
    articles: Optional[Path] = typer.Option(None, "--articles", help="Folder (or file) of .txt/.md/.html news [default: the embedded seeds]."),
    out: Path = typer.Option(DEFAULT_OUT, "--out", help="Output folder for semikg.ttl and report.json."),
    catalog: Optional[Path] = typer.Option(None, "--catalog", help="Entity catalog YAML [default: the embedded seeds/catalog.yaml]."),
    with_eto: Optional[Path] = typer.Option(None, "--with-eto", help="Also load the ETO supply-chain dataset from this folder."),
    max_file_mb: float = typer.Option(16.0, "--max-file-mb", help="Refuse input files larger than this many megabytes."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first unreadable file instead of skipping it."),
    shacl: bool = typer.Option(True, "--shacl/--no-shacl", help="Validate the graph with SHACL after building."),
    store: bool = typer.Option(True, "--store/--no-store", help="Also write the persistent Oxigraph store OUT/store/."),
    incremental: bool = typer.Option(False, "--incremental", help="Re-extract only new or changed files (cache in OUT/cache/)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Build the knowledge graph from news articles: OUT/semikg.ttl and OUT/report.json.

    Progress goes to stderr, the summary to stdout. Exits 3 when the graph violates the SHACL shapes.
    """
    from semikg.build import run_build

    with cli_errors(), progress_bar(quiet) as progress:
        result = run_build(articles=articles, out=out, catalog=catalog, with_eto=with_eto,
                           max_file_bytes=int(max_file_mb * 1024 * 1024), strict=strict,
                           shacl=shacl, progress=progress, store=store, incremental=incremental)
    r = result.report
    typer.echo(f"articles: {r.articles_used} used, {len(r.skipped)} skipped (off-topic) of {r.articles_total} "
               f"in {len(r.files)} files")
    if result.extracted is not None:
        shacl_note = "; SHACL report reused (graph unchanged)" if result.shacl_cached else ""
        typer.echo(f"incremental: {len(result.extracted)} file(s) extracted, {len(result.cached or [])} from cache"
                   f"{shacl_note}")
    for err in result.errors:
        note(f"skipped file: {err}")
    if result.eto is not None and result.entities_merged is not None:
        e = result.eto
        typer.echo(f"entities: {result.entities_merged} with the ETO dataset merged in ({r.entities} from the "
                   f"articles, {r.entities_discovered} of them discovered, not in the catalog)")
        typer.echo(f"ETO providers: {e.providers}: {len(e.merged)} matched an existing entity, {len(e.unmatched)} new, "
                   f"{len(e.ambiguous)} ambiguous (added apart, see eto-resolution.md)")
    else:
        typer.echo(f"entities: {r.entities} ({r.entities_discovered} discovered, not in the catalog)")
    typer.echo(f"relations: {r.relations} stated, {r.relations_hedged} hedged only; measurements: {r.measurements}")
    typer.echo(f"triples: {r.triples}")
    if result.shacl is not None:
        typer.echo(result.shacl.summary(limit=5))
    for k, v in r.outputs.items():
        typer.echo(f"{k}: {out / v}")
    if result.shacl is not None and not result.shacl.conforms:
        raise typer.Exit(EXIT_VIOLATIONS)


@app.command("stats")
def stats(
    # The Turtle file, not the store: pySHACL checks an in-memory graph faster.
    graph: Path = typer.Option(DEFAULT_OUT / "semikg.ttl", "--graph", "-g", help="Graph file or store folder."),
    shacl: bool = typer.Option(True, "--shacl/--no-shacl", help="Also check the graph against the SHACL shapes."),
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


@app.command("validate")
def validate(
    file: Path = typer.Argument(..., help="A Turtle file to check against the semikg SHACL shapes."),
    limit: int = typer.Option(50, help="Show at most this many violations."),
) -> None:
    """SHACL report; exits 3 when the graph violates the shapes (2 stays for usage errors)."""
    from semikg.store.load import load_graph
    from semikg.graph.shacl import validate as shacl_validate

    with cli_errors():
        report = shacl_validate(load_graph(file))
    typer.echo(report.summary(limit=limit))
    if not report.conforms:
        raise typer.Exit(EXIT_VIOLATIONS)


@app.command("show")
def show(
    name: str = typer.Argument(..., help="Entity name in any script or English: 台積電, 台积电 or TSMC."),
    graph: Optional[Path] = typer.Option(None, "--graph", "-g", help=GRAPH_HELP),
    limit: int = typer.Option(40, help="At most this many edges per direction."),
) -> None:
    """One entity: labels, types, and its edges with evidence quotes."""
    from semikg.graph.describe import describe
    from semikg.store.load import load_graph
    from semikg.safe_text import terminal_safe_model

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
        value = f"{m.low}-{m.value}" if m.low is not None else f"{m.value}"
        status = Status(m.evidence.status).value
        status = f" [{status}]" if status != Status.stated.value else ""
        typer.echo(f"  {m.kind}: {value} {m.unit}{' (' + str(m.year) + ')' if m.year else ''}{status}  “{(m.evidence.quote or '')[:100]}”")

