"""Discovery mechanisms that hold on any article: sites named by place, number or code; legal
names with a place in brackets; banks, funds and exchanges; firms listed with firms; products and
tools named by description; policies named by what they do; verbs glued to an industry word.
Every sentence here is written for the test."""
from __future__ import annotations

import pytest

from semikg.extract.rules import RuleBasedExtractor
from tests.support.extracting import extract, extractor_of

CATALOG = """version: 1
entities:
  - {id: usa, type: Place, roles: [Country], name: United States, zh_hans: 美国, zh_hant: 美國}
  - {id: arizona, type: Place, name: Arizona, zh_hans: 亚利桑那州, zh_hant: 亞利桑那州, part_of: usa}
  - {id: kaohsiung, type: Place, name: Kaohsiung, zh_hans: 高雄, zh_hant: 高雄}
  - {id: hsinchu, type: Place, name: Hsinchu, zh_hans: 新竹, zh_hant: 新竹}
  - {id: hunan, type: Place, name: Hunan, zh_hans: 湖南, zh_hant: 湖南}
  - {id: suzhou, type: Place, name: Suzhou, zh_hans: 苏州, zh_hant: 蘇州}
  - {id: china, type: Place, roles: [Country], name: China, zh_hans: 中国, zh_hant: 中國}
  - {id: tsmc, type: Company, roles: [Foundry], name: TSMC, zh_hans: 台积电, zh_hant: 台積電}
  - {id: samsung, type: Company, roles: [IDM], name: Samsung, zh_hans: 三星, zh_hant: 三星}
  - {id: mediatek, type: Company, roles: [FablessCompany], name: MediaTek, zh_hans: 联发科, zh_hant: 聯發科}
  - {id: ddr5, type: Technology, name: DDR5}
  - {id: dram, type: Technology, name: DRAM}
  - {id: nand, type: Technology, name: NAND flash, zh_hans: NAND闪存, aliases: [3D NAND闪存]}
  - {id: cowos, type: Technology, name: CoWoS}
  - {id: soic, type: Technology, name: SoIC}
  - {id: smic, type: Company, roles: [Foundry], name: SMIC, zh_hans: 中芯国际, zh_hant: 中芯國際}
  - {id: beijing, type: Place, name: Beijing, zh_hans: 北京, zh_hant: 北京}
  - {id: wuhan, type: Place, name: Wuhan, zh_hans: 武汉, zh_hant: 武漢}
  - {id: shanghai, type: Place, name: Shanghai, zh_hans: 上海, zh_hant: 上海}
  - {id: zte, type: Company, roles: [DeviceMaker], name: ZTE, zh_hans: 中兴, zh_hant: 中興}
"""


@pytest.fixture(scope="module")
def ex(tmp_path_factory) -> RuleBasedExtractor:
    return extractor_of(CATALOG, tmp_path_factory.mktemp("cat"))


def run(ex, text: str):
    return extract(ex, text, "g-000")


def named(r) -> set[tuple[str, str]]:
    types = {e.id: e.type for e in r.entities}
    return {(types[m.entity_id], m.surface) for m in r.mentions}


def facts(r) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in r.entities}
    return {(names.get(x.subject, x.subject), x.predicate, names.get(x.object, x.object)) for x in r.relations}


# ------------------------------------------------------------------ sites
def test_a_site_named_by_place_and_number_is_a_fab_its_firm_operates(ex):
    r = run(ex, "台积电亚利桑那州五厂将于后年启用。")
    assert ("Fab", "亚利桑那州五厂") in named(r)
    assert {("TSMC", "operates", "台积电亚利桑那州五厂"), ("台积电亚利桑那州五厂", "locatedIn", "Arizona")} <= facts(r)


def test_sites_named_by_number_alone_belong_to_the_firm_named_before_them(ex):
    r = run(ex, "三星表示，二厂明年完工，第三厂仍在规划。")
    assert {("Fab", "二厂"), ("Fab", "第三厂")} <= named(r)
    assert {("Samsung", "operates", "三星二厂"), ("Samsung", "operates", "三星第三厂")} <= facts(r)


def test_a_site_named_by_code_or_wafer_size_after_a_place(ex):
    r = run(ex, "联发科将在新竹Q7厂测试，高雄12吋厂也将加入。")
    assert {("Fab", "新竹Q7厂"), ("Fab", "高雄12吋厂")} <= named(r)


def test_a_country_or_a_kind_before_a_site_word_names_no_site(ex):
    r = run(ex, "美国晶圆厂与封装厂的数量都在增加，代工厂也在扩产。")
    assert not any(t == "Fab" for t, _ in named(r))


def test_a_numbered_site_named_again_is_the_same_site_whoever_is_named_between(ex):
    r = run(ex, "台积电在新竹Q7厂生产。三星与联发科也将参观新竹Q7厂。")
    fabs = {m.entity_id for m in r.mentions if m.surface == "新竹Q7厂"}
    assert len(fabs) == 1
    assert not any(p == "operates" and s != "TSMC" for s, p, _ in facts(r))


def test_a_number_glued_to_an_unknown_word_is_left_alone(ex):
    r = run(ex, "星河二厂今年投产。")
    assert ("Fab", "二厂") not in named(r)


# ------------------------------------------------------------------ firms and bodies
def test_a_legal_name_is_kept_through_characters_that_end_weaker_names(ex):
    r = run(ex, "出资方有中国农商银行股份有限公司，承建方为模拟芯片企业湖南中星电气半导体有限公司。")
    assert {("Company", "中国农商银行股份有限公司"), ("Company", "湖南中星电气半导体有限公司")} <= named(r)
    # The place in the name is named too, with no claim that the firm is still there.
    assert ("Place", "湖南") in named(r)
    assert not any(p == "locatedIn" for _, p, _ in facts(r))


def test_a_place_in_brackets_belongs_to_the_legal_name(ex):
    r = run(ex, "新设的云海电子(苏州)有限公司已投产，东山科技（苏州）也宣布扩产。")
    assert {("Company", "云海电子(苏州)有限公司"), ("Company", "东山科技（苏州）")} <= named(r)


def test_banks_funds_and_investment_houses_are_firms(ex):
    r = run(ex, "湖南省半导体产业基金牵头，星河国投跟投，招商银行给予授信。")
    assert {("Company", "湖南省半导体产业基金"), ("Company", "星河国投"), ("Company", "招商银行")} <= named(r)


def test_generic_funds_and_registered_capital_are_no_firms(ex):
    r = run(ex, "该私募股权投资基金的注册资本为十亿元，另有官民基金参与。")
    assert not any(t == "Company" for t, _ in named(r))


def test_a_short_name_listed_with_firms_is_a_firm(ex):
    r = run(ex, "参与者包括台积电、联发科、甲乙丙、丁戊等厂商。")
    assert {("Company", "甲乙丙"), ("Company", "丁戊")} <= named(r)


def test_a_kind_of_firm_listed_with_firms_is_no_firm(ex):
    r = run(ex, "台积电、三星、手机厂商和汽车业者都受影响。")
    assert {s for t, s in named(r) if t == "Company"} == {"台积电", "三星"}


def test_ministries_and_exchanges_stand_alone(ex):
    r = run(ex, "会后，财政部表示将延续政策，上交所也发布通知。")
    assert {("Organization", "财政部"), ("Organization", "上交所")} <= named(r)


@pytest.mark.parametrize("text", ["新车型热销，带动半导体用量。", "数据中心扩建正驱动半导体采购。",
                                  "今年整体半导体库存偏高。", "这份报告突显半导体人才短缺。"])
def test_a_verb_or_adverb_glued_to_an_industry_word_is_no_firm(ex, text):
    assert not any(t == "Company" for t, _ in named(run(ex, text)))


def test_a_name_with_an_industry_word_is_still_a_firm(ex):
    assert ("Company", "星辰半导体") in named(run(ex, "星辰半导体今年营收增长。"))


# ------------------------------------------------------------------ people
@pytest.mark.parametrize("text, name", [("新闻稿由发言人王一鸣发布。", "王一鸣"), ("会议由县委书记信大为主持。", "信大为"),
                                        ("剪彩嘉宾有副市长李明。", "李明")])
def test_people_by_office_words(ex, text, name):
    assert ("Person", name) in named(run(ex, text))


def test_a_surname_like_character_before_a_verb_is_no_person(ex):
    assert not any(t == "Person" for t, _ in named(run(ex, "该公司董事曾在台积电任职。")))


# ------------------------------------------------------------------ products, tools, policies
def test_a_product_named_by_capacity_and_kind_uses_the_kinds_named_in_it(ex):
    r = run(ex, "公司量产24Gb DDR5 DRAM，并推出232层TLC 3D NAND闪存。")
    assert {("Chip", "24Gb DDR5 DRAM"), ("Chip", "232层TLC 3D NAND闪存")} <= named(r)
    assert {("24Gb DDR5 DRAM", "usesTechnology", "DDR5"), ("24Gb DDR5 DRAM", "usesTechnology", "DRAM"),
            ("232层TLC 3D NAND闪存", "usesTechnology", "NAND flash")} <= facts(r)


def test_a_memory_size_is_no_product(ex):
    assert not any(t == "Chip" for t, _ in named(run(ex, "这台电脑配备8GB内存和512GB硬盘。")))


def test_generic_tool_classes_are_equipment(ex):
    r = run(ex, "该厂引进了ALD设备、清洗机和热处理设备。")
    assert {("Equipment", "清洗机"), ("Equipment", "热处理设备")} <= named(r)


def test_policies_named_by_what_they_do_with_their_issuer(ex):
    r = run(ex, "美国对华存储芯片出口限制升级，并提供研发税收抵免，这笔补贴很大。")
    assert {("Policy", "对华存储芯片出口限制"), ("Policy", "研发税收抵免")} <= named(r)
    assert ("对华存储芯片出口限制", "issuedBy", "United States") in facts(r)
    assert ("Policy", "这笔补贴") not in named(r) and ("Policy", "补贴") not in named(r)


# ------------------------------------------------------------------ more firms
def test_firms_named_with_their_stock_code(ex):
    r = run(ex, "供应商包括星岚（2468）、云杉（6137）与禾丰（688123）。")
    assert {("Company", "星岚"), ("Company", "云杉"), ("Company", "禾丰")} <= named(r)


def test_a_year_in_brackets_is_no_stock_code(ex):
    assert not any(t == "Company" for t, _ in named(run(ex, "该协会（2024）发布年度报告。")))


def test_a_name_after_a_firm_and_and_is_a_firm(ex):
    assert ("Company", "星岚") in named(run(ex, "新机搭载在中兴和星岚的设备上。"))


def test_a_firm_after_a_word_that_precedes_names(ex):
    assert ("Company", "星晶科技") in named(run(ex, "台积电旗下子公司星晶科技今年扩产。"))


def test_a_subsidiary_named_after_its_parent_is_part_of_it(ex):
    r = run(ex, "由中芯国际东方晶圆制造(武汉)有限公司负责，中芯国际西部晶圆制造（武汉）也参与。")
    assert {("Company", "中芯国际东方晶圆制造(武汉)有限公司"), ("Company", "中芯国际西部晶圆制造（武汉）")} <= named(r)
    assert ("中芯国际东方晶圆制造(武汉)有限公司", "partOf", "SMIC") in facts(r)
    assert ("Place", "武汉") in named(r) and ("Company", "中芯国际") in named(r)


def test_a_subsidiary_named_by_its_parent_and_a_business_line(ex):
    r = run(ex, "三星医疗电子(苏州)有限公司今年成立。")
    assert ("Company", "三星医疗电子(苏州)有限公司") in named(r)
    assert ("三星医疗电子(苏州)有限公司", "partOf", "Samsung") in facts(r)


def test_a_firms_own_legal_name_is_no_subsidiary(ex):
    r = run(ex, "中兴科技有限公司发布公告。")
    assert not any(p == "partOf" for _, p, _ in facts(r))


# ------------------------------------------------------------------ places, products, technologies
def test_zones_named_by_their_city(ex):
    r = run(ex, "一期在苏州工业园区，二期放在武汉青山高新区。")
    assert {("Place", "苏州工业园区"), ("Place", "武汉青山高新区")} <= named(r)


def test_a_zone_word_alone_names_no_place(ex):
    assert not any(t == "Place" for t, _ in named(run(ex, "该开发区和新区都在招商。")))


def test_a_numbered_chip_line_and_its_siblings(ex):
    r = run(ex, "星河一号芯片发布，星河二号随后推出；三星一号是第一代处理器，三星二号是第二代。")
    assert {("Chip", "星河一号"), ("Chip", "星河二号"), ("Chip", "三星一号"), ("Chip", "三星二号")} <= named(r)
    assert ("Samsung", "designs", "三星二号") in facts(r)


def test_a_numbered_name_without_chips_nearby_is_no_chip(ex):
    assert not any(t == "Chip" for t, _ in named(run(ex, "嫦娥五号发射成功。")))


def test_latin_technologies_by_cue_word_and_by_list(ex):
    r = run(ex, "公司采用QDX技术，并推出CoWoS、SoIC与XyZ封装。")
    assert {("Technology", "QDX"), ("Technology", "XyZ")} <= named(r)


def test_generic_latin_words_before_a_cue_are_no_technology(ex):
    assert not any(t == "Technology" for t, _ in named(run(ex, "CPU技术和AI工艺都在进步。")))


def test_policy_names_start_after_sides_and_verbs(ex):
    r = run(ex, "美方光刻机出口禁令生效，海外制裁增多，该公司遭金融制裁。")
    assert {("Policy", "光刻机出口禁令"), ("Policy", "金融制裁")} <= named(r)
    assert ("Policy", "海外制裁") not in named(r)



def test_a_verb_or_kind_before_a_site_word_names_no_site(ex):
    r = run(ex, "台积电将出售旧厂，并在代工厂和电子厂之间调配，世界级工厂和终端厂也在其中。")
    assert not any(t == "Fab" for t, _ in named(r))


def test_materials_named_with_their_kind_keep_the_names_inside(ex):
    r = run(ex, "公司量产QxZ光刻胶和SiO材料，政府推出芯片复兴计画。")
    assert {("Technology", "QxZ光刻胶"), ("Technology", "SiO材料"), ("Policy", "芯片复兴计画")} <= named(r)


@pytest.mark.parametrize("text, name", [
    ("这款服务器处理器（代号Sierra Peak）将于明年推出。", "Sierra Peak"),
    ("代號為「Nova Ridge」，這款伺服器處理器明年量產。", "Nova Ridge"),
    ("联发科的下一代手机芯片代号是Falcon X2。", "Falcon X2"),
])
def test_a_code_name_near_a_chip_word_names_a_chip(ex, text, name):
    assert ("Chip", name) in named(run(ex, text))


def test_a_code_name_with_no_chip_word_near_it_names_nothing(ex):
    assert not {n for t, n in named(run(ex, "这个项目代号为Blue Sky，是公司的转型计划。")) if n == "Blue Sky"}
