"""A query's answer as plain values, and its renderings: table, csv, json, markdown."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Literal as TLiteral, Union

from pydantic import BaseModel, ConfigDict
from rdflib import BNode, Literal, URIRef

from semikg.safe_text import csv_row, spreadsheet_safe, terminal_safe

Cell = Union[None, bool, int, float, str]
Format = TLiteral["table", "csv", "json", "markdown"]
FORMATS: tuple[str, ...] = ("table", "csv", "json", "markdown")


class QueryResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    @classmethod
    def of(cls, columns: tuple[str, ...], rows: tuple[tuple[Cell, ...], ...]) -> "QueryResult":
        """A result whose cells this package has just made plain (``plain``, ``ox_converter``):
        not validated again, which on answers of thousands of rows cost as much as the query."""
        return cls.model_construct(columns=tuple(columns), rows=rows)

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
        return _number(value)
    return str(value)


def _number(value: int | float | Decimal) -> int | float:
    f = round(float(value), 6)
    return int(f) if f.is_integer() and abs(f) < 2**53 else f


# --- plain() straight from pyoxigraph terms (Oxigraph-backed graphs): making an rdflib term per
# cell first costs more than the query on large answers. Only lexical forms whose rdflib value is
# certain take the short cut (strict ASCII patterns: Python's int() and float() accept more than
# XSD, e.g. "1_000" or Arabic-Indic digits); anything else goes through rdflib, so the answer is
# always exactly plain() of the term oxrdflib would have made.
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INT_LEX = re.compile(r"[+-]?[0-9]+")
_DECIMAL_LEX = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DOUBLE_LEX = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DATE_LEX = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BOOLEAN = {"true": True, "false": False, "1": True, "0": False}
_SLOW = object()  # "ask rdflib"


def _int_cell(lex: str) -> object:
    return _number(int(lex)) if _INT_LEX.fullmatch(lex) else _SLOW


def _float_cell(pattern: re.Pattern) -> object:
    # Decimal too: float(Decimal(s)) and float(s) are both the correctly rounded double of s.
    return lambda lex: _number(float(lex)) if pattern.fullmatch(lex) else _SLOW


def _date_cell(lex: str) -> object:
    # rdflib makes a date of a valid YYYY-MM-DD, whose str() is that text again, and keeps an
    # invalid one as a literal, whose str() is also that text.
    return lex if _DATE_LEX.fullmatch(lex) else _SLOW


_FAST: dict[str, object] = {
    _XSD + "string": str,
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString": str,
    _XSD + "gYear": str,  # rdflib has no Python value for these: str() of the literal
    _XSD + "gYearMonth": str,
    _XSD + "date": _date_cell,
    _XSD + "boolean": lambda lex: _BOOLEAN.get(lex, _SLOW),
    _XSD + "decimal": _float_cell(_DECIMAL_LEX),
    _XSD + "double": _float_cell(_DOUBLE_LEX),
    _XSD + "float": _float_cell(_DOUBLE_LEX),
    **{_XSD + t: _int_cell for t in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
        "unsignedByte")},
}


@lru_cache(maxsize=1)
def ox_converter() -> Callable[[object], Cell]:
    """``plain()`` of the rdflib term oxrdflib (with semikg's plain-literal store) would make of a
    pyoxigraph term or None, computed without making it. A closure, so the per-cell loop does no
    import or global lookup."""
    import pyoxigraph as ox
    from oxrdflib._converter import from_ox

    from semikg.store.terms import plain_literal

    named, blank, literal, fast, slow = ox.NamedNode, ox.BlankNode, ox.Literal, _FAST, _SLOW

    def convert(term):
        if term is None:
            return None
        kind = type(term)
        if kind is named or kind is blank:
            return term.value
        if kind is literal:
            cell = fast.get(term.datatype.value)
            if cell is not None:
                out = cell(term.value)
                if out is not slow:
                    return out
        return plain(plain_literal(from_ox(term)))  # exactly the oxrdflib path

    return convert


def plain_ox(term: object) -> Cell:
    return ox_converter()(term)


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return str(cell)


def to_csv(r: QueryResult) -> str:
    """CSV for people (spreadsheets): formula-like cells neutralised, every field quoted as needed."""
    return csv_row(r.columns) + "".join(csv_row([spreadsheet_safe(_text(c)) for c in row]) for row in r.rows)


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

    cells = [[cut(terminal_safe(_text(c))) for c in row] for row in r.rows]
    widths = [max([_width(h)] + [_width(row[i]) for row in cells]) for i, h in enumerate(r.columns)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(list(r.columns)), line(["-" * w for w in widths])] + [line(row) for row in cells]
    out.append(f"({len(r.rows)} row{'s' if len(r.rows) != 1 else ''})")
    return "\n".join(out) + "\n"


RENDERERS = {"table": to_table, "csv": to_csv, "json": to_json, "markdown": to_markdown}


def render(r: QueryResult, fmt: str) -> str:
    return RENDERERS[fmt](r)
