"""The ETO dataset as a build extension: `semikg build --with-eto PATH` (see semikg.pipeline.GraphExtension)."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from rdflib import Graph

from semikg.eto.csvload import load_eto
from semikg.eto.graph import add_eto
from semikg.eto.models import EtoDataset
from semikg.eto.overrides import EtoOverrides, load_overrides
from semikg.eto.report import ResolutionReport
from semikg.models import Catalog


class EtoExtension(BaseModel):
    """Loaded eagerly (a broken CSV fails before any article is read); applied to the built graph in place."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    dataset: EtoDataset
    catalog: Catalog
    overrides: EtoOverrides
    overrides_path: str
    shapes: list[Path] = Field(default_factory=list, description="extra SHACL shapes (the dataset's are in ontology/shapes.ttl)")
    report: ResolutionReport | None = Field(default=None, description="set by apply(); write it with to_json()/to_markdown()")

    def apply(self, graph: Graph) -> None:
        self.report = add_eto(graph, self.dataset, self.catalog, self.overrides, self.overrides_path)


def eto_extension(path: str | Path, catalog: Catalog, overrides_path: str | Path | None = None) -> EtoExtension:
    from semikg.eto.pipeline import default_overrides_path

    ov = overrides_path if overrides_path is not None else default_overrides_path()
    return EtoExtension(dataset=load_eto(path), catalog=catalog, overrides=load_overrides(ov),
                        overrides_path=str(ov or "eto_overrides.yaml"))
