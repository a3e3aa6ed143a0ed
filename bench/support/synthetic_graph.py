"""A synthetic graph of any size in the shape of ontology/README.md, for scale benchmarks.

It is built by the real ``GraphBuilder`` from generated ``ExtractionResult``s, so it has exactly the
shape of a built graph (entities with labels and materialised classes, articles, reified evidence,
measurements). Same size and seed -> same graph.
"""
from __future__ import annotations

import random
from decimal import Decimal

from semikg.graph.builder import BuiltGraph, GraphBuilder
from semikg.models import (
    Article, Catalog, EntityRef, Evidence, ExtractionResult, Measurement, Mention, Relation, Status,
)

# (subject type, roles, predicate, object type): the edge kinds of the ontology the queries walk.
EDGE_KINDS = (
    ("Company", ("EquipmentMaker",), "supplies", "Company"),
    ("Company", ("MaterialsSupplier",), "supplies", "Company"),
    ("Company", ("FablessCompany",), "customerOf", "Company"),
    ("Company", ("Foundry",), "manufactures", "Chip"),
    ("Company", ("FablessCompany",), "designs", "Chip"),
    ("Company", ("EquipmentMaker",), "manufactures", "Equipment"),
    ("Chip", (), "usesNode", "ProcessNode"),
    ("Company", ("Foundry",), "offersNode", "ProcessNode"),
    ("Company", ("Foundry",), "operates", "Fab"),
    ("Fab", (), "locatedIn", "Place"),
    ("Company", ("IDM",), "locatedIn", "Place"),
    ("Policy", (), "restricts", "Company"),
    ("Policy", (), "issuedBy", "Place"),
    ("Company", ("IDM",), "develops", "Technology"),
    ("Company", ("Foundry",), "partnersWith", "Company"),
    ("Company", ("IDM",), "investsIn", "Fab"),
)
KINDS = ("Capacity", "MarketShare", "Revenue")
STATUSES = (Status.stated,) * 8 + (Status.planned, Status.rumoured)
# Triples one relation, measurement, entity and article add on average (measured on this generator).
TRIPLES_PER_RELATION = 19.2


def _entities(rng: random.Random, n: int, catalog: Catalog) -> dict[str, list[EntityRef]]:
    out: dict[str, list[EntityRef]] = {}
    # Catalog entities take part too, so saved queries with default names (NVIDIA, ...) find
    # them wired into the synthetic supply chain.
    for entry in catalog.entries:
        out.setdefault(entry.type, []).append(EntityRef(id=entry.id, type=entry.type, roles=entry.roles,
                                                        name=entry.name, origin="catalog"))
    types = sorted({k[0] for k in EDGE_KINDS} | {k[3] for k in EDGE_KINDS})
    for i in range(n):
        t = types[i % len(types)]
        roles: tuple[str, ...] = ()
        if t == "Company":
            roles = tuple(sorted({k[1][0] for k in EDGE_KINDS if k[1]}))[i % 5:i % 5 + 1]
        elif t == "Place" and i % 7 == 0:
            roles = ("Country",)
        ref = EntityRef(id=f"d-syn{i:07d}", type=t, roles=roles, name=f"{t} {i}", origin="discovered")  # type: ignore[arg-type]
        out.setdefault(t, []).append(ref)
    return out


def synthetic_results(triples: int, catalog: Catalog, seed: int = 7, per_article: int = 20) -> list[ExtractionResult]:
    rng = random.Random(seed)
    n_rel = max(1, int(triples / TRIPLES_PER_RELATION))
    by_type = _entities(rng, max(20, n_rel // 6), catalog)
    pools = {(st, roles): [e for e in by_type[st] if not roles or roles[0] in e.roles] or by_type[st]
             for st, roles, _, _ in EDGE_KINDS}
    results = []
    n_articles = max(1, n_rel // per_article)
    for a in range(n_articles):
        body = []
        rels, ents, mentions, meas = [], {}, [], []
        for k in range(per_article):
            st, roles, pred, ot = EDGE_KINDS[rng.randrange(len(EDGE_KINDS))]
            s, o = rng.choice(pools[(st, roles)]), rng.choice(by_type[ot])
            if s.id == o.id:
                continue
            quote = f"{s.name} {pred} {o.name}."
            start = sum(len(x) + 1 for x in body)
            body.append(quote)
            ev = Evidence(quote=quote, start=start, end=start + len(quote), rule=f"syn-{pred}",
                          confidence=round(0.5 + rng.random() / 2, 3), status=rng.choice(STATUSES),
                          trigger=pred)
            rels.append(Relation(subject=s.id, predicate=pred, object=o.id, evidence=ev))  # type: ignore[arg-type]
            for e in (s, o):
                ents[e.id] = e
            mentions.append(Mention(entity_id=s.id, surface=s.name, start=start, end=start + len(s.name), rule="syn"))
            if k % 8 == 0:
                meas.append(Measurement(about=s.id, kind=KINDS[k % 3], value=Decimal(rng.randrange(1, 10_000)),
                                        unit="unit", raw=str(k), year=2020 + k % 6, evidence=ev))
        text = "\n".join(body)
        art = Article(id=f"syn{a:06d}-000", source_file=f"syn{a:06d}.txt", encoding="utf-8", index=0, start=0,
                      end=len(text), title=f"synthetic article {a}", text=text, norm_text=text, script="en")
        results.append(ExtractionResult(article=art, entities=tuple(ents.values()), mentions=tuple(mentions),
                                        relations=tuple(rels), measurements=tuple(meas), extractor="synthetic"))
    return results


def synthetic_graph(triples: int, seed: int = 7, catalog: Catalog | None = None) -> BuiltGraph:
    """``catalog``: default the embedded seeds/catalog.yaml."""
    if catalog is None:
        from semikg.loaders.catalog import load_catalog

        catalog = load_catalog(None)
    return GraphBuilder(catalog).run(synthetic_results(triples, catalog, seed))
