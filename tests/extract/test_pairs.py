"""The candidate-pair relation pass (semikg/extract/pairs.py) and the fixes that came with it:
attribution to a sentence's subject, ranges, research spending, counts of different things."""
from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources

import pytest

from semikg.extract.measure import QuantityFinder
from semikg.extract.pairs import PairModel, PairScorer, RULE_ID, shipped_model
from semikg.extract.relations import SentenceMention, after_preposition, shape_constraints
from semikg.extract.rules import RuleBasedExtractor
from semikg.ontology.classes import classes_for
from semikg.loaders.catalog import load_catalog
from semikg.loaders.normalise import normalise
from tests.extract.test_extract import article, pairs, rels


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def mention(i, eid, text, word, etype, roles=()):
    s = text.index(word)
    return SentenceMention(i, eid, s, s + len(word), classes_for(etype, roles))


SENT = "甲公司宣布出资收购乙公司。"


def test_every_candidate_fits_the_shapes():
    ms = [mention(0, "a", SENT, "甲公司", "Company"), mention(1, "b", SENT, "乙公司", "Company")]
    cands = PairScorer(use_shipped=False).candidates(SENT, 0, ms)
    assert cands
    constraints = shape_constraints()
    for c in cands:
        dom, rng = constraints[c.predicate]
        assert dom & set(ms[c.subject].classes) and rng & set(ms[c.object].classes)
    assert "customerOf" not in {c.predicate for c in cands}  # scored as supplies read backwards
    # a trigger of acquires stands between the two, in the subject-first order
    acq = next(c for c in cands if c.predicate == "acquires" and c.subject == 0)
    assert "acquires|trig:between" in acq.features and "acquires|order:so" in acq.features


def test_a_model_decides_with_per_predicate_thresholds():
    ms = [mention(0, "a", SENT, "甲公司", "Company"), mention(1, "b", SENT, "乙公司", "Company")]
    model = PairModel(weights={"acquires|trig:between": 4.0, "acquires|order:so": 1.0, "acquires|bias": -2.0},
                      thresholds={"acquires": 0.9}, default_threshold=0.99)
    found = PairScorer(model=model).run(SENT, 0, ms)
    assert [(r.subject, r.predicate, r.object, r.rule) for r in found] == [("a", "acquires", "b", f"{RULE_ID}.acquires")]
    assert 0.9 <= found[0].confidence < 1
    stricter = model.model_copy(update={"thresholds": {"acquires": 0.99}})
    assert PairScorer(model=stricter).run(SENT, 0, ms) == []


def test_a_rule_finding_is_not_doubled_or_contradicted():
    from semikg.extract.relations import FoundRelation
    from semikg.models import Status

    ms = [mention(0, "a", SENT, "甲公司", "Company"), mention(1, "b", SENT, "乙公司", "Company")]
    model = PairModel(weights={"acquires|trig:between": 4.0, "investsIn|trig:between": 4.0}, thresholds={})
    vote = FoundRelation("a", "investsIn", "b", "investsIn.svo", 0.8, Status.stated, "出资")
    assert PairScorer(model=model).run(SENT, 0, ms, [vote]) == []


def test_shipped_weights_load_and_are_stored_sorted():
    model = shipped_model()
    assert model is not None and model.weights and model.thresholds
    raw = json.loads((resources.files("semikg.extract") / "pair_weights.json").read_text(encoding="utf-8"))
    assert list(raw["weights"]) == sorted(raw["weights"])
    assert set(model.thresholds) <= set(shape_constraints())


def test_scored_relations_keep_verbatim_evidence_with_scorer_id(catalog):
    text = "據報導，英特爾計劃在德國馬德堡建設晶圓廠，台積電則在日本熊本設廠。"
    res = RuleBasedExtractor(catalog).run(article(text))
    assert res.relations
    for r in res.relations:
        ev = r.evidence
        assert text[ev.start:ev.end] == ev.quote and ev.rule and 0 <= ev.confidence <= 1 and ev.status


def test_an_anaphor_stands_for_the_subject_not_a_prepositions_object(catalog):
    res = RuleBasedExtractor(catalog).run(article("虽然三星的进度落后于台积电，但该公司已量产3纳米工艺。"))
    offered = pairs(res, "offersNode")
    assert ("TSMC", "3nm") not in offered


def test_a_firm_named_after_a_preposition_is_not_the_actor(catalog):
    res = RuleBasedExtractor(catalog).run(article("英特尔希望能与台积电竞争，为此投入数百亿美元在美国建厂。"))
    assert not [x for x in rels(res) if x[0] == "TSMC" and x[1] == "investsIn"]


@pytest.mark.parametrize("text, low, high, unit", [
    ("公司今年计划资本支出为150-180亿美元。", "15000000000", "18000000000", "USD"),
    ("该项目投资3至5亿元。", "300000000", "500000000", "CNY"),
])
def test_a_range_keeps_both_ends(text, low, high, unit):
    q = QuantityFinder().run(normalise(text))
    assert [(format(x.low, "f"), format(x.value, "f"), x.unit) for x in q] == [(low, high, unit)]
    assert "-" in text[q[0].start:q[0].end] or "至" in text[q[0].start:q[0].end]


def test_research_spending_is_not_an_investment():
    assert QuantityFinder().run(normalise("公司去年研发费用为20亿美元。")) == []
    assert [x.kind for x in QuantityFinder().run(normalise("公司去年研发投入20亿美元。"))] == []
    assert [x.kind for x in QuantityFinder().run(normalise("公司将投资20亿美元扩产。"))] == ["Investment"]


def test_counts_of_different_things_have_different_units():
    f = QuantityFinder()
    units = {f.run(normalise(t))[0].unit for t in ("去年出货量为300台。", "去年手机出货量为2亿部。", "芯片出货量达5000万颗。")}
    assert units == {"machines", "devices", "chips"}


def test_a_planned_range_is_a_planned_measurement(catalog):
    res = RuleBasedExtractor(catalog).run(article("台积电2026年计划资本支出为150-180亿美元。"))
    m = [x for x in res.measurements if x.kind == "Investment"]
    assert m and m[0].low == Decimal("15000000000") and m[0].evidence.status.value == "planned"


def test_a_country_in_brackets_after_a_firm_names_a_subsidiary():
    text = "甲公司(中国)总经理表示将扩产。"
    ms = [mention(0, "a", text, "甲公司", "Company"), mention(1, "cn", text, "中国", "Place", ("Country",))]
    assert PairScorer(use_shipped=False).candidates(text, 0, ms) == []
    city = "甲公司(苏州)工厂投产。"
    ms = [mention(0, "a", city, "甲公司", "Company"), mention(1, "sz", city, "苏州", "Place")]
    assert any(c.predicate == "locatedIn" and "locatedIn|bracket" in c.features
               for c in PairScorer(use_shipped=False).candidates(city, 0, ms))


def test_candidates_keep_to_the_types_a_predicate_links():
    # The shapes let a country partner or supply (rules need that); the scorer proposes neither.
    text = "甲公司与美国签署合作协议，并向乙公司供货。"
    ms = [mention(0, "a", text, "甲公司", "Company"), mention(1, "us", text, "美国", "Place", ("Country",)),
          mention(2, "b", text, "乙公司", "Company")]
    etype = {"a": "Company", "us": "Place", "b": "Company"}
    scorer = PairScorer(use_shipped=False)
    cands = scorer.candidates(text, 0, ms)
    for c in cands:
        s_types, o_types = scorer.types[c.predicate]
        assert etype[ms[c.subject].entity_id] in s_types and etype[ms[c.object].entity_id] in o_types
    assert not [c for c in cands if c.predicate in ("partnersWith", "supplies") and "us" in (ms[c.subject].entity_id, ms[c.object].entity_id)]
    assert [c for c in cands if c.predicate == "supplies" and (c.subject, c.object) == (0, 2)]


def test_ungated_predicates_need_no_trigger_word():
    # No trigger word of any predicate, and the two are not next to each other: only a predicate
    # whose types rarely meet without it (a chip and a node) is proposed.
    text = "A1芯片今年热销，对应3nm版本。"
    ms = [mention(0, "chip", text, "A1芯片", "Chip"), mention(1, "n3", text, "3nm", "ProcessNode")]
    scorer = PairScorer(use_shipped=False)
    assert "usesNode" in scorer._free
    assert "usesNode" in {c.predicate for c in scorer.candidates(text, 0, ms)}
    firms = "丙公司今年业绩远好于丁公司。"
    ms = [mention(0, "c", firms, "丙公司", "Company"), mention(1, "d", firms, "丁公司", "Company")]
    assert PairScorer(use_shipped=False).candidates(firms, 0, ms) == []


def test_the_subject_of_the_next_clause_stands_between():
    text = "甲公司为乙公司代工芯片，丙公司则向丁公司供应内存。"
    ms = [mention(i, eid, text, w, "Company", ("Foundry",)) for i, (eid, w) in enumerate(
        [("a", "甲公司"), ("b", "乙公司"), ("c", "丙公司"), ("d", "丁公司")])]
    cands = PairScorer(use_shipped=False).candidates(text, 0, ms)
    fab = {(ms[c.subject].entity_id, ms[c.object].entity_id) for c in cands if c.predicate == "fabricatesFor"}
    assert ("a", "b") in fab and ("a", "d") not in fab


def test_listed_mentions_and_the_triggers_side_are_features():
    text = "甲公司、乙公司宣布收购丙公司。"
    ms = [mention(i, eid, text, w, "Company") for i, (eid, w) in enumerate([("a", "甲公司"), ("b", "乙公司"), ("c", "丙公司")])]
    cands = PairScorer(use_shipped=False).candidates(text, 0, ms)
    acq = next(c for c in cands if c.predicate == "acquires" and (c.subject, c.object) == (1, 2))
    assert "acquires|s-listed" in acq.features and "acquires|o-listed" not in acq.features
    assert "acquires|trig:between:so" in acq.features
    back = next(c for c in cands if c.predicate == "acquires" and (c.subject, c.object) == (2, 1))
    assert "acquires|trig:between:os" in back.features


def test_shared_weights_count_for_every_predicate():
    ms = [mention(0, "a", SENT, "甲公司", "Company"), mention(1, "b", SENT, "乙公司", "Company")]
    model = PairModel(weights={"*|trig:between": 4.0, "*|order:so": 1.0, "*|bias": -2.0},
                      thresholds={"acquires": 0.9}, default_threshold=1.0)
    scorer = PairScorer(model=model)
    found = scorer.run(SENT, 0, ms)
    assert [(r.subject, r.predicate, r.object) for r in found] == [("a", "acquires", "b")]
    cand = next(c for c in scorer.candidates(SENT, 0, ms) if c.predicate == "acquires" and c.subject == 0)
    assert found[0].confidence == round(model.probability(cand.features), 3)


def test_a_firm_after_a_preposition_does_not_act_on_what_follows():
    text = "甲公司希望成为能与乙公司竞争的代工厂，并争取丙公司成为客户。"
    ms = [mention(i, eid, text, w, "Company", ("Foundry",)) for i, (eid, w) in enumerate(
        [("a", "甲公司"), ("b", "乙公司"), ("c", "丙公司")])]
    cands = PairScorer(use_shipped=False).candidates(text, 0, ms)
    # 乙 is what 甲 is measured against: no fact of 乙 with what follows, but those of 甲
    assert {c.predicate for c in cands if c.subject == 1 and c.object == 2} <= {"partnersWith", "competesWith"}
    assert "fabricatesFor" in {c.predicate for c in cands if c.subject == 0 and c.object == 2}


def test_a_role_typed_predicate_needs_a_mention_of_that_role():
    # Only a maker fabricates for others: a fabless firm next to 代工 is no fabricator.
    text = "丙公司为戊公司代工芯片。"
    scorer = PairScorer(use_shipped=False)
    assert "Foundry" in scorer.types["fabricatesFor"][0] and "Company" not in scorer.types["fabricatesFor"][0]

    def fabricators(roles):
        ms = [mention(0, "c", text, "丙公司", "Company", roles), mention(1, "e", text, "戊公司", "Company")]
        return {ms[c.subject].entity_id for c in scorer.candidates(text, 0, ms) if c.predicate == "fabricatesFor"}

    assert fabricators(("Foundry",)) == {"c"}
    assert fabricators(("FablessCompany",)) == set()


def test_a_firm_after_a_preposition_and_a_space_does_not_act_on_what_follows():
    text = "与 丙公司的旗舰芯片相比，甲芯片的性能只有八成。"
    ms = [mention(0, "c", text, "丙公司", "Company"), mention(1, "x", text, "甲芯片", "Chip")]
    assert after_preposition(text, 0, ms, 0)
    assert not {c.predicate for c in PairScorer(use_shipped=False).candidates(text, 0, ms) if c.subject == 0}


def test_pairs_a_rule_linked_are_left_out_only_when_asked():
    from semikg.extract.relations import FoundRelation
    from semikg.models import Status

    text = "甲公司收购乙公司后，丙公司收购丁公司。"
    ms = [mention(i, eid, text, w, "Company") for i, (eid, w) in enumerate(
        [("a", "甲公司"), ("b", "乙公司"), ("c", "丙公司"), ("d", "丁公司")])]
    vote = FoundRelation("b", "customerOf", "a", "x", 0.8, Status.stated, None)  # links a and b
    scorer = PairScorer(use_shipped=False)
    every = scorer.candidates(text, 0, ms, [vote])
    kept = scorer.candidates(text, 0, ms, [vote], unlinked_only=True)
    ends = lambda c: frozenset((ms[c.subject].entity_id, ms[c.object].entity_id))  # noqa: E731
    assert frozenset("ab") in {ends(c) for c in every}
    assert [c for c in every if ends(c) != frozenset("ab")] == kept
    # what run gives is the same: it adds nothing to a pair a rule linked
    model = PairModel(weights={"*|trig:between": 4.0, "*|bias": -1.0}, thresholds={"acquires": 0.5}, default_threshold=1.0)
    found = PairScorer(model=model).run(text, 0, ms, [vote])
    assert ("c", "acquires", "d") in {(r.subject, r.predicate, r.object) for r in found}
    assert not any({r.subject, r.object} == {"a", "b"} for r in found)


def test_trigger_words_on_each_side_of_a_pair_are_told_apart():
    text = "收购甲公司与乙公司收购丙公司交易"
    ms = [mention(i, eid, text, w, "Company") for i, (eid, w) in enumerate([("a", "甲公司"), ("b", "乙公司"), ("c", "丙公司")])]
    cands = PairScorer(use_shipped=False).candidates(text, 0, ms)
    ab = next(c for c in cands if c.predicate == "acquires" and (c.subject, c.object) == (0, 1))
    assert "trig:before" in ab.own and "trig:after" in ab.own and "trig:between" not in ab.own
    ac = next(c for c in cands if c.predicate == "acquires" and (c.subject, c.object) == (0, 2))
    assert ac.own.count("trig:between") == 1 and "trig:before" in ac.own and "trig:after" not in ac.own


@pytest.mark.parametrize("delta, found", [(1e-7, True), (-1e-7, False)])
def test_a_candidate_a_hair_from_its_threshold_is_scored_exactly(delta, found):
    # The quick first reading of a candidate drops only those far below their threshold: one a
    # hair above it still passes, one a hair below still fails.
    ms = [mention(0, "a", SENT, "甲公司", "Company"), mention(1, "b", SENT, "乙公司", "Company")]
    model = PairModel(weights={"acquires|trig:between": 1.5, "*|bias": -1.5 + delta},
                      thresholds={"acquires": 0.5}, default_threshold=1.0)
    got = PairScorer(model=model).run(SENT, 0, ms)
    assert [(r.subject, r.predicate, r.object) for r in got] == ([("a", "acquires", "b")] if found else [])
