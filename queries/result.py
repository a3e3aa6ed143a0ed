"""A query's answer as plain values, and its renderings: table, csv, json, markdown."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Literal as TLiteral, Union

from pydantic import BaseModel, ConfigDict
from rdflib import BNode, Literal, URIRef

Cell = Union[None, bool, int, float, str]
Format = TLiteral["table", "csv", "json", "markdown"]
FORMATS: tuple[str, ...] = ("table", "csv", "json", "markdown")


class QueryResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def records(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.columns, r)) for r in self.rows]


def plain(value: object) -> Cell:
    """One cell as a plain value that SPARQL and Cypher answers agree on (numbers rounded to 6 places)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Literal):
        py = value.toPython()
        return plain(py) if not isinstance(py, Literal) else str(value)
    if isinstance(value, (URIRef, BNode)):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        f = round(float(value), 6)
        return int(f) if f.is_integer() and abs(f) < 2**53 else f
    return str(value)


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return str(cell)


def to_csv(r: QueryResult) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(r.columns)
    for row in r.rows:
        w.writerow([_text(c) for c in row])
    return buf.getvalue()


def to_json(r: QueryResult) -> str:
    return json.dumps({"columns": list(r.columns), "rows": r.records()}, ensure_ascii=False, indent=2) + "\n"


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(r: QueryResult) -> str:
    lines = ["| " + " | ".join(_md_escape(c) for c in r.columns) + " |",
             "|" + "|".join("---" for _ in r.columns) + "|"]
    lines += ["| " + " | ".join(_md_escape(_text(c)) for c in row) + " |" for row in r.rows]
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def to_table(r: QueryResult, max_cell: int = 60) -> str:
    def cut(s: str) -> str:
        s = " ".join(s.split())
        if _width(s) <= max_cell:
            return s
        while _width(s) > max_cell - 1:
            s = s[:-1]
        return s + "…"

    cells = [[cut(_text(c)) for c in row] for row in r.rows]
    widths = [max([_width(h)] + [_width(row[i]) for row in cells]) for i, h in enumerate(r.columns)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(list(r.columns)), line(["-" * w for w in widths])] + [line(row) for row in cells]
    out.append(f"({len(r.rows)} row{'s' if len(r.rows) != 1 else ''})")
    return "\n".join(out) + "\n"


RENDERERS = {"table": to_table, "csv": to_csv, "json": to_json, "markdown": to_markdown}


def render(r: QueryResult, fmt: str) -> str:
    return RENDERERS[fmt](r)
