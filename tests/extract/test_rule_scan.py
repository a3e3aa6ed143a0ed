"""The rule engines of one extractor share one RuleScan (semikg/extract/relations.py): a sentence's
trigger words, mention classes and token string are worked out once for all of them. Sharing must
change nothing an engine finds, and a view whose mentions change is read afresh."""
from __future__ import annotations

import pytest

from semikg.extract.passes.lexicon import LexiconExtractor
from semikg.extract.relations import CLASS_MARKS, RelationExtractor, RuleScan, SentenceMention
from semikg.ontology.classes import classes_for

# Sentences written for this test: (sentence, [(entity id, word, type, roles)]).
SENTENCES = [
    ("甲芯科技宣布以十亿元收购乙微电子。", [("a", "甲芯科技", "Company", ()), ("b", "乙微电子", "Company", ())]),
    ("丙半导体总部位于苏州，并在无锡设有工厂。",
     [("c", "丙半导体", "Company", ()), ("p1", "苏州", "Place", ()), ("p2", "无锡", "Place", ())]),
    ("丁晶圆厂由甲芯科技运营，采用极紫外光刻技术。",
     [("f", "丁晶圆厂", "Fab", ()), ("a", "甲芯科技", "Company", ()), ("t", "极紫外光刻", "Technology", ())]),
    ("乙微电子与丙半导体签署合作协议，共同开发新一代存储芯片。",
     [("b", "乙微电子", "Company", ()), ("c", "丙半导体", "Company", ())]),
    ("这家公司今年没有新的消息。", []),
]


def mentions(text: str, spec) -> list[SentenceMention]:
    out = []
    for i, (eid, word, etype, roles) in enumerate(spec):
        s = text.index(word)
        out.append(SentenceMention(i, eid, s, s + len(word), classes_for(etype, roles)))
    return out


def found(engine, text, ms):
    return sorted((r.subject, r.predicate, r.object, r.rule, r.confidence, r.status, r.trigger)
                  for r in engine.run(text, 0, ms))


LEXICONS = ("places.yaml", "usage.yaml", "trade.yaml", "policies.yaml")


def test_shared_scan_finds_what_separate_engines_find():
    scan = RuleScan()
    shared = [RelationExtractor(scan=scan), *(LexiconExtractor(name, scan) for name in LEXICONS)]
    alone = [RelationExtractor(), *(LexiconExtractor(name) for name in LEXICONS)]
    total = 0
    for text, spec in SENTENCES:
        ms = mentions(text, spec)  # one list, read by every engine in turn, as the passes do
        for a, b in zip(shared, alone):
            got = found(a, text, ms)
            assert got == found(b, text, list(ms))
            total += len(got)
    assert total >= 3  # the sentences do fire rules: the comparison is not between empty lists


def test_engines_keep_their_own_triggers():
    """One scan holds every engine's trigger words; an engine plans only with its own."""
    scan = RuleScan()
    relations, places = RelationExtractor(scan=scan), LexiconExtractor("places.yaml", scan)
    text, spec = SENTENCES[1]
    ms = mentions(text, spec)
    v = scan.view(text, 0, ms)
    for engine in (relations, places):
        own = {t for r in engine.rules for t in (r.triggers or ())}
        planned = engine._candidate_rules(v)
        assert all(r.triggers is None or r.triggers & own for r in planned)
        assert set(planned) <= set(engine.rules)


def test_a_view_whose_mentions_change_is_read_afresh():
    scan = RuleScan()
    engine, fresh = RelationExtractor(scan=scan), RelationExtractor()
    text, spec = SENTENCES[0]
    ms = mentions(text, spec)
    before = found(engine, text, ms)
    assert ("a", "acquires", "b") in {r[:3] for r in before}
    view = scan.view(text, 0, ms)
    assert scan.view(text, 0, ms) is not view  # never remembered: each call reads the list as it is now
    # Same list object, a mention replaced in place: the second name is now a place.
    s = text.index("乙微电子")
    ms[1] = SentenceMention(1, "p", s, s + 4, classes_for("Place", ()))
    view = scan.view(text, 0, ms)
    assert "Place" in view.classes and CLASS_MARKS["Place"] in scan.token_text(view)
    assert found(engine, text, ms) == found(fresh, text, list(ms))
    assert ("a", "acquires", "p") not in {r[:3] for r in found(engine, text, ms)}
    # A mention appended to the list (a later pass adding a zero-width subject) is seen too.
    ms[1] = SentenceMention(1, "b", s, s + 4, classes_for("Company", ()))
    ms.append(SentenceMention(2, "c", len(text) - 1, len(text) - 1, classes_for("Company", ())))
    assert found(engine, text, ms) == found(fresh, text, list(ms))


@pytest.mark.parametrize("offset", [0, 120])
def test_offsets_map_back_to_the_sentence(offset):
    """The token string is built per view with its offset: triggers quote the sentence's words."""
    text, spec = SENTENCES[0]
    ms = [m._replace(start=m.start + offset, end=m.end + offset) for m in mentions(text, spec)]
    got = RelationExtractor(scan=RuleScan()).run(text, offset, ms)
    assert got and all(r.trigger is None or r.trigger in text for r in got)


# ------------------------------------------------------------------ patterns opening with a mark
import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from semikg.extract.relations import TOK_CLOSE, TOK_OPEN, mark_first  # noqa: E402

# Patterns written for this test in the shape the macros expand to: look-behinds, then a mention.
MARK_PATTERNS = [
    rf"(?<![在与和])(?P<T>){TOK_OPEN}(?P<O>\d+):[^{TOK_CLOSE}]*{TOK_CLOSE}的?{TOK_OPEN}(?P<S>\d+):",
    rf"(?<!、)(?<!、\s){TOK_OPEN}(?P<S>\d+):[^{TOK_CLOSE}]*{TOK_CLOSE}(?P<T>合作|与)",
    rf"(?<![^{TOK_CLOSE}][与和])(?<=[^)]){TOK_OPEN}(?P<S>\d)[^{TOK_CLOSE}]*{TOK_CLOSE}.{{0,3}}?(?P<O>在)",
    rf"(?<![\]a])(?<=[^\\(]){TOK_OPEN}\d",
]
_ALPHABET = st.sampled_from(["在", "与", "和", "、", " ", "的", "合作", ")", "]", "a", "(", "\\", "x",
                             f"{TOK_OPEN}1:|Place|{TOK_CLOSE}", f"{TOK_OPEN}2:|Company|Agent|{TOK_CLOSE}",
                             TOK_OPEN, TOK_CLOSE])


def test_mark_first_moves_the_mark_before_the_look_behinds():
    for p in MARK_PATTERNS:
        moved = mark_first(p)
        assert moved != p and not moved.startswith("(?<")
        assert moved.lstrip("(?P<T>)").startswith(TOK_OPEN)
    assert mark_first(rf"^{TOK_OPEN}\d") == rf"^{TOK_OPEN}\d"  # nothing to move
    assert mark_first(r"(?<!a)b") == r"(?<!a)b"  # no mark after the look-behind: left alone


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=14))
def test_mark_first_matches_what_the_pattern_matches(pieces):
    text = "".join(pieces)
    for p in MARK_PATTERNS:
        a, b = re.compile(p), re.compile(mark_first(p))
        assert [m.regs for m in a.finditer(text)] == [m.regs for m in b.finditer(text)]


# ------------------------------------------------------------------ class tests as marks
from semikg.extract.relations import class_marks_in, compile_rule, RuleSpec  # noqa: E402


def test_class_tests_become_the_classes_marks():
    place, company, fab = CLASS_MARKS["Place"], CLASS_MARKS["Company"], CLASS_MARKS["Fab"]
    assert class_marks_in(r"(?=[^x]*\|Place\|)a\|(?:Company|Fab)\|") == f"(?=[^x]*{place})a[{company}{fab}]"
    assert class_marks_in(r"a\|b") == r"a\|b"  # a bar that is no class test is left alone
    assert len(set(CLASS_MARKS.values())) == len(CLASS_MARKS)
    assert not {TOK_OPEN, TOK_CLOSE} & set(CLASS_MARKS.values())


def test_a_rule_naming_an_unknown_class_fails_to_compile():
    from semikg.errors import SemikgError
    spec = RuleSpec(id="x", predicate="locatedIn", pattern=r"{S:Company}(?!\ue000[^\ue001]*\|Planet\|)在{O:Place}")
    with pytest.raises(SemikgError, match="Planet"):
        compile_rule("test.yaml", spec, 0.7)


def test_a_raw_class_test_in_a_rule_reads_the_tokens_marks():
    """A rule may test a neighbouring token's class by name; compiled, it reads the marks."""
    spec = RuleSpec(id="x", predicate="locatedIn",
                    pattern=r"{S:Company}(?P<T>位于)(?!\ue000\d+:[^\ue001]*\|Country\|){O:Place}")
    rule = compile_rule("test.yaml", spec, 0.7)
    engine = RelationExtractor((rule,))
    for place, etype, expected in (("苏州", "Place", 1), ("美国", "Country", 0)):
        text = f"甲芯科技位于{place}。"
        ms = mentions(text, [("a", "甲芯科技", "Company", ()), ("p", place, etype, ())])
        assert len(engine.run(text, 0, ms)) == expected


# ------------------------------------------------------------------ the slots' order
from semikg.extract.relations import slot_order  # noqa: E402

# Patterns written for this test: where the subject and object slots stand decides the order.
ORDER_PATTERNS = [
    (r"(?P<S>a)x{0,3}(?P<O>b)", "SO"),
    (r"(?:(?P<O>a)|c)y?(?:z|(?P<S>b))", "OS"),
    (r"(?P<T>的)?(?:(?P<S>a)x*)+(?P<O>[ab])", "SO"),
    (r"(?=.*(?P<S>a))(?P<O>b)", None),  # a slot inside a look-ahead may stand anywhere
    (r"(?:(?P<S>a)(?P<O>b)|x)", None),  # both in one branch: no order read off the sequence
    (r"((?P<O>a).?(?P<S>[ab]))", "OS"),  # both in one group: its own sequence says
]


def test_slot_order_reads_the_pattern():
    for p, expected in ORDER_PATTERNS:
        assert slot_order(p) == expected, p


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abxyzc的", max_size=12))
def test_a_match_holds_its_slots_in_the_order_read_off_the_pattern(text):
    for p, expected in ORDER_PATTERNS:
        if expected is None:
            continue
        for m in re.compile(p).finditer(text):
            first, second = ("S", "O") if expected == "SO" else ("O", "S")
            if m.group("S") is not None and m.group("O") is not None:  # a rule's slots always take part
                assert m.end(first) <= m.start(second)


def test_every_rule_has_a_slot_order():
    """The rule engines skip a rule on a view where no mention of its first slot's classes stands
    before one of its second slot's: every rule file's patterns fix that order."""
    engines = [RelationExtractor(), *(LexiconExtractor(name) for name in LEXICONS)]
    for engine in engines:
        for r in engine.rules:
            assert r.order in ("SO", "OS"), r.id
            # the order read off the short pattern is the expanded pattern's
            assert r.order == slot_order(r.regex.pattern)


def test_a_rule_is_not_tried_where_its_slots_stand_the_wrong_way_round():
    spec = RuleSpec(id="x", predicate="locatedIn", pattern=r"{S:Company}(?P<T>位于){O:Place}")
    engine = RelationExtractor((compile_rule("test.yaml", spec, 0.7),))
    text = "苏州位于甲芯科技。"  # the place first: the subject slot cannot stand before it
    ms = mentions(text, [("p", "苏州", "Place", ()), ("a", "甲芯科技", "Company", ())])
    assert engine._candidate_rules(engine.scan.view(text, 0, ms)) == ()
    text = "甲芯科技位于苏州。"
    ms = mentions(text, [("a", "甲芯科技", "Company", ()), ("p", "苏州", "Place", ())])
    assert engine._candidate_rules(engine.scan.view(text, 0, ms)) == engine.rules
    assert [r.object for r in engine.run(text, 0, ms)] == ["p"]
