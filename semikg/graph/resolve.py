"""Resolve a user-typed name (any alias, any script, any case) to entity IRIs in a graph."""
from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from semikg.errors import EntityNotFound
from semikg.loaders.normalise import normalise
from semikg.ontology import SKG


class Resolution(BaseModel):
    iri: str
    label: str
    matched: str


class NameIndex:
    """Index of every label of every entity, keyed by normalised text (台積電 == 台积电; TSMC == tsmc)."""

    def __init__(self, graph: Graph):
        self._by_key: dict[str, set[str]] = defaultdict(set)
        self._label: dict[str, str] = {}
        for e in graph.subjects(RDF.type, SKG.Entity):
            label = graph.value(e, RDFS.label)
            self._label[str(e)] = str(label) if label is not None else str(e)
            for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKG.catalogId):
                for lit in graph.objects(e, p):
                    self._by_key[self.key(str(lit))].add(str(e))
            local = str(e).rsplit("/", 1)[-1]
            self._by_key[self.key(local)].add(str(e))

    @staticmethod
    def key(text: str) -> str:
        return " ".join(normalise(text).split())

    def candidates(self, name: str) -> list[str]:
        return sorted(self._by_key.get(self.key(name), ()))

    def closest(self, name: str, limit: int = 5) -> list[str]:
        from rapidfuzz import fuzz, process

        keys = list(self._by_key)
        hits = process.extract(self.key(name), keys, scorer=fuzz.WRatio, limit=limit * 3)
        out: list[str] = []
        for k, _score, _ in hits:
            for iri in sorted(self._by_key[k]):
                lbl = f"{self._label.get(iri, iri)} ({k})" if k != self.key(self._label.get(iri, "")) else self._label.get(iri, iri)
                if lbl not in out:
                    out.append(lbl)
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
