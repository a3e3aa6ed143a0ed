"""ETO dataset + resolution -> RDF in the shape of ontology/README.md (plus the eto.ttl extension).

Every dataset fact (provision, sequence, stage membership, a provider's country) is asserted as a
direct triple *and* as an evidence record derived from ``id:source/eto`` carrying the dataset's own
source text and the CSV file and line, so it never mixes with article or catalog provenance.
"""
from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from semikg.eto.models import EtoDataset, Provider
from semikg.eto.overrides import EtoOverrides
from semikg.eto.report import ResolutionReport
from semikg.eto.resolve import Candidate, Resolver, catalog_candidates, graph_candidates
from semikg.eto.vocab import INPUT_CLASS, eto_classes
from semikg.graph.builder import catalog_entity_triples
from semikg.graph.vocab import SOURCE_ETO, entity_iri, evidence_iri, measurement_iri
from semikg.ontology.classes import classes_for
from semikg.loaders.normalise import label_languages
from semikg.models import Catalog, CatalogEntry
from semikg.ontology import SKG

LICENSE = URIRef("https://creativecommons.org/licenses/by-nc/4.0/")
ATTRIBUTION = ("Emerging Technology Observatory (CSET, Georgetown University), "
               "Advanced Semiconductor Supply Chain Dataset")
ONE = Literal("1", datatype=XSD.decimal)


def eto_iri(eto_id: str) -> URIRef:
    """IRI of a dataset entity no catalog or article entity stands for."""
    return entity_iri(f"eto-{eto_id}")


def _dec(x: Decimal) -> Literal:
    return Literal(format(x.normalize(), "f"), datatype=XSD.decimal)


class _Writer:
    def __init__(self, g: Graph, catalog: Catalog):
        self.g = g
        self.by_id = catalog.by_id()

    # ------------------------------------------------------------------ nodes
    def dataset_entity(self, iri: URIRef, classes: tuple[str, ...], label: str, eto_id: str | None = None) -> None:
        g = self.g
        for cls in classes:
            g.add((iri, RDF.type, SKG[cls]))
        g.add((iri, RDFS.label, Literal(label)))
        g.add((iri, SKOS.prefLabel, Literal(label, lang="en")))
        g.add((iri, SKG.origin, Literal("dataset")))
        g.add((iri, PROV.wasDerivedFrom, SOURCE_ETO))
        if eto_id:
            g.add((iri, SKG.etoId, Literal(eto_id)))

    def alt_label(self, iri: URIRef, text: str) -> None:
        text = text.strip()
        for lang in label_languages(text) if text else ():
            lit = Literal(text, lang=lang)
            # SKOS: a label is never both preferred and alternative for one resource.
            if (iri, SKOS.prefLabel, lit) not in self.g:
                self.g.add((iri, SKOS.altLabel, lit))

    def catalog_entity(self, iri: URIRef, entry: CatalogEntry) -> None:
        """A resolved catalog entity that no article mentioned: add it as the builder would."""
        for t in catalog_entity_triples(iri, entry):
            self.g.add(t)

    # ------------------------------------------------------------------ facts
    def fact(self, s: URIRef, p: URIRef, o: URIRef, rule: str, record: str, quote: str = "", year: int | None = None) -> None:
        g = self.g
        g.add((s, p, o))
        r = evidence_iri(SOURCE_ETO, s, p, o, record, rule)
        g.add((r, RDF.type, SKG.Evidence))
        g.add((r, RDF.type, RDF.Statement))
        g.add((r, RDF.subject, s))
        g.add((r, RDF.predicate, p))
        g.add((r, RDF.object, o))
        self.provenance(r, rule, record, quote, year)

    def provenance(self, node: URIRef, rule: str, record: str, quote: str, year: int | None) -> None:
        g = self.g
        g.add((node, PROV.wasDerivedFrom, SOURCE_ETO))
        g.add((node, SKG.rule, Literal(rule)))
        g.add((node, SKG.confidence, ONE))
        g.add((node, SKG.status, SKG.Stated))
        g.add((node, SKG.datasetRecord, Literal(record)))
        if quote:
            g.add((node, SKG.quote, Literal(quote)))
        if year is not None:
            g.add((node, SKG.year, Literal(f"{year:04d}", datatype=XSD.gYear)))


def _provider_classes(p: Provider, overrides: EtoOverrides) -> tuple[str, ...]:
    if p.type == "country":
        return eto_classes("Place") if p.id in overrides.aggregates else classes_for("Place", ("Country",))
    return eto_classes("Agent") if p.id in overrides.aggregates else classes_for("Company")


def _provider_label(p: Provider) -> str:
    # Country providers are named by ISO3 code ("USA") with the readable name as alias.
    return p.aliases[0] if p.type == "country" and p.aliases else p.name


def eto_to_graph(dataset: EtoDataset, catalog: Catalog, base_graph: Graph | None = None,
                 overrides: EtoOverrides | None = None, overrides_path: str = "eto_overrides.yaml",
                 ) -> tuple[Graph, ResolutionReport]:
    """A new graph: ``base_graph`` (left untouched) plus the dataset, providers resolved to existing entities."""
    g = Graph()
    if base_graph is not None:
        for prefix, ns in base_graph.namespaces():
            g.bind(prefix, ns, override=False)
        g += base_graph
    report = add_eto(g, dataset, catalog, overrides, overrides_path)
    return g, report


def add_eto(g: Graph, dataset: EtoDataset, catalog: Catalog, overrides: EtoOverrides | None = None,
            overrides_path: str = "eto_overrides.yaml") -> ResolutionReport:
    """Add the dataset to ``g`` in place, resolving providers against the catalog and ``g``'s own entities."""
    overrides = overrides or EtoOverrides()
    for prefix, ns in (("skg", str(SKG._NS)), ("skos", str(SKOS)), ("prov", str(PROV)), ("dcterms", str(DCTERMS))):
        g.bind(prefix, ns)

    candidates: list[Candidate] = catalog_candidates(catalog)
    if len(g):
        candidates += graph_candidates(g)
    report = Resolver(candidates, overrides, overrides_path).resolve(dataset)
    by_entity = {c.entity_id: c for c in candidates}
    merged = report.merged_by_provider()

    w = _Writer(g, catalog)
    g.add((SOURCE_ETO, RDF.type, SKG.Source))
    g.add((SOURCE_ETO, RDF.type, PROV.Entity))
    g.add((SOURCE_ETO, RDFS.label, Literal(ATTRIBUTION)))
    g.add((SOURCE_ETO, DCTERMS.license, LICENSE))
    # The shapes check sh:class on these individuals; keep the graph self-contained as the builder does.
    g.add((SKG.Stated, RDF.type, SKG.Status))
    g.add((SKG.MarketShare, RDF.type, SKG.QuantityKind))

    for s in dataset.stages:
        iri = eto_iri(s.id)
        w.dataset_entity(iri, eto_classes("Stage"), s.name, s.id)
        if s.description:
            g.add((iri, DCTERMS.description, Literal(s.description, lang="en")))
        if s.market_size:
            g.add((iri, SKG.marketSizeText, Literal(s.market_size)))

    for i in dataset.inputs:
        iri = eto_iri(i.id)
        w.dataset_entity(iri, eto_classes(INPUT_CLASS[i.type]), i.name, i.id)
        if i.description:
            g.add((iri, DCTERMS.description, Literal(i.description, lang="en")))
        if i.market_size:
            g.add((iri, SKG.marketSizeText, Literal(i.market_size)))
        if i.stage_id:
            w.fact(iri, SKG.inStage, eto_iri(i.stage_id), "eto.input", f"inputs.csv:{i.line}", year=i.year)

    for seq in dataset.sequence:
        pred = SKG.goesInto if seq.relation == "goes_into" else SKG.isTypeOf
        w.fact(eto_iri(seq.input_id), pred, eto_iri(seq.target_id), "eto.sequence", f"sequence.csv:{seq.line}")

    provider_iri: dict[str, URIRef] = {}
    for p in dataset.providers:
        m = merged.get(p.id)
        if m is None:
            iri = eto_iri(p.id)
            w.dataset_entity(iri, _provider_classes(p, overrides), _provider_label(p))
        else:
            iri = URIRef(by_entity[m.entity_id].iri)
            entry = w.by_id.get(m.entity_id)
            if (iri, RDF.type, SKG.Entity) not in g and entry is not None:
                w.catalog_entity(iri, entry)
        provider_iri[p.id] = iri
        g.add((iri, SKG.etoProviderId, Literal(p.id)))
        for name in dict.fromkeys((p.name, *p.aliases)):
            if (iri, RDFS.label, Literal(name)) not in g:
                w.alt_label(iri, name)

    country_iri = {p.name: provider_iri[p.id] for p in dataset.providers if p.type == "country"}
    for p in dataset.providers:
        target = country_iri.get(p.country or "")
        if target is not None and target != provider_iri[p.id]:
            w.fact(provider_iri[p.id], SKG.locatedIn, target, "eto.provider", f"providers.csv:{p.line}")

    for row in dataset.provision:
        s, o = provider_iri[row.provider_id], eto_iri(row.provided_id)
        record = f"provision.csv:{row.line}"
        w.fact(s, SKG.providesInput, o, "eto.provision", record, row.source, row.year)
        if row.share is None:
            continue
        mi = measurement_iri("eto", row.provider_id, row.provided_id, row.year, row.share)
        g.add((mi, RDF.type, SKG.Measurement))
        g.add((mi, SKG.about, s))
        g.add((mi, SKG.forInput, o))
        g.add((mi, SKG.quantityKind, SKG.MarketShare))
        g.add((mi, SKG.value, _dec(row.share)))
        g.add((mi, SKG.unit, Literal("percent")))
        g.add((mi, SKG.rawValue, Literal(f"{row.share}%")))
        w.provenance(mi, "eto.provision", record, row.source, row.year)
    return report
