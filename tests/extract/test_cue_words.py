"""cue_words (semikg/extract/relations.py): words one of which every match of a pattern holds, the
cheap test hedge_status makes before it searches. It must never skip a text the pattern matches."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from semikg.extract.relations import Status, _hedges, cue_words, hedge_status

# Patterns written for this test, in the shapes hedge lists take.
PATTERNS = [
    r"据说|(?:^|[,，])传(?!统)|(?:坊间|业内)传(?:出|言)|rumou?rs?",
    r"(?<![按依])计划|拟|plans? to|will ",
    r"据.{1,6}?报道|消息称",
    r"将(?:要|会|与)",
]


def test_cue_words_are_the_shortest_words_a_match_needs():
    assert cue_words(r"据说|传言|传") == ("传", "据说")  # 传言 holds 传: found wherever 传言 is
    assert cue_words(r"将(?:要|会|与)") in (("将",), ("与", "会", "要"))
    assert cue_words(r"计划|.{2}") is None  # one alternative needs no word at all
    assert cue_words(r"(?i)rumou?r") is None  # case folded: a plain word test would miss RUMOUR
    assert cue_words(r"(") is None  # not a pattern: no test, the search decides


_PIECES = st.sampled_from(["据", "说", "传", "统", "出", "言", "坊间", "业内", ",", "，", "rumo", "u", "r", "s",
                           "计划", "按", "拟", "plan", " to", "will", " ", "报道", "消息称", "将", "要", "会", "与",
                           "x", "。"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12))
def test_a_text_without_a_cue_word_has_no_match(pieces):
    text = "".join(pieces)
    for p in PATTERNS:
        cues = cue_words(p)
        assert cues is not None
        if re.search(p, text):
            assert any(w in text for w in cues), (p, text)


def test_hedge_status_reads_the_same_with_the_cue_test():
    sentences = ["市场传出甲公司将收购乙公司。", "据外媒报道，甲公司计划扩产。", "甲公司预计明年量产。",
                 "甲公司将与乙公司合作。", "甲公司今年量产。", "the firm will build a fab", ""]
    for text in sentences:
        plain = next((s for s, rx, _ in _hedges() if rx.search(text)), Status.stated)
        assert hedge_status(text) == plain
    assert hedge_status("据外媒报道，甲公司计划扩产。") == Status.reported
    assert hedge_status("甲公司今年量产。") == Status.stated
