"""Counts that describe a graph: per class, per predicate, articles used and skipped."""
from __future__ import annotations

from collections import Counter

from pydantic import BaseModel
from rdflib import RDF, Graph, Literal

from semikg.graph.vocab import NS, RELATION_BY_IRI, local_name
from semikg.ontology import SKG


class GraphStats(BaseModel):
    triples: int
    classes: dict[str, int]
    predicates: dict[str, int]
    hedged: dict[str, int]
    evidence_records: int
    measurements: int
    articles_used: int
    articles_skipped: int
    skipped: list[tuple[str, str]]


def graph_stats(g: Graph) -> GraphStats:
    classes = Counter(local_name(o) for o in g.objects(None, RDF.type) if str(o).startswith(NS))
    preds = Counter(RELATION_BY_IRI[p] for _, p, _ in g if p in RELATION_BY_IRI)
    hedged: Counter = Counter()
    for r in g.subjects(RDF.type, SKG.Evidence):
        if g.value(r, SKG.status) != SKG.Stated:
            p = g.value(r, RDF.predicate)
            if p in RELATION_BY_IRI:
                hedged[RELATION_BY_IRI[p]] += 1
    used = skipped = 0
    skipped_list = []
    for a in g.subjects(RDF.type, SKG.Article):
        if g.value(a, SKG.relevant) == Literal(False):
            skipped += 1
            skipped_list.append((local_name(a), str(g.value(a, SKG.skipReason) or "")))
        else:
            used += 1
    return GraphStats(
        triples=len(g), classes=dict(sorted(classes.items())), predicates=dict(sorted(preds.items())),
        hedged=dict(sorted(hedged.items())), evidence_records=classes.get("Evidence", 0),
        measurements=classes.get("Measurement", 0), articles_used=used, articles_skipped=skipped,
        skipped=sorted(skipped_list),
    )
