"""The name index a store carries (``store/names.json``): resolving an entity name on a
million-triple store becomes one small file read instead of a scan of every entity.

``write_store`` builds it from the freshly loaded database and writes it into the new store folder
before that folder is swapped in, so the index and the database always come from one graph file.
What the index holds (which facts name an entity, how names become keys) belongs to the layer that
resolves names; it hands the store a ``NameIndexSpec``. The file is a cache: it is used only when
its format, the fingerprint of the key normaliser and the store description all match, and anything
else (missing, damaged, stale) means "scan the graph".
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from pydantic import BaseModel

from semikg.fsutil import write_text_atomic
from semikg.models import NameEntries

NAMES_FILE = "names.json"
NAMES_FORMAT = "semikg-names/1"

Fact = tuple[str | None, str | None, str | None]


@dataclass(frozen=True)
class NameIndexSpec:
    """How to make the name index of a store."""

    query: str  # SPARQL SELECT of (entity, name predicate, name) rows; unbound name: an entity without one
    entries: Callable[[Iterable[Fact]], NameEntries]  # those rows -> the index
    fingerprint: str  # of the key normaliser; an index made with another one is stale


class NamesFile(BaseModel):
    format: str = NAMES_FORMAT
    key_fingerprint: str  # of NameIndex.key when the keys were made
    source_sha256: str  # of the graph file the store was loaded from (as in meta.json)
    triples: int
    entries: NameEntries


def build_names(store, spec: NameIndexSpec) -> NameEntries:
    """The name index of a pyoxigraph ``Store``, by one SPARQL query."""

    def text(term) -> str | None:
        # NamedNode, BlankNode and Literal have a value; an RDF 1.2 triple term would not.
        if term is None:
            return None
        value = getattr(term, "value", None)
        return value if isinstance(value, str) else str(term)

    def facts():
        for row in store.query(spec.query):
            yield text(row[0]), text(row[1]), text(row[2])

    return spec.entries(facts())


def write_names(folder: Path, entries: NameEntries, fingerprint: str, source_sha256: str, triples: int) -> None:
    doc = NamesFile(key_fingerprint=fingerprint, source_sha256=source_sha256, triples=triples, entries=entries)
    write_text_atomic(Path(folder) / NAMES_FILE, doc.model_dump_json() + "\n")


def read_names(folder: Path, fingerprint: str, source_sha256: str, triples: int) -> NameEntries | None:
    """The persisted entries, or None when there are none that can be trusted for this store."""
    try:
        raw = (Path(folder) / NAMES_FILE).read_bytes()
        doc = NamesFile.model_validate_json(raw)
    except (OSError, ValueError):  # missing, unreadable, not JSON, wrong shape (pydantic's errors are ValueErrors)
        return None
    current = (NAMES_FORMAT, fingerprint, source_sha256, triples)
    if (doc.format, doc.key_fingerprint, doc.source_sha256, doc.triples) != current:
        return None
    return doc.entries
