"""Reading graphs from disk with clean errors."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from semikg.errors import InputError
from semikg.paths import DEFAULT_GRAPH, DEFAULT_STORE


def load_graph(path: str | Path | None = None) -> Graph:
    """A graph file parsed into memory, or a store folder (`semikg build` writes build/store/) opened
    read-only on Oxigraph without parsing anything. No path: build/store if present, else build/semikg.ttl."""
    if path is None and DEFAULT_STORE.is_dir():
        path = DEFAULT_STORE
    p = Path(path) if path is not None else DEFAULT_GRAPH
    if p.is_dir():
        from semikg.store.disk import open_store

        return open_store(p)
    if not p.exists():
        hint = " (run `semikg build` first)" if path is None else ""
        raise InputError(p, f"no such graph file{hint}")
    if p.stat().st_size == 0:
        raise InputError(p, "empty graph file")
    fmt = {".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".rdf": "xml", ".xml": "xml", ".trig": "trig"}.get(p.suffix.lower(), "turtle")
    g = Graph()
    try:
        g.parse(p, format=fmt)
    except UnicodeDecodeError:
        raise InputError(p, "not UTF-8 text, so not a Turtle graph") from None
    except Exception as e:  # rdflib raises many parser-specific exception types
        msg = str(e).strip().splitlines()
        line = None
        import re

        m = re.search(r"line (\d+)", str(e))
        if m:
            line = int(m.group(1))
        raise InputError(p, f"cannot parse as {fmt}: {msg[0][:200] if msg else type(e).__name__}", line) from None
    return g
