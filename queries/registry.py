"""Load the saved queries shipped in this package: ``sparql/NAME.rq`` plus ``cypher/NAME.cypher``."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from semikg.errors import QueryError
from semikg.queries.spec import QuerySpec, params_of, parse_header

SPARQL_DIR = "sparql"
CYPHER_DIR = "cypher"


def library_dir() -> Path:
    return Path(str(resources.files("semikg.queries")))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def load_spec(name: str, sparql_path: Path, cypher_path: Path | None) -> QuerySpec:
    sparql = _read(sparql_path)
    header = parse_header(sparql, "#", sparql_path.name)
    cypher = None
    if cypher_path is not None and cypher_path.exists():
        cypher = _read(cypher_path)
        other = parse_header(cypher, "//", cypher_path.name)
        # Both files document the same question: the Cypher header must promise the same interface.
        if (other.params, other.columns) != (header.params, header.columns):
            raise QueryError(f"{cypher_path.name}: parameters or columns differ from {sparql_path.name}")
        neo4j_only = other.neo4j_only
    else:
        neo4j_only = False
    return QuerySpec(
        name=name, title=header.title, question=header.question, params=params_of(header, sparql_path.name),
        columns=tuple({"name": k, "help": v} for k, v in header.columns.items()),  # type: ignore[misc]
        example=header.example, neo4j_only=neo4j_only, sparql=sparql, cypher=cypher,
    )


@lru_cache(maxsize=4)
def load_library(root: Path | None = None) -> dict[str, QuerySpec]:
    root = root or library_dir()
    out: dict[str, QuerySpec] = {}
    for rq in sorted((root / SPARQL_DIR).glob("*.rq")):
        name = rq.stem
        out[name] = load_spec(name, rq, root / CYPHER_DIR / f"{name}.cypher")
    return out


def closest_names(name: str, names: list[str], limit: int = 3) -> list[str]:
    from semikg.similar import most_similar

    return [n for n, _score in most_similar(name, names, limit)]


# A saved query's name is its file stem: nothing that could leave the library folder.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def get_query(name: str) -> QuerySpec:
    # One file, not the whole library: `semikg query run` starts by parsing one header, not all.
    root = library_dir()
    rq = root / SPARQL_DIR / f"{name}.rq"
    if _NAME.fullmatch(name) and rq.is_file():
        return load_spec(name, rq, root / CYPHER_DIR / f"{name}.cypher")
    lib = load_library()
    if name in lib:
        return lib[name]
    near = closest_names(name, sorted(lib))
    hint = f"; did you mean: {', '.join(near)}" if near else "; see `semikg query list`"
    raise QueryError(f"no saved query named {name!r}{hint}")
