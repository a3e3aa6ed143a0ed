"""The finance and givers passes: shareholder lists, backers, subsidiaries, ventures, mergers,
fab sales, a site's investment figure, who gives the money (funds or investsIn), and the banks,
funds and holdings discovery finds for them. Sentences written for these tests."""
from __future__ import annotations

import pytest

from semikg.extract.passes.finance import gives_funding
from semikg.extract.rules import RuleBasedExtractor
from semikg.loaders.catalog import load_catalog
from semikg.loaders.normalise import normalise, script_of
from semikg.models import Article, EntityRef


@pytest.fixture(scope="module")
def extractor() -> RuleBasedExtractor:
    return RuleBasedExtractor(load_catalog())


def facts(extractor: RuleBasedExtractor, text: str) -> set[tuple[str, str, str]]:
    a = Article(id="t-000", source_file="t.txt", encoding="utf-8", index=0, start=0, end=len(text),
                title=text[:20], text=text, norm_text=normalise(text), script=script_of(text))
    res = extractor.run(a)
    name = {e.id: e.name for e in res.entities}
    return {(name.get(r.subject, r.subject), r.predicate, name.get(r.object, r.object)) for r in res.relations}


def test_every_holder_of_a_long_shareholder_list_invests(extractor):
    text = ("新芯微电子有限公司注册资本为80亿元，由华为(持股30%)、中芯国际(持股25.5%)、长电科技(持股20%)、"
            "通富微电(持股14.5%)和大基金二期(持股10%)等5位股东共同持股。")
    found = facts(extractor, text)
    investors = {s for s, p, o in found if p == "investsIn" and o == "新芯微电子有限公司"}
    assert investors == {"Huawei", "SMIC", "JCET", "Tongfu Microelectronics", "Big Fund Phase II"}, found


def test_firms_backing_a_firm_invest_and_a_government_backing_it_funds(extractor):
    found = facts(extractor, "Rapidus获得日本政府与丰田、索尼等企业的支持。")
    assert {("Toyota", "investsIn", "Rapidus"), ("Sony", "investsIn", "Rapidus")} <= found, found
    assert not {(s, o) for s, p, o in found if p == "funds" and s in ("Toyota", "Sony")}


def test_a_ministry_putting_money_in_funds_and_a_state_fund_invests(extractor):
    found = facts(extractor, "新芯微电子有限公司由财政部(持股40%)和大基金二期(持股60%)共同出资。")
    assert any(p == "funds" and o == "新芯微电子有限公司" and s != "Big Fund Phase II" for s, p, o in found), found
    assert ("Big Fund Phase II", "investsIn", "新芯微电子有限公司") in found


def test_who_gives_funding():
    body = EntityRef(id="x", type="Organization", roles=("GovernmentAgency",), name="经济部", origin="discovered")
    fund = body.model_copy(update={"name": "湖北省集成电路产业投资基金"})
    firm = body.model_copy(update={"type": "Company", "roles": (), "name": "丰田"})
    assert gives_funding(body) and not gives_funding(fund) and not gives_funding(firm)


def test_investing_in_a_place_is_no_investsIn(extractor):
    found = facts(extractor, "台积电在美国投资建厂，英特尔投资300亿美元于德国。")
    assert not [x for x in found if x[1] == "investsIn"], found


def test_a_subsidiary_named_after_its_parent_and_a_place_between(extractor):
    found = facts(extractor, "软银今天宣布，旗下英国子公司Arm将推出新架构。")
    assert ("Arm", "partOf", "SoftBank Group") in found or ("Arm", "partOf", "SoftBank") in found, found


def test_a_fab_sold_to_a_firm_is_its_investment(extractor):
    found = facts(extractor, "英特尔将大连晶圆厂以90亿美元卖给SK海力士。")
    assert any(s == "SK hynix" and p == "investsIn" for s, p, o in found), found


def test_a_sites_investment_figure_is_its_operators_investment(extractor):
    found = facts(extractor, "三星表示，平泽3号工厂的总投资规模将达到30万亿韩元。")
    assert any(s == "Samsung Electronics" and p == "investsIn" and "平泽" in o for s, p, o in found), found
    assert not any(p == "investsIn" for s, p, o in facts(extractor, "三星平泽3号工厂今年投产。"))


def test_buying_shares_of_a_firm_invests_in_it(extractor):
    found = facts(extractor, "软银以每股10美元的价格认购5000万股英特尔股票。")
    assert any(p == "investsIn" and o == "Intel" for s, p, o in found), found


def test_a_failed_takeover_is_no_acquisition(extractor):
    assert any(p == "acquires" for _, p, _ in facts(extractor, "AMD收购赛灵思。"))
    assert not any(p == "acquires" for _, p, _ in facts(extractor, "AMD收购赛灵思失利后转向自研。"))


def test_partners_named_after_a_preposition_are_not_each_others(extractor):
    found = facts(extractor, "白宫表示，政府已经与英伟达（NVIDIA）和AMD达成协议。")
    assert not [x for x in found if x[1] == "partnersWith" and {x[0], x[2]} == {"NVIDIA", "AMD"}], found


def named(extractor: RuleBasedExtractor, text: str) -> set[str]:
    a = Article(id="t-000", source_file="t.txt", encoding="utf-8", index=0, start=0, end=len(text),
                title=text[:20], text=text, norm_text=normalise(text), script=script_of(text))
    return {m.surface for m in extractor.run(a).mentions}


@pytest.mark.parametrize("text, name", [
    ("其中瑞穗银行将提供贷款。", "瑞穗银行"),                  # a bank after 其中
    ("村田株式會社將持有5%的股權。", "村田株式會社"),          # a Japanese legal form
    ("由长电科技旗下子公司长电控股(持股30%)和通富微电(持股70%)共同出资。", "长电控股"),  # a holding subsidiary
    ("股东包括湖南湘江投资发展有限公司和小米。", "湖南湘江投资发展有限公司"),  # an investment house
    ("湖北省集成电路基金二期领投了本轮融资。", "湖北省集成电路基金二期"),    # a fund's phase
    ("湖北省科投与小米共同投资。", "湖北省科投"),                            # a province's investment group
    ("环球晶表示，旗下美国子公司GWA将扩产。", "GWA"),                        # a Latin name after 子公司
])
def test_banks_holdings_and_legal_forms_are_found(extractor, text, name):
    assert name in named(extractor, text)


def test_a_holder_list_skips_the_parent_of_a_holding_subsidiary(extractor):
    found = facts(extractor, "新芯封测有限公司由长电科技旗下子公司长电控股(持股30%)和通富微电(持股70%)共同出资。")
    investors = {s for s, p, o in found if p == "investsIn" and o == "新芯封测有限公司"}
    assert investors == {"长电控股", "Tongfu Microelectronics"}, found
    assert ("长电控股", "partOf", "JCET") in found
    assert not [x for x in found if x[1] == "partOf" and x[0] == "Tongfu Microelectronics"]


def test_the_company_of_a_site_is_named_in_full(extractor):
    text = "台积电南京厂制造(南京)有限公司今年扩产。"
    assert "台积电南京厂制造(南京)有限公司" in named(extractor, text)


def test_a_verb_before_an_investment_houses_generic_words_names_nobody(extractor):
    assert not any("有限公司" in n for n in named(extractor, "公司宣布投资发展有限公司。"))


def test_firms_set_up_under_the_parents_name_are_its_subsidiaries_and_both_founders_invest(extractor):
    found = facts(extractor, "华为早期与英特尔合资设立华为集成和华为微电子两家子公司。")
    for child in ("华为集成", "华为微电子"):
        assert (child, "partOf", "Huawei") in found, found
        assert ("Huawei", "investsIn", child) in found and ("Intel", "investsIn", child) in found, found
    assert ("Huawei", "partnersWith", "Intel") in found


def test_partners_in_a_sentence_without_a_venture_do_not_invest(extractor):
    found = facts(extractor, "华为与英特尔合作开发芯片，并收购了赛灵思。")
    assert not [x for x in found if x[1] == "investsIn"], found


def test_the_ventures_set_up_are_not_partners_of_each_other(extractor):
    found = facts(extractor, "华为早期与英特尔合资成立华为集成、华为微电子，并签署了技术许可协议。")
    assert not [x for x in found if x[1] == "partnersWith" and "Intel" not in (x[0], x[2])], found


def test_a_forecast_site_investment_is_expected(extractor):
    text = "三星表示，平泽3号工厂的总投资规模预计将达到30万亿韩元。"
    a = Article(id="t-000", source_file="t.txt", encoding="utf-8", index=0, start=0, end=len(text),
                title=text[:20], text=text, norm_text=normalise(text), script=script_of(text))
    found = [r for r in extractor.run(a).relations if r.evidence.rule == "finance.site-investment"]
    assert found and all(r.evidence.status.value == "expected" for r in found)


def test_a_kind_of_finance_is_no_firm(extractor):
    assert not any(n.endswith("金融") for n in named(extractor, "供应链金融和科技金融发展迅速。"))


def test_buying_a_site_is_an_investment_in_it_not_an_acquisition_of_its_owner(extractor):
    found = facts(extractor, "美光收购力积电铜锣晶圆厂。")
    assert not [x for x in found if x[1] == "acquires"], found
    assert any(s == "Micron Technology" and p == "investsIn" and "铜锣" in o for s, p, o in found), found


def test_a_completed_takeover_is_an_acquisition_and_an_abandoned_one_is_not(extractor):
    assert ("AMD", "acquires", "Xilinx") in facts(extractor, "AMD已完成对赛灵思的收购。")
    assert not [x for x in facts(extractor, "AMD放弃收购赛灵思。") if x[1] == "acquires"]


def test_the_investors_named_for_a_round_invest_in_the_firm_not_the_other_way(extractor):
    found = facts(extractor, "摩尔线程完成了新一轮融资，投资方包括腾讯和小米。")
    assert {("Tencent", "investsIn", "Moore Threads"), ("Xiaomi", "investsIn", "Moore Threads")} <= found, found
    assert not [x for x in found if x[0] == "Moore Threads" and x[1] == "investsIn"], found
    followers = facts(extractor, "摩尔线程完成了新一轮融资，由腾讯领投，小米、比亚迪跟投。")
    assert {s for s, p, o in followers if p == "investsIn" and o == "Moore Threads"} == {"Tencent", "Xiaomi", "BYD"}


def test_firms_merged_are_part_of_the_firm_they_form_and_not_of_each_other(extractor):
    text = "芯海电子(300001.SZ)去年上市，芯海电子与南方微电子合并，组建了华芯装备有限公司，之后更换了品牌。"
    found = facts(extractor, text)
    merged = {(s, o) for s, p, o in found if p == "partOf"}
    assert {("芯海电子", "华芯装备有限公司"), ("南方微电子", "华芯装备有限公司")} <= merged, found
    assert ("南方微电子", "芯海电子") not in merged


def test_a_firm_named_once_by_its_stock_code_is_found_again_by_its_name(extractor):
    text = "芯海电子(300001.SZ)去年上市。今年芯海电子宣布扩产。"
    a = Article(id="t-000", source_file="t.txt", encoding="utf-8", index=0, start=0, end=len(text),
                title=text[:20], text=text, norm_text=normalise(text), script=script_of(text))
    starts = sorted(m.start for m in extractor.run(a).mentions if m.surface == "芯海电子")
    assert starts == [0, text.index("芯海电子", 5)]


def test_a_list_naming_each_firms_kind_is_one_list_of_objects(extractor):
    found = facts(extractor, "大基金二期曾投资IDM企业新芯电子有限公司、测试企业华芯封测有限公司、EDA企业芯同方软件有限公司等。")
    assert {o for s, p, o in found if s == "Big Fund Phase II" and p == "investsIn"} == {
        "新芯电子有限公司", "华芯封测有限公司", "芯同方软件有限公司"}, found


def test_a_site_put_into_production_is_no_investment(extractor):
    assert not any(p == "investsIn" for _, p, _ in facts(extractor, "三星表示，平泽3号工厂投入量产。"))


def test_holders_listed_with_a_ministry_invest_and_the_ministry_funds(extractor):
    # The coordination pass copies relations along the list; who gives is read after it.
    found = facts(extractor, "新芯基金由财政部(20%)、华芯投资有限公司(30%)、芯海银行股份有限公司(40%)等股东共同持股。")
    assert ("财政部", "funds", "新芯基金") in found and ("财政部", "investsIn", "新芯基金") not in found, found
    for firm in ("华芯投资有限公司", "芯海银行股份有限公司"):
        assert (firm, "investsIn", "新芯基金") in found and (firm, "funds", "新芯基金") not in found, found
