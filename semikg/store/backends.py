"""Store backends behind one interface: an rdflib ``Graph`` over rdflib's memory store or over Oxigraph.

Code keeps speaking rdflib (``graph.query(text, initBindings=...)``, ``GraphView(graph)``); only the
engine underneath changes. Oxigraph graphs use the dataset's default graph, so a store written by
``semikg build`` (or by ``oxigraph load``) is read as-is.
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal, Mapping

from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from semikg.errors import StoreError

Backend = Literal["memory", "oxigraph"]


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _from_ox(term):
    """Oxigraph term -> rdflib term, keeping simple literals plain as rdflib's parser does.

    RDF 1.1 makes ``"x"`` and ``"x"^^xsd:string`` the same literal, but rdflib compares them as
    different terms; oxrdflib returns the typed form, so graph code comparing ``Literal("x")``
    would silently see nothing.
    """
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term is None:
        return None
    if isinstance(term, ox.Triple):
        return _from_ox(term.subject), _from_ox(term.predicate), _from_ox(term.object)
    raise ValueError(f"unexpected Oxigraph term: {term!r}")


def _store_class():
    from oxrdflib import OxigraphStore
    from oxrdflib._converter import from_ox_graph_name, to_ox_quad_pattern

    class PlainLiteralOxigraphStore(OxigraphStore):
        """oxrdflib's store with :func:`_from_ox` on every term it hands back."""

        def triples(self, triple_pattern, context=None):
            try:
                quads = self._inner.quads_for_pattern(*to_ox_quad_pattern(triple_pattern, context))
            except (TypeError, ValueError):
                return iter(())
            return (((_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object)),
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
                res.bindings = ({v: _plain(t) for v, t in row.items()} for row in raw)
            elif res.type == "CONSTRUCT":
                g = Graph()
                g += ((_plain(s), _plain(p), _plain(o)) for s, p, o in res.graph)
                res.graph = g
            return res

    return PlainLiteralOxigraphStore


def _plain(t):
    from rdflib import Literal

    if isinstance(t, Literal) and t.datatype is not None and str(t.datatype) == _XSD_STRING and not t.language:
        return Literal(str(t))
    return t


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


def copy_to(graph: Graph, backend: Backend) -> Graph:
    """The same triples on another engine (tests and benchmarks compare engines on one graph)."""
    if backend == "memory":
        out = Graph()
        for pfx, ns in graph.namespaces():
            out.bind(pfx, ns)
        out += graph
        return out
    import pyoxigraph as ox

    from oxrdflib._converter import to_ox

    store = ox.Store()
    store.bulk_extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph)
    return _oxigraph_graph(store)


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
