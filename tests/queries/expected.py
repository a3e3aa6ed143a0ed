"""Where a saved query's expected answer on the seed graph lives, and how it is compared."""
from __future__ import annotations

import json
from pathlib import Path

from semikg.fsutil import write_text_atomic
from semikg.queries.registry import SPARQL_DIR, library_dir
from semikg.queries.result import QueryResult


def expected_path(name: str) -> Path:
    return library_dir() / SPARQL_DIR / f"{name}.expected.json"


def as_json(result: QueryResult) -> str:
    """One row per line, so a regression shows up as a readable diff."""
    rows = ",\n  ".join(json.dumps(list(r), ensure_ascii=False) for r in result.rows)
    return (f'{{"columns": {json.dumps(list(result.columns), ensure_ascii=False)},\n'
            f' "rows": [\n  {rows}\n ]}}\n')


def load_expected(name: str) -> dict:
    return json.loads(expected_path(name).read_text(encoding="utf-8"))


def write_expected(name: str, result: QueryResult) -> None:
    write_text_atomic(expected_path(name), as_json(result))
