"""A small hand-made graph: catalog entities with names in three scripts, a discovered entity whose
name is markup, hedged and low-confidence facts, quotes naming years."""
from __future__ import annotations

from semikg.graph.builder import GraphBuilder
from semikg.graph.view import GraphView
from semikg.models import (
    Article, Catalog, CatalogEntry, EntityRef, Evidence, ExtractionResult, Relation, Status,
)

XSS_NAME = "<script>alert(1)</script>"

CATALOG = Catalog(source="test", entries=(
    CatalogEntry(id="tsmc", type="Company", roles=("Foundry",), name="TSMC", zh_hans="台积电", zh_hant="臺積電",
                 aliases=("台湾积体电路制造", "Taiwan Semiconductor Manufacturing")),
    CatalogEntry(id="apple", type="Company", roles=("DeviceMaker",), name="Apple", zh_hans="苹果", zh_hant="蘋果"),
    CatalogEntry(id="nvidia", type="Company", roles=("FablessCompany",), name="NVIDIA", zh_hans="英伟达",
                 zh_hant="輝達", aliases=("英偉達",)),
    CatalogEntry(id="asml", type="Company", roles=("EquipmentMaker",), name="ASML", zh_hans="阿斯麦",
                 zh_hant="艾司摩爾"),
    CatalogEntry(id="fab18", type="Fab", name="Fab 18", zh_hans="晶圆十八厂", zh_hant="晶圓十八廠"),
    CatalogEntry(id="n3", type="ProcessNode", name="N3", zh_hans="3纳米", zh_hant="3奈米"),
    CatalogEntry(id="h100", type="Chip", name="H100"),
    CatalogEntry(id="euv", type="Equipment", name="EUV scanner", zh_hans="极紫外光刻机", zh_hant="極紫外光刻機"),
    CatalogEntry(id="taiwan", type="Place", roles=("Country",), name="Taiwan", zh_hans="台湾", zh_hant="臺灣"),
))


def _ref(entry_id: str) -> EntityRef:
    e = CATALOG.by_id()[entry_id]
    return EntityRef(id=e.id, type=e.type, roles=e.roles, name=e.name)


XSS_REF = EntityRef(id="d-0123456789ab", type="Company", name=XSS_NAME, origin="discovered")

# (subject, predicate, object, quote, confidence, status)
FACTS = (
    ("tsmc", "manufactures", "h100", "2024年台积电为英伟达代工H100。", 0.9, Status.stated),
    ("tsmc", "fabricatesFor", "nvidia", "2024年台积电为英伟达代工H100。", 0.9, Status.stated),
    ("nvidia", "designs", "h100", "英伟达设计H100。", 0.95, Status.stated),
    ("asml", "supplies", "tsmc", "阿斯麦2023年向台积电交付EUV光刻机。", 0.8, Status.stated),
    ("asml", "manufactures", "euv", "阿斯麦生产极紫外光刻机。", 0.85, Status.stated),
    ("tsmc", "operates", "fab18", "台积电营运晶圆十八厂。", 0.9, Status.stated),
    ("fab18", "offersNode", "n3", "晶圆十八厂提供3纳米制程。", 0.7, Status.stated),
    ("fab18", "locatedIn", "taiwan", "晶圆十八厂位于台湾。", 0.9, Status.stated),
    ("apple", "customerOf", "tsmc", "传苹果2025年将包下台积电全部2纳米产能。", 0.5, Status.rumoured),
    ("d-0123456789ab", "supplies", "apple", f"{XSS_NAME} 供货苹果。", 0.4, Status.stated),
)


def build_results() -> list[ExtractionResult]:
    text = "".join(q for *_, q, _c, _s in FACTS)
    art = Article(id="news-000", source_file="news.txt", encoding="utf-8", index=0, start=0, end=len(text),
                  title="半导体周报 2025", text=text, norm_text=text, script="zh-Hans")
    relations, pos = [], 0
    for s, p, o, q, conf, status in FACTS:
        relations.append(Relation(subject=s, predicate=p, object=o, evidence=Evidence(
            quote=q, start=pos, end=pos + len(q), rule="test", confidence=conf, status=status)))
        pos += len(q)
    refs = [_ref(e.id) for e in CATALOG.entries] + [XSS_REF]
    return [ExtractionResult(article=art, entities=tuple(refs), relations=tuple(relations))]


def small_view() -> GraphView:
    return GraphView(GraphBuilder(CATALOG).run(build_results()).graph)


from tests.support.synthetic_view import synthetic_view  # noqa: E402,F401  (re-exported for the tests)


