"""Resolve a user-typed name (any alias, any script, any case) to entity IRIs in a graph."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Iterable, Literal as TLiteral

from pydantic import BaseModel
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from semikg.errors import EntityNotFound
from semikg.loaders.normalise import normalise
from semikg.models import NameEntries
from semikg.ontology import SKG
from semikg.store.disk import StoreGraph
from semikg.store.names import NameIndexSpec

# What an entity can be called by, besides the last segment of its IRI.
NAME_PREDICATES: tuple[URIRef, ...] = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKG.catalogId)

# Bump when ``NameIndex.key`` changes in a way the probe in ``key_fingerprint`` cannot see.
KEY_VERSION = 1


class Resolution(BaseModel):
    iri: str
    label: str
    matched: str


class _Collector:
    """Accumulates (entity, name) facts in any order; ``entries()`` gives one canonical NameEntries,
    so a scan of the graph and the store's persisted index agree exactly on the same facts."""

    def __init__(self) -> None:
        self._names: dict[str, set[str]] = {}
        self._labels: dict[str, list[str]] = {}

    def entity(self, iri: str) -> None:
        if iri not in self._names:
            self._names[iri] = {NameIndex.key(iri.rsplit("/", 1)[-1])}
            self._labels[iri] = []

    def name(self, iri: str, text: str, is_label: bool) -> None:
        self.entity(iri)
        self._names[iri].add(NameIndex.key(text))
        if is_label:
            self._labels[iri].append(text)

    def entries(self) -> NameEntries:
        iris = sorted(self._names)
        # The smallest label, not the first one found: an entity with two rdfs:labels gets the
        # same display name whatever order an engine returns them in.
        labels = [min(self._labels[i]) if self._labels[i] else i for i in iris]
        keys: dict[str, list[int]] = {}
        for n, iri in enumerate(iris):
            for k in self._names[iri]:
                keys.setdefault(k, []).append(n)
        return NameEntries.model_construct(iris=iris, labels=labels, keys=dict(sorted(keys.items())))


def entries_from_facts(facts: Iterable[tuple[str, str | None, str | None]]) -> NameEntries:
    """NameEntries from (entity IRI, name predicate IRI or None, name text or None) rows."""
    label = str(RDFS.label)
    c = _Collector()
    for iri, pred, text in facts:
        if text is None:
            c.entity(iri)
        else:
            c.name(iri, text, pred == label)
    return c.entries()


def scan_entries(graph: Graph) -> NameEntries:
    """Every entity and name of ``graph``, read through rdflib (any backend)."""

    def facts():
        for e in graph.subjects(RDF.type, SKG.Entity):
            yield str(e), None, None
            for p in NAME_PREDICATES:
                for lit in graph.objects(e, p):
                    yield str(e), str(p), str(lit)

    return entries_from_facts(facts())


@lru_cache(maxsize=1)
def key_fingerprint() -> str:
    """A hash of what ``NameIndex.key`` makes of every character the normaliser can change (ASCII,
    Latin, punctuation and spaces, CJK, full-width forms): a persisted index whose fingerprint
    differs was made with another normaliser, so its keys would not match what users type."""
    ranges = ((0x00, 0x2FF), (0x2000, 0x206F), (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
              (0xF900, 0xFAFF), (0xFF00, 0xFFEF))
    probe = "".join(chr(c) for lo, hi in ranges for c in range(lo, hi + 1))
    text = NameIndex.key(probe + "  Taiwan\u3000Semiconductor\tCo.,Ltd  ")
    return f"{KEY_VERSION}:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


# The same facts the scan reads: every skg:Entity, each of its names, and (OPTIONAL) the entities
# that have none, which are still found by the last segment of their IRI.
NAMES_QUERY = f"""
SELECT ?e ?p ?o WHERE {{
  ?e a <{SKG.Entity}> .
  OPTIONAL {{ VALUES ?p {{ {' '.join(f'<{p}>' for p in NAME_PREDICATES)} }} ?e ?p ?o }}
}}"""


def name_index_spec() -> NameIndexSpec:
    """What ``write_store`` needs to persist the name index beside a store."""
    return NameIndexSpec(query=NAMES_QUERY, entries=entries_from_facts, fingerprint=key_fingerprint())


def _persisted_entries(graph: Graph) -> NameEntries | None:
    """The name index a store folder carries, when ``graph`` is such a store and the index is
    current; None otherwise (the caller scans)."""
    return graph.persisted_names(key_fingerprint()) if isinstance(graph, StoreGraph) else None


class NameIndex:
    """Index of every label of every entity, keyed by normalised text (台積電 == 台积电; TSMC == tsmc).

    On a store opened by ``semikg.store.disk.open_store`` the index written with the store is
    loaded (milliseconds) instead of scanning every entity (seconds on a million triples); a
    missing, damaged or stale index file silently falls back to the scan. ``source`` says which."""

    def __init__(self, graph: Graph):
        entries = _persisted_entries(graph)
        self.source: TLiteral["store", "scan"] = "store" if entries is not None else "scan"
        self._use(entries if entries is not None else scan_entries(graph))

    def _use(self, entries: NameEntries) -> None:
        self._iris = entries.iris
        self._by_key = entries.keys
        self._label = dict(zip(entries.iris, entries.labels))

    @staticmethod
    def key(text: str) -> str:
        return " ".join(normalise(text).split())

    def _named(self, key: str) -> list[str]:
        return sorted(self._iris[n] for n in self._by_key.get(key, ()))

    def candidates(self, name: str) -> list[str]:
        return self._named(self.key(name))

    def closest(self, name: str, limit: int = 5) -> list[str]:
        """The entities with a name most like ``name`` (names compared normalised, so across scripts
        and case), each once, best first; an alias that is not the label is shown in brackets."""
        from semikg.similar import most_similar

        best: dict[str, tuple[float, str]] = {}  # entity -> (score, the name that scored it)
        for k, score in most_similar(self.key(name), list(self._by_key), limit=limit * 8):
            for iri in self._named(k):
                if iri not in best or score > best[iri][0]:
                    best[iri] = (score, k)
        out: list[str] = []
        for iri, (_score, k) in sorted(best.items(), key=lambda kv: (-kv[1][0], self.label(kv[0]))):
            label = self.label(iri)
            shown = label if k == self.key(label) else f"{label} ({k})"
            if shown not in out:
                out.append(shown)
        return out[:limit]

    def resolve(self, name: str) -> Resolution:
        if not name or not name.strip():
            raise EntityNotFound("empty entity name")
        found = self.candidates(name)
        if len(found) == 1:
            return Resolution(iri=found[0], label=self._label[found[0]], matched=name)
        if len(found) > 1:
            opts = "; ".join(f"{self._label[i]} <{i}>" for i in found[:6])
            raise EntityNotFound(f"{name!r} is ambiguous: {opts}")
        near = self.closest(name)
        hint = f"; closest: {', '.join(near)}" if near else ""
        raise EntityNotFound(f"no entity named {name!r}{hint}")

    def label(self, iri: str | URIRef) -> str:
        return self._label.get(str(iri), str(iri))
