"""A Cypher script of the export for cypher-shell / Neo4j Browser.

A script cannot bind driver parameters, so each batch's ``$rows`` is written as a Cypher *literal*
list of maps, built by ``cypher_literal`` with rigorous string escaping. The statements are the very
templates the live push runs (semikg/export/cypher_text.py), so loading the script gives the same
graph as a push, and loading it after a push changes nothing. Literal lists work in every client
(cypher-shell, Browser, any driver); ``:param`` blocks would work in cypher-shell and Browser only.

Layout: every statement ends with a line ``;`` of its own; a string literal never holds a raw line
break (``\\n`` is escaped), so ``split_statements`` can cut the file on such lines.
"""
from __future__ import annotations

import math
import os
from typing import Any, Iterator

from semikg.errors import ExportError
from semikg.export import cypher_text as Q
from semikg.export.mapping import KEY_LABELS, ExportPlan, check_label
from semikg.fsutil import atomic_open

HEADER = """// semikg knowledge graph, Cypher script export (generated; do not edit).
// Load with: cypher-shell -u neo4j -d <database> -f semikg.cypher
// Idempotent: every statement MERGEs on `uri` and writes only what changed.
"""
TERMINATOR = "\n;\n"

_ESCAPES = {"\\": "\\\\", "'": "\\'", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "\b": "\\b", "\f": "\\f"}


def cypher_string(s: str) -> str:
    """A single-quoted Cypher string literal that reads back as exactly ``s``."""
    out = []
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ch in "\u2028\u2029":
            # Control and line-separator characters as escapes, so no statement spans hidden breaks.
            out.append(f"\\u{ord(ch):04x}")
        else:
            # Other characters (CJK, emoji) are written as UTF-8 text: the file is UTF-8.
            out.append(ch)
    return "'" + "".join(out) + "'"


def cypher_literal(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ExportError(f"cannot write a non-finite number to Cypher: {v!r}")
        return repr(v)
    if isinstance(v, str):
        return cypher_string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(cypher_literal(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"`{_key(k)}`: {cypher_literal(x)}" for k, x in v.items()) + "}"
    raise ExportError(f"cannot write a {type(v).__name__} value to Cypher")


def _key(k: str) -> str:
    if "`" in k:
        raise ExportError(f"property name with a backtick: {k!r}")
    return k


def _statement(template: str, rows: list[dict]) -> str:
    # A single replace of the template's own `$rows`: the inserted literal is never re-scanned.
    return template.replace("$rows", "[\n  " + ",\n  ".join(cypher_literal(r) for r in rows) + "\n]", 1)


def iter_statements(plan: ExportPlan, batch_size: int = 500) -> Iterator[str]:
    for label in KEY_LABELS:
        yield Q.CONSTRAINT.format(name=f"semikg_{label.lower()}_uri", label=check_label(label))
    for labels, rows in plan.node_groups().items():
        for i in range(0, len(rows), batch_size):
            batch = rows[i:i + batch_size]
            yield _statement(Q.DROP_RELABELLED.format(key_label=check_label(labels[0])),
                             [{"uri": n.uri, "labels": list(n.labels)} for n in batch])
            yield _statement(Q.MERGE_NODES.format(labels=":".join(check_label(x) for x in labels)),
                             [{"uri": n.uri, "hash": n.hash, "props": n.props} for n in batch])
    for (rel_type, start, end), rows in plan.rel_groups().items():
        for i in range(0, len(rows), batch_size):
            yield _statement(Q.MERGE_RELATIONSHIPS.format(type=rel_type, start_label=check_label(start),
                                                          end_label=check_label(end)),
                             [{"start": r.start, "end": r.end, "hash": r.hash, "props": r.props}
                              for r in rows[i:i + batch_size]])


def write_script(plan: ExportPlan, path: str | os.PathLike, batch_size: int = 500) -> int:
    """Write the script atomically; returns the number of statements."""
    n = 0
    with atomic_open(path, "w") as fh:
        fh.write(HEADER)
        for stmt in iter_statements(plan, batch_size):
            fh.write("\n" + stmt + TERMINATOR)
            n += 1
    return n


def split_statements(text: str) -> list[str]:
    """The statements of a script written by ``write_script`` (comments and terminators removed)."""
    out, current = [], []
    for line in text.splitlines():
        if line == ";":
            stmt = "\n".join(current).strip()
            if stmt:
                out.append(stmt)
            current = []
        elif not line.startswith("//"):
            current.append(line)
    if "\n".join(current).strip():
        raise ExportError("Cypher script ends with an unterminated statement")
    return out
