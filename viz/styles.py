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


class Family(_M):
    color: str
    width: float
    label: dict[str, str]
    # How hard a relation of this family pulls its ends together in the force layout.
    pull: float = 1.0


class PredicateStyle(_M):
    family: str
    label: dict[str, str]
    reverse: bool = False


class EdgeStyle(_M):
    color: str
    highlight: str
    width: float
    hedged_dashes: tuple[int, ...]
    families: dict[str, Family]
    predicates: dict[str, PredicateStyle]

    def model_post_init(self, _context: object) -> None:
        unknown = sorted({p.family for p in self.predicates.values()} - set(self.families))
        if unknown:
            raise ValueError(f"predicate family {unknown[0]!r} is not among edges.families")

    def family_of(self, predicate: str) -> str | None:
        p = self.predicates.get(predicate)
        return p.family if p else None

    def color_for(self, predicate: str) -> str:
        fam = self.family_of(predicate)
        return self.families[fam].color if fam else self.color

    def width_for(self, predicate: str) -> float:
        fam = self.family_of(predicate)
        return self.families[fam].width if fam else self.width

    def reversed(self, predicate: str) -> bool:
        p = self.predicates.get(predicate)
        return bool(p and p.reverse)

    def label_for(self, predicate: str, lang: str) -> str:
        p = self.predicates.get(predicate)
        return (p.label.get(lang) or p.label.get("en") or predicate) if p else predicate


class Labels(_M):
    budget: int
    hub_px: float
    other_px: float
    draw_threshold: float
    max_px: float
    base_size: float


class Focus(_M):
    no_expand_classes: tuple[str, ...]
    hub_degree: int


class Styles(_M):
    classes: dict[str, ClassStyle]
    fallback_class: ClassStyle
    aggregate_class: ClassStyle
    node_size: SizeRange
    labels: Labels
    edges: EdgeStyle
    folded_on_whole_graph: tuple[str, ...]
    focus: Focus
    network: dict[str, Any]
    layout_seed: int
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
