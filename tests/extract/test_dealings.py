"""Who deals with whom: suppliers, foundry clients, rivals and heads, each from sentences written
for the test (the rules' own examples run in test_rule_examples / test_lexicon_passes)."""
from __future__ import annotations

import pytest

from semikg.extract.rules import RuleBasedExtractor
from semikg.loaders.catalog import load_catalog
from tests.extract.test_extract import article, pairs


@pytest.fixture(scope="module")
def ex():
    return RuleBasedExtractor(load_catalog())


def rule_pairs(result, predicate: str, prefix: str) -> set[tuple[str, str]]:
    """The pairs the rules whose ids start with ``prefix`` found (the pair scorer weighs the same
    sentence on its own evidence)."""
    names = {e.id: e.name for e in result.entities}
    return {(names[x.subject], names[x.object]) for x in result.relations
            if x.predicate == predicate and x.evidence.rule.startswith(prefix)}


def mentions(result) -> list[tuple[str, str]]:
    return [(m.surface, m.entity_id) for m in result.mentions]


# ------------------------------------------------------------------ a maker named inside a node
def test_a_maker_leading_a_node_name_is_the_clause_agent(ex):
    r = ex.run(article("台积电N2已获得苹果和高通的订单。"))
    assert pairs(r, "fabricatesFor") == {("TSMC", "Apple"), ("TSMC", "Qualcomm")}
    assert ("台积电", "tsmc") in mentions(r)  # the maker is named, nested in the node's name


def test_a_maker_split_off_a_node_name_keeps_no_space(ex):
    r = ex.run(article("Intel 18A将于明年量产。"))
    assert ("Intel", "intel") in mentions(r)
    assert ("Intel", "Intel 18A") in pairs(r, "offersNode")


def test_a_node_named_without_its_maker_names_no_firm(ex):
    r = ex.run(article("N2将于明年量产。"))
    assert "tsmc" not in {m.entity_id for m in r.mentions}


# ------------------------------------------------------------------ foundry work
@pytest.mark.parametrize("text, expected", [
    ("联电拿下了联发科的28纳米新订单。", {("UMC", "MediaTek")}),
    ("英伟达今年开始在三星投片，主要生产游戏显卡芯片。", {("Samsung Electronics", "NVIDIA")}),
    ("英飞凌与格芯签署了多年期晶圆代工协议。", {("GlobalFoundries", "Infineon")}),
    ("联电去年从格芯手中抢下高通的订单。", {("UMC", "Qualcomm")}),
    ("联发科的新款芯片基于Arm架构，将由台积电以3纳米工艺代工生产。", {("TSMC", "MediaTek")}),
    # a foundry named before another foundry is no client of it
    ("台积电是唯一伙伴，不过部分订单会去三星投片。", set()),
])
def test_foundry_clients(ex, text, expected):
    assert pairs(ex.run(article(text)), "fabricatesFor") == expected


def test_a_foundrys_orders_are_no_supplies(ex):
    assert pairs(ex.run(article("联电拿下了联发科的28纳米新订单。")), "supplies") == set()


def test_offering_foundry_service_to_clients_is_foundry_work_only(ex):
    r = ex.run(article("英特尔有望为英伟达、博通等外部客户提供代工服务。"))
    assert pairs(r, "fabricatesFor") == {("Intel", "NVIDIA"), ("Intel", "Broadcom")}
    assert pairs(r, "supplies") == set() and pairs(r, "customerOf") == set()


# ------------------------------------------------------------------ supplies
def test_its_clients_after_a_long_clause_are_the_subjects_clients(ex):
    text = "信越化学在半导体硅片与光刻胶两大材料领域均位居全球前列并持续扩产，其客户有英特尔、三星等。"
    assert pairs(ex.run(article(text)), "supplies") == {("Shin-Etsu Chemical", "Intel"),
                                                          ("Shin-Etsu Chemical", "Samsung Electronics")}


def test_selling_an_item_to_a_buyer(ex):
    assert ("Tokyo Electron", "SK hynix") in pairs(ex.run(article("东京电子上月出售十台刻蚀机给SK海力士。")), "supplies")


def test_vendors_listed_after_a_purchase_supply_the_buyer(ex):
    text = "中芯国际日前公告采购的设备厂商中，本土公司包括北方华创、中微公司等。"
    assert rule_pairs(ex.run(article(text)), "supplies", "trade.") == {("NAURA Technology", "SMIC"), ("AMEC", "SMIC")}


def test_sourcing_goods_for_listed_firms_supplies_each(ex):
    # A公司，以及B公司: one list, whose every member gets the goods
    text = "东京电子公司由于为中芯国际公司，以及华虹集团取得刻蚀设备，而被制裁。"
    assert rule_pairs(ex.run(article(text)), "supplies", "trade.") == {("Tokyo Electron", "SMIC"),
                                                                       ("Tokyo Electron", "Huahong Group")}


@pytest.mark.parametrize("text", ["英特尔出售部分股权给英伟达。", "联电新加坡厂卖给美光，不包括设备。"])
def test_selling_shares_or_a_plant_is_no_supplying(ex, text):
    r = ex.run(article(text))
    assert rule_pairs(r, "supplies", "trade.") | rule_pairs(r, "supplies", "supplies.") == set()


def test_shipments_to_a_firm_named_with_dui(ex):
    assert ("Micron Technology", "Huawei") in pairs(ex.run(article("美光对华为的出货已恢复。")), "supplies")
    assert pairs(ex.run(article("美光对华为的供应商提出要求。")), "supplies") == set()


def test_paying_a_firm_is_no_supplying_it(ex):
    r = ex.run(article("苹果将支付三亿美元给高通，以获得调制解调器芯片的持续供应。"))
    assert pairs(r, "supplies") == set() and pairs(r, "fabricatesFor") == set()


# ------------------------------------------------------------------ competesWith
@pytest.mark.parametrize("text, expected", [
    ("今年美光的出货量超过三星电子。", {("Micron Technology", "Samsung Electronics")}),
    ("英飞凌的同业意法半导体也在扩产。", {("Infineon", "STMicroelectronics")}),
    ("美光的出货量超过五千万颗。", set()),
    # the rival named however the subject feels about it; not when the sentence denies it
    ("高通不担心来自联发科的竞争，也不担心苹果或三星电子的挑战。",
     {("Qualcomm", "MediaTek"), ("Qualcomm", "Apple"), ("Qualcomm", "Samsung Electronics")}),
    ("高通并未面临来自联发科的竞争。", set()),
    # 联发科 is no rival of 苹果 (named too far from the start to be the sentence's topic)
    ("该公司负责人在今天下午举行的法说会上明确表示，不担心来自联发科的竞争，也不担心苹果的挑战。", set()),
    ("美光近年在移动存储市场增长乏力，其主要竞争对手三星电子持续扩产。", {("Micron Technology", "Samsung Electronics")}),
    ("这款芯片提升了高通的性能，使其具备与苹果正面竞争的实力。", {("Qualcomm", "Apple")}),
    ("美光从三星电子手中夺走了一家大客户。", {("Micron Technology", "Samsung Electronics")}),
    ("美光去年在DRAM市场以三成份额居首，南亚科以一成位居第二。", {("Nanya Technology", "Micron Technology")}),
    ("存储市场由三星、SK海力士和美光三强鼎立。",
     {("Samsung Electronics", "SK hynix"), ("Samsung Electronics", "Micron Technology")}),
])
def test_rivals(ex, text, expected):
    assert pairs(ex.run(article(text)), "competesWith") == expected


# ------------------------------------------------------------------ leads
@pytest.mark.parametrize("text, expected", [
    ("高通总裁暨首席执行官安蒙出席。", {("Cristiano Amon", "Qualcomm")}),
    ("英特尔全球副总裁、中国区董事长王锐表示。", {("王锐", "Intel")}),
    ("中国商务部长王文涛表示。", {("王文涛", "Ministry of Commerce of China")}),
    ("北京大学教授李明指出。", {("李明", "Peking University")}),
    ("台积电昨日宣布扩产，董事长魏哲家表示需求强劲。", {("C.C. Wei", "TSMC")}),
    # another firm between: the bare title is not said to be the first firm's
    ("台积电昨日与英特尔签约，董事长魏哲家表示需求强劲。", set()),
])
def test_heads(ex, text, expected):
    assert rule_pairs(ex.run(article(text)), "leads", "leads.") == expected


def test_a_government_named_by_its_head_is_led_by_that_person(ex):
    r = ex.run(article("据外媒报道，拜登政府上周约谈多家芯片企业。"))
    assert pairs(r, "leads") == {("Joe Biden", "拜登政府")}
    assert {e.type for e in r.entities if e.name == "拜登政府"} == {"Organization"}


def test_a_person_followed_by_another_word_names_no_body(ex):
    assert pairs(ex.run(article("拜登近几个月多次约谈芯片企业。")), "leads") == set()


@pytest.mark.parametrize("text, predicate", [
    ("信越化学的主要客户包括英特尔和三星。", "supplies"),      # a supplier's clients buy from it
    ("联电的主要客户包括高通和联发科。", "fabricatesFor"),      # a foundry's clients have their wafers made
    ("高通是联电最大客户。", "fabricatesFor"),
])
def test_a_client_list_is_read_by_what_the_seller_does(ex, text, predicate):
    r = ex.run(article(text))
    found = {p for p in ("supplies", "customerOf", "fabricatesFor") if pairs(r, p)}
    if predicate == "supplies":
        # supplies and customerOf read each other backwards: a supplier's clients may come as either
        assert found and found <= {"supplies", "customerOf"}
    else:
        assert found == {predicate}
