"""The build as a library call: what `semikg build` and README command 1 run."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from semikg.graph.shacl import ShaclReport
from semikg.models import BuildReport
from semikg.pipeline import Pipeline, Progress, resolve_inputs


class BuildResult(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    report: BuildReport
    shacl: ShaclReport | None
    errors: list[str]


def run_build(articles: Path | None = None, out: Path = Path("build"), catalog: Path | None = None,
              with_eto: Path | None = None, max_file_bytes: int | None = None, strict: bool = False,
              shacl: bool = True, progress: Progress | None = None) -> BuildResult:
    inputs = resolve_inputs(articles)
    pipe = Pipeline(catalog, max_file_bytes=max_file_bytes)
    extra = None
    if with_eto is not None:
        from semikg.eto.integrate import eto_extension  # the ETO loader (issue 6)

        extra = eto_extension(with_eto, pipe.catalog)
    report = pipe.build(inputs, out, progress=progress, strict=strict, extension=extra, shacl=shacl)
    return BuildResult(report=report, shacl=pipe.shacl_report, errors=pipe.errors)
