"""What a saved query declares in its header comment block: title, question, parameters, columns.

The header is YAML written as comment lines (``#`` in SPARQL, ``//`` in Cypher) at the top of the file,
so a query file stays a valid query and documents itself in one place.
"""
from __future__ import annotations

from typing import Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from semikg.errors import QueryError

ParamType = Literal["entity", "int", "float", "string", "year", "class"]
Scalar = Union[int, float, str]


class _M(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ParamSpec(_M):
    name: str
    type: ParamType
    default: Scalar
    help: str
    min: float | None = None
    max: float | None = None


class Column(_M):
    name: str
    help: str


class Question(_M):
    en: str
    zh: str


class QuerySpec(_M):
    name: str
    title: str
    question: Question
    params: tuple[ParamSpec, ...] = ()
    columns: tuple[Column, ...]
    example: str
    # Set when the text uses something outside the openCypher subset ArcadeDB and Neo4j share.
    neo4j_only: bool = False
    sparql: str = Field(repr=False)
    cypher: str | None = Field(default=None, repr=False)

    def param(self, name: str) -> ParamSpec | None:
        return next((p for p in self.params if p.name == name), None)

    @property
    def languages(self) -> tuple[str, ...]:
        return ("sparql", "cypher") if self.cypher else ("sparql",)


class Header(_M):
    title: str
    question: Question
    params: dict[str, dict] = {}
    columns: dict[str, str]
    example: str
    neo4j_only: bool = False


def header_text(text: str, prefix: str) -> str:
    """The leading comment lines of ``text`` with their comment marker removed."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith(prefix):
            break
        body = stripped[len(prefix):]
        lines.append(body[1:] if body.startswith(" ") else body)
    return "\n".join(lines)


def parse_header(text: str, prefix: str, where: str) -> Header:
    try:
        data = yaml.safe_load(header_text(text, prefix))
        if not isinstance(data, dict):
            raise QueryError(f"{where}: no header comment block")
        return Header.model_validate(data)
    except yaml.YAMLError as e:
        raise QueryError(f"{where}: header is not valid YAML: {str(e).splitlines()[0]}") from None
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(str(x) for x in err["loc"])
        raise QueryError(f"{where}: header field {loc}: {err['msg']}") from None


def params_of(header: Header, where: str) -> tuple[ParamSpec, ...]:
    try:
        return tuple(ParamSpec(name=k, **v) for k, v in header.params.items())
    except (ValidationError, TypeError) as e:
        raise QueryError(f"{where}: bad parameter declaration: {str(e).splitlines()[0]}") from None
