"""The build as a library call: what `semikg build` and README command 1 run."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from semikg.fsutil import write_text_atomic
from semikg.eto.report import ResolutionReport
from semikg.graph.shacl import ShaclReport
from semikg.models import BuildReport
from semikg.outputs import Generation, OutputFolder
from semikg.paths import BUILD_DIR, GRAPH_FILE, STORE_DIR
from semikg.pipeline import Pipeline, Progress, resolve_inputs


class BuildResult(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    report: BuildReport
    shacl: ShaclReport | None
    errors: list[str]
    store: str | None = None
    extracted: list[str] | None = None
    cached: list[str] | None = None
    shacl_cached: bool = False
    eto: ResolutionReport | None = None
    entities_merged: int | None = None  # entities once a second source is merged in (--with-eto)


def run_build(articles: Path | None = None, out: Path = BUILD_DIR, catalog: Path | None = None,
              with_eto: Path | None = None, max_file_bytes: int | None = None, strict: bool = False,
              shacl: bool = True, progress: Progress | None = None, store: bool = True,
              incremental: bool = False) -> BuildResult:
    inputs = resolve_inputs(articles)
    # Every output goes into a fresh generation folder that replaces the current set in one switch.
    with OutputFolder(out).transaction() as gen:
        return _build_into(gen, Path(out), inputs, catalog, with_eto, max_file_bytes, strict, shacl, progress, store,
                           incremental)


def _build_into(gen: Generation, shown: Path, inputs: list[Path], catalog: Path | None, with_eto: Path | None,
                max_file_bytes: int | None, strict: bool, shacl: bool, progress: Progress | None,
                store: bool, incremental: bool) -> BuildResult:
    out = gen.path
    if incremental:  # re-extract only new or changed files
        from semikg.incremental import CACHE_DIR, CachingPipeline

        pipe: Pipeline = CachingPipeline(catalog, max_file_bytes=max_file_bytes, cache_dir=out / CACHE_DIR,
                                         previous_dir=gen.previous / CACHE_DIR if gen.previous else None)
    else:
        pipe = Pipeline(catalog, max_file_bytes=max_file_bytes)
        if gen.previous is not None:
            from semikg.incremental import CACHE_DIR, carry_cache

            carry_cache(gen.previous / CACHE_DIR, out / CACHE_DIR)  # a full build keeps the cache it did not use
    extra = None
    if with_eto is not None:
        from semikg.eto.integrate import eto_extension

        extra = eto_extension(with_eto, pipe.catalog)
    report = pipe.build(inputs, out, progress=progress, strict=strict, extension=extra, shacl=shacl)
    if extra is not None and extra.report is not None:
        # What the dataset merged with, what stayed ambiguous: reviewed by people, so written out.
        write_text_atomic(out / "eto-resolution.json", extra.report.to_json())
        write_text_atomic(out / "eto-resolution.md", extra.report.to_markdown())
        report.outputs["eto_resolution"] = "eto-resolution.md"
    result = BuildResult(report=report, shacl=pipe.shacl_report, errors=pipe.errors)
    if extra is not None:
        from semikg.ontology import SKG

        result.eto = extra.report
        result.entities_merged = len(set(pipe.built.graph.subjects(SKG.origin, None)))
    if incremental:
        pipe.prune()  # type: ignore[attr-defined]
        result.extracted, result.cached = pipe.stats.extracted, pipe.stats.hits  # type: ignore[attr-defined]
        result.shacl_cached = pipe.stats.shacl_cached  # type: ignore[attr-defined]
    if store:  # the persistent store beside the Turtle file, for queries
        from semikg.graph.resolve import name_index_spec
        from semikg.store.disk import write_store

        if progress:
            progress("writing the store", 1, 1)
        write_store(out / GRAPH_FILE, out / STORE_DIR, names=name_index_spec())
        result.store = str(shown / STORE_DIR)
        report.outputs["store"] = STORE_DIR
    return result
