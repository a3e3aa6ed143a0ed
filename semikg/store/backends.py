"""Store backends behind one interface: an rdflib ``Graph`` over rdflib's memory store or over Oxigraph.

Code keeps speaking rdflib (``graph.query(text, initBindings=...)``, ``GraphView(graph)``); only the
engine underneath changes. Backends are chosen by name from a registry (``register``, ``backend``),
as rdflib chooses its store plug-ins; a store folder's ``meta.json`` names the backend that opens it.
Oxigraph graphs use the dataset's default graph, so a store written by ``semikg build`` (or by
``oxigraph load``) is read as-is.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Mapping, Protocol

from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from semikg.errors import InputError, StoreError
from semikg.store.terms import plain_literal, term_from_ox


class Backend(Protocol):
    """A query engine under an rdflib ``Graph``."""

    def open(self, path: Path | None = None, read_only: bool = True) -> Graph:
        """The graph stored at ``path`` (what the backend keeps there), or an empty one."""

    def copy(self, graph: Graph) -> Graph:
        """A new graph on this backend holding the triples of ``graph``."""


_REGISTRY: dict[str, Backend] = {}
_FORMATS = {".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".rdf": "xml", ".xml": "xml", ".trig": "trig"}


def register(name: str, backend: Backend) -> None:
    """Make ``backend`` available as ``name`` (a later registration under the same name replaces it)."""
    _REGISTRY[name] = backend


def backend(name: str) -> Backend:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise StoreError(f"unknown store backend {name!r} (known: {', '.join(sorted(_REGISTRY))})") from None


def backend_names() -> tuple[str, ...]:
    return tuple(sorted(_REGISTRY))


def _store_class():
    from oxrdflib import OxigraphStore
    from oxrdflib._converter import from_ox_graph_name, to_ox_quad_pattern

    class PlainLiteralOxigraphStore(OxigraphStore):
        """oxrdflib's store with :func:`term_from_ox` on every term it hands back."""

        def triples(self, triple_pattern, context=None):
            try:
                quads = self._inner.quads_for_pattern(*to_ox_quad_pattern(triple_pattern, context))
            except (TypeError, ValueError):
                return iter(())
            return (((term_from_ox(q.subject), term_from_ox(q.predicate), term_from_ox(q.object)),
                     iter((from_ox_graph_name(q.graph_name, self),))) for q in quads)

        def _write(self, op, *args):
            try:
                return op(*args)
            except RuntimeError as e:  # pyoxigraph: "Transaction are only possible on read-write instances"
                raise StoreError(f"the store is read-only: {str(e).splitlines()[0]}") from None

        def add(self, triple, context, quoted=False):
            return self._write(super().add, triple, context, quoted)

        def addN(self, quads):  # noqa: N802 - rdflib's name
            return self._write(super().addN, quads)

        def remove(self, triple, context=None):
            return self._write(super().remove, triple, context)

        def query(self, query, initNs, initBindings, queryGraph, **kwargs):
            if initBindings and isinstance(query, str):
                from semikg.store.bindings import inject_values

                # Verified VALUES blocks, not pyoxigraph's substitutions: Oxigraph's optimiser sees a
                # one-row VALUES and starts every join from it, while substituted variables are only
                # bound after the plan is made (supplier-tree on 1 M triples: 13 ms vs 1.8 s).
                res = super().query(inject_values(query, initBindings), initNs, {}, queryGraph, **kwargs)
            else:
                res = super().query(query, initNs, initBindings, queryGraph, **kwargs)
            if res.type == "SELECT":
                raw = res.bindings
                res.bindings = ({v: plain_literal(t) for v, t in row.items()} for row in raw)
            elif res.type == "CONSTRUCT":
                g = Graph()
                g += ((plain_literal(s), plain_literal(p), plain_literal(o)) for s, p, o in res.graph)
                res.graph = g
            return res

    return PlainLiteralOxigraphStore


_STORE_CLS = None


def _oxigraph_graph(ox_store) -> Graph:
    global _STORE_CLS
    if _STORE_CLS is None:
        _STORE_CLS = _store_class()
    return Graph(store=_STORE_CLS(store=ox_store), identifier=DATASET_DEFAULT_GRAPH_ID)


def open_oxigraph(path: Path | None = None, read_only: bool = True) -> Graph:
    """An rdflib Graph over an Oxigraph store: on disk at ``path`` (a RocksDB folder) or in memory."""
    import pyoxigraph as ox

    if path is None:
        return _oxigraph_graph(ox.Store())
    p = Path(path)
    if read_only and not p.is_dir():
        raise StoreError(f"{p}: no such store (run `semikg build` first)")
    try:
        store = ox.Store.read_only(str(p)) if read_only else ox.Store(str(p))
    except OSError as e:
        first = (str(e).splitlines() or [type(e).__name__])[0]
        raise StoreError(f"{p}: cannot open the Oxigraph store: {first[:200]}") from None
    return _oxigraph_graph(store)


class MemoryBackend:
    """rdflib's own in-memory store; a path is a graph file to parse (format by its suffix, else Turtle)."""

    def open(self, path: Path | None = None, read_only: bool = True) -> Graph:
        g = Graph()
        if path is None:
            return g
        p = Path(path)
        if p.stat().st_size == 0:
            raise InputError(p, "empty graph file")
        fmt = _FORMATS.get(p.suffix.lower(), "turtle")
        try:
            g.parse(p, format=fmt)
        except UnicodeDecodeError:
            raise InputError(p, "not UTF-8 text, so not a Turtle graph") from None
        except Exception as e:  # rdflib raises many parser-specific exception types
            msg = str(e).strip().splitlines()
            m = re.search(r"line (\d+)", str(e))
            # rdflib puts the reason after the position ("at line 2 of <>:\nBad syntax (…) at ^ in: <bytes>"):
            # keep the reason, drop the position (it is in the message already) and the raw bytes.
            reason = " ".join(part.strip() for part in msg) if msg else type(e).__name__
            reason = re.sub(r"^at line \d+ of <[^>]*>:\s*", "", reason).split(" at ^ in:")[0][:300]
            raise InputError(p, f"cannot parse as {fmt}: {reason}", int(m.group(1)) if m else None) from None
        return g

    def copy(self, graph: Graph) -> Graph:
        out = Graph()
        for pfx, ns in graph.namespaces():
            out.bind(pfx, ns)
        out += graph
        return out


class OxigraphBackend:
    """Oxigraph through oxrdflib; a path is a RocksDB folder."""

    def open(self, path: Path | None = None, read_only: bool = True) -> Graph:
        return open_oxigraph(path, read_only=read_only and path is not None)

    def copy(self, graph: Graph) -> Graph:
        import pyoxigraph as ox
        from oxrdflib._converter import to_ox

        store = ox.Store()
        store.bulk_extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph)
        return _oxigraph_graph(store)


register("memory", MemoryBackend())
register("oxigraph", OxigraphBackend())


def copy_to(graph: Graph, name: str) -> Graph:
    """The same triples on the backend called ``name`` (tests and benchmarks compare engines on one graph)."""
    return backend(name).copy(graph)


def oxigraph_store_of(graph: Graph):
    """The pyoxigraph ``Store`` under an Oxigraph-backed graph, or None for other backends."""
    inner = getattr(graph.store, "_store", None)
    import pyoxigraph as ox

    return inner if isinstance(inner, ox.Store) else None


def query_oxigraph(graph: Graph, store, text: str, bindings: Mapping[str, object] | None = None):
    """``graph.query(text, initBindings=bindings)`` run directly on ``store`` (the pyoxigraph Store
    under ``graph``), returning pyoxigraph's own result so the caller converts terms only once.

    Same arguments as the oxrdflib path: the graph's prefixes, its default graph, and bindings as
    a verified VALUES block (see ``PlainLiteralOxigraphStore.query``)."""
    from oxrdflib._converter import to_ox
    from rdflib.graph import ConjunctiveGraph
    from rdflib.term import Node

    if bindings:
        from semikg.store.bindings import inject_values

        text = inject_values(text, bindings)
    # Which graph rdflib's Graph.query names as the default one, as oxrdflib turns it into arguments.
    name = graph.default_context.identifier if isinstance(graph, ConjunctiveGraph) else graph.identifier
    return store.query(
        text,
        use_default_graph_as_union=graph.default_union,
        default_graph=to_ox(name) if not graph.default_union and isinstance(name, Node) else None,
        prefixes={prefix: str(ns) for prefix, ns in graph.namespaces()},
    )
