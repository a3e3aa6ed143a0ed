"""The triples a build collects, grouped by subject and predicate as they arrive.

A set of triples behaves as one (``add``, ``in``, ``len``, iteration), but it is stored the way the
canonical Turtle writer reads it, subject -> predicate -> object(s). The writer then renders each
subject and predicate once instead of grouping half a million triples itself, and an object is
hashed only when its (subject, predicate) already has another: most have one object (an evidence
record's quote, offsets, rule), and an rdflib ``Literal`` hashes in Python.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from rdflib import Graph

Node = object  # an rdflib term

# A predicate's objects, when there are two or more: a set the table owns (grown in place), or a
# frozenset that may be shared by many subjects (every evidence record's two types: one object, so
# the writer renders it once), replaced by a set of its own if the subject gets another object.
MULTI = (set, frozenset)


class TripleSet:
    __slots__ = ("_subjects",)

    def __init__(self, triples: Iterable[tuple] = ()):
        # subject -> predicate -> the one object, or a set of them once there are two.
        self._subjects: dict[Node, dict[Node, Node | set]] = {}
        for t in triples:
            self.add(t)

    def add(self, triple: tuple) -> None:
        s, p, o = triple
        preds = self._subjects.get(s)
        if preds is None:
            self._subjects[s] = {p: o}
        else:
            objs = preds.get(p)
            if objs is None:
                preds[p] = o
            elif objs.__class__ is set:
                if o in objs:
                    return
                objs.add(o)
            elif objs.__class__ is frozenset:
                if o not in objs:
                    preds[p] = {*objs, o}
            elif objs is o or objs == o:  # the same term object, without rdflib's Python-level __eq__
                return
            else:
                preds[p] = {objs, o}

    def add_subject(self, s: Node, preds: dict[Node, Node | set]) -> None:
        """Add (s, p, o) for every predicate p and object o (or set of objects) in ``preds``.

        A builder describes a new node (an evidence record, a measurement) in one dict: when the
        subject is new, that dict is stored as it is, not triple by triple. It becomes the table's
        own (a set in it is grown in place), so it must not be reused; a set or frozenset holds two
        or more (see MULTI)."""
        have = self._subjects.get(s)
        if have is None:
            self._subjects[s] = preds
            return
        for p, objs in preds.items():
            if objs.__class__ in MULTI:
                for o in objs:
                    self.add((s, p, o))
            else:
                self.add((s, p, objs))

    def add_objects(self, s: Node, p: Node, objs: set) -> None:
        """Add (s, p, o) for every o in ``objs``, which becomes the table's own (see add_subject)."""
        preds = self._subjects.get(s)
        if len(objs) == 1 or preds is None or p in preds:
            for o in objs:
                self.add((s, p, o))
        elif objs:
            preds[p] = objs

    def __contains__(self, triple: tuple) -> bool:
        s, p, o = triple
        objs = self._subjects.get(s, {}).get(p)
        if objs is None:
            return False
        return o in objs if objs.__class__ in MULTI else objs == o

    def __len__(self) -> int:
        # Counted when asked (a build never asks): add_subject stores whole dicts without counting.
        return sum(len(objs) if objs.__class__ in MULTI else 1
                   for preds in self._subjects.values() for objs in preds.values())

    def __iter__(self) -> Iterator[tuple]:
        for s, preds in self._subjects.items():
            for p, objs in preds.items():
                if objs.__class__ in MULTI:
                    for o in objs:
                        yield s, p, o
                else:
                    yield s, p, objs

    def grouped(self) -> Iterable[tuple[Node, dict[Node, Node | set]]]:
        """(subject, {predicate: object or set of objects}) for every subject, in insertion order.
        The dicts are the table's own: read them, do not change them."""
        return self._subjects.items()

    def objects(self, subject: Node | None, predicate: Node) -> set:
        rows = self._subjects.values() if subject is None else [self._subjects.get(subject, {})]
        out: set = set()
        for preds in rows:
            objs = preds.get(predicate)
            if objs is not None:
                out.update(objs) if objs.__class__ in MULTI else out.add(objs)
        return out

    def to_graph(self) -> Graph:
        from rdflib.namespace import PROV, SKOS

        from semikg.ontology import SKG

        g = Graph()
        for pfx, ns in (("skg", str(SKG._NS)), ("skos", str(SKOS)), ("prov", str(PROV)), ("schema", "https://schema.org/")):
            g.bind(pfx, ns)
        g.addN((s, p, o, g) for s, p, o in self)
        return g
