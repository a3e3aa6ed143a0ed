"""Pydantic models of the ETO Advanced Semiconductor Supply Chain Dataset, one per CSV row kind."""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

InputType = Literal["process", "design_resource", "tool_resource", "material_resource", "ultimate_output"]
ProviderType = Literal["organization", "country"]


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    line: int = Field(description="line of the record in its CSV file (1 = header), for messages and provenance")


class Stage(_Row):
    id: str = Field(pattern=r"^S\d+$")
    name: str
    description: str = ""
    market_size: str = ""


class SupplyInput(_Row):
    id: str = Field(pattern=r"^N\d+$")
    name: str
    type: InputType
    stage_id: str | None = None
    description: str = ""
    year: int | None = None
    market_size: str = ""


class Provider(_Row):
    """One provider; the CSV repeats a provider on several rows to list its aliases."""

    id: str = Field(pattern=r"^P\d+$")
    name: str
    aliases: tuple[str, ...] = ()
    type: ProviderType
    country: str | None = Field(default=None, description="ISO3 code as written, or a free text like 'Various countries'")


class Provision(_Row):
    provider_id: str
    provider_name: str
    provided_id: str = Field(description="an input (N..) or a whole stage (S..)")
    provided_name: str
    share: Decimal | None = Field(default=None, description="market share in percent; None when the dataset gives none")
    year: int | None = None
    source: str = Field(default="", description="the dataset's own source text for this row")


class SequenceLink(_Row):
    input_id: str
    relation: Literal["goes_into", "is_type_of"]
    target_id: str


class EtoDataset(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: str
    stages: tuple[Stage, ...]
    inputs: tuple[SupplyInput, ...]
    providers: tuple[Provider, ...]
    provision: tuple[Provision, ...]
    sequence: tuple[SequenceLink, ...]
    provider_rows: int = Field(description="rows of providers.csv (aliases repeat a provider)")
