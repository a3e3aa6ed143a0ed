"""What a visualisation shows: the options a user (or the CLI) passes to ``render``."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["en", "zh-Hans", "zh-Hant"]


class VizOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    focus: str | None = Field(default=None, description="any alias of the entity to centre on (any script)")
    hops: int = Field(default=1, ge=0, le=6, description="neighbourhood radius around `focus`")
    types: tuple[str, ...] = Field(default=(), description="keep only nodes having one of these classes")
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    since: int | None = Field(default=None, ge=1900, le=2100,
                              description="keep only edges whose evidence mentions a year >= since")
    lang: Lang = "en"
    node_budget: int | None = Field(default=None, ge=1, description="None: the default from viz/styles.yaml")
    title: str | None = None
    unfold: bool = Field(default=False, description="draw on a whole-graph page the relations and dataset "
                                                    "placeholders it folds away by default")
    supply_chain: str | None = Field(default=None, description="any alias of a firm: draw its suppliers "
                                                                "left of it and its customers right of it")
    tiers: int = Field(default=2, ge=1, le=6, description="supplier and customer tiers of a supply-chain view")
    layout: Literal["auto", "force", "flow"] = Field(
        default="auto", description="force: a force-directed picture; flow: left-to-right layers along "
                                    "supply and input-flow relations; auto: flow for supply-chain views and "
                                    "pages of only dataset inputs and stages, force otherwise")
