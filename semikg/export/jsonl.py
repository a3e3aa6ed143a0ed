"""JSON Lines export: one object per node and per relationship, in the canonical plan order.

Byte-identical for the same graph: keys sorted, no whitespace variation, UTF-8 text (not \\u escapes).
"""
from __future__ import annotations

import json
import os

from semikg.export.mapping import ExportPlan
from semikg.fsutil import atomic_open


def _line(obj: dict) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def write_jsonl(plan: ExportPlan, path: str | os.PathLike) -> int:
    """Nodes first, then relationships; returns the number of lines written."""
    n = 0
    with atomic_open(path, "w") as fh:
        for node in plan.nodes:
            fh.write(_line({"kind": "node", "labels": list(node.labels), "uri": node.uri, "properties": node.props}))
            n += 1
        for rel in plan.relationships:
            fh.write(_line({"kind": "relationship", "type": rel.type, "start": rel.start, "end": rel.end,
                            "properties": rel.props}))
            n += 1
    return n
