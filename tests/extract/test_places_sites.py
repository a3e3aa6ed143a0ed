"""Places and sites read from how news names them: a firm's sites in a list of places, a country
before a site's local name, a numbered site of the same place, nationality words, places inside
places, chains of places, sites a firm builds in a place. Sentences written for these tests."""
from __future__ import annotations

import pytest

from semikg.extract.rules import RuleBasedExtractor
from semikg.loaders.catalog import load_catalog
from semikg.loaders.normalise import normalise, script_of
from semikg.models import Article


@pytest.fixture(scope="module")
def extractor() -> RuleBasedExtractor:
    return RuleBasedExtractor(load_catalog())


def run(extractor, text: str):
    return extractor.run(Article(id="t-000", source_file="t.txt", encoding="utf-8", index=0, start=0, end=len(text),
                                 title=text[:20], text=text, norm_text=normalise(text), script=script_of(text)))


def located(result, rule: str | None = None) -> set[tuple[str, str]]:
    return {(r.subject, r.object) for r in result.relations
            if r.predicate == "locatedIn" and (rule is None or r.evidence.rule == rule)}


def names(result) -> dict[str, str]:
    return {e.id: e.name for e in result.entities}


def fab_named(result, surface: str) -> str:
    ids = {m.entity_id for m in result.mentions if m.surface == surface}
    fabs = [e.id for e in result.entities if e.id in ids and e.type == "Fab"]
    assert fabs, f"no Fab mentioned as {surface!r}: {[m.surface for m in result.mentions]}"
    return fabs[0]


def test_a_firm_with_sites_in_a_list_of_places_is_in_each_but_not_in_the_region(extractor):
    for text in ("英飞凌的生产网络横跨两大洲：欧洲的德国、奥地利，以及东南亚的马来西亚与新加坡均设有工厂。",
                 "英飞凌于德国、奥地利，以及欧洲的荷兰与马来西亚均设有工厂。"):
        found = located(run(extractor, text))
        assert ("infineon", "germany") in found and ("infineon", "malaysia") in found
        assert ("infineon", "austria") in found
        assert ("infineon", "europe") not in found


def test_a_list_of_places_without_a_site_cue_locates_nobody(extractor):
    result = run(extractor, "英飞凌今天公布财报，德国、奥地利与马来西亚的需求都在增加。")
    assert not located(result, "places.listed-sites")


def test_a_firm_after_a_preposition_is_not_the_one_with_the_sites(extractor):
    result = run(extractor, "美光的芯片卖给英飞凌，德国与奥地利都有工厂。")
    assert ("infineon", "germany") not in located(result, "places.listed-sites")


def test_a_country_before_a_site_s_local_place_stays_out_of_its_name(extractor):
    result = run(extractor, "英特尔美国俄亥俄州一厂明年试产。")
    fab = fab_named(result, "俄亥俄州一厂")
    assert {(fab, "usa"), (fab, "ohio")} <= located(result)
    assert any(m.entity_id == "usa" and m.surface == "美国" for m in result.mentions)
    assert ("intel", "operates", fab) in {(r.subject, r.predicate, r.object) for r in result.relations}


def test_a_site_named_by_its_number_takes_the_places_of_its_sibling(extractor):
    result = run(extractor, "英特尔俄亥俄州第一厂已经动工，第二厂预计明年动工。")
    second = fab_named(result, "第二厂")
    assert (second, "ohio") in located(result)


def test_a_numbered_site_of_another_firm_takes_no_sibling_places(extractor):
    result = run(extractor, "英特尔俄亥俄州第一厂已经动工，三星表示其第二厂预计明年动工。")
    second = fab_named(result, "第二厂")
    assert (second, "ohio") not in located(result)


def test_nationality_words_locate_the_firms_listed_before_them_or_named_after_them(extractor):
    result = run(extractor, "华邦电（2344）与南亚科（2408）等台厂受惠于记忆体涨价，美商应用材料也同样乐观。")
    found = located(result, "places.nationality-word")
    assert {("winbond", "taiwan"), ("nanya-tech", "taiwan"), ("applied-materials", "usa")} <= found


def test_a_nationality_syllable_inside_another_word_locates_nobody(extractor):
    result = run(extractor, "英特尔表示，欧美厂商的订单与日韩厂商相当。")
    assert not located(result, "places.nationality-word")


def test_a_place_inside_a_place_is_found_by_its_gloss_or_its_district_word(extractor):
    result = run(extractor, "该公司在佛罗里达州坦帕(Tampa)设有办事处，总部位于东京都品川区。坦帕的员工有两百人。")
    places = {e.name for e in result.entities if e.type == "Place"}
    assert {"坦帕", "品川区"} <= places
    tampa = next(e.id for e in result.entities if e.name == "坦帕")
    assert sum(m.entity_id == tampa for m in result.mentions) >= 3  # 坦帕, Tampa, and 坦帕 again


def test_words_after_a_place_that_name_a_market_or_an_industry_are_no_place(extractor):
    result = run(extractor, "美国半导体市场看好，台湾新竹县市长出席，美国东南地区的需求也在增加。"
                            "该公司计划在台湾挂牌上市，美国总统川普(Donald Trump)与加州州长纽森(Gavin Newsom)出席。")
    assert not [e for e in result.entities if e.type == "Place" and e.id.startswith("d-")]


def test_whatever_is_in_a_place_of_a_chain_is_in_each_place_of_it(extractor):
    result = run(extractor, "格芯计划于佛蒙特州埃塞克斯(Essex)扩建工厂。")
    essex = next(e.id for e in result.entities if e.name == "埃塞克斯")
    assert {("globalfoundries", "vermont"), ("globalfoundries", essex)} <= located(result)


def test_a_site_built_in_a_named_place_is_a_fab_its_builder_operates(extractor):
    result = run(extractor, "格芯计划于佛蒙特州埃塞克斯(Essex)扩建工厂。")
    fab = fab_named(result, "工厂")
    essex = next(e.id for e in result.entities if e.name == "埃塞克斯")
    rels = {(r.subject, r.predicate, r.object): r for r in result.relations}
    assert ("globalfoundries", "operates", fab) in rels
    assert rels[("globalfoundries", "operates", fab)].evidence.status.value == "planned"
    assert {(fab, "vermont"), (fab, essex)} <= located(result)
    assert names(result)[fab] == "格芯埃塞克斯工厂"


def test_a_site_built_in_a_country_alone_names_no_fab(extractor):
    result = run(extractor, "台积电将在美国兴建晶圆厂。")
    assert not [e for e in result.entities if e.type == "Fab"]


def test_a_technology_a_site_is_named_by_is_part_of_its_name(extractor):
    result = run(extractor, "鸿海表示，集团在江苏先进封装厂的进展顺利。")
    fab = fab_named(result, "江苏先进封装厂")
    rels = {(r.subject, r.predicate, r.object) for r in result.relations}
    assert {("foxconn", "operates", fab), (fab, "usesTechnology", "advanced-packaging"),
            (fab, "locatedIn", "jiangsu")} <= rels
    assert any(m.entity_id == "advanced-packaging" for m in result.mentions)  # still named, nested


def test_a_catalog_firm_with_a_bracketed_place_and_a_firm_word_is_its_local_subsidiary(extractor):
    result = run(extractor, "台积电（南京）有限公司今年扩产。")
    sub = next(e.id for e in result.entities if e.name == "台积电（南京）")
    rels = {(r.subject, r.predicate, r.object) for r in result.relations}
    assert {(sub, "partOf", "tsmc"), (sub, "locatedIn", "nanjing")} <= rels
    assert ("tsmc", "locatedIn", "nanjing") not in rels


def test_a_firm_list_runs_through_items_named_only_by_a_stock_code(extractor):
    result = run(extractor, "华邦电（2344）、某某（1234）与南亚科（2408）等台厂第四季看好。")
    assert {("winbond", "taiwan"), ("nanya-tech", "taiwan")} <= located(result, "places.nationality-word")


def test_sites_counted_in_listed_places_are_one_fab_of_the_firm_in_each_place(extractor):
    result = run(extractor, "SK海力士于利川与清州共有4座NAND闪存晶圆厂。")
    fab = fab_named(result, "NAND闪存晶圆厂")
    rels = {(r.subject, r.predicate, r.object) for r in result.relations}
    assert {("sk-hynix", "operates", fab), (fab, "locatedIn", "icheon"), (fab, "locatedIn", "cheongju")} <= rels
    assert any(m.entity_id == "nand" for m in result.mentions)


def test_sites_listed_without_a_count_make_no_fab(extractor):
    result = run(extractor, "三星电子在平泽、华城两地都设有工厂。")
    assert not [e for e in result.entities if e.type == "Fab"]
    assert {("samsung", "pyeongtaek"), ("samsung", "hwaseong")} <= located(result)


def test_a_site_named_by_its_code_alone_is_the_site_of_the_firm_before_it_in_the_sentence(extractor):
    result = run(extractor, "英特尔宣布，Fab 62明年投产。三星表示会跟进，Fab 63则由谁营运尚未确定？")
    fab62 = fab_named(result, "Fab 62")
    rels = {(r.subject, r.predicate, r.object) for r in result.relations}
    assert ("intel", "operates", fab62) in rels
    fab63 = fab_named(result, "Fab 63")
    assert ("intel", "operates", fab63) not in rels  # another sentence: Intel is not named in it


def test_home_bases_settling_and_headquarters_locate_a_firm(extractor):
    result = run(extractor, "台积电在大本营台湾扩产。格芯进驻德国德累斯顿。英飞凌德国总部今天宣布裁员。")
    assert {("tsmc", "taiwan"), ("globalfoundries", "germany"), ("globalfoundries", "dresden"),
            ("infineon", "germany")} <= located(result)


def test_a_city_named_without_its_city_word_before_a_site_word_names_the_site_s_place(extractor):
    result = run(extractor, "铠侠在北上工厂扩产。")
    fab = fab_named(result, "北上工厂")
    assert (fab, "kitakami") in located(result)
    assert not [e for e in run(extractor, "铠侠表示，四日工厂停工一天。").entities if e.type == "Place"]


def test_a_firm_that_has_sites_named_by_their_places_is_in_each_place(extractor):
    result = run(extractor, "英飞凌拥有俄勒冈州厂与缅因州厂，研发则集中在慕尼黑。")
    assert {("infineon", "oregon"), ("infineon", "maine")} <= located(result, "places.has-named-sites")
    other = run(extractor, "英飞凌表示，德州仪器的俄勒冈州厂今年扩产。")
    assert ("infineon", "oregon") not in located(other)


def test_a_city_after_located_at_is_a_place_even_with_a_known_place_inside_its_name(extractor):
    result = run(extractor, "英飞凌位于北广岛市的工厂扩产，另一座位于工业区的工厂停工。")
    places = {e.name for e in result.entities if e.type == "Place"}
    assert "北广岛市" in places and "工业区" not in places


def test_has_inside_another_word_names_no_sites(extractor):
    result = run(extractor, "英飞凌将在现有德州厂区内扩产。")
    assert ("infineon", "texas") not in located(result, "places.has-named-sites")
