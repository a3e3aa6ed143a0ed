"""The policies pass beyond its lexicon rules: states named by one character (对华, 美方, 被美列入),
restrictions and subsidies that run over a list, a government standing for its state, a policy's
name that contradicts a rule's reading, and a restriction stated without naming its policy.
Every sentence here is written for the test."""
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
    return extractor.run(Article(id="t-000", source_file="t.txt", encoding="utf-8", index=0, start=0,
                                 end=len(text), title=text[:20], text=text, norm_text=normalise(text),
                                 script=script_of(text)))


def facts(extractor, text: str, predicate: str) -> set[tuple[str, str, str]]:
    result = run(extractor, text)
    names = {e.id: e.name for e in result.entities}
    return {(names[r.subject], names[r.object], r.evidence.rule) for r in result.relations
            if r.predicate == predicate}


def test_a_policy_towards_hua_restricts_china_and_keeps_the_word_in_its_name(extractor):
    text = "美国宣布收紧对华芯片出口管制。"
    result = run(extractor, text)
    assert ("US semiconductor export controls", "China", "policies.abbreviated-destination") in \
        facts(extractor, text, "restricts")
    assert any(m.surface == "对华芯片出口管制" for m in result.mentions), result.mentions


def test_a_policy_towards_hua_after_de_restricts_china_and_leaves_the_name_alone(extractor):
    result = run(extractor, "英国对华的出口管制相对宽松。")
    assert not any(m.surface.startswith("对华") for m in result.mentions)
    assert any(o == "China" for _, o, _ in facts(extractor, "英国对华的出口管制相对宽松。", "restricts"))


@pytest.mark.parametrize("text, policy", [
    ("因应美方出口限制，某公司推出降规版芯片。", "出口限制"),
    ("中兴早已被美列实体清单。", "Entity List"),
])
def test_a_state_named_by_one_character_issues_the_policy(extractor, text, policy):
    assert (policy, "United States", "policies.abbreviated-side") in facts(extractor, text, "issuedBy")


def test_a_side_character_needs_its_fang_or_bei(extractor):
    found = facts(extractor, "其中出口限制仍在讨论。", "issuedBy")
    assert not any(rule == "policies.abbreviated-side" for _, _, rule in found), found


def test_a_restriction_runs_over_the_counted_items_of_a_list(extractor):
    text = "这项出口管制措施范围很广，具体包括2项清洗设备、4项某某设备、3项刻蚀设备。"
    found = facts(extractor, text, "restricts")
    assert {o for _, o, _ in found} >= {"清洗设备", "etch tool"}, found
    assert any(rule == "policies.listed-target" for _, _, rule in found)


def test_a_subsidy_runs_over_a_list_item_qualified_by_its_place(extractor):
    text = "美国今年推出半导体补助计划，除了英特尔之外，还先后补助格芯和美国本土德州仪器等厂商。"
    found = {o for _, o, _ in facts(extractor, text, "funds")}
    assert found >= {"Intel", "GlobalFoundries", "Texas Instruments"}, found


def test_a_list_stops_at_an_item_of_another_kind(extractor):
    text = "这项出口管制措施具体包括清洗设备、美光等企业。"
    assert "Micron Technology" not in {o for _, o, _ in facts(extractor, text, "restricts")}


def test_a_government_revoking_a_licence_issues_it_for_its_state(extractor):
    text = "荷兰政府撤销了此前颁发的某型光刻机的出口许可证。"
    issuers = {o for _, o, _ in facts(extractor, text, "issuedBy")}
    assert {"荷兰政府", "Netherlands"} <= issuers, issuers
    assert any(rule == "policies.restricts.revoke" for _, _, rule in facts(extractor, text, "restricts"))


def test_revoking_what_is_no_licence_restricts_nothing(extractor):
    text = "荷兰政府撤销了此前给予某型光刻机的半导体补贴计划。"
    assert not any(rule == "policies.restricts.revoke" for _, _, rule in facts(extractor, text, "restricts"))


def test_a_region_in_a_bodys_name_issues_nothing(extractor):
    found = facts(extractor, "该补贴条例去年由欧盟的成员国和欧洲议会共同制定。", "issuedBy")
    assert {o for _, o, _ in found} >= {"European Union", "欧洲议会"}, found
    assert "Europe" not in {o for _, o, _ in found}


@pytest.mark.parametrize("text, funded", [
    ("德州仪器有望享受美国商务部的先进制造税收抵免。", True),
    ("英伟达终于获得美国商务部的出口许可。", False),
])
def test_obtaining_a_policy_is_funding_only_when_it_is_no_restriction(extractor, text, funded):
    found = facts(extractor, text, "funds")
    assert any(rule == "policies.funds.obtain-policy" for _, _, rule in found) is funded, found


def test_an_unnamed_restriction_is_the_policy_of_the_state_that_forbids(extractor):
    text = "美国商务部发布新的出口管制。白宫随后禁止英伟达向中国出售H20芯片。"
    found = {(s, o) for s, o, rule in facts(extractor, text, "restricts") if rule == "policies.unnamed-restriction"}
    assert {o for _, o in found} == {"NVIDIA", "China", "NVIDIA H20"}, found
    assert {s for s, _ in found} == {"出口管制"}


def test_an_unnamed_restriction_is_not_another_states_policy_but_one_of_its_own(extractor):
    text = "日本经济产业省发布新的出口管制。美方随后禁止英伟达向中国出售H20芯片。"
    found = [x for x in facts(extractor, text, "restricts") if x[2] == "policies.unnamed-restriction"]
    assert {s for s, _, _ in found} == {"美国出口限制"}, found
    assert ("美国出口限制", "United States", "policies.unnamed-restriction") in facts(extractor, text, "issuedBy")


def test_two_states_unnamed_restrictions_are_two_policies(extractor):
    us = run(extractor, "日本经济产业省发布新的出口管制。美方随后禁止英伟达向中国出售H20芯片。")
    cn = run(extractor, "美国商务部发布新的出口管制。中方随后禁止企业向美国出口镓。")
    names = {e.name: e.id for r in (us, cn) for e in r.entities if e.type == "Policy" and e.name.endswith("出口限制")}
    assert len(names) == 2 and len(set(names.values())) == 2, names


def test_a_demand_binds_the_firm_it_names_and_a_firms_own_stop_is_no_policy(extractor):
    found = facts(extractor, "荷兰政府要求阿斯麦停止向俄罗斯出口光刻机。", "restricts")
    assert {o for _, o, _ in found} >= {"ASML", "Russia"}, found
    assert not facts(extractor, "台积电停止向华为供货。", "restricts")


def test_a_negated_restriction_attaches_to_nothing(extractor):
    text = "美国商务部发布新的出口管制。美方并未禁止英伟达向中国出售H20芯片。"
    found = [x for x in facts(extractor, text, "restricts") if x[2] == "policies.unnamed-restriction"]
    assert not found, found


def policies(extractor, text: str) -> set[str]:
    return {e.name for e in run(extractor, text).entities if e.type == "Policy"}


@pytest.mark.parametrize("text, name", [
    ("这家公司上月也被列入黑名单。", "黑名单"),
    ("韩国2019年启动半导体复兴计划，预算逐年增加。", "半导体复兴计划"),
    ("这项出口限制措施将于下月生效。", "出口限制措施"),
    ("该公司参与了政府「星河晶片计画」的建设。", "星河晶片计画"),
    ("总统昨天正式签署「星火计划」，涵盖多个领域。", "星火计划"),
])
def test_policies_named_by_what_they_do_are_found(extractor, text, name):
    assert name in policies(extractor, text)


@pytest.mark.parametrize("text", [
    "他把这次合作比作AI版「登月计划」。",   # a byword in corner quotes, no policy
    "这家公司推出了「星河」系列产品。",       # a quoted name that ends with no policy word
    "企业将被列入名单。",                     # no sanctions list named
])
def test_quoted_bywords_and_bare_words_are_no_policies(extractor, text):
    assert not policies(extractor, text)


@pytest.mark.parametrize("text, name, nested", [
    ("他曾公开批评禁售H20的命令是错误决定。", "禁售H20的命令", "NVIDIA H20"),
    ("受特朗普关税政策影响，多家企业加快赴美建厂。", "特朗普关税政策", "Donald Trump"),
])
def test_a_measure_named_by_what_it_forbids_or_by_its_leader_keeps_the_name_nested(extractor, text, name, nested):
    result = run(extractor, text)
    names = {e.id: e.name for e in result.entities}
    assert name in policies(extractor, text)
    assert nested in {names[m.entity_id] for m in result.mentions}


def test_a_forbidding_measure_restricts_what_it_names(extractor):
    assert ("禁售H20的命令", "NVIDIA H20", "policies.name-target") in \
        facts(extractor, "他曾公开批评禁售H20的命令是错误决定。", "restricts")


def test_a_levy_named_by_its_rate_is_issued_by_the_government_paid(extractor):
    text = "两家公司同意支付给美国政府15%的税费。"
    assert "15%的税费" in policies(extractor, text)
    assert any(o == "美国政府" for _, o, _ in facts(extractor, text, "issuedBy"))


def test_a_programme_word_after_another_policy_is_no_policy_of_its_own(extractor):
    assert "补助计划" not in policies(extractor, "部长表示，芯片法案的补助计划将确保供应安全。")


def test_an_unnamed_restriction_is_the_policy_named_after_what_it_restricts(extractor):
    text = ("美国商务部发布新的出口管制。白宫随后禁止英伟达向中国出售H20芯片。"
            "黄仁勋批评禁售H20芯片的命令是错误决定。")
    found = {(s, o) for s, o, rule in facts(extractor, text, "restricts") if rule == "policies.unnamed-restriction"}
    assert {s for s, _ in found} == {"禁售H20芯片的命令"}, found


def test_a_tool_class_after_a_restricted_model_is_its_head_noun(extractor):
    text = "荷兰当局撤销了此前颁发的NXT:2000i 光刻机的出口许可证。"
    found = {o for _, o, _ in facts(extractor, text, "restricts")}
    assert found and "lithography system" not in found, found


def test_a_noun_made_of_an_enacting_verb_issues_nothing(extractor):
    text = "美国这次条例修订措施与自由贸易、出口管制的初衷并不一致。"
    found = facts(extractor, text, "issuedBy")
    assert not any(rule == "policies.issued.announce" for _, _, rule in found), found


def test_a_retaliation_opened_by_an_anaphor_restricts_the_states_it_targets(extractor):
    text = "中国商务部宣布对某些稀有金属实施出口管制。据信这是针对美国、日本和荷兰近期收紧芯片限制的反制行动，将在中国实施。"
    found = {o for _, o, rule in facts(extractor, text, "restricts") if rule == "policies.anaphoric-restriction"}
    assert found == {"United States", "Japan", "Netherlands"}, found


def test_the_makers_of_the_restricted_items_are_restricted(extractor):
    text = "这项出口管制措施具体包括2项清洗设备、3项刻蚀设备。这些设备涉及尼康、佳能等多家日本企业。"
    found = {o for _, o, rule in facts(extractor, text, "restricts") if rule == "policies.anaphoric-restriction"}
    assert found == {"Nikon", "Canon"}, found


def test_items_with_no_restriction_before_them_restrict_nobody(extractor):
    text = "这家公司发布了2项清洗设备。这些设备涉及尼康、佳能等多家日本企业。"
    assert not facts(extractor, text, "restricts")


def test_dui_huawei_is_no_dui_hua(extractor):
    found = facts(extractor, "美国对华为的出口管制持续收紧。", "restricts")
    assert {o for _, o, _ in found} == {"Huawei"}, found
