"""Chips, tools and technologies named by kind, number or head noun, and the usage facts read off
them, on sentences written for these tests."""
from __future__ import annotations

import pytest

from semikg.extract.rules import RuleBasedExtractor
from semikg.loaders.catalog import load_catalog
from semikg.loaders.normalise import normalise, script_of
from semikg.models import Article


@pytest.fixture(scope="module")
def extractor() -> RuleBasedExtractor:
    return RuleBasedExtractor(load_catalog())


def run(extractor: RuleBasedExtractor, text: str):
    result = extract(extractor, text)
    refs = {e.id: e for e in result.entities}
    named = {(text[m.start:m.end], refs[m.entity_id].type) for m in result.mentions}
    facts = {(refs[r.subject].name, r.predicate, refs[r.object].name) for r in result.relations}
    return named, facts


def extract(extractor: RuleBasedExtractor, text: str):
    return extractor.run(Article(id="t-000", source_file="t.txt", encoding="utf-8", index=0, start=0, end=len(text),
                                 title=text[:20], text=text, norm_text=normalise(text), script=script_of(text)))


@pytest.mark.parametrize("text, surface, typ", [
    ("这台EUV光刻机售价高昂。", "EUV光刻机", "Equipment"),
    ("这条产线采用EUV工艺量产。", "EUV", "Technology"),
    ("极紫外光刻是先进制程的关键。", "极紫外光刻", "Technology"),
    ("荷兰限制出口DUV设备。", "DUV设备", "Equipment"),
    ("该厂导入了深紫外光刻机。", "深紫外光刻机", "Equipment"),
])
def test_the_head_noun_after_a_lithography_acronym_decides_tool_or_technology(extractor, text, surface, typ):
    named, _ = run(extractor, text)
    assert (surface, typ) in named


def test_a_chip_named_by_its_kind_uses_that_technology(extractor):
    named, facts = run(extractor, "这部手机装有DRAM芯片和电源管理IC。")
    assert ("DRAM芯片", "Chip") in named and ("电源管理IC", "Chip") in named
    assert ("DRAM芯片", "usesTechnology", "DRAM") in facts


def test_a_kind_glued_to_a_longer_latin_word_is_no_chip(extractor):
    named, _ = run(extractor, "这家公司生产XDRAM芯片。")
    assert not any(s.endswith("DRAM芯片") and t == "Chip" for s, t in named)


def test_a_described_memory_product_keeps_its_mobile_dram_words(extractor):
    named, facts = run(extractor, "美光推出32Gb LPDDR5X Mobile D-RAM颗粒。")
    assert ("32Gb LPDDR5X Mobile D-RAM", "Chip") in named
    assert ("32Gb LPDDR5X Mobile D-RAM", "usesTechnology", "DRAM") in facts


def test_two_letter_spaced_model_needs_a_chip_word_after_it(extractor):
    named, _ = run(extractor, "超微的MI 308晶片获准出口。")
    assert ("MI 308", "Chip") in named
    named, _ = run(extractor, "该公司的GB 2025标准今年实施。")
    assert not any(t == "Chip" for _, t in named)


def test_a_colon_model_before_a_tool_word_is_equipment(extractor):
    named, _ = run(extractor, "荷兰撤销了XT:1980i 光刻机的出口许可证。")
    assert ("XT:1980i", "Equipment") in named


def test_a_number_of_a_known_chip_with_another_letter_is_its_sibling(extractor):
    named, facts = run(extractor, "华为计划推出910C之后的芯片，业界称之为910D。")
    assert ("910D", "Chip") in named
    assert ("910D", "successorOf", "Ascend 910C") in facts
    named, _ = run(extractor, "华为今年推出910C，营收增长了300万元。")
    assert not any(s.startswith("300") for s, _ in named)


def test_a_memory_maker_makes_the_chips_it_is_said_to_design(extractor):
    _, facts = run(extractor, "这台电脑装的是美光的DRAM芯片。")
    assert ("Micron Technology", "manufactures", "DRAM芯片") in facts
    assert ("Micron Technology", "designs", "DRAM芯片") not in facts  # the possessive says whose, not who designed it
    _, facts = run(extractor, "长江存储宣布其232层TLC闪存芯片研发成功。")
    assert ("YMTC", "designs", "232层TLC闪存芯片") in facts
    assert not any(p == "manufactures" for _, p, _ in facts)  # developed, not made yet
    _, facts = run(extractor, "这部手机使用英伟达的H100芯片。")
    assert not any(p == "manufactures" and s == "NVIDIA" for s, p, _ in facts)


def test_a_chip_adopting_a_node_with_its_maker_between(extractor):
    _, facts = run(extractor, "B300是英伟达首款采用3纳米工艺的产品。")
    assert ("NVIDIA B300", "usesNode", "3nm") in facts or any(
        p == "usesNode" and o == "3nm" and "B300" in s for s, p, o in facts)


def test_a_tool_named_by_a_technology_uses_it(extractor):
    _, facts = run(extractor, "ASML向台积电交付了EUV光刻机。")
    assert ("EUV lithography system", "usesTechnology", "EUV lithography") in facts


def test_a_generation_of_memory_is_no_user_of_its_family(extractor):
    _, facts = run(extractor, "SK海力士今年量产HBM3E。")
    assert not any(s == "HBM3E" and p == "usesTechnology" for s, p, _ in facts)


def test_a_chip_in_development_is_developed_by_the_firm_its_name_gives(extractor):
    _, facts = run(extractor, "海光三号芯片已经完成验证，海光四号芯片处于研发阶段。")
    assert ("Hygon", "develops", "海光四号") in facts
    assert ("Hygon", "develops", "海光三号") not in facts


def test_consecutive_generations_make_a_successor(extractor):
    _, facts = run(extractor, "海光一号是第一代CPU产品；海光二号是第二代CPU产品。")
    assert ("海光二号", "successorOf", "海光一号") in facts
    _, facts = run(extractor, "海光一号是第一代CPU产品；海光三号是第三代CPU产品。")
    assert not any(p == "successorOf" for _, p, _ in facts)


@pytest.mark.parametrize("text, surface, node", [
    ("台积电计划导入一点六纳米。", "一点六纳米", "1.6nm"),
    ("三星量产十四纳米芯片。", "十四纳米", "14nm"),
    ("该厂推进微缩到一點二奈米。", "一點二奈米", "1.2nm"),
])
def test_a_node_in_chinese_numerals_is_a_node(extractor, text, surface, node):
    named, _ = run(extractor, text)
    assert (surface, "ProcessNode") in named
    assert not any(t == "ProcessNode" and s != surface for s, t in named)


def test_a_prototype_on_a_node_is_its_development(extractor):
    _, facts = run(extractor, "Rapidus团队成功制造出2纳米原型晶体管。")
    assert ("Rapidus", "develops", "2nm") in facts


def test_a_process_named_tool_in_a_list_of_tools_is_equipment_using_that_process(extractor):
    named, facts = run(extractor, "该公司推出了低温化学气相沉积(LPCVD)、单片式原子层刻蚀(ALE)等多款设备。")
    assert ("低温化学气相沉积(LPCVD)", "Equipment") in named and ("单片式原子层刻蚀(ALE)", "Equipment") in named
    assert ("低温化学气相沉积(LPCVD)", "usesTechnology", "chemical vapor deposition") in facts


def test_a_bare_process_with_its_acronym_stays_the_catalog_technique(extractor):
    named, _ = run(extractor, "化学气相沉积(CVD)是一种薄膜技术。")
    assert not any(s.startswith("化学气相沉积(") for s, _ in named)


def test_a_chip_named_by_its_node_and_kind_uses_both(extractor):
    named, facts = run(extractor, "联发科推出7nm 5G芯片。")
    assert ("7nm 5G芯片", "Chip") in named
    assert ("7nm 5G芯片", "usesNode", "7nm") in facts and ("7nm 5G芯片", "usesTechnology", "5G") in facts


def test_a_dram_generation_is_a_node_with_its_word(extractor):
    named, _ = run(extractor, "美光量产10纳米级(1y)内存，并研发1c节点。")
    assert ("1y", "ProcessNode") in named and ("1c节点", "ProcessNode") in named


def test_a_numeral_ending_a_word_is_no_node(extractor):
    named, _ = run(extractor, "该材料可形成均一纳米结构。")
    assert not any(t == "ProcessNode" for _, t in named)


def test_a_catalog_chip_family_named_with_its_designer_is_designed_by_it(extractor):
    _, facts = run(extractor, "微软今年采购了大批AMD Instinct GPU。")
    assert ("AMD", "designs", "AMD Instinct") in facts


def test_a_line_named_by_its_maker_a_kind_and_an_acronym_is_a_chip_it_designs(extractor):
    named, facts = run(extractor, "其产品线有海光服务器处理器(CPU)与海光加速卡(DCU)。")
    assert ("海光服务器处理器", "Chip") in named and ("海光加速卡", "Chip") in named
    assert ("Hygon", "designs", "海光服务器处理器") in facts
    named, _ = run(extractor, "英伟达的芯片(GPU)很贵。")
    assert not any(t == "Chip" for _, t in named)


def test_a_node_named_by_its_maker_going_into_production_is_offered_by_it(extractor):
    _, facts = run(extractor, "A16 和 N2P 预计于 2026 年量产。")
    assert ("TSMC", "offersNode", "TSMC N2P") in facts and ("TSMC", "offersNode", "TSMC A16") in facts
    _, facts = run(extractor, "三星表示 N2P 将于明年量产。")  # a firm is named: the rules decide, not the name
    assert ("TSMC", "offersNode", "TSMC N2P") not in facts
    _, facts = run(extractor, "3纳米将于明年量产。")  # a node nobody's name owns
    assert not any(p == "offersNode" for _, p, _ in facts)


def test_chips_made_at_a_site_are_made_by_its_operator(extractor):
    _, facts = run(extractor, "Lunar Lake及多款新品都在亚利桑那州的Fab 52进行生产。")
    assert ("Intel", "manufactures", "Lunar Lake") in facts
    assert not any(s == "Intel Fab 52" and p == "manufactures" for s, p, _ in facts)


def test_a_series_named_by_a_chip_kind_between_maker_and_chip(extractor):
    text = "海光推出海光加速卡(DCU)。海光 DCU 产品线包括深算三号。"
    named, facts = run(extractor, text)
    assert ("DCU", "Chip") in named  # the line named before stands between maker and chip
    assert ("Hygon", "designs", "深算三号") in facts


def test_a_chip_designers_product_line_is_what_it_designs(extractor):
    _, facts = run(extractor, "联发科主营天玑9400等手机芯片。")
    assert not any(s == "MediaTek" and p == "manufactures" for s, p, _ in facts)


# A catalog tool or chip whose name opens with a technology's name uses that technology.
NAME_RULE = "usage.name-usesTechnology"


def named_uses(result) -> set[tuple[str, str]]:
    return {(r.subject, r.object) for r in result.relations if r.evidence.rule == NAME_RULE}


def test_a_tool_named_after_a_technology_uses_it(extractor):
    result = extract(extractor, "这家工厂去年采购了多台DUV光刻机，用于成熟制程的生产。")
    assert ("duv-lithography", "duv") in named_uses(result)


def test_a_generation_named_after_a_technology_does_not_use_it(extractor):
    result = extract(extractor, "该公司今年开始量产HBM3产品，供应给多家客户。")
    assert not {s for s, o in named_uses(result) if o == "hbm"}
