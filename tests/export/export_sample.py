"""A small hand-made semikg graph for export tests: catalog-free entities, hedged facts, hostile names."""
from __future__ import annotations

from decimal import Decimal

from rdflib import Graph

from semikg.graph.builder import GraphBuilder
from semikg.models import (
    Article, Catalog, EntityRef, Evidence, ExtractionResult, Measurement, Relation, Status,
)

HOSTILE = "Evil \"Quote\" 'Co' \\ back\\slash\nnew line; semi|pipe `tick` $rows } ) // 台积电 😀"


def _article(i: int, text: str) -> Article:
    return Article(id=f"news-{i:03d}", source_file="news.txt", encoding="utf-8", index=i, start=0,
                   end=len(text), title=f"标题 {i}", text=text, norm_text=text, script="zh-Hans")


def _ev(quote: str, start: int, conf: float = 0.9, status: Status = Status.stated, rule: str = "r-supply") -> Evidence:
    return Evidence(quote=quote, start=start, end=start + len(quote), rule=rule, confidence=conf, status=status)


def sample_results(variant: int = 0) -> list[ExtractionResult]:
    tsmc = EntityRef(id="d-tsmc", type="Company", roles=("Foundry",), name="台积电", origin="discovered")
    nvidia = EntityRef(id="d-nvidia", type="Company", roles=("FablessCompany",), name="NVIDIA", origin="discovered")
    asml = EntityRef(id="d-asml", type="Company", roles=("EquipmentMaker",), name="ASML", origin="discovered")
    evil = EntityRef(id="d-evil", type="Company", name=HOSTILE, origin="discovered")
    h100 = EntityRef(id="d-h100", type="Chip", name="H100", origin="discovered")
    n3 = EntityRef(id="d-3nm", type="ProcessNode", name="3nm", origin="discovered")
    q1 = "台积电为NVIDIA代工H100芯片。"
    q2 = "据报道，ASML向台积电供应EUV光刻机；\"引号\" \\ 反斜杠"
    r1 = ExtractionResult(
        article=_article(0, q1 + q2),
        entities=(tsmc, nvidia, h100, asml),
        relations=(
            Relation(subject="d-tsmc", predicate="fabricatesFor", object="d-nvidia", evidence=_ev(q1, 0, 0.9)),
            Relation(subject="d-tsmc", predicate="manufactures", object="d-h100", evidence=_ev(q1, 0, 0.8, rule="r-make")),
            Relation(subject="d-asml", predicate="supplies", object="d-tsmc",
                     evidence=_ev(q2, len(q1), 0.6, Status.reported)),
        ),
        measurements=(
            Measurement(about="d-tsmc", kind="Capacity", value=Decimal("100000"), unit="wafers/month",
                        raw="10万片/月", year=2024, evidence=_ev(q1, 0, 0.7, rule="m-capacity")),
        ),
    )
    q3 = "ASML向台积电供应设备。" + HOSTILE
    rels = [
        Relation(subject="d-asml", predicate="supplies", object="d-tsmc", evidence=_ev(q3, 0, 0.95)),
        Relation(subject="d-evil", predicate="supplies", object="d-tsmc", evidence=_ev(HOSTILE, 11, 0.5)),
        Relation(subject="d-h100", predicate="usesNode", object="d-3nm", evidence=_ev(q3, 0, 0.7, Status.planned, "r-node")),
    ]
    if variant:
        rels.append(Relation(subject="d-nvidia", predicate="customerOf", object="d-tsmc", evidence=_ev(q3, 0, 0.66)))
    r2 = ExtractionResult(article=_article(1, q3), entities=(asml, tsmc, evil, h100, n3), relations=tuple(rels))
    return [r1, r2]


def sample_graph(variant: int = 0) -> Graph:
    return GraphBuilder(Catalog(source="test", entries=())).run(sample_results(variant)).graph
