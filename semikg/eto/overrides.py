"""Manual entity-resolution overrides (seeds/eto_overrides.yaml), applied before any rule."""
from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from semikg.errors import DatasetError


class NeverMerge(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    provider: str = Field(pattern=r"^P\d+$")
    entity: str = Field(min_length=1, description="catalog id (or graph entity id) the provider must never merge with")
    why: str = ""


class EtoOverrides(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    merge: dict[str, str] = Field(default_factory=dict, description="ETO provider id -> catalog id")
    keep_separate: tuple[str, ...] = Field(default=(), description="provider ids never merged with anything")
    never_merge: tuple[NeverMerge, ...] = ()
    aggregates: tuple[str, ...] = Field(
        default=(), description="placeholder providers that stand for many (e.g. 'Various countries'): kept as plain Agent/Place, never merged")

    def forbidden(self, provider_id: str, entity_id: str) -> bool:
        return any(n.provider == provider_id and n.entity == entity_id for n in self.never_merge)


def load_overrides(path: str | Path | None) -> EtoOverrides:
    if path is None:
        return EtoOverrides()
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DatasetError(p, "overrides file not found") from None
    except UnicodeDecodeError:
        raise DatasetError(p, "not valid UTF-8") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise DatasetError(p, f"invalid YAML: {getattr(e, 'problem', None) or e}", mark.line + 1 if mark else None) from None
    try:
        return EtoOverrides.model_validate(data or {})
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise DatasetError(p, f"{where}: {err['msg']}") from None
