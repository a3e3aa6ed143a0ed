"""The coordination pass: a relation found for one member of a list holds for the others."""
from __future__ import annotations

from semikg.extract.passes import ArticleState, CatalogContext
from semikg.extract.passes.coordination import CoordinationPass, coordinated
from semikg.extract.passes.sentences import SentencesPass
from semikg.models import Evidence, Relation, Status
from tests.extract.test_extract_passes import ctx, run_until  # noqa: F401 (ctx is a fixture)


def state_of(ctx: CatalogContext, text: str) -> ArticleState:
    """The state the relation passes see: mentions and sentence views, no relation yet."""
    return run_until(ctx, text, SentencesPass)


def found(state: ArticleState, subject: str, predicate: str, obj: str, confidence: float = 0.7) -> Relation:
    """A relation as a relation pass would have found it, quoted with the sentence holding ``subject``."""
    (s0, s1), = [(v.start, v.end) for v in state.views if any(m.entity_id == subject for m in v.mentions)]
    r = Relation(subject=subject, predicate=predicate, object=obj, evidence=Evidence(
        quote=state.text[s0:s1], start=s0, end=s1, rule="test.rule", confidence=confidence,
        status=Status.stated, trigger=None))
    state.relations.append(r)
    return r


def derived(ctx: CatalogContext, state: ArticleState) -> set[tuple[str, str, str]]:
    before = len(state.relations)
    CoordinationPass(ctx).run(state)
    return {(r.subject, r.predicate, r.object) for r in state.relations[before:]}


def test_a_subject_list_shares_the_relation_found_for_its_last_member(ctx):
    state = state_of(ctx, "据报道，苹果、英伟达和AMD均向台积电下单。")
    source = found(state, "amd", "customerOf", "tsmc")
    CoordinationPass(ctx).run(state)
    new = state.relations[1:]
    assert {(r.subject, r.predicate, r.object) for r in new} == {("apple", "customerOf", "tsmc"),
                                                                  ("nvidia", "customerOf", "tsmc")}
    for r in new:
        assert r.evidence.quote == source.evidence.quote and r.evidence.start == source.evidence.start
        assert r.evidence.rule == "coordination.test.rule"
        assert r.evidence.confidence < source.evidence.confidence
        assert r.evidence.status == source.evidence.status


def test_an_object_list_with_tickers_in_brackets_shares_the_relation(ctx):
    state = state_of(ctx, "台积电向苹果（AAPL）、英伟达及AMD供货。")
    found(state, "tsmc", "supplies", "apple")
    assert derived(ctx, state) == {("tsmc", "supplies", "nvidia"), ("tsmc", "supplies", "amd")}


def test_a_member_the_catalog_does_not_know_does_not_end_the_list(ctx):
    state = state_of(ctx, "台积电的客户包括苹果、某某、英伟达等。")
    assert all(m.entity_id in ("tsmc", "apple", "nvidia") for m in state.views[0].mentions)
    found(state, "apple", "customerOf", "tsmc")
    assert derived(ctx, state) == {("nvidia", "customerOf", "tsmc")}


def test_a_clause_break_ends_the_list(ctx):
    state = state_of(ctx, "台积电向苹果供货，英伟达则转向三星。")
    found(state, "tsmc", "supplies", "apple")
    assert derived(ctx, state) == set()


def test_no_list_holds_the_relations_other_end(ctx):
    state = state_of(ctx, "台积电与三星在先进制程上竞争。")
    found(state, "tsmc", "competesWith", "samsung")
    assert derived(ctx, state) == set()


def test_with_before_an_enumerated_list_is_a_preposition(ctx):
    state = state_of(ctx, "台积电与英伟达、AMD和苹果签约。")
    ms = [m for m in state.views[0].mentions if m.end > m.start]
    kinds = [state.refs[m.entity_id].type for m in ms]
    ids = [m.entity_id for m in ms]
    assert [ids[k] for k in coordinated(state.norm, ms, ids.index("tsmc"), kinds)] == ["tsmc"]
    assert [ids[k] for k in coordinated(state.norm, ms, ids.index("amd"), kinds)] == ["nvidia", "amd", "apple"]


def test_two_firms_joined_by_with_are_a_list_only_when_both_act(ctx):
    alone = state_of(ctx, "英伟达与苹果签约后向台积电下单。")
    found(alone, "nvidia", "customerOf", "tsmc")
    assert derived(ctx, alone) == set()
    both = state_of(ctx, "英伟达与苹果共同向台积电下单。")
    found(both, "nvidia", "customerOf", "tsmc")
    assert derived(ctx, both) == {("apple", "customerOf", "tsmc")}


def test_a_modifier_attached_to_one_member_is_that_members_alone(ctx):
    state = state_of(ctx, "荷兰阿斯麦和三星的高管会面。")
    found(state, "asml", "locatedIn", "netherlands")
    assert derived(ctx, state) == set()


def test_members_of_another_kind_or_outside_the_predicates_range_are_left_out(ctx):
    state = state_of(ctx, "台积电在台湾和美国设厂。")
    found(state, "tsmc", "locatedIn", "taiwan")
    assert derived(ctx, state) == {("tsmc", "locatedIn", "usa")}
    chips = state_of(ctx, "英伟达的H100和AMD由台积电代工。")
    found(chips, "tsmc", "fabricatesFor", "nvidia")
    assert derived(ctx, chips) == set()  # H100 after 的 is no member of a list with 英伟达


def test_a_relation_without_both_ends_named_in_the_sentence_is_not_extended(ctx):
    state = state_of(ctx, "苹果和英伟达发布新品。")
    found(state, "apple", "customerOf", "tsmc")
    assert derived(ctx, state) == set()


def test_a_name_in_brackets_after_a_member_belongs_to_that_member_alone(ctx):
    state = state_of(ctx, "台积电向苹果(美国)和英伟达供货。")
    found(state, "tsmc", "supplies", "apple")
    assert derived(ctx, state) == {("tsmc", "supplies", "nvidia")}  # 美国 does not end the list
    state = state_of(ctx, "苹果(美国)和三星发布新品。")
    found(state, "apple", "locatedIn", "usa")
    assert derived(ctx, state) == set()  # 美国 glosses 苹果, not 三星


def test_a_list_goes_on_after_a_comma_and_yiji(ctx):
    state = state_of(ctx, "台积电在台湾、荷兰，以及美国都有据点。")
    found(state, "tsmc", "locatedIn", "taiwan")
    assert derived(ctx, state) == {("tsmc", "locatedIn", "netherlands"), ("tsmc", "locatedIn", "usa")}


def test_both_parties_are_a_list_of_the_two_firms_they_stand_for(ctx):
    state = state_of(ctx, "台积电和三星合作多年，双方都向阿斯麦采购设备。")
    found(state, "samsung", "customerOf", "asml")
    assert ("tsmc", "customerOf", "asml") in derived(ctx, state)


def test_relations_of_one_sentence_each_see_the_bracketed_names_they_name(ctx):
    # One sentence's members are worked out once per set of bracketed names a relation keeps:
    # the relation that names 美国 sees it, the one that does not, does not.
    state = state_of(ctx, "台积电向苹果(美国)和英伟达供货。")
    found(state, "tsmc", "supplies", "apple")
    found(state, "apple", "locatedIn", "usa")
    assert derived(ctx, state) == {("tsmc", "supplies", "nvidia")}


def test_a_derived_relation_already_known_is_not_made_twice(ctx):
    state = state_of(ctx, "据报道，苹果、英伟达和AMD均向台积电下单。")
    found(state, "amd", "customerOf", "tsmc")
    found(state, "nvidia", "customerOf", "tsmc")
    new = derived(ctx, state)
    assert new == {("apple", "customerOf", "tsmc")}
    assert len(state.relations) == 3
