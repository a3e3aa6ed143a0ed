"""Reading graphs from disk with clean errors."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from semikg.errors import InputError
from semikg.paths import DEFAULT_GRAPH, DEFAULT_STORE
from semikg.store.backends import backend


def graph_path(path: str | Path | None = None) -> Path:
    """The graph a command reads: ``path``, or build/store if present, else build/semikg.ttl."""
    if path is not None:
        return Path(path)
    return DEFAULT_STORE if DEFAULT_STORE.is_dir() else DEFAULT_GRAPH


def load_graph(path: str | Path | None = None) -> Graph:
    """A graph file parsed into memory, or a store folder (`semikg build` writes build/store/) opened
    read-only on its backend without parsing anything. No path: build/store if present, else build/semikg.ttl."""
    p = graph_path(path)
    if p.is_dir():
        from semikg.store.disk import open_store

        return open_store(p)
    if not p.exists():
        hint = " (run `semikg build` first)" if p in (DEFAULT_GRAPH, DEFAULT_STORE) else ""
        raise InputError(p, f"no such graph file{hint}")
    return backend("memory").open(p)
