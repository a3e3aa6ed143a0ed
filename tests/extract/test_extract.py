"""Extraction stages: catalog matcher, discovery, relation rules, hedges, quantities."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from semikg.extract.discovery import Discoverer
from semikg.extract.matcher import CatalogMatcher
from semikg.extract.measure import QuantityFinder
from semikg.extract.relations import compiled_rules, hedge_status
from semikg.ontology.classes import shape_constraints
from semikg.extract.rules import MAX_SENTENCE_CHARS, RuleBasedExtractor, discovered_id, sentences
from semikg.loaders.catalog import load_catalog
from semikg.loaders.normalise import normalise
from semikg.models import Article, ExtractionResult, Mention, Status


@pytest.fixture(scope="module")
def mini(mini_catalog_path):
    return load_catalog(mini_catalog_path)


@pytest.fixture(scope="module")
def extractor(mini):
    return RuleBasedExtractor(mini)


def article(text: str, aid: str = "t-000") -> Article:
    from semikg.loaders.normalise import script_of

    return Article(id=aid, source_file="t.txt", encoding="utf-8", index=0, start=0, end=len(text), title=text[:20],
                   text=text, norm_text=normalise(text), script=script_of(text))


def rels(result):
    names = {e.id: e.name for e in result.entities}
    return {(names[r.subject], r.predicate, names[r.object], r.evidence.status.value) for r in result.relations}


def pairs(result, predicate: str) -> set[tuple[str, str]]:
    """(subject, object) names of one predicate's relations."""
    return {(s, o) for s, p, o, _ in rels(result) if p == predicate}


# ------------------------------------------------------------------ matcher
def test_matcher_resolves_all_scripts_to_one_entity(mini):
    m = CatalogMatcher(mini)
    text = "臺積電、台积电与台積電都是TSMC"
    hits = m.run(normalise(text), text)
    assert [h.entity_id for h in hits] == ["tsmc"] * 4


def test_matcher_boundaries_and_stop_phrases(mini):
    m = CatalogMatcher(mini)
    text = "三星堆遗址与AMDX无关，但AMD和三星有关；amd小写不算"
    got = [(h.entity_id, text[h.start:h.end]) for h in m.run(normalise(text), text)]
    assert got == [("amd", "AMD"), ("samsung", "三星")]


def test_matcher_longest_match_wins(mini):
    m = CatalogMatcher(mini)
    text = "EUV光刻机"
    assert [h.entity_id for h in m.run(normalise(text), text)] == ["euv"]


# ------------------------------------------------------------------ discovery
@pytest.mark.parametrize("text, expected", [
    ("据悉，深圳芯存微电子有限公司今日宣布扩产。", ("Company", "深圳芯存微电子有限公司")),
    ("一家名为Lumaflux的初创公司", ("Company", "Lumaflux")),
    ("苏州纳光科技与客户合作", ("Company", "苏州纳光科技")),
    ("Acme Photonics Inc. ships wafers", ("Company", "Acme Photonics Inc.")),
    ("该公司推出XK-7200芯片", ("Chip", "XK-7200")),
    ("今日发表新一代AI推理芯片AX-9", ("Chip", "AX-9")),  # one digit is enough after a hyphen
    ("并引入NovaEtch 3000刻蚀机", ("Equipment", "NovaEtch 3000")),
    ("该SoC芯片采用双核LA264架构", ("Technology", "LA264")),  # a model number before 架构 is a design
    ("采用5nm制程", ("ProcessNode", "5nm")),
    ("英特尔18A工艺进展顺利", ("ProcessNode", "18A")),
    ("《江苏省集成电路产业促进条例》正式施行", ("Policy", "江苏省集成电路产业促进条例")),
    ("公司首席执行官张伟表示", ("Person", "张伟")),
    ("安徽省人民政府发布条例", ("Organization", "安徽省人民政府")),
    ("他毕业于浙江大学。", ("Organization", "浙江大学")),
])
def test_discovery_finds_entities_not_in_the_catalog(text, expected):
    found = Discoverer().run(normalise(text), text, [])
    assert expected in {(f.type, f.name) for f in found}


@pytest.mark.parametrize("text", [
    "半导体公司与美国科技巨头合作",   # generic stems name nobody
    "193nm 波长的光源",              # a wavelength, not a node
    "中国正加速半导体发展",
    "消费电子与电力电子需求回暖",
    "多所顶尖大学参与研究",
])
def test_discovery_ignores_generic_phrases(text):
    """Generic industry terms are not firm or organisation names."""
    found = Discoverer().run(normalise(text), text, [])
    assert not [f for f in found if f.type in ("Company", "ProcessNode", "Organization")]


def test_discovered_ids_are_stable_across_forms():
    assert discovered_id("Company", "深圳芯存微电子有限公司", ("深圳",)) == discovered_id("Company", "芯存微电子")
    assert discovered_id("Company", "甲公司") != discovered_id("Chip", "甲公司")


def test_new_firm_in_a_new_article_is_produced(extractor):
    r = extractor.run(article("哈尔滨极光微电子有限公司宣布，将向台积电供应光刻胶。极光微电子计划明年扩产。"))
    names = {e.name: e for e in r.entities}
    assert "哈尔滨极光微电子有限公司" in names and names["哈尔滨极光微电子有限公司"].origin == "discovered"
    assert ("哈尔滨极光微电子有限公司", "supplies", "TSMC", "planned") in rels(r)   # 将向……供应: will supply
    # the later short form is the same firm
    assert len([m for m in r.mentions if m.entity_id == names["哈尔滨极光微电子有限公司"].id]) == 2


def test_mentions_are_typed_records_checked_by_the_result(extractor):
    r = extractor.run(article("台積電為蘋果代工A18晶片。"))
    m = next(m for m in r.mentions if m.entity_id == "tsmc")
    assert isinstance(m, Mention) and (m.surface, m.rule) == ("台積電", "catalog")
    assert r.article.text[m.start - r.article.start:m.end - r.article.start] == m.surface
    with pytest.raises(ValidationError):  # a mention is type-checked like any model field
        ExtractionResult(article=r.article, entities=r.entities, mentions=[("tsmc", "台積電", "x", 3, "catalog")])
    with pytest.raises(ValidationError):
        ExtractionResult(article=r.article, entities=r.entities, mentions=[("tsmc", "台積電", 0)])
    again = ExtractionResult.model_validate_json(r.model_dump_json())
    assert again.mentions == r.mentions and isinstance(again.mentions[0], Mention)



def test_a_result_is_what_validating_its_fields_makes(extractor):
    # result_of builds the result without validation: its fields must already be what validation
    # would make of them (exact types, tuples of Mention records).
    r = extractor.run(article("哈尔滨极光微电子有限公司宣布，将向台积电供应光刻胶，产能达到每月2万片。台積電為蘋果代工A18晶片。"))
    assert r.mentions and r.relations and r.measurements
    again = ExtractionResult(**dict(r))
    assert again == r and again.model_fields_set == r.model_fields_set
    for m in r.mentions:
        assert type(m) is Mention and [type(x) for x in m] == [str, str, int, int, str]
    assert all(type(getattr(r, f)) is tuple for f in ("entities", "mentions", "relations", "measurements"))


# ------------------------------------------------------------------ relations
@pytest.mark.parametrize("text, expected", [
    ("台積電為蘋果代工A18晶片。", ("TSMC", "fabricatesFor", "Apple", "stated")),
    ("A18晶片由台积电代工生产。", ("TSMC", "manufactures", "A18", "stated")),
    ("三星计划向英伟达供应HBM4样品。", ("Samsung", "supplies", "NVIDIA", "planned")),
    ("据报道，三星向英伟达供应HBM4。", ("Samsung", "supplies", "NVIDIA", "reported")),
    ("传三星将向英伟达供应HBM4。", ("Samsung", "supplies", "NVIDIA", "rumoured")),
    ("英伟达预计从台积电采购更多晶圆。", ("NVIDIA", "customerOf", "TSMC", "expected")),
    ("中芯国际被列入实体清单。", ("Entity List", "restricts", "SMIC", "stated")),
    ("ASML首席执行官傅恪礼表示。", ("傅恪礼", "leads", "ASML", "stated")),
    ("台积电与ASML签署合作协议。", ("TSMC", "partnersWith", "ASML", "stated")),
    ("TSMC supplies wafers to Apple.", ("TSMC", "supplies", "Apple", "stated")),
    ("三星计划向荷兰ASML采购EUV光刻机。", ("Samsung", "customerOf", "ASML", "planned")),
    ("ASML的EUV光刻机供不应求。", ("ASML", "manufactures", "EUV lithography system", "stated")),
    ("台积电与设备商(ASML)、客户(苹果)等建立紧密联盟。", ("TSMC", "partnersWith", "Apple", "stated")),
    ("三星可能从台积电手中囤积了足够多的芯片。", ("Samsung", "customerOf", "TSMC", "expected")),
])
def test_relation_rules(extractor, text, expected):
    assert expected in rels(extractor.run(article(text)))


def test_coordinated_objects_are_expanded(extractor):
    r = rels(extractor.run(article("ASML向台积电、三星和中芯国际供应EUV光刻机。")))
    assert {("ASML", "supplies", o, "stated") for o in ("TSMC", "Samsung", "SMIC")} <= r


def test_negated_statements_are_not_extracted(extractor):
    r = rels(extractor.run(article("台积电并未向中芯国际供应芯片。")))
    assert not [x for x in r if x[1] == "supplies"]


def test_relations_respect_ontology_domains(extractor):
    # A place cannot design a chip: the designs rule needs an Agent subject.
    r = rels(extractor.run(article("美国推出A18芯片。")))
    assert not [x for x in r if x[1] == "designs"]
    dom, rng = shape_constraints()["designs"]
    assert "Agent" in dom and "Chip" in rng


def test_every_rule_compiles_and_names_a_known_predicate():
    rules = compiled_rules()
    assert len(rules) >= 40
    assert {r.predicate for r in rules} >= {"supplies", "fabricatesFor", "usesNode", "restricts", "leads"}


def test_hedge_status():
    assert hedge_status("台积电计划在美国建厂") is Status.planned
    assert hedge_status("台积电预计明年量产") is Status.expected
    assert hedge_status("据报道，台积电") is Status.reported
    assert hedge_status("网传台积电") is Status.rumoured
    assert hedge_status("传统工艺") is Status.stated
    assert hedge_status("联电的新产线已按计划投产") is Status.stated
    assert hedge_status("联电原计划明年投产") is Status.planned


def test_evidence_quotes_are_verbatim_sentences(extractor):
    text = "前言。\n臺積電為蘋果代工晶片，採用3nm製程！後記"
    r = extractor.run(article(text))
    assert r.relations
    for rel in r.relations:
        assert text[rel.evidence.start:rel.evidence.end] == rel.evidence.quote
        assert "臺積電" in rel.evidence.quote


def test_sentences_split_chinese_and_english():
    text = "第一句。第二句！Intel makes chips. TSMC too"
    spans = sentences(normalise(text), text)
    assert [text[a:b] for a, b in spans] == ["第一句。", "第二句！", "Intel makes chips.", "TSMC too"]


def test_an_overlong_sentence_is_cut_at_clause_breaks():
    # Text that lost its full stops: one "sentence" of 33,000 characters. The relation rules are
    # quadratic in a sentence's mentions, so it is cut into pieces, each ending at a comma.
    text = "台积电为苹果代工芯片，" * 3000 + "尾部"
    norm = normalise(text)
    spans = sentences(norm, text)
    assert len(spans) > 1 and all(b - a <= MAX_SENTENCE_CHARS for a, b in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(text[b - 1] == "，" for a, b in spans[:-1])  # every cut is after a clause break
    assert all(b == a2 for (_, b), (a2, _) in zip(spans, spans[1:]))  # nothing lost between pieces
    # No clause break at all: cut at the limit, still nothing lost.
    bare = "台" * (2 * MAX_SENTENCE_CHARS + 10)
    assert sentences(bare, bare) == [(0, MAX_SENTENCE_CHARS), (MAX_SENTENCE_CHARS, 2 * MAX_SENTENCE_CHARS),
                                     (2 * MAX_SENTENCE_CHARS, len(bare))]


def test_an_article_without_full_stops_still_yields_facts_with_true_quotes(extractor):
    text = "台积电为苹果代工芯片，" * 400
    r = extractor.run(article(text))
    assert ("TSMC", "fabricatesFor", "Apple", "stated") in rels(r)
    assert r.relations and all(len(x.evidence.quote) <= MAX_SENTENCE_CHARS for x in r.relations)
    assert all(text[x.evidence.start:x.evidence.end] == x.evidence.quote for x in r.relations)


# ------------------------------------------------------------------ quantities
@pytest.mark.parametrize("text, kind, value, unit, year", [
    ("2024年全球设备市场销售额达到1170亿美元", "MarketSize", "117000000000", "USD", 2024),
    ("台积电2024年营收达到900亿美元", "Revenue", "90000000000", "USD", 2024),
    ("此次投入500亿日元", "Investment", "50000000000", "JPY", None),
    ("月产能估计为40K片晶圆", "Capacity", "40000", "wafers/month", None),
    ("每月产能达3万片", "Capacity", "30000", "wafers/month", None),
    ("产能扩充至3万片/月", "Capacity", "30000", "wafers/month", None),
    ("实际产能或向17万片冲刺", "Capacity", "170000", "wafers", None),
    ("市占率为67%", "MarketShare", "67", "percent", None),
    ("去年营收达新台币32亿元", "Revenue", "3200000000", "TWD", None),  # the currency before the number
    ("拟以人民币12亿元收购", "Investment", "1200000000", "CNY", None),
    ("拟以12亿元人民币收购", "Investment", "1200000000", "CNY", None),
    ("芯片面积接近800mm²", "DieArea", "800", "mm2", None),
    # a year compared against dates the figure after it, not the one before it
    ("市占率为5.24%，较2023年减少1.81个百分点", "MarketShare", "5.24", "percent", None),
    ("2024年市占率为10.87%，较2023年减少", "MarketShare", "10.87", "percent", 2024),
    ("这一数字相较于2024年233台的出货量增长42%", "Shipments", "233", "machines", 2024),
])
def test_quantities(text, kind, value, unit, year):
    q = QuantityFinder().run(normalise(text))
    assert q, text
    assert (q[0].kind, format(q[0].value, "f"), q[0].unit, q[0].year) == (kind, value, unit, year)


def test_bare_numbers_are_not_quantities():
    assert QuantityFinder().run(normalise("同比增长约10%，共有3家公司")) == []


def test_measurements_attach_to_the_nearest_entity(extractor):
    r = extractor.run(article("台积电2024年营收达到900亿美元。"))
    assert [(m.about, m.kind, m.year) for m in r.measurements] == [("tsmc", "Revenue", 2024)]


@pytest.fixture(scope="module")
def full_extractor():
    from semikg.loaders.catalog import load_catalog

    return RuleBasedExtractor(load_catalog())


@pytest.mark.parametrize("text, about", [
    # An analyst firm reports the figure; the figure is about what it measures.
    ("TrendForce数据显示，2025年全球DRAM营收将达2310亿美元。", "dram"),
    ("据TrendForce统计，台积电2024年营收达到900亿美元。", "tsmc"),
    # Only a reporter: no subject is better than a wrong one.
    ("TrendForce预测，存储行业2025年营收有望达2000亿美元。", None),
    # A company's own report is about the company.
    ("台积电财报显示，2024年营收达到900亿美元。", "tsmc"),
    # A product's price and power belong to the product, not to the firm named first.
    ("英伟达的H100芯片售价约3万美元。", "h100"),
    # ... and not to the node it is made on.
    ("RK3588采用8nm工艺，NPU算力高达6TOPS。", "rk3588"),
    # A figure for a list as a whole belongs to none of its members; one firm's whole is its own.
    ("中国台湾有四家(台积电TSMC、联电UMC、力积电Powerchip)，整体市占率为78.52%。", None),
    ("日本、荷兰、美国企业合计占比超80%。", None),
    ("台积电整体营收达到900亿美元。", "tsmc"),
    # A salary is no price of the firm.
    ("英特尔文件显示，陈立武基本薪酬100万美元。", None),
])
def test_measurement_subject_skips_sources_and_prefers_products(full_extractor, text, about):
    r = full_extractor.run(article(text))
    assert [m.about for m in r.measurements] == ([about] if about else []), text


def test_matcher_falls_back_to_a_shorter_alias_when_the_longest_fails_its_check():
    from semikg.models import Catalog, CatalogEntry

    cat = Catalog(source="t", entries=(
        CatalogEntry(id="nvidia", type="Company", name="NVIDIA", match_case=True),
        CatalogEntry(id="h100", type="Chip", name="NVIDIA H100", aliases=("Nvidia H100", "H100"), match_case=True),
    ))
    m = CatalogMatcher(cat)
    for text, expected in [("NVIDIA H100芯片", [("h100", "NVIDIA H100")]),
                           ("Nvidia H100芯片", [("h100", "Nvidia H100")]),
                           ("nvidia h100芯片", []),           # wrong case: no alias fits
                           ("NVIDIA's H100", [("nvidia", "NVIDIA"), ("h100", "H100")]),
                           ("NVIDIA2022年推出H100", [("nvidia", "NVIDIA"), ("h100", "H100")]),
                           ("GH100与H1000", [])]:
        assert [(h.entity_id, text[h.start:h.end]) for h in m.run(normalise(text), text)] == expected, text


def _every_candidate_matcher(m: CatalogMatcher, norm: str, original: str) -> list[tuple[str, int, int]]:
    """The matcher's choice made the long way: every overlapping candidate that passes its check,
    leftmost then longest."""
    cands = sorted((s, -e, i) for i, s, e in m._index.find(norm) if m._passes(i, norm, original, s, e))
    out, pos = [], 0
    for s, neg_e, i in cands:
        if s >= pos:
            pos = -neg_e
            if m._values[i][1] is not None:
                out.append((m._values[i][1], s, pos))
    return out


def test_matcher_choice_after_a_failing_match_meets_the_longest_matches_again():
    from semikg.models import Catalog, CatalogEntry

    cat = Catalog(source="t", entries=(
        CatalogEntry(id="tel", type="Company", name="TEL", match_case=True),
        CatalogEntry(id="intel", type="Company", name="Intel", aliases=("英特尔",)),
        CatalogEntry(id="telx", type="Chip", name="TEL X9", aliases=("EL X9 Pro",)),
        CatalogEntry(id="x9", type="Chip", name="X9"),
        CatalogEntry(id="pro", type="Technology", name="Pro 2", aliases=("o 2代",)),
        CatalogEntry(id="tsmc", type="Company", name="台积电", aliases=("TSMC",)),
    ))
    m = CatalogMatcher(cat)
    for text in ["Intel与TEL合作", "hotel X9 Pro 2代与台积电", "tel X9芯片，TEL X9 Pro 2代", "Intelx英特尔TSMC",
                 "TELX9 Pro 2", "TEL X9 Pro 2代" * 30 + "hotel X9" + "，台积电" * 40, "台积电intelligence"]:
        norm = normalise(text)
        assert [(h.entity_id, h.start, h.end) for h in m.run(norm, text)] == _every_candidate_matcher(m, norm, text), text


def test_discovered_name_of_a_catalog_entity_resolves_to_it(extractor):
    r = extractor.run(article("英伟达推出H100芯片，另一款XK-7200芯片也已量产。"))
    ids = {e.id for e in r.entities}
    assert "h100" in ids and not any(e.name == "H100" and e.origin == "discovered" for e in r.entities)


def test_a_place_in_a_noun_phrase_is_not_hedged_by_the_sentence(extractor):
    r = rels(extractor.run(article("据传，荷兰ASML将向台积电供应设备。")))
    assert ("ASML", "locatedIn", "Netherlands", "stated") in r
    assert ("ASML", "supplies", "TSMC", "rumoured") in r


def test_a_preposition_before_an_enumerated_list_is_not_a_list_member(extractor):
    r = rels(extractor.run(article("台积电与AMD、苹果和英伟达等美国公司成立合资企业。")))
    located = {s for s, p, o, _ in r if p == "locatedIn" and o == "United States"}
    assert located == {"AMD", "Apple", "NVIDIA"}


def test_a_maker_between_the_trigger_and_the_node_does_not_block_the_rule(extractor):
    r = rels(extractor.run(article("H100采用台积电4nm工艺制造。")))
    assert ("H100", "usesNode", "4nm", "stated") in r


def test_tools_entering_production_lines_are_supplies_for_every_listed_maker(full_extractor):
    r = rels(full_extractor.run(article("中微公司、北方华创等厂商的设备已在长江存储、长鑫存储等国内产线实现量产。")))
    pairs = {(s, o) for s, p, o, _ in r if p == "supplies"}
    assert pairs == {(s, o) for s in ("AMEC", "NAURA Technology") for o in ("YMTC", "CXMT")}


def test_an_object_list_before_the_trigger_is_taken_whole(extractor):
    r = rels(extractor.run(article("美国将中芯国际与苹果列入实体清单。")))
    assert {o for s, p, o, _ in r if s == "Entity List" and p == "restricts"} == {"SMIC", "Apple"}


def test_a_comma_between_mentions_of_different_kinds_is_not_a_list(full_extractor):
    r = rels(full_extractor.run(article("在亞利桑那州,台積電的鳳凰城工廠是先進製程核心基地。")))
    assert not [x for x in r if x[1] == "partOf" and x[2] == "TSMC"]


@pytest.mark.parametrize("text, expected", [
    ("在AI芯片市场，英伟达遥遥领先于AMD。", {("NVIDIA", "AMD")}),
    # A pair ending a 等 list are rivals of someone else, not of each other.
    ("这使其具备了与厂商如苹果和AMD等正面竞争的资本。", set()),
    ("英伟达与AMD在GPU市场激烈竞争。", {("NVIDIA", "AMD")}),
])
def test_rivalry(extractor, text, expected):
    assert pairs(extractor.run(article(text)), "competesWith") == expected


def test_self_developed_technology_and_a_maker_before_it(extractor):
    r = rels(extractor.run(article("H100采用台积电自研的CoWoS技术。")))
    assert {("H100", "usesTechnology", "CoWoS", "stated"), ("TSMC", "develops", "CoWoS", "stated")} <= r


@pytest.mark.parametrize("text, status", [
    ("据报道，中芯国际有意向台积电供应设备。", "reported"),   # the source's hedge outranks the modality
    ("據報導，艾司摩爾將向台積電供應設備。", "reported"),     # Traditional 報導
    ("市場傳出，艾司摩爾向台積電供應設備。", "rumoured"),
    ("综合路透社等媒体报道，中芯国际将向台积电供应设备。", "reported"),   # a digest of media reports
    ("晶睿科技将自2026年起为台积电供应玻璃基板。", "planned"),             # 将 before a verb: will
    ("预计中芯国际将向台积电供应设备。", "expected"),                       # a forecast's 将 stays a forecast
    ("美国将艾司摩尔列入名单后，艾司摩尔仍向台积电供应设备。", "stated"),   # 将 before a noun: no tense
])
def test_hedges(extractor, text, status):
    r = rels(extractor.run(article(text)))
    assert {st for s, p, o, st in r if p == "supplies"} == {status}, r


def test_a_hedge_word_inside_a_name_hedges_nothing(extractor):
    # 计划 in the policy's name is not a plan: the signing is stated.
    from semikg.models import Catalog, CatalogEntry

    cat = Catalog(source="t", entries=(
        CatalogEntry(id="usa", type="Place", roles=("Country",), name="United States", zh_hans="美国"),
        CatalogEntry(id="beacon", type="Policy", name="Beacon Programme", zh_hans="灯塔计划"),
    ))
    r = rels(RuleBasedExtractor(cat).run(article("美国正式签署并启动灯塔计划。")))
    assert ("Beacon Programme", "issuedBy", "United States", "stated") in r


def test_a_conjunction_is_not_a_possessive(extractor):
    r = rels(extractor.run(article("美国和实体清单都受到关注。")))
    assert not [x for x in r if x[1] == "issuedBy"]


def test_an_object_is_not_taken_from_the_next_clause(extractor):
    r = rels(extractor.run(article("台积电为苹果代工芯片，三星则向英伟达供应存储芯片。")))
    assert {(s, o) for s, p, o, _ in r if p == "fabricatesFor"} == {("TSMC", "Apple")}
    assert ("Samsung", "supplies", "NVIDIA", "stated") in r


def test_a_policy_title_absorbs_the_place_it_starts_with(full_extractor):
    r = full_extractor.run(article("安徽省人民政府今年发布《安徽省集成电路产业促进条例》。"))
    assert ("Policy", "安徽省集成电路产业促进条例") in {(e.type, e.name) for e in r.entities}
    assert ("安徽省集成电路产业促进条例", "issuedBy", "安徽省人民政府", "stated") in rels(r)


@pytest.mark.parametrize("text, place, parent", [
    ("会议在田纳西州诺克斯维尔举行。", "Knoxville", "Tennessee"),
    ("苗栗竹南的封测产能持续扩充。", "Zhunan", "Miaoli"),
])
def test_regions_and_towns_of_the_catalog(full_extractor, text, place, parent):
    r = full_extractor.run(article(text))
    assert {place, parent} <= {e.name for e in r.entities if e.type == "Place"}


def test_whoever_puts_firms_on_a_list_restricts_them_and_issues_it(extractor):
    r = rels(extractor.run(article("美国周二将中芯国际与苹果列入实体清单。")))
    assert {(s, o) for s, p, o, _ in r if p == "restricts" and s == "United States"} == \
        {("United States", "SMIC"), ("United States", "Apple")}
    assert ("Entity List", "issuedBy", "United States", "stated") in r


def test_a_name_inside_a_quoted_title_is_not_the_actor(extractor):
    r = rels(extractor.run(article("该机构认定多家公司为“美国企业”，并将其列入实体清单。")))
    assert not [x for x in r if x[1] == "issuedBy"]


def test_a_discovered_model_number_is_found_again_without_its_cue(extractor):
    r = extractor.run(article("公司发布新一代推理芯片AX-9。该产品获得多家云服务商的青睐，订单饱满。"
                              "AX-9预计第四季开始出货，功耗为350W。AX-90则是旧款。"))
    ax9 = [m for m in r.mentions if m.surface == "AX-9"]
    assert len(ax9) == 2  # not inside AX-90
    names = {e.id: e.name for e in r.entities}
    assert [(names[m.about], m.kind, format(m.value, "f"), m.unit) for m in r.measurements] == \
        [("AX-9", "Power", "350", "W")]


@pytest.mark.parametrize("text, operator, site, place", [
    ("晶睿科技位于苗栗的竹南新厂预计明年完工。", "晶睿科技", "竹南新厂", "Miaoli"),
    ("晶越半导体位于合肥的B3工厂已开始量产。", "晶越半导体", "B3工厂", "Hefei"),
])
def test_a_site_named_by_its_place_or_code_after_weiyu(full_extractor, text, operator, site, place):
    r = full_extractor.run(article(text))
    found = rels(r)
    assert (operator, "operates", site, "stated") in found
    assert (site, "locatedIn", place, "stated") in found
    assert ("Fab", site) in {(e.type, e.name) for e in r.entities}


def test_a_firm_that_develops_a_chip_designs_it(extractor):
    r = rels(extractor.run(article("英伟达正在研发H100的后续产品，并已开发出CoWoS配套方案。")))
    assert ("NVIDIA", "designs", "H100", "stated") in r
    assert not [x for x in r if x[1] == "develops" and x[2] == "H100"]


def test_a_kind_of_firm_before_gongsi_is_not_a_firm():
    from semikg.extract.discovery import Discoverer

    text = "美国Fabless公司大都集中在加州，IDM公司则分布更广；Enosemi公司被收购。"
    found = {(f.type, f.name) for f in Discoverer().run(normalise(text), text, [])}
    assert ("Company", "Enosemi") in found
    assert not {n for t, n in found if n in ("Fabless", "IDM")}


def test_a_list_ending_in_he_is_not_a_partnership(full_extractor):
    r = rels(full_extractor.run(article("周边聚集了MACOM、Qorvo、Marvell和MediaTek等公司，共同构成了强大的产业集群。")))
    assert not [x for x in r if x[1] == "partnersWith"]


def test_a_chip_a_firm_launches_is_designed_not_made(extractor):
    r = rels(extractor.run(article("英伟达推出的H100芯片供不应求。")))
    assert ("NVIDIA", "designs", "H100", "stated") in r
    assert not [x for x in r if x[1] == "manufactures"]


def test_foundry_work_for_a_customer_named_after_a_longer_lead_in(full_extractor):
    r = rels(full_extractor.run(article("英特尔也开始悄然调整角色，重心转向为Mobileye提供底层芯片代工支持。")))
    assert ("Intel", "fabricatesFor", "Mobileye", "stated") in r


def test_a_short_place_name_does_not_split_a_longer_name(full_extractor):
    # 兰州 (Lanzhou) inside 波特兰州立大学 (Portland State), 世界 + 半导体 inside WSTS's Chinese name
    r = full_extractor.run(article("波特兰州立大学等高校参与了研究。据世界半导体贸易统计组织预测，市场将增长。"))
    names = {(e.type, e.name) for e in r.entities}
    assert ("Organization", "波特兰州立大学") in names
    assert not [n for t, n in names if n in ("Lanzhou", "世界半导体")]


@pytest.mark.parametrize("text, expected", [
    ("H100应用CoWoS技术。", {("H100", "CoWoS")}),
    ("该平台整合了H100应用处理器、CoWoS模块。", set()),   # 应用处理器: a noun, not "applies"
])
def test_a_trigger_heading_a_noun_is_no_verb(extractor, text, expected):
    assert pairs(extractor.run(article(text)), "usesTechnology") == expected


@pytest.fixture(scope="module")
def head_extractor():
    from semikg.models import Catalog, CatalogEntry

    return RuleBasedExtractor(Catalog(source="t", entries=(
        CatalogEntry(id="xinxing", type="Company", roles=("FablessCompany",), name="Xinxing Micro", zh_hans="新星微电子"),
        CatalogEntry(id="li-mingyuan", type="Person", name="Li Mingyuan", zh_hans="李明远"),
    )))


@pytest.mark.parametrize("text, expected", [
    ("李明远 新星微电子副总裁\n\n李明远：我们有200多家合作伙伴。", {("Li Mingyuan", "Xinxing Micro")}),   # a caption
    ("李明远，新星微电子总经理，介绍了新产品。", {("Li Mingyuan", "Xinxing Micro")}),
    ("李明远会见了新星微电子总裁王五。", {("王五", "Xinxing Micro")}),   # the title is someone else's
])
def test_a_name_organisation_title_caption_names_the_head(head_extractor, text, expected):
    assert pairs(head_extractor.run(article(text)), "leads") == expected


def test_an_investment_in_a_relative_clause_points_at_the_head_noun(full_extractor):
    r = rels(full_extractor.run(article("M15X是SK海力士投入约36亿美元的重大项目，预计将贡献产能。")))
    assert ("SK hynix", "investsIn", "SK hynix M15X", "stated") in r


@pytest.mark.parametrize("text, expected", [
    # a list in the subject slot stops at a member of another kind (Boston ends the places)
    ("Cadence位于圣何塞与波士顿、Arm与Ansys均在圣何塞，构成中心。",
     {("Cadence Design Systems", "San Jose"), ("Cadence Design Systems", "Boston"), ("Arm", "San Jose"),
      ("Ansys", "San Jose")}),
    # a name glossed in brackets is one list item; the match does not swallow the next clause's firm
    ("Lam Research分布在Fremont(弗里蒙特)与Livermore(利弗莫尔)，应用材料位于Santa Clara(圣克拉拉)与Sunnyvale。",
     {("Lam Research", "Fremont"), ("Lam Research", "Livermore"), ("Applied Materials", "Santa Clara"),
      ("Applied Materials", "Sunnyvale")}),
    ("IBM在奥尔巴尼(Albany)和约克镇高地(Yorktown Heights)设有关键研发中心。",
     {("IBM", "Albany, New York"), ("IBM", "Yorktown Heights")}),
    ("总部位于加州的英伟达发布新品。", {("NVIDIA", "California")}),
    # building a plant somewhere gives the firm a site there (places.at-place-has)
    ("台积电和三星都在美国建厂。", {("TSMC", "United States"), ("Samsung Electronics", "United States")}),
])
def test_locations_of_lists_glosses_and_relative_clauses(full_extractor, text, expected):
    assert pairs(full_extractor.run(article(text)), "locatedIn") == expected


def test_a_maker_glossed_in_brackets_does_not_block_the_rule(full_extractor):
    r = rels(full_extractor.run(article("英伟达（NVIDIA）和AMD（超威）都采用台积电(TSMC)的CoWoS技术。")))
    assert {(s, o) for s, p, o, _ in r if p == "usesTechnology"} == {("NVIDIA", "CoWoS"), ("AMD", "CoWoS")}


def test_setting_up_a_base_in_a_place_is_a_site_not_an_investment_in_the_place(full_extractor):
    # investsIn points at a firm, a fab or a technology; where a firm builds is locatedIn.
    r = rels(full_extractor.run(article("美光也在纽约州建立了先进制造基地。")))
    assert ("Micron Technology", "locatedIn", "New York State", "stated") in r
    assert not [x for x in r if x[1] == "investsIn"]


def test_a_city_name_straddling_a_word_is_not_a_place(full_extractor):
    # 平臺中 is "in the platform", not Taichung; 臺中市 still is.
    r = full_extractor.run(article("我們在這個平臺中首創集成系統級架構設計。公司在臺中市設有研發中心。"))
    places = [m for m in r.mentions if m.entity_id == "taichung"]
    assert [m.surface for m in places] == ["臺中市"]


@pytest.mark.parametrize("text, person", [
    ("博众仪器技术总监梁晶博士对产品进行介绍。", "梁晶"),   # 博士 is the title, not the name
    ("苏州大学校长张桥作为合作单位代表致辞。", "张桥"),
    ("首席执行官张伟表示", "张伟"),
])
def test_a_person_name_stops_before_a_title_or_verb(text, person):
    found = Discoverer().run(normalise(text), text, [])
    assert person in {f.name for f in found if f.type == "Person"}


def test_heads_of_universities_and_institutes_lead_them(full_extractor):
    r = rels(full_extractor.run(article("清华大学校长王希勤表示，将加强合作。")))
    assert ("王希勤", "leads", "Tsinghua University", "stated") in r


@pytest.mark.parametrize("text, expected", [
    ("Entegris、Siltronic与Moses Lake Industries共同构成关键供应体系。", {("Company", "Moses Lake Industries")}),
    ("材料端有EFC Gases & Advanced Materials、Entegris和Brown University等。",
     {("Company", "EFC Gases & Advanced Materials"), ("Organization", "Brown University")}),
    ("为小米CyberDog、宇树Unitree系列等产品提供支持。", set()),   # a firm's product, not a firm
    ("However, Samsung and TSMC disagree.", set()),                # a sentence's first word
    ("英特尔、AMD的CPU、GPU早已采用2.5D技术。", set()),             # generic categories
])
def test_latin_names_listed_with_companies_are_companies(full_extractor, text, expected):
    r = full_extractor.run(article(text))
    found = {(e.type, e.name) for e in r.entities if e.origin == "discovered"}
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    # a bare 公司 opening a clause is the firm just named
    ("据ASML首席技术官透露，公司与长期合作伙伴蔡司正联合攻关新一代光刻机。", {("ASML", "Carl Zeiss")}),
    ("ASML与长期合作伙伴蔡司正联合研发新一代光刻机。", {("ASML", "Carl Zeiss")}),
    ("许多半导体公司与台积电合作。", set()),   # 公司 inside a clause is a common noun
    ("这里聚集了imec和NY CREATES(IBM / 美光 联合研发平台)。", set()),   # a noun: 联合研发平台
])
def test_partners_named_as_such_and_a_clause_opening_company(full_extractor, text, expected):
    assert pairs(full_extractor.run(article(text)), "partnersWith") == expected


@pytest.mark.parametrize("text, expected", [
    ("重点来看H100，它是英伟达的旗舰产品。该芯片采用台积电4nm制程工艺。", {("NVIDIA H100", "4nm")}),
    # no chip named shortly before: 该芯片 stands for nothing
    ("英伟达发布了新的软件栈，并更新了驱动程序和开发工具，还公布了明年的路线图与生态合作计划，"
     "吸引了众多开发者参与其中，业界反响热烈，多家媒体进行了详细报道，相关讨论持续升温，"
     "社区活跃度明显提高。该芯片采用4nm制程工艺。", set()),
])
def test_this_chip_stands_for_the_chip_named_last(full_extractor, text, expected):
    assert pairs(full_extractor.run(article(text)), "usesNode") == expected


@pytest.mark.parametrize("text, expected", [
    ("彼时英特尔豪掷153亿美元将Mobileye收入囊中，震动业界。", {("Intel", "Mobileye")}),
    ("同时，英特尔出手收购了专注电动汽车能源管理芯片的Altera公司。", {("Intel", "Altera")}),
    ("英特尔收购了台积电的部分设备。", set()),   # TSMC owns what is bought
    ("AMD宣布收购一家名为Lumaflux的初创公司。", {("AMD", "Lumaflux")}),   # ... but here 的 describes
])
def test_acquisitions_with_ba_descriptions_and_possessors(full_extractor, text, expected):
    assert pairs(full_extractor.run(article(text)), "acquires") == expected


@pytest.mark.parametrize("text, expected", [
    ("OpenAI将租用谷歌云平台的张量处理单元，为ChatGPT提供算力。", {("OpenAI", "Google Cloud")}),
    ("字节跳动大量采购英伟达的H20芯片。", {("ByteDance", "NVIDIA")}),
    ("微软购买了台积电的股票。", set()),   # shares, not products
])
def test_buying_a_suppliers_product_makes_a_customer(full_extractor, text, expected):
    assert pairs(full_extractor.run(article(text)), "customerOf") == expected


def test_aid_is_funding_and_a_chip_equipped_with_a_technology_uses_it(full_extractor):
    r = rels(full_extractor.run(article("经济产业省计划2026财年向Rapidus援助约6300亿日元。")))
    assert ("Ministry of Economy, Trade and Industry", "funds", "Rapidus", "planned") in r
    r = rels(full_extractor.run(article("H100芯片配备了CoWoS先进封装。")))
    assert ("NVIDIA H100", "usesTechnology", "CoWoS", "stated") in r


@pytest.mark.parametrize("text, made, node", [
    # what is said of the chip may stand between it and its maker ...
    ("麒麟9000芯片采用自研的CoWoS技术，计划由台积电以5nm工艺代工制造。", {("TSMC", "Kirin 9000")}, {("Kirin 9000", "5nm")}),
    # ... but not another chip
    ("H100性能强劲，而麒麟9000芯片由台积电代工。", {("TSMC", "Kirin 9000")}, set()),
])
def test_a_chip_made_by_a_foundry_on_a_node(full_extractor, text, made, node):
    r = full_extractor.run(article(text))
    assert pairs(r, "manufactures") == made
    assert pairs(r, "usesNode") == node


def test_a_discovered_site_named_again_is_the_same_site(full_extractor):
    text = ("晶越半导体拟在合肥建设12英寸晶圆厂“晶越二厂”。晶越二厂将主要以28nm工艺生产显示驱动芯片。")
    r = full_extractor.run(article(text))
    fab = next(e.id for e in r.entities if e.type == "Fab")
    assert [m.surface for m in r.mentions if m.entity_id == fab] == ["晶越二厂", "晶越二厂"]
    assert {(s, o) for s, p, o, _ in rels(r) if p == "offersNode"} >= {("晶越二厂", "28nm")}


def test_a_legal_name_starting_with_a_city_is_found_whole(full_extractor):
    # 上 never starts a name stem, but 上海 is a city: 上海微纳仪器有限公司 is one firm.
    r = full_extractor.run(article("另有部分刻蚀机台将采用上海微纳仪器有限公司生产的设备。"))
    assert "上海微纳仪器有限公司" in {e.name for e in r.entities if e.origin == "discovered"}


def test_a_chip_said_to_be_the_successor_of_another(full_extractor):
    r = rels(full_extractor.run(article("H200是2023年推出的H100的后继产品，性能提升约2倍。")))
    assert ("NVIDIA H200", "successorOf", "NVIDIA H100", "stated") in r


def test_a_sibling_of_a_typed_model_number_is_of_its_kind():
    text = "今日发表新一代AI推论芯片AX-9。AX-9是2023年推出的AX-5的后继产品。"
    found = {(f.type, f.name) for f in Discoverer().run(normalise(text), text, [])}
    assert {("Chip", "AX-9"), ("Chip", "AX-5")} <= found
    # no typed sibling: a bare model number stays unknown
    text = "编号为QX-5的文件已归档。"
    assert not [f for f in Discoverer().run(normalise(text), text, []) if f.name == "QX-5"]


def test_a_possessor_is_not_what_a_figure_measures(full_extractor):
    r = full_extractor.run(article("H200是H100的后继产品，功耗为700W。"))
    names = {e.id: e.name for e in r.entities}
    assert [(names[m.about], m.kind) for m in r.measurements] == [("NVIDIA H200", "Power")]


def test_figures_are_found_in_every_sentence_holding_one_whatever_lies_between(extractor):
    # A digit in a sentence naming nothing, sentences naming a firm without a digit, a digit at a
    # sentence's very end: each sentence with a figure and a firm is read, no other.
    r = extractor.run(article("台积电2023年营收达到800亿美元。第3段说明。台积电表示需求强劲。三星也很积极。"
                              "台积电2024年营收达到900亿美元。三星营收达到$5"))
    assert [(m.about, m.year, format(m.value, "f"), m.unit) for m in r.measurements] == [
        ("tsmc", 2023, "80000000000", "USD"), ("tsmc", 2024, "90000000000", "USD"), ("samsung", None, "5", "USD")]
