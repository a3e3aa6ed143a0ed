"""A bundle for ``neo4j-admin database import full``: typed CSV files, the command, the constraints.

Header format (Neo4j 5 operations manual, "Import" section): ``uri:ID(Entity)`` keeps the IRI as the
``uri`` property and as the import id in the ``Entity`` id space; ``:LABEL`` holds every label joined by
the array delimiter; relationship files have ``:START_ID(space)``, ``:END_ID(space)``, ``:TYPE``; typed
columns are ``name:type`` with ``long``, ``double``, ``boolean`` and arrays ``string[]``/``long[]``/
``double[]``. Numbers are ``double`` rather than ``float`` so values equal the live push's exactly.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

from semikg.errors import ExportError
from semikg.export import cypher_text as Q
from semikg.export.mapping import KEY_LABELS, ExportPlan, NodeRow, RelRow, check_label
from semikg.fsutil import atomic_open, write_text_atomic
from semikg.safe_text import csv_row

# Tried in order: the first that occurs in no array element or label is the bundle's delimiter.
ARRAY_DELIMITERS = (";", "|", "\x1f")
COMMAND_FILE = "import.sh"
CONSTRAINTS_FILE = "constraints.cypher"
README_FILE = "README.md"


def _scalar_type(v: Any) -> str | None:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "long"
    if isinstance(v, float):
        return "double"
    if isinstance(v, str):
        return "string"
    raise ExportError(f"cannot write a {type(v).__name__} value to a neo4j-admin CSV")


def _column_type(values: Iterable[Any]) -> str:
    kinds: set[str] = set()
    is_list = False
    for v in values:
        if isinstance(v, list):
            is_list = True
            kinds.update(_scalar_type(x) for x in v)
        else:
            kinds.add(_scalar_type(v))
    if kinds == {"long", "double"}:
        kinds = {"double"}
    if len(kinds) > 1:
        raise ExportError(f"a column mixes value types {sorted(kinds)}")
    base = kinds.pop() if kinds else "string"
    return base + ("[]" if is_list else "")


def _cell(v: Any, delim: str) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return delim.join(_cell(x, delim) for x in v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    return str(v)


def choose_delimiter(plan: ExportPlan) -> str:
    used: set[str] = set()
    for row in (*plan.nodes, *plan.relationships):
        for v in row.props.values():
            if isinstance(v, list):
                for x in v:
                    if isinstance(x, str):
                        used.update(c for c in ARRAY_DELIMITERS if c in x)
    for d in ARRAY_DELIMITERS:
        if d not in used:
            return d
    raise ExportError("every candidate array delimiter occurs in the data; cannot write a neo4j-admin bundle")


def _delimiter_flag(d: str) -> str:
    return "U+001F" if d == "\x1f" else d


def _typed_header(rows: list, keys: list[str]) -> list[str]:
    return [f"{k}:{_column_type(r.props[k] for r in rows if k in r.props)}" for k in keys]


def _write_nodes(path: Path, rows: list[NodeRow], delim: str) -> None:
    keys = sorted({k for r in rows for k in r.props} - {"uri"})
    header = [f"uri:ID({check_label(rows[0].key_label)})", ":LABEL", *_typed_header(rows, keys)]
    with atomic_open(path, "w") as fh:
        fh.write(csv_row(header))
        for r in rows:
            fh.write(csv_row([r.uri, delim.join(r.labels), *(_cell(r.props.get(k), delim) for k in keys)]))


def _write_rels(path: Path, rows: list[RelRow], delim: str) -> None:
    keys = sorted({k for r in rows for k in r.props})
    header = [f":START_ID({check_label(rows[0].start_label)})", f":END_ID({check_label(rows[0].end_label)})",
              ":TYPE", *_typed_header(rows, keys)]
    with atomic_open(path, "w") as fh:
        fh.write(csv_row(header))
        for r in rows:
            fh.write(csv_row([r.start, r.end, r.type, *(_cell(r.props.get(k), delim) for k in keys)]))


def import_command(node_files: list[str], rel_files: list[str], delim: str) -> str:
    flag = _delimiter_flag(delim)
    lines = ['neo4j-admin database import full "${1:-neo4j}"']
    lines += [f"  --nodes={f}" for f in node_files]
    lines += [f"  --relationships={f}" for f in rel_files]
    lines += [f"  --array-delimiter='{flag}'", "  --multiline-fields=true", "  --id-type=string",
              "  --overwrite-destination=false"]
    return " \\\n".join(lines)


def write_bundle(plan: ExportPlan, out_dir: str | os.PathLike) -> list[Path]:
    """Write CSVs, import.sh, constraints.cypher and README.md into ``out_dir``; returns the CSV paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    delim = choose_delimiter(plan)
    node_files, rel_files = [], []
    for labels, rows in plan.node_groups().items():
        name = "nodes_" + "_".join(labels) + ".csv"
        _write_nodes(out / name, rows, delim)
        node_files.append(name)
    seen: dict[str, int] = {}
    for (rel_type, start, end), rows in plan.rel_groups().items():
        seen[rel_type] = seen.get(rel_type, 0) + 1
        name = f"relationships_{rel_type}" + ("" if seen[rel_type] == 1 else f"_{start}_{end}") + ".csv"
        _write_rels(out / name, rows, delim)
        rel_files.append(name)
    # A re-export into the same folder must not leave CSVs of labels/types that no longer exist.
    keep = set(node_files) | set(rel_files)
    for stale in sorted(out.glob("nodes_*.csv")) + sorted(out.glob("relationships_*.csv")):
        if stale.name not in keep:
            stale.unlink()
    command = import_command(node_files, rel_files, delim)
    write_text_atomic(out / COMMAND_FILE, "#!/bin/sh\n# Generated by `semikg export neo4j-admin`. "
                      "Usage: sh import.sh [database]  (the database must not exist or be stopped)\n"
                      'set -e\ncd "$(dirname "$0")"\n' + command + "\n")
    os.chmod(out / COMMAND_FILE, 0o755)
    write_text_atomic(out / CONSTRAINTS_FILE, "".join(
        Q.CONSTRAINT.format(name=f"semikg_{label.lower()}_uri", label=check_label(label)) + ";\n"
        for label in KEY_LABELS))
    write_text_atomic(out / README_FILE, _readme(command, delim))
    return [out / f for f in (*node_files, *rel_files)]


def _readme(command: str, delim: str) -> str:
    return f"""# semikg: neo4j-admin import bundle

Generated by `semikg export neo4j-admin`. Import into a new (or stopped) database, then start it and
create the uniqueness constraints so that later `semikg export neo4j` pushes MERGE on an index:

```sh
{command}
cypher-shell -d neo4j -f constraints.cypher
```

(`sh import.sh mydb` runs the first command from this folder.) The array delimiter is
`{_delimiter_flag(delim)}`: the first of `;`, `|`, U+001F that occurs in no list value. Empty lists are
written as empty cells, which neo4j-admin imports as an absent property. The mapping is described
in semikg/export/README.md of the semikg sources.
"""
