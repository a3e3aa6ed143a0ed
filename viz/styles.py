"""Loads viz/styles.yaml: the colours, shapes, sizes and vis-network options of every page."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict


class _M(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ClassStyle(_M):
    color: str
    shape: str
    label: dict[str, str]

    def legend_label(self, lang: str) -> str:
        return self.label.get(lang) or self.label.get("en") or ""


class SizeRange(_M):
    min: float
    max: float


class EdgeStyle(_M):
    color: str
    highlight: str
    width: float
    hedged_dashes: tuple[int, ...]
    predicate_colors: dict[str, str] = {}

    def color_for(self, predicate: str) -> str:
        return self.predicate_colors.get(predicate, self.color)


class LargeGraph(_M):
    min_nodes: int
    stabilization_iterations: int


class Styles(_M):
    classes: dict[str, ClassStyle]
    fallback_class: ClassStyle
    node_size: SizeRange
    edges: EdgeStyle
    network: dict[str, Any]
    improved_layout_max_nodes: int
    large_graph: LargeGraph
    default_node_budget: int

    def for_class(self, cls: str) -> ClassStyle:
        return self.classes.get(cls, self.fallback_class)


def parse_styles(text: str) -> Styles:
    return Styles.model_validate(yaml.safe_load(text))


@lru_cache(maxsize=1)
def load_styles() -> Styles:
    return parse_styles(resources.files("semikg.viz").joinpath("styles.yaml").read_text(encoding="utf-8"))


def asset_text(name: str) -> str:
    """A file shipped in the package (template, page JS/CSS, vendored vis-network)."""
    return resources.files("semikg.viz").joinpath(name).read_text(encoding="utf-8")
