"""The persistent store a build leaves in OUT/store/: an Oxigraph database plus a small description.

Layout::

    store/meta.json     what is inside (triples, the graph file it was loaded from, its sha256)
    store/oxigraph/     the RocksDB folder Oxigraph reads (also readable by `oxigraph serve -l`)
    store/names.json    the entity name index (semikg.store.names), so names resolve without a scan

The store is written beside the target and swapped in by renames, so a reader never opens a
half-loaded database.
"""
from __future__ import annotations

import gc
import hashlib
import shutil
import tempfile
from pathlib import Path

from pydantic import BaseModel
from rdflib import Graph

from semikg.errors import StoreError
from semikg.fsutil import write_text_atomic
from semikg.models import NameEntries
from semikg.outputs import pin
from semikg.store.backends import backend
from semikg.store.names import NameIndexSpec, build_names, read_names, write_names

META_FILE = "meta.json"
DB_DIR = "oxigraph"
# /2: graphs carry per-article counts (skg:relationCount, ...) that saved queries read; a /1 store
# would answer those queries with nothing rather than fail.
STORE_FORMAT = "semikg-store/2"


class StoreMeta(BaseModel):
    format: str = STORE_FORMAT
    backend: str = "oxigraph"
    triples: int
    source: str
    source_sha256: str


def is_store_dir(path: str | Path) -> bool:
    p = Path(path)
    return p.is_dir() and (p / META_FILE).is_file() and (p / DB_DIR).is_dir()


def read_meta(path: str | Path) -> StoreMeta:
    p = Path(path)
    if not is_store_dir(p):
        raise StoreError(f"{p}: not a semikg store (expected {META_FILE} and {DB_DIR}/; run `semikg build`)")
    try:
        meta = StoreMeta.model_validate_json((p / META_FILE).read_text(encoding="utf-8"))
    except ValueError as e:
        raise StoreError(f"{p / META_FILE}: unreadable store description: {str(e).splitlines()[0]}") from None
    if meta.format != STORE_FORMAT:
        raise StoreError(f"{p}: store format {meta.format!r}, this semikg reads {STORE_FORMAT!r}; "
                         f"rebuild it with `semikg build`")
    return meta


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_store(turtle: str | Path, target: str | Path, names: NameIndexSpec | None = None) -> StoreMeta:
    """Bulk-load a Turtle (or .nt N-Triples) graph file into a fresh Oxigraph store at ``target``
    (replacing any old one), with the name index ``names`` describes beside it."""
    src, dst = Path(turtle), Path(target)
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dst.name}.", suffix=".tmp", dir=dst.parent))
    try:
        n, entries = _load(tmp / DB_DIR, src, names)
        meta = StoreMeta(triples=n, source=src.name, source_sha256=_sha256(src))
        # Into the temp folder, before the swap: readers see the index and the database together.
        if names is not None and entries is not None:
            write_names(tmp, entries, names.fingerprint, meta.source_sha256, meta.triples)
        write_text_atomic(tmp / META_FILE, meta.model_dump_json(indent=2) + "\n")
        _swap_in(tmp, dst)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return meta


def _load(db: Path, src: Path, names: NameIndexSpec | None) -> tuple[int, NameEntries | None]:
    import pyoxigraph as ox

    store = ox.Store(str(db))
    try:
        try:
            fmt = ox.RdfFormat.N_TRIPLES if src.suffix.lower() == ".nt" else ox.RdfFormat.TURTLE
            store.bulk_load(path=str(src), format=fmt)
        except (SyntaxError, ValueError) as e:
            raise StoreError(f"{src}: cannot load into the store: {str(e).splitlines()[0][:200]}") from None
        store.optimize()
        store.flush()
        return len(store), build_names(store, names) if names is not None else None
    finally:
        # pyoxigraph closes RocksDB (lock, open files) only when the Store object is freed; on an
        # error the traceback keeps this frame alive, so the reference is dropped here, not later.
        del store
        gc.collect()


def _swap_in(new: Path, dst: Path) -> None:
    old = None
    if dst.exists():
        if not is_store_dir(dst) and any(dst.iterdir()):
            raise StoreError(f"{dst}: exists and is not a semikg store; refusing to replace it")
        old = Path(tempfile.mkdtemp(prefix=f".{dst.name}.", suffix=".old", dir=dst.parent))
        old.rmdir()
        dst.rename(old)
    new.rename(dst)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


class StoreGraph(Graph):
    """What ``open_store`` returns: an ordinary rdflib Graph over the store's Oxigraph database that
    also knows its store folder, so helpers can use what ``write_store`` left beside the database
    (the name index). Graphs rdflib derives from it (``g + h``) are plain, with no folder."""

    def __init__(self, *args, store_folder: Path | None = None, store_meta: StoreMeta | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.store_folder = store_folder
        self.store_meta = store_meta

    def persisted_names(self, fingerprint: str) -> NameEntries | None:
        """The store's name index made with the key normaliser ``fingerprint``, or None when it is
        missing, damaged or stale (callers scan)."""
        if self.store_folder is None or self.store_meta is None:
            return None
        return read_names(self.store_folder, fingerprint, self.store_meta.source_sha256, self.store_meta.triples)


def open_store(path: str | Path) -> StoreGraph:
    """A read-only rdflib Graph over the store folder written by ``write_store``.

    The output set the folder belongs to is pinned for the graph's life: a build running meanwhile
    switches OUT to its new set but leaves this one in place (semikg.outputs)."""
    read_meta(path)  # errors name the path as given
    held = pin(path)
    p = held.path
    meta = read_meta(p)
    g = backend(meta.backend).open(p / DB_DIR, read_only=True)
    graph = StoreGraph(store=g.store, identifier=g.identifier, store_folder=p, store_meta=meta)
    graph.pinned = held
    return graph


def db_path(path: str | Path) -> Path:
    read_meta(path)
    return Path(path) / DB_DIR


def dump_ntriples(path: str | Path, out: Path) -> int:
    """Write the store's default graph as N-Triples (what a Graph Store push sends)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(db_path(path)))
    store.dump(str(out), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    n = len(store)
    return n
