"""`semikg load eto`: load the dataset, resolve it against catalog (and graph), write graph and report."""
from __future__ import annotations

import time
from importlib import resources
from pathlib import Path

from pydantic import BaseModel
from rdflib import Graph

from semikg.errors import InputError, ValidationFailed
from semikg.eto.csvload import load_eto
from semikg.eto.graph import eto_to_graph
from semikg.eto.overrides import load_overrides
from semikg.eto.report import ResolutionReport
from semikg.fsutil import atomic_open, write_text_atomic
from semikg.graph.turtle import write_canonical_turtle
from semikg.loaders.catalog import load_catalog

GRAPH_FILE = "semikg-eto.ttl"
REPORT_JSON = "eto-resolution.json"
REPORT_MD = "eto-resolution.md"


class LoadSummary(BaseModel):
    dataset: str
    stages: int
    inputs: int
    providers: int
    provision_rows: int
    sequence_links: int
    merged: int
    ambiguous: int
    unmatched: int
    triples: int
    outputs: dict[str, str]
    seconds_load: float
    seconds_graph: float
    shacl_conforms: bool | None = None
    shacl_violations: int | None = None


def default_overrides_path() -> Path | None:
    p = Path(str(resources.files("semikg.seeds") / "eto_overrides.yaml"))
    return p if p.is_file() else None


def read_base_graph(path: str | Path) -> Graph:
    p = Path(path)
    if not p.is_file():
        raise InputError(p, "graph file not found (run `semikg build` first, or leave out --graph)")
    g = Graph()
    try:
        g.parse(str(p), format="turtle")
    except UnicodeDecodeError:
        raise InputError(p, "not UTF-8 Turtle") from None
    except Exception as e:  # rdflib raises many parser types; all mean "not a Turtle graph"
        raise InputError(p, f"not a readable Turtle graph: {str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
    return g


def run_load(dataset_path: str | Path, out_dir: str | Path, graph_path: str | Path | None = None,
             catalog_path: str | Path | None = None, overrides_path: str | Path | None = None,
             validate: bool = False) -> tuple[LoadSummary, ResolutionReport]:
    t0 = time.perf_counter()
    ds = load_eto(dataset_path)
    catalog = load_catalog(catalog_path)
    ov_path = overrides_path if overrides_path is not None else default_overrides_path()
    overrides = load_overrides(ov_path)
    base = read_base_graph(graph_path) if graph_path is not None else None
    t1 = time.perf_counter()
    graph, report = eto_to_graph(ds, catalog, base, overrides, str(ov_path or "eto_overrides.yaml"))
    t2 = time.perf_counter()
    out = Path(out_dir)
    outputs = {"graph": str(out / GRAPH_FILE), "report_json": str(out / REPORT_JSON), "report_md": str(out / REPORT_MD)}
    with atomic_open(outputs["graph"]) as fh:
        write_canonical_turtle(graph, fh)
    write_text_atomic(outputs["report_json"], report.to_json())
    write_text_atomic(outputs["report_md"], report.to_markdown())
    summary = LoadSummary(
        dataset=str(dataset_path), stages=len(ds.stages), inputs=len(ds.inputs), providers=len(ds.providers),
        provision_rows=len(ds.provision), sequence_links=len(ds.sequence), merged=len(report.merged),
        ambiguous=len(report.ambiguous), unmatched=len(report.unmatched), triples=len(graph), outputs=outputs,
        seconds_load=round(t1 - t0, 3), seconds_graph=round(t2 - t1, 3),
    )
    if validate:
        from semikg.eto.shacl import validate_with_eto

        result = validate_with_eto(graph)
        summary = summary.model_copy(update={"shacl_conforms": result.conforms, "shacl_violations": len(result.violations)})
        if not result.conforms:
            first = result.violations[0]
            raise ValidationFailed(f"{outputs['graph']}: SHACL found {len(result.violations)} violation(s), "
                                   f"first: {first.focus}: {first.message}")
    return summary, report
