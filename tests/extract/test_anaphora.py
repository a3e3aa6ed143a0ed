"""Facts stated of a subject the clause does not name: anaphors (其, 该厂, 公司, 该晶片) and
sentences that open with a verb take the subject of the sentence before."""
from __future__ import annotations

from semikg.extract.passes import CatalogContext
from semikg.extract.passes.coreference import CoreferencePass
from semikg.extract.passes.sentences import SentencesPass
from semikg.extract.rules import RuleBasedExtractor
from semikg.loaders.catalog import load_catalog
from tests.extract.test_extract_passes import article, ctx, run_until  # noqa: F401 (ctx is a fixture)


def stand_ins(ctx: CatalogContext, text: str) -> list[tuple[str, str, str]]:
    """(sentence opening, the text the stand-in covers or '^' for zero width, entity) per coref mention."""
    state = run_until(ctx, text, SentencesPass)
    return [(text[v.start:v.start + 2], text[m.start:m.end] or "^", m.entity_id)
            for v in state.views for m in v.mentions if m.coref]


def test_a_sentence_opening_with_a_verb_takes_the_last_sentences_subject(ctx):
    assert stand_ins(ctx, "英伟达公布财报。还与三星合作开发新产品。") == [("还与", "^", "nvidia")]
    assert stand_ins(ctx, "英伟达公布财报。并于美国设立新的研发中心。") == [("并于", "^", "nvidia")]


def test_a_sentence_with_a_subject_of_its_own_takes_none(ctx):
    assert stand_ins(ctx, "英伟达公布财报。也有分析师认为三星将扩产。") == []


def test_a_blank_line_ends_the_subject(ctx):
    assert stand_ins(ctx, "英伟达公布财报。\n\n还与三星合作开发新产品。") == []


def test_the_subject_is_no_preposition_object_nor_a_place(ctx):
    # 与三星 is a preposition's object; 美国 in front of a firm modifies it.
    assert stand_ins(ctx, "与三星竞争的美国英伟达公布财报。还将扩产。") == [("还将", "^", "nvidia")]
    # 现在 is an adverb, not the preposition 在.
    assert stand_ins(ctx, "现在英伟达向台积电下单，并向三星采购。")[0][2] == "nvidia"


def test_its_opening_a_clause_stands_for_the_sentences_subject(ctx):
    assert stand_ins(ctx, "英伟达今年营收大增，其客户包括苹果。") == [("英伟", "其", "nvidia")]
    assert stand_ins(ctx, "英伟达今年营收大增，而其客户包括苹果。") == [("英伟", "其", "nvidia")]


def test_its_inside_a_word_or_a_clause_is_no_stand_in(ctx):
    assert stand_ins(ctx, "英伟达今年推出三款芯片，其中包括H100。") == []
    assert stand_ins(ctx, "英伟达今年营收大增，尤其客户众多。") == []


def test_a_bare_company_opening_a_sentence_is_the_firm_named_last(ctx):
    text = "英伟达公布财报。公司计划明年扩产。"
    state = run_until(ctx, text, CoreferencePass)
    assert [(text[a:b], eid) for a, b, eid in state.corefs] == [("公司", "nvidia")]
    inside = "英伟达公布财报。多家半导体公司计划明年扩产。"
    assert run_until(ctx, inside, CoreferencePass).corefs == []


def test_this_fab_and_this_chip_are_the_fab_and_chip_named_last(ctx, mini_catalog_path, tmp_path):
    text = "英伟达推出H100。該晶片由台积电代工。"
    state = run_until(ctx, text, CoreferencePass)
    assert [(text[a:b], eid) for a, b, eid in state.corefs] == [("該晶片", "h100")]
    cat = tmp_path / "c.yaml"
    cat.write_text(mini_catalog_path.read_text(encoding="utf-8")
                   + "  - {id: tsmc-x, type: Fab, name: TSMC Fab X, zh_hans: 台积电X厂}\n", encoding="utf-8")
    text = "台积电X厂去年投产，英伟达是主要客户。该厂月产能2万片。"
    state = run_until(CatalogContext(load_catalog(cat)), text, CoreferencePass)
    assert [(text[a:b], eid) for a, b, eid in state.corefs] == [("该厂", "tsmc-x")]


def test_a_relation_rule_reads_the_carried_subject(mini_catalog_path):
    ex = RuleBasedExtractor(load_catalog(mini_catalog_path))
    r = ex.run(article("台积电公布财报。还向苹果供货。"))
    found = [x for x in r.relations if (x.subject, x.predicate, x.object) == ("tsmc", "supplies", "apple")]
    assert found and found[0].evidence.quote == "还向苹果供货。"


def test_its_after_a_clause_naming_another_firm_is_that_firms(ctx):
    assert stand_ins(ctx, "英伟达推出新品，AMD也在发力，其H100芯片大卖。") == [("英伟", "其", "amd")]


def test_a_passive_or_bracketed_clause_takes_no_carried_subject(ctx):
    assert stand_ins(ctx, "英伟达公布财报，也被列入实体清单。") == []
    assert stand_ins(ctx, "英伟达公布财报(苹果供货，并将扩产)。") == []


def test_the_head_of_a_firm_opening_a_sentence_speaks_for_the_firm(mini_catalog_path, tmp_path):
    cat = tmp_path / "c.yaml"
    cat.write_text(mini_catalog_path.read_text(encoding="utf-8")
                   + "  - {id: boss, type: Person, name: Boss, zh_hans: 包思, links: [{predicate: leads, object: tsmc}]}\n"
                   + "  - {id: guest, type: Person, name: Guest, zh_hans: 葛斯}\n", encoding="utf-8")
    ctx = CatalogContext(load_catalog(cat))
    assert stand_ins(ctx, "包思指出，将扩大美国工厂的产能。") == [("包思", "^", "tsmc")]
    assert stand_ins(ctx, "葛斯指出，将扩大美国工厂的产能。") == []  # heads no firm the catalog knows


def test_both_parties_stand_for_the_two_firms_named_last(ctx, mini_catalog_path):
    text = "苹果发布新品。英伟达与AMD也发布新品，这两家公司都向台积电下单。"
    state = run_until(ctx, text, CoreferencePass)
    assert sorted((text[a:b], eid) for a, b, eid in state.corefs) == [("这两家公司", "amd"), ("这两家公司", "nvidia")]
    r = RuleBasedExtractor(load_catalog(mini_catalog_path)).run(article(text))
    buyers = {x.subject for x in r.relations if (x.predicate, x.object) == ("customerOf", "tsmc")}
    assert buyers == {"nvidia", "amd"}


def test_both_parties_need_two_firms_named_before_and_a_clause_of_their_own(ctx):
    assert run_until(ctx, "英伟达发布新品，双方合作多年。", CoreferencePass).corefs == []
    assert run_until(ctx, "英伟达和AMD发布新品，美国限制两家公司出口。", CoreferencePass).corefs == []


def test_its_before_what_lies_behind_an_event_is_no_firm(ctx):
    assert stand_ins(ctx, "英伟达宣布涨价，其背后是供应紧张。") == []


def test_a_section_heading_is_the_topic_of_the_paragraph_below_it(ctx):
    assert stand_ins(ctx, "一、英伟达：\n\n还与三星合作开发新产品，并扩大产能。") == [
        ("还与", "^", "nvidia"), ("还与", "^", "nvidia")]
    assert stand_ins(ctx, "美国\n\n聚集了苹果、AMD等设计公司。") == [("聚集", "^", "usa")]


def test_a_line_is_no_heading_if_it_is_a_sentence_or_names_two_things(ctx):
    assert stand_ins(ctx, "英伟达。\n\n还与三星合作开发新产品。") == []
    assert stand_ins(ctx, "英伟达与苹果\n\n还与三星合作开发新产品。") == []
    assert stand_ins(ctx, "英伟达的未来发展规划与挑战分析\n\n还与三星合作开发新产品。") == []


def test_a_speakers_firm_is_named_only_where_a_clause_stands_for_it(mini_catalog_path, tmp_path):
    cat = tmp_path / "c.yaml"
    cat.write_text(mini_catalog_path.read_text(encoding="utf-8")
                   + "  - {id: boss, type: Person, name: Boss, zh_hans: 包思, links: [{predicate: leads, object: tsmc}]}\n",
                   encoding="utf-8")
    ctx = CatalogContext(load_catalog(cat))
    assert "tsmc" not in run_until(ctx, "包思出席了论坛。", SentencesPass).refs
    assert "tsmc" in run_until(ctx, "包思指出，将扩大产能。", SentencesPass).refs
