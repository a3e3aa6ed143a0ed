"""Pydantic models: the contract between pipeline stages.

Offsets are always character offsets (Unicode code points) into the *decoded original file*, so a
quote can be checked with ``original_text[start:end] == quote``.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal
from enum import Enum
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from semikg.ontology import EntityType, Predicate

Script = Literal["zh-Hans", "zh-Hant", "en", "mixed"]


class Status(str, Enum):
    """How firmly the source asserts a statement. Only ``stated`` becomes a plain triple."""

    stated = "stated"
    planned = "planned"
    expected = "expected"
    reported = "reported"
    rumoured = "rumoured"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# ---------------------------------------------------------------------------- loading


class SourceFile(Frozen):
    """A decoded input file."""

    path: str = Field(description="path as given by the user")
    name: str = Field(description="file name, used as the stable source id")
    encoding: str
    text: str = Field(description="decoded original text; offsets point into this")
    data: bytes = Field(repr=False, description="the file's bytes as read")

    @computed_field
    @property
    def sha256(self) -> str:
        """The hash of the file's bytes, worked out when asked: a build never asks, and hashing
        every input file is most of the time loading takes."""
        return hashlib.sha256(self.data).hexdigest()


class Article(Frozen):
    """One article: a span [start, end) of a source file."""

    id: str = Field(description="stable id: <file stem>-<index>")
    source_file: str
    encoding: str
    index: int = Field(ge=0, description="0-based position of the article in its file")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    title: str
    text: str = Field(description="original text of the span, spam lines included (offsets stay true)")
    norm_text: str = Field(description="normalised text, same length as ``text`` (length-preserving)")
    spam_spans: tuple[tuple[int, int], ...] = Field(
        default=(), description="article-relative spans of dropped spam/boilerplate lines"
    )
    script: Script
    language: str = "zh"
    relevant: bool = True
    skip_reason: str | None = None
    relevance_score: float = 0.0


# ---------------------------------------------------------------------------- catalog


class CatalogLink(Frozen):
    predicate: Predicate
    object: str = Field(description="catalog id of the object entity")
    status: Status = Status.stated


class CatalogEntry(Frozen):
    """One reference entity of ``seeds/catalog.yaml``."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    type: EntityType
    roles: tuple[str, ...] = ()
    name: str = Field(min_length=1, description="English canonical name")
    zh_hans: str | None = None
    zh_hant: str | None = None
    aliases: tuple[str, ...] = ()
    hq: str | None = Field(default=None, description="catalog id of the HQ / site place")
    part_of: str | None = None
    links: tuple[CatalogLink, ...] = ()
    eto_provider_id: str | None = None
    wikidata: str | None = None
    match_case: bool = Field(default=False, description="match English aliases case-sensitively")
    line: int | None = Field(default=None, description="line in the YAML file, for messages")


class Catalog(Frozen):
    source: str
    entries: tuple[CatalogEntry, ...]

    def by_id(self) -> dict[str, CatalogEntry]:
        return {e.id: e for e in self.entries}


# ---------------------------------------------------------------------------- extraction


class EntityRef(Frozen):
    """An entity as the extractor knows it: a catalog entry or a newly discovered one."""

    id: str = Field(description="catalog id, or 'd-<hash>' for a discovered entity")
    type: EntityType
    roles: tuple[str, ...] = ()
    name: str = Field(description="English canonical name (for discovered entities: the surface form)")
    origin: Literal["catalog", "discovered", "dataset"] = "catalog"

    @classmethod
    def of_catalog(cls, entry: CatalogEntry) -> "EntityRef":
        return cls(id=entry.id, type=entry.type, roles=entry.roles, name=entry.name, origin="catalog")


class Mention(NamedTuple):
    """One place an entity is named. A typed named tuple rather than a model: a build makes one per
    name occurrence (~200,000 for 8 M characters), and a model instance costs 3x as much to make.
    Pydantic still checks every field's type where ``ExtractionResult.mentions`` is validated."""

    entity_id: str
    surface: str  # the text as written in the original file
    start: int  # file offset
    end: int
    rule: str  # catalog, or the discovery rule that found it


class Evidence(Frozen):
    quote: str = Field(description="verbatim sentence from the original file")
    start: int
    end: int
    rule: str
    confidence: float = Field(ge=0.0, le=1.0)
    status: Status = Status.stated
    trigger: str | None = None


class Relation(Frozen):
    subject: str
    predicate: Predicate
    object: str
    evidence: Evidence


class Measurement(Frozen):
    about: str = Field(description="entity id")
    kind: str = Field(description="QuantityKind local name, e.g. Capacity, MarketShare")
    value: Decimal = Field(description="the value; for a range (380-420亿美元), its upper end")
    low: Decimal | None = Field(default=None, description="a range's lower end; None for a single value")
    unit: str
    raw: str = Field(description="the number with its unit as written")
    year: int | None = None
    evidence: Evidence
    # Two figures of one sentence may share entity, kind, value and unit (功耗降20%, 占比达到20%)
    # and differ in status: where each stands keeps them two measurements.
    figure_start: int | None = Field(None, description="where the figure starts in the article")


class ExtractionResult(Frozen):
    """Everything one extractor found in one article."""

    article: Article
    entities: tuple[EntityRef, ...] = Field(description="every entity mentioned (catalog and discovered)")
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    extractor: str = "rules"


# ---------------------------------------------------------------------------- name index


class NameEntries(BaseModel):
    """Everything a NameIndex knows, compact: entity ``i`` is ``iris[i]``, shown as ``labels[i]``;
    ``keys`` maps each normalised name to the numbers of the entities it names.

    The layout a store persists too (``semikg.store.names``): numbers instead of repeated IRIs
    keep the file small and the load a single JSON parse."""

    iris: list[str]
    labels: list[str]
    keys: dict[str, list[int]]

    @model_validator(mode="after")
    def _consistent(self) -> "NameEntries":
        # A damaged file must fail here, not as an IndexError in the middle of a lookup.
        if len(self.labels) != len(self.iris):
            raise ValueError(f"{len(self.iris)} entities but {len(self.labels)} labels")
        n = len(self.iris)
        if any(not ids or min(ids) < 0 or max(ids) >= n for ids in self.keys.values()):
            raise ValueError("a name refers to no entity or to an entity out of range")
        return self


# ---------------------------------------------------------------------------- build


class SkippedArticle(Frozen):
    article_id: str
    source_file: str
    index: int
    title: str
    reason: str


class StageTimes(BaseModel):
    load: float = 0.0
    read: float = Field(default=0.0, description="split, spam filter, normalise, relevance")
    extract: float = 0.0
    graph: float = 0.0
    shacl: float = 0.0
    serialise: float = 0.0


class BuildReport(BaseModel):
    """What a build did; written as build/report.json."""

    files: list[str]
    articles_total: int
    articles_used: int
    skipped: list[SkippedArticle]
    entities: int
    entities_discovered: int
    relations: int
    relations_hedged: int
    measurements: int
    triples: int
    characters: int
    seconds: StageTimes
    outputs: dict[str, str]
    shacl_conforms: bool | None = None
    shacl_violations: int | None = None
