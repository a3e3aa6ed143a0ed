"""Pipeline stage: extraction results + catalog -> an RDF graph in the shape of ontology/README.md."""
from __future__ import annotations

import hashlib
from decimal import Decimal
from functools import partial
from operator import attrgetter, itemgetter
from typing import Iterable

from pydantic import BaseModel, ConfigDict
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from semikg.graph.triples import TripleSet
from semikg.graph.vocab import (
    RELATION_IRI, SOURCE_CATALOG, STATUS_IRI, article_iri, entity_iri, measurement_iri, relation_evidence_iri, terms,
)
from semikg.loaders.normalise import label_languages, to_simplified, to_traditional
from semikg.ontology.classes import classes_for
from semikg.models import (
    Article, Catalog, CatalogEntry, EntityRef, Evidence, ExtractionResult, Measurement, Status,
)
from semikg.ontology import SKG

SCHEMA_MENTIONS = URIRef("https://schema.org/mentions")
# Namespace terms as plain attributes: a DefinedNamespace lookup (RDF.type) costs ~2 us, and a
# large build makes hundreds of thousands of them. A misspelt name still fails, at import.
_DCTERMS = terms(DCTERMS, "language", "title")
_PROV = terms(PROV, "Entity", "wasDerivedFrom")
_RDF = terms(RDF, "Statement", "object", "predicate", "subject", "type")
_RDFS = terms(RDFS, "label")
_SKG = terms(SKG, "Article", "Evidence", "Measurement", "QuantityKind", "Source", "Status", "about", "catalogId",
             "confidence", "contentHash", "endOffset", "etoProviderId", "indexInFile", "measurementCount",
             "mentionCount", "minValue", "origin", "quantityKind", "quote", "rawValue", "relationCount", "relevant", "rule",
             "script", "skipReason", "sourceEncoding", "sourceFile", "startOffset", "status", "trigger", "unit",
             "value", "wikidata", "year")
_SKOS = terms(SKOS, "altLabel", "prefLabel")
_XSD = terms(XSD, "decimal", "gYear")
# The predicates of every evidence record, as module constants (one global lookup each).
_TYPE, _SUBJECT, _PREDICATE, _OBJECT = _RDF.type, _RDF.subject, _RDF.predicate, _RDF.object
_WAS_DERIVED_FROM, _STATUS_CLASS = _PROV.wasDerivedFrom, _SKG.Status
_RULE, _CONFIDENCE, _STATUS, _QUOTE = _SKG.rule, _SKG.confidence, _SKG.status, _SKG.quote
_START, _END, _TRIGGER = _SKG.startOffset, _SKG.endOffset, _SKG.trigger
# Every evidence record's types: one frozenset shared by all of them (TripleSet.MULTI), which the
# Turtle writer renders once.
_EVIDENCE_TYPES = frozenset({_SKG.Evidence, _RDF.Statement})
_ENTITY_AND_SURFACE = itemgetter(0, 1)  # of a Mention
# A model's fields, read off its __dict__ (where pydantic keeps them) in C: an attribute of a
# pydantic model is read through its __getattr__ hook (~3x a plain attribute), and a build reads a
# dozen per fact.
_FIELDS = attrgetter("__dict__")
_RELATION_FIELDS = itemgetter("subject", "predicate", "object", "evidence")
_EVIDENCE_FIELDS = itemgetter("rule", "status", "start", "end", "confidence", "quote", "trigger")
_MEASUREMENT_FIELDS = itemgetter("about", "kind", "value", "low", "unit", "raw", "year", "evidence", "figure_start")
_STATED = Status.stated


class BuiltGraph(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    triples: TripleSet
    entities: int
    entities_discovered: int
    relations: int
    relations_hedged: int
    measurements: int
    _graph: Graph | None = None

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            self._graph = self.triples.to_graph()
        return self._graph


_CHECKED_LANGS: set[str] = set()


def plain_literal(text: str, lang: str | None = None) -> Literal:
    """``Literal(text, lang=lang)`` for a string, 5-10x faster: rdflib's constructor tries casts
    and datatype checks a string never needs (3-8 us; a build makes one per quoted sentence and
    label). The slots are the ones ``Literal.__new__`` sets for a str; tests/graph/test_builder.py
    checks that the two stay alike. A language tag is checked by rdflib the first time it is met."""
    if lang is not None and lang not in _CHECKED_LANGS:
        Literal("", lang=lang)  # raises on a malformed tag
        _CHECKED_LANGS.add(lang)
    lit = str.__new__(Literal, text)
    lit._language = lang or None
    lit._datatype = None
    lit._value = text
    lit._ill_typed = None
    return lit


# Typed literals made the way plain_literal makes a string's: rdflib's constructor casts the value
# to its lexical form and back and checks it (5-20 us; a build makes one per distinct offset and
# figure). The slots are the ones Literal.__new__ sets; tests/graph/test_builder.py compares them.
_XSD_INTEGER, _XSD_DECIMAL = URIRef(str(XSD.integer)), URIRef(str(XSD.decimal))


def int_literal(n: int) -> Literal:
    """``Literal(n)`` for an int (never a bool)."""
    lit = str.__new__(Literal, str(n))
    lit._language = None
    lit._datatype = _XSD_INTEGER
    lit._value = n
    lit._ill_typed = None
    return lit


def _dec(x: float | Decimal) -> Literal:
    """``Literal(lexical, datatype=XSD.decimal)`` of a number, in plain positional notation
    (xsd:decimal has no exponent form)."""
    lexical = format(Decimal(str(x)).normalize(), "f")
    lit = str.__new__(Literal, lexical)
    lit._language = None
    lit._datatype = _XSD_DECIMAL
    lit._value = Decimal(lexical)
    lit._ill_typed = False
    return lit


class _Memo(dict):
    """A dict that makes a missing value with ``make(key)``: ``memo[key]`` is one C-level lookup
    when the value is there (a hot loop's common case), where a method call costs ~5 times more."""

    __slots__ = ("make",)

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        value = self[key] = self.make(key)
        return value


def _quantity_kind(name: str) -> URIRef:
    return SKG[name]


def _year(year: int) -> Literal:
    return Literal(f"{year:04d}", datatype=_XSD.gYear)


def _rounded(decimals: dict[float, Literal], x: float) -> Literal:
    return decimals[round(x, 3)]


class _Literals:
    """Interned literals: rule names, offsets, confidences and labels recur across a corpus, and
    making an rdflib ``Literal`` (type casting, language-tag checks) costs ~10 us each time.
    Keyed by plain Python values, so lookups never run rdflib's Python-level ``__eq__``."""

    def __init__(self):
        self._memo: dict[tuple, Literal] = {}
        # Offsets, rule names and confidences of every evidence record: keyed by the bare value,
        # no tuple; a hot loop indexes them directly.
        self.ints: dict[int, Literal] = _Memo(int_literal)  # xsd:integer; never a bool (True == 1)
        self.strings: dict[str, Literal] = _Memo(plain_literal)
        self.decimals: dict[float, Literal] = _Memo(_dec)
        # A confidence, rounded to 3 places, by its value before rounding.
        self.confidences: dict[float, Literal] = _Memo(partial(_rounded, self.decimals))
        self.years: dict[int, Literal] = _Memo(_year)  # xsd:gYear

    def __call__(self, value, lang: str | None = None, datatype: URIRef | None = None) -> Literal:
        key = (value.__class__, value, lang, datatype)  # the class keeps True and 1 apart
        lit = self._memo.get(key)
        if lit is None:
            lit = self._memo[key] = Literal(value, lang=lang, datatype=datatype)
        return lit

    def integer(self, n: int) -> Literal:
        """An xsd:integer; never a bool (True and 1 are one dict key)."""
        return self.ints[n]

    def string(self, text: str) -> Literal:
        return self.strings[text]

    def decimal(self, x: float) -> Literal:
        return self.decimals[x]


_CATALOG = Literal("catalog")
# Every catalog fact has the same provenance: one (immutable) record, not one model per fact.
_CATALOG_EVIDENCE = Evidence(quote="", start=0, end=0, rule="catalog", confidence=1.0, status=Status.stated)


def catalog_entity_triples(e: URIRef, entry: CatalogEntry) -> list[tuple]:
    """Everything the catalog says about an entity itself: types, labels, ids, provenance.
    Shared by every source that adds a catalog entity to a graph (articles, curated datasets)."""
    out: list[tuple] = [(e, _RDF.type, SKG[c]) for c in classes_for(entry.type, entry.roles)]
    out.append((e, _SKG.origin, _CATALOG))
    out.append((e, _RDFS.label, plain_literal(entry.name)))
    # Labels as (text, tag) first: equal pairs are equal literals (the tags are spelt one way), and
    # comparing tuples runs no rdflib code.
    prefs = dict.fromkeys([(entry.name, "en"), *((x, lang) for x, lang in ((entry.zh_hans, "zh-Hans"),
                                                                           (entry.zh_hant, "zh-Hant")) if x)])
    out.extend((e, _SKOS.prefLabel, plain_literal(x, lang)) for x, lang in prefs)
    for alias in entry.aliases:
        text = alias.strip()
        for lang in label_languages(text) if text else ():
            if (text, lang) not in prefs:  # SKOS: never both preferred and alternative
                out.append((e, _SKOS.altLabel, plain_literal(text, lang)))
    out.append((e, _SKG.catalogId, plain_literal(entry.id)))
    out.append((e, _PROV.wasDerivedFrom, SOURCE_CATALOG))
    if entry.eto_provider_id:
        out.append((e, _SKG.etoProviderId, plain_literal(entry.eto_provider_id)))
    if entry.wikidata:
        out.append((e, _SKG.wikidata, plain_literal(entry.wikidata)))
    return out


class GraphBuilder:
    """Accumulates results article by article; ``graph()`` returns the finished graph."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.by_id = catalog.by_id()
        self.g = TripleSet()
        self._entities: dict[str, EntityRef] = {}
        self._iris: dict[str, URIRef] = {}  # the IRI of every entity in _entities
        self._entity_iris: dict[str, URIRef] = _Memo(entity_iri)  # of any entity id met
        self._relations: set[tuple[str, str, str]] = set()
        self._hedged: set[tuple[str, str, str]] = set()
        self._measurements = 0
        self._labelled: set[tuple[URIRef, str]] = set()
        # (entity id, surface) of every mention of the relevant articles added, each given to _label.
        self.surfaces: set[tuple[str, str]] = set()
        # Several facts of one sentence share its quote: interned per article only (add() starts a
        # new memo), so the memo stays as small as one article however big the corpus.
        self._quotes: dict[str, Literal] = _Memo(plain_literal)
        self._lit = _Literals()
        # Status and quantity-kind individuals used, typed in finish() (no scan of all triples).
        self._statuses: set[URIRef] = set()
        self._kinds: dict[str, URIRef] = _Memo(_quantity_kind)
        g = self.g
        g.add((SOURCE_CATALOG, _RDF.type, _SKG.Source))
        g.add((SOURCE_CATALOG, _RDF.type, _PROV.Entity))
        g.add((SOURCE_CATALOG, _RDFS.label, Literal("semikg entity catalog (seeds/catalog.yaml)")))

    # ------------------------------------------------------------------ entities
    def _label(self, e: URIRef, text: str, pref: bool = False) -> None:
        text = text.strip()
        if not text or (e, text) in self._labelled:
            return  # the same surface form of the same entity recurs in every article
        self._labelled.add((e, text))
        for lang in label_languages(text):
            lit = plain_literal(text, lang)
            # SKOS: a label is never both preferred and alternative for the same resource.
            if (e, _SKOS.prefLabel, lit) not in self.g:
                self.g.add((e, _SKOS.altLabel, lit))

    def _add_entity(self, ref: EntityRef) -> URIRef:
        e = self._iris.get(ref.id)
        if e is not None:
            return e
        e = self._iris[ref.id] = entity_iri(ref.id)
        self._entities[ref.id] = ref
        g = self.g
        entry = self.by_id.get(ref.id) if ref.origin == "catalog" else None
        # The catalog's triples hold the types and origin of a reference made from its entry: they
        # are not added twice (each repeat costs rdflib's Python-level equality).
        if entry is None or ref.type != entry.type or ref.roles != entry.roles:
            for cls in classes_for(ref.type, ref.roles):
                g.add((e, _RDF.type, SKG[cls]))
            g.add((e, _SKG.origin, self._lit(ref.origin)))
        if entry is not None:
            self._add_catalog_labels(e, entry)
        else:
            name = ref.name
            g.add((e, _RDFS.label, plain_literal(name)))
            langs = label_languages(name)
            if langs == ("en",):
                g.add((e, _SKOS.prefLabel, plain_literal(name, "en")))
            else:
                simp, trad = to_simplified(name), to_traditional(name)
                g.add((e, _SKOS.prefLabel, plain_literal(simp, "zh-Hans")))
                g.add((e, _SKOS.prefLabel, plain_literal(trad, "zh-Hant")))
        return e

    def _add_catalog_labels(self, e: URIRef, entry: CatalogEntry) -> None:
        for t in catalog_entity_triples(e, entry):
            self.g.add(t)
        self._labelled.update((e, a.strip()) for a in entry.aliases)

    def _close_catalog(self) -> None:
        """Add catalog facts (HQ, parent, links) for catalog entities in the graph, with catalog provenance."""
        pending = [i for i, r in self._entities.items() if r.origin == "catalog"]
        done: set[str] = set()
        while pending:
            eid = pending.pop()
            if eid in done:
                continue
            done.add(eid)
            entry = self.by_id[eid]
            facts = []
            if entry.hq:
                facts.append(("locatedIn", entry.hq))
            if entry.part_of:
                facts.append(("partOf", entry.part_of))
            for link in entry.links:
                # A link to an entity no article mentions would drag unrelated reference data in.
                if link.object in self._entities:
                    facts.append((link.predicate, link.object))
            for pred, obj in facts:
                target = self.by_id[obj]
                if obj not in self._entities:
                    self._add_entity(EntityRef.of_catalog(target))
                    pending.append(obj)
                self._add_relation(eid, pred, obj, SOURCE_CATALOG, _CATALOG_EVIDENCE)

    # ------------------------------------------------------------------ facts
    # An evidence record or a measurement is a new node with a dozen properties: it is described
    # in one dict handed to TripleSet.add_subject, not added triple by triple.
    def _evidence_props(self, preds: dict, source: URIRef, ev: Evidence) -> None:
        # Runs once per fact: interned literals are indexed in their memos directly.
        lit = self._lit
        strings, ints = lit.strings, lit.ints
        rule, how, start, end, confidence, quote, trigger = _EVIDENCE_FIELDS(ev.__dict__)
        status = STATUS_IRI[how]
        if status not in self._statuses:
            self._statuses.add(status)
        preds[_WAS_DERIVED_FROM] = source
        preds[_RULE] = strings[rule]
        preds[_CONFIDENCE] = lit.confidences[confidence]
        preds[_STATUS] = status
        if rule != "catalog":
            preds[_QUOTE] = self._quotes[quote]
            preds[_START] = ints[start]
            preds[_END] = ints[end]
        if trigger:
            preds[_TRIGGER] = strings[trigger]

    def _quote(self, text: str) -> Literal:
        return self._quotes[text]

    def _add_relation(self, s: str, p: str, o: str, source: URIRef, ev: Evidence) -> URIRef:
        records: set[URIRef] = set()
        self._add_relations(((s, p, o, ev),), source, records)
        return records.pop()

    def _add_relations(self, relations: Iterable[tuple[str, str, str, Evidence]], source: URIRef,
                       records: set[URIRef]) -> None:
        """An evidence record for every (subject, predicate, object, evidence), and the plain triple
        of every stated one; the records' IRIs go into ``records``. One call per article: what the
        loop looks up is bound once."""
        add_subject, add_triple, evidence_props = self.g.add_subject, self.g.add, self._evidence_props
        iris, relation_iri = self._entity_iris, RELATION_IRI
        stated, hedged = self._relations, self._hedged
        for s, p, o, ev in relations:
            si, oi, pi = iris[s], iris[o], relation_iri[p]
            fields = ev.__dict__
            r = relation_evidence_iri(source, s, p, o, fields["start"], fields["end"], fields["rule"])
            preds = {_TYPE: _EVIDENCE_TYPES, _SUBJECT: si, _PREDICATE: pi, _OBJECT: oi}
            evidence_props(preds, source, ev)
            add_subject(r, preds)
            records.add(r)
            if fields["status"] is _STATED:
                add_triple((si, pi, oi))
                stated.add((s, p, o))
            else:
                hedged.add((s, p, o))

    def _add_article(self, a: Article) -> URIRef:
        ai = article_iri(a.id)
        lit = self._lit
        preds = {
            _TYPE: {_SKG.Article, _PROV.Entity}, _SKG.sourceFile: lit.string(a.source_file),
            _SKG.sourceEncoding: lit.string(a.encoding), _SKG.indexInFile: lit.integer(a.index),
            _DCTERMS.title: self._quote(a.title), _START: lit.integer(a.start), _END: lit.integer(a.end),
            _SKG.script: lit.string(a.script), _DCTERMS.language: lit.string(a.language), _SKG.relevant: lit(a.relevant),
            _SKG.contentHash: plain_literal(hashlib.sha256(a.text.encode("utf-8")).hexdigest()),
        }
        if a.skip_reason:
            preds[_SKG.skipReason] = lit.string(a.skip_reason)
        self.g.add_subject(ai, preds)
        return ai

    def add(self, result: ExtractionResult) -> None:
        a = result.article
        self._quotes = _Memo(plain_literal)
        ai = self._add_article(a)
        mentioned: set[URIRef] = set()
        records: set[URIRef] = set()
        measured: set[URIRef] = set()
        if a.relevant:
            iris = self._iris
            for ref in result.entities:
                e = iris.get(ref.id)  # most entities of an article are in the graph already
                mentioned.add(self._add_entity(ref) if e is None else e)
            self.g.add_objects(ai, SCHEMA_MENTIONS, set(mentioned))
            # _label is a no-op the second time it is called alike, and most mentions repeat one:
            # the (entity, surface) pairs not met before are found by set operations in C. (The
            # order they are labelled in is no matter: an article's preferred labels are all in.)
            new = set(map(_ENTITY_AND_SURFACE, result.mentions)) - self.surfaces
            if new:
                self.surfaces |= new
                for entity_id, surface in new:
                    self._label(entity_iri(entity_id), surface)
            self._add_relations(map(_RELATION_FIELDS, map(_FIELDS, result.relations)), ai, records)
            for meas in result.measurements:
                measured.add(self._add_measurement(a, ai, meas))
        self._add_contribution(ai, len(records), len(measured), len(mentioned))

    def _add_measurement(self, a: Article, ai: URIRef, meas: Measurement) -> URIRef:
        g = self.g
        about, kind, value, low, unit, raw, year, ev, figure_start = _MEASUREMENT_FIELDS(meas.__dict__)
        mi = measurement_iri(a.id, about, kind, value, unit, ev.start, ev.end, figure_start)
        lit = self._lit
        preds = {_TYPE: _SKG.Measurement, _SKG.about: entity_iri(about), _SKG.quantityKind: self._kinds[kind],
                 _SKG.value: lit.decimals[value]}
        if low is not None:
            preds[_SKG.minValue] = lit.decimals[low]
        preds[_SKG.unit] = lit.strings[unit]
        preds[_SKG.rawValue] = lit.strings[raw]
        if year is not None:
            preds[_SKG.year] = lit.years[year]
        self._evidence_props(preds, ai, ev)
        g.add_subject(mi, preds)
        self._measurements += 1
        return mi

    def _add_contribution(self, ai: URIRef, records: int, measurements: int, mentions: int) -> None:
        """What the article added, counted once here: counting it at query time means grouping every
        evidence record, measurement and mention of the graph (hundreds of ms at 1 M triples).
        Distinct nodes, as the graph holds them: a fact found twice at the same offsets is one node."""
        lit = self._lit
        self.g.add((ai, _SKG.relationCount, lit.integer(records)))
        self.g.add((ai, _SKG.measurementCount, lit.integer(measurements)))
        self.g.add((ai, _SKG.mentionCount, lit.integer(mentions)))

    def run(self, results: Iterable[ExtractionResult]) -> BuiltGraph:
        for r in results:
            self.add(r)
        return self.finish()

    def _add_vocabulary_individuals(self) -> None:
        """Type the status and quantity-kind individuals used, so the graph validates on its own."""
        for status in self._statuses:
            self.g.add((status, _RDF.type, _STATUS_CLASS))
        for kind in self._kinds.values():
            self.g.add((kind, _RDF.type, _SKG.QuantityKind))

    def finish(self) -> BuiltGraph:
        self._close_catalog()
        self._add_vocabulary_individuals()
        return BuiltGraph(
            triples=self.g,
            entities=len(self._entities),
            entities_discovered=sum(1 for r in self._entities.values() if r.origin == "discovered"),
            relations=len(self._relations),
            relations_hedged=len(self._hedged - self._relations),
            measurements=self._measurements,
        )
