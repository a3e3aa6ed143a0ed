"""Text leaving semikg for other programs: CSV rows that cannot split, cells a spreadsheet will not
run, and names a terminal will not obey.

- ``csv_row``: RFC 4180 quoting of every field that needs it. ``csv.writer`` quotes only the
  characters of its line terminator, so with ``lineterminator="\\n"`` a lone ``\\r`` was written bare
  and split the row for readers that treat ``\\r`` as a line end.
- ``spreadsheet_safe``: OWASP CSV-injection neutralising (a leading ``'`` before ``= + - @ TAB CR``),
  for CSV meant to be opened by people. Data for programs (the neo4j-admin bundle) stays exact.
- ``terminal_safe``: control characters (ESC sequences, bidi overrides, line separators) shown as
  escapes, for anything printed to a terminal.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable, TypeVar

from pydantic import BaseModel

_NEEDS_QUOTES = re.compile(r'[",\r\n]')
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# Format characters that reorder or hide text on screen (bidi embeddings, overrides, isolates).
_BIDI = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def csv_field(value: str, delimiter: str = ",") -> str:
    if _NEEDS_QUOTES.search(value) or (delimiter != "," and delimiter in value):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_row(fields: Iterable[str], delimiter: str = ",") -> str:
    """One CSV record ending in ``\\n``; fields with a quote, delimiter, ``\\n`` or ``\\r`` quoted."""
    cells = list(fields)
    if cells == [""]:
        return '""\n'  # a lone empty field must not read as an empty line
    return delimiter.join(csv_field(c, delimiter) for c in cells) + "\n"


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet shows as text: formula-starting values get a leading apostrophe.
    Plain numbers ("-3", "+1.5e3") are left alone; a spreadsheet reads them as numbers, not formulas."""
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _escape_char(c: str) -> str:
    o = ord(c)
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every control character (C0, DEL, C1), bidi control and line/paragraph
    separator replaced by a visible escape such as ``\\x1b``."""
    return "".join(_escape_char(c) if (unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in _BIDI) else c
                   for c in text)


M = TypeVar("M", bound=BaseModel)


def _escape_value(v):
    if isinstance(v, str):
        return terminal_safe(v)
    if isinstance(v, BaseModel):
        return terminal_safe_model(v)
    if isinstance(v, list):
        return [_escape_value(x) for x in v]
    if isinstance(v, tuple):
        return tuple(_escape_value(x) for x in v)
    if isinstance(v, dict):
        return {_escape_value(k): _escape_value(x) for k, x in v.items()}
    return v


def terminal_safe_model(model: M) -> M:
    """A copy of a pydantic model with every string in it made ``terminal_safe`` (for printing)."""
    return model.model_copy(update={name: _escape_value(getattr(model, name)) for name in type(model).model_fields})
