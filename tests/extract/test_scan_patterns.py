"""Scanning patterns rewritten to open with a literal or a character class (so that Python's regex
engine skips to candidate positions in C) must match exactly what their plain form matches. The
plain forms are written out here, as they were before the rewrite, and compared on generated text
that is dense in the characters the patterns care about."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from semikg.extract import discovery, measure, relations, rules
from semikg.extract.discovery import Discoverer, _alt

_ASCII = list("abcfnmxzAFNMXZ0125789.-& ,/()")
_CJK = list("纳米奈代工晶圆厂区园生产基地新一二十公司集团股份科技半导体微电子有限责任的向为给")


def _text(extra: list[str]) -> st.SearchStrategy[str]:
    """Text made of single characters and whole words the patterns look for."""
    return st.lists(st.sampled_from(_ASCII + _CJK + extra), max_size=60).map("".join)


def _spans(rx: re.Pattern, text: str) -> list[tuple]:
    return [(m.span(), m.group(0)) for m in rx.finditer(text)]


@pytest.fixture(scope="module")
def disc() -> Discoverer:
    return Discoverer()


def _plain_patterns(d: Discoverer) -> dict[str, tuple[re.Pattern, re.Pattern]]:
    lx = d.lx
    trade, legal, en = _alt(lx.trade_suffixes), _alt(lx.legal_suffixes), _alt(lx.english_company_suffixes)
    return {
        "legal": (re.compile(rf"(?:{trade})*(?:{legal})+"), d._legal),
        "trade": (re.compile(rf"(?:{trade})+"), d._trade),
        "ascii_company": (re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9&\-]{2,24})(?=公司|集团|股份)"), d._ascii_company),
        "en_company": (re.compile(rf"(?<![A-Za-z0-9])((?:[A-Z][A-Za-z0-9&\-]+\s+){{0,3}}[A-Z][A-Za-z0-9&\-]*)\s+({en})(?![A-Za-z])"),
                       d._en_company),
        "spaced_model": (re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z]{2,15} \d{3,5}[A-Z]{0,2})(?![A-Za-z0-9])"), d._spaced_model),
        "model": (re.compile(r"(?<![A-Za-z0-9\-])([A-Za-z]{1,6}(?:-\d{1,5}|\d{2,5})[A-Za-z]{0,3}(?:-[A-Za-z0-9]{1,4})?)(?![A-Za-z0-9])"),
                  d._model),
        "fab_number": (re.compile(r"(?<![a-z])fab\s?\d{1,2}[a-z]?(?![a-z0-9])"), discovery._FAB_NUMBER),
        "fab_word": (re.compile(r"(?<!代)(?:晶圆厂|工厂|厂区|园区|生产基地|新厂|[一二三四五六七八九十\d]厂|fab\s?\d{1,2}[a-z]?)"),
                     rules.FAB_WORD),
        "en_break": (re.compile(r"(?<=[a-z0-9)\]])\.\s+(?=[A-Z\u4e00-\u9fff])"), rules.EN_BREAK),
    }


@settings(max_examples=400, deadline=None)
@given(text=_text(["公司", "有限公司", "Inc", "Ltd", "Corp", "Group", "AX-9", "RK3588", "Fab 18", "fab18", "N3E",
                   "代工厂", "代fab 2", "xIntel公司", "9Arm集团", "-AX-9", "Apple Inc", "Intel Corp", "a. B", "3. 台", "Xeon 6980P"]))
def test_rewritten_discovery_patterns_match_their_plain_form(disc, text):
    for name, (plain, fast) in _plain_patterns(disc).items():
        subject = text if name in ("ascii_company", "en_company", "spaced_model", "model", "en_break") else text.lower()
        assert _spans(fast, subject) == _spans(plain, subject), name
        # The groups a caller reads are the same too.
        assert [m.groups() for m in fast.finditer(subject)] == [m.groups() for m in plain.finditer(subject)], name


_PLAIN_NODE = re.compile(r"(?<![0-9a-z.])(\d{1,3}(?:\.\d)?)\s?(nm|纳米|奈米)(?![a-z])"
                         r"|(?<![0-9a-z])(n\d{1,2}[epxa]?|\d{2}a|1[abcxyzαβγ])(?![0-9a-z])")


@settings(max_examples=400, deadline=None)
@given(text=_text(["nm", "纳米", "3nm", "n3e", "18a", "1c", "1β", "0.7", "12.5 nm"]))
def test_node_pattern_reads_the_same_number_unit_and_token(disc, text):
    text = text.lower()
    plain = [(m.span(), m.group(1), m.group(2), m.group(3)) for m in _PLAIN_NODE.finditer(text)]
    # Group 1 holds the number after its first digit, group 3 the token after its first character.
    fast = [(m.span(), text[m.start():m.end(1)] if m.group(2) else None, m.group(2),
             text[m.start():m.end(3)] if m.group(3) is not None else None) for m in disc._node.finditer(text)]
    assert fast == plain


_PLAIN_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(list("0123456789,.% 亿元美万") + ["mm2", "gbps", "1234,567", ",000", "12,345.6"]), max_size=40).map("".join))
def test_number_pattern_matches_its_plain_form(text):
    for tail in (r"\s*%", r"\s*(?:gbps|mm2)", r"\s*(?:亿|万)?元"):
        plain, fast = re.compile(_PLAIN_NUM + tail), re.compile(measure.NUM + tail)
        assert [(m.span(), m.group("num")) for m in fast.finditer(text)] == \
               [(m.span(), m.group("num")) for m in plain.finditer(text)]


def _token(i: int, classes: str) -> str:
    return f"{relations.TOK_OPEN}{i}:|{classes}|{relations.TOK_CLOSE}"


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.sampled_from(["的", "向", "为", "供应给", "，", "、", " ", "和", "(注)", "place", "firm", "chip"]),
                      max_size=12))
def test_slot_macro_matches_its_plain_form(parts):
    """{S:Agent} may be preceded by a place and 的; the rewrite writes the opening mark once."""
    text, i = "", 0
    for p in parts:
        if p in ("place", "firm", "chip"):
            text += _token(i, {"place": "Place", "firm": "Company|Agent", "chip": "Chip"}[p])
            i += 1
        else:
            text += p
    o, c = relations.TOK_OPEN, relations.TOK_CLOSE
    place = rf"{o}\d+:(?=[^{c}]*\|Place\|)[^{c}]*{c}"
    slot = rf"(?P<S>\d+):(?=[^{c}]*\|(?:Agent)\|)[^{c}]*{c}"
    plain = re.compile(rf"(?:{place}(?:的)?)?{o}" + slot + r"[^\ue000]{0,6}?(?:向|为|供应给)")
    fast = re.compile(relations.MACRO.sub(relations.expand_macro, "{S:Agent}").split("(?:\\s?[(（]")[0]
                      + r"[^\ue000]{0,6}?(?:向|为|供应给)")
    assert [(m.span(), m.group("S")) for m in fast.finditer(text)] == [(m.span(), m.group("S")) for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("半导体科技微电子芯片国产美国集成电路有限公司新光")), max_size=12))
def test_generic_words_removed_as_by_the_plain_loop(disc, text):
    rest = text
    for g in disc._generic_multi:
        rest = rest.replace(g, "")
    assert disc._without_generic_words(text) == rest


@settings(max_examples=300, deadline=None)
@given(text=_text(["、", "，", "和", "與", "及", "（", "）", "市", "县", "町", "\n", " "]))
def test_cheap_tests_before_discovery_patterns_pass_wherever_the_patterns_match(text):
    """Discovery tries some patterns only where a cheap test on a character or two passes: the test
    passes wherever the pattern matches."""
    for s in range(len(text) + 1):
        if discovery._LATIN_THEN_SEP.search(text, max(0, s - 3), s):  # a Latin name listed before a firm at s
            assert text[s - 2:s - 1] in discovery._NAME_END or text[s - 3:s - 2] in discovery._NAME_END
        m = discovery._SUFFIXED_PLACE.match(text, s)  # an inner place right after an outer one ending at s
        if m:
            assert not discovery._PLACE_SUFFIXES.isdisjoint(text[s + 2:s + 5])
        if discovery._GLOSSED_PLACE.match(text, s):
            assert not discovery._OPENING_BRACKETS.isdisjoint(text[s + 2:s + 6])
        m = discovery._NUMBER_LETTER.search(text, 0, s)  # a catalog chip's name ending at s in a number and letters
        if m and m.end() == s:
            assert "a" <= text[s - 1] <= "z"


def test_every_founding_word_holds_one_of_the_words_a_text_is_first_searched_for():
    assert all(any(core in w for core in discovery._FOUNDING_CORES) for w in discovery._FOUNDING)
