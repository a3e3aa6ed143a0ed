"""The entity-resolution report: what was merged (and by which rule), what was ambiguous, what was not matched."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Rule = Literal["override", "catalog.eto_provider_id", "name+country", "name", "fuzzy+country"]


class _M(BaseModel):
    model_config = ConfigDict(frozen=True)


class CandidateScore(_M):
    entity_id: str
    name: str
    score: float = Field(description="0-100; 100 for an exact normalised name")
    note: str = ""


class Merge(_M):
    provider_id: str
    provider_name: str
    entity_id: str = Field(description="catalog id (or graph entity id) the provider was merged into")
    entity_name: str
    rule: Rule
    score: float


class Ambiguity(_M):
    provider_id: str
    provider_name: str
    reason: str
    candidates: tuple[CandidateScore, ...]


class Unmatched(_M):
    provider_id: str
    provider_name: str
    country: str | None
    reason: str
    nearest: CandidateScore | None = None


class ResolutionReport(_M):
    dataset: str
    providers: int
    candidates: int
    merged: tuple[Merge, ...]
    ambiguous: tuple[Ambiguity, ...]
    unmatched: tuple[Unmatched, ...]
    unknown_countries: tuple[str, ...] = Field(default=(), description="provider country codes no entity stands for")
    stale_catalog_ids: tuple[str, ...] = Field(
        default=(), description="catalog entries whose eto_provider_id names no provider of this dataset")

    def merged_by_provider(self) -> dict[str, Merge]:
        return {m.provider_id: m for m in self.merged}

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"

    def to_markdown(self) -> str:
        lines = [
            "# ETO provider resolution", "",
            f"Dataset: `{self.dataset}`; {self.providers} providers against {self.candidates} candidate entities.", "",
            f"- merged: {len(self.merged)}", f"- ambiguous (not merged): {len(self.ambiguous)}",
            f"- unmatched (kept as dataset entities): {len(self.unmatched)}", "",
            "## Merged", "", "| provider | ETO name | entity | entity name | rule | score |", "|---|---|---|---|---|---|",
        ]
        lines += [f"| {m.provider_id} | {_md(m.provider_name)} | {m.entity_id} | {_md(m.entity_name)} | {m.rule} | {m.score:.0f} |"
                  for m in self.merged]
        lines += ["", "## Ambiguous (not merged; settle in seeds/eto_overrides.yaml)", "",
                  "| provider | ETO name | reason | candidates |", "|---|---|---|---|"]
        lines += [f"| {a.provider_id} | {_md(a.provider_name)} | {_md(a.reason)} | "
                  + "; ".join(f"{c.entity_id} ({_md(c.name)}, {c.score:.0f}{', ' + _md(c.note) if c.note else ''})" for c in a.candidates) + " |"
                  for a in self.ambiguous]
        lines += ["", "## Unmatched", "", "| provider | ETO name | country | reason | nearest |", "|---|---|---|---|---|"]
        lines += [f"| {u.provider_id} | {_md(u.provider_name)} | {u.country or ''} | {_md(u.reason)} | "
                  + (f"{u.nearest.entity_id} ({_md(u.nearest.name)}, {u.nearest.score:.0f})" if u.nearest else "") + " |"
                  for u in self.unmatched]
        if self.stale_catalog_ids:
            lines += ["", "Catalog entries whose eto_provider_id is not in this dataset: " + ", ".join(self.stale_catalog_ids)]
        if self.unknown_countries:
            lines += ["", "Country codes without an entity: " + ", ".join(self.unknown_countries)]
        return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    # Markdown table cells: a pipe or newline in a name would break the row.
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
