"""The places and policies passes: every lexicon rule fires on the example sentences it lists, and
the facts read off names (a place in a site's or a body's name, a policy named after its issuer or
its target) hold on sentences written for these tests."""
from __future__ import annotations

import pytest

from semikg.extract.passes import ArticleState
from semikg.extract.passes.lexicon import LexiconExtractor, lexicon
from semikg.extract.rules import RuleBasedExtractor
from semikg.loaders.catalog import load_catalog
from semikg.loaders.normalise import normalise, script_of
from semikg.models import Article

LEXICONS = ("places.yaml", "policies.yaml", "usage.yaml", "trade.yaml", "finance.yaml")


@pytest.fixture(scope="module")
def extractor() -> RuleBasedExtractor:
    return RuleBasedExtractor(load_catalog())


def extract(extractor: RuleBasedExtractor, text: str):
    return extractor.run(article(text))


def _examples():
    for name in LEXICONS:
        for rule in lexicon(name).rules:
            for example in rule.examples:
                yield pytest.param(rule.id, rule.predicate, example, id=f"{rule.id}:{example[:12]}")


def article(text: str) -> Article:
    return Article(id="t-000", source_file="t.txt", encoding="utf-8", index=0, start=0, end=len(text),
                   title=text[:20], text=text, norm_text=normalise(text), script=script_of(text))


@pytest.mark.parametrize("rule_id, predicate, sentence", list(_examples()))
def test_each_lexicon_rule_fires_on_its_examples(extractor, rule_id, predicate, sentence):
    """The rule's own match, whether or not an earlier pass already quoted the same fact."""
    state = ArticleState.of(article(sentence))
    for step in extractor.passes:
        step.run(state)
        if step.name == "sentences":
            break
    name = rule_id.split(".")[0] + ".yaml"
    rules = LexiconExtractor(name)
    fired = [r for s0, s1, ms in state.views for r in rules.run(state.norm[s0:s1], s0, ms) if r.rule == rule_id]
    assert fired, f"{rule_id} does not fire on {sentence!r}"
    assert all(r.predicate == predicate and 0 < r.confidence <= 1 for r in fired)


def test_lexicon_relations_quote_their_sentence_verbatim(extractor):
    text = "台积电今天公布财报。英特尔计划在德国兴建一座晶圆厂，荷兰政府表示欢迎。"
    result = extract(extractor, text)
    mine = [r for r in result.relations if r.evidence.rule.startswith(("places.", "policies."))]
    assert mine
    for r in mine:
        assert text[r.evidence.start:r.evidence.end] == r.evidence.quote
        assert r.evidence.quote.startswith("英特尔")


def relations(extractor, text: str) -> set[tuple[str, str, str, str]]:
    result = extract(extractor, text)
    names = {e.id: e.name for e in result.entities}
    return {(names.get(r.subject, r.subject), r.predicate, names.get(r.object, r.object), r.evidence.rule)
            for r in result.relations}


def test_a_place_in_brackets_in_a_legal_name_locates_the_firm(extractor):
    found = relations(extractor, "星河微电子科技（上海）有限公司今天发布新产品。")
    assert any(p == "locatedIn" and rule == "places.name-bracketed" for _, p, _, rule in found), found


def test_a_place_opening_a_firm_name_says_nothing_of_where_it_is(extractor):
    found = relations(extractor, "湖南星河微电子股份有限公司今天发布新产品。")
    assert not any(p == "locatedIn" for _, p, _, _ in found), found


def test_a_government_is_its_place_and_gets_no_located_fact(extractor):
    found = relations(extractor, "荷兰政府今天表示将继续审查相关申请。")
    assert not any(p == "locatedIn" and s.endswith("政府") for s, p, _, _ in found), found


@pytest.mark.parametrize("sentence, rule", [
    ("英特尔计划在德国兴建一座晶圆厂。", "places.at-place-has"),
    ("软银计划向英特尔注资20亿美元。", "finance.invest.toward"),
])
def test_a_hedged_cue_keeps_its_status(extractor, sentence, rule):
    found = [r for r in extract(extractor, sentence).relations if r.evidence.rule == rule]
    assert found and all(r.evidence.status.value == "planned" for r in found)


@pytest.mark.parametrize("sentence, family", [
    ("英特尔并未在德国兴建晶圆厂。", "places."),
    ("软银并未向英特尔注资。", "finance."),
])
def test_a_negated_cue_gives_no_relation(extractor, sentence, family):
    assert not [r for r in extract(extractor, sentence).relations if r.evidence.rule.startswith(family)]


def test_a_policy_of_a_state_body_is_the_states_policy_too(extractor):
    found = relations(extractor, "美国商务部周二宣布对半导体设备实施新一轮出口管制。")
    issuers = {(o, rule) for _, p, o, rule in found if p == "issuedBy"}
    assert ("United States", "policies.issuer-state") in issuers, found
    assert any(o != "United States" for o, _ in issuers), found


def test_a_policy_named_after_its_issuer_is_issued_by_it(extractor):
    found = relations(extractor, "日本半导体出口管制将于下月生效。")
    assert any(p == "issuedBy" and o == "Japan" for _, p, o, _ in found), found


def test_trade_and_usage_relations_quote_their_sentence_verbatim(extractor):
    text = "台积电今天公布财报。信越化学的主要客户包括台积电和三星，博世将持有英飞凌约3%的股份。"
    result = extract(extractor, text)
    mine = [r for r in result.relations if r.evidence.rule.startswith(("trade.", "usage.", "finance."))]
    assert {r.evidence.rule for r in mine} >= {"trade.supply.clients", "finance.invest.stake"}
    for r in mine:
        assert text[r.evidence.start:r.evidence.end] == r.evidence.quote
        assert r.evidence.quote.startswith("信越化学") and 0 < r.evidence.confidence <= 1


def test_a_firm_naming_a_project_is_not_what_was_invested_in(extractor):
    found = relations(extractor, "长江存储二期项目由紫光集团和湖北科投共同投资建设。")
    assert not any(p == "investsIn" and o == "YMTC" for _, p, o, _ in found), found


def test_application_as_a_noun_is_no_use_of_a_technology(extractor):
    found = relations(extractor, "力积电表示，这一波AI应用风潮带动DRAM需求。")
    assert not any(p == "usesTechnology" and rule.startswith("usage.") for _, p, _, rule in found), found


def test_both_founders_of_a_joint_venture_invest_in_it(extractor):
    found = relations(extractor, "英特尔旗下在以色列与美光合资设立IM Flash公司。")
    investors = {s for s, p, _, _ in found if p == "investsIn"}
    assert {"Intel", "Micron Technology"} <= investors, found
