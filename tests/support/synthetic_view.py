"""A synthetic graph for budget tests and benchmarks: random firms, chips, fabs and technologies."""
from __future__ import annotations

from semikg.graph.builder import GraphBuilder
from semikg.graph.view import GraphView
from semikg.models import (
    Article, Catalog, EntityRef, Evidence, ExtractionResult, Relation, Status,
)


def synthetic_view(n_nodes: int, n_edges: int, seed: int = 1) -> GraphView:
    """A random graph of ``n_nodes`` discovered entities and ``n_edges`` relations (seeded, so
    deterministic), built through the real GraphBuilder."""
    import random

    rng = random.Random(seed)
    kinds = ("Company", "Chip", "Fab", "Technology")
    refs = [EntityRef(id=f"d-{i:012x}", type=kinds[i % len(kinds)], name=f"Entity {i} 实体{i}", origin="discovered")
            for i in range(n_nodes)]
    rels, seen = [], set()
    while len(rels) < n_edges:
        a, b = rng.randrange(n_nodes), rng.randrange(n_nodes)
        if a == b or (a, b) in seen:
            continue
        seen.add((a, b))
        pred = "partnersWith" if refs[a].type == "Company" and refs[b].type == "Company" else "supplies"
        status = Status.stated if rng.random() > 0.1 else Status.planned
        rels.append(Relation(subject=refs[a].id, predicate=pred, object=refs[b].id, evidence=Evidence(
            quote=f"{refs[a].name} 与 {refs[b].name} 2024年合作。", start=len(rels), end=len(rels) + 1,
            rule="synthetic", confidence=round(rng.uniform(0.3, 1.0), 2), status=status)))
    art = Article(id="synthetic-000", source_file="synthetic.txt", encoding="utf-8", index=0, start=0, end=1,
                  title="synthetic", text="x", norm_text="x", script="zh-Hans")
    result = ExtractionResult(article=art, entities=tuple(refs), relations=tuple(rels))
    return GraphView(GraphBuilder(Catalog(source="synthetic", entries=())).run([result]).graph)
