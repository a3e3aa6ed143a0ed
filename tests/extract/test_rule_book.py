"""The rule passes read each sentence view once through one RuleBook (semikg/extract/passes/rulebook.py):
each rule file's findings must be exactly, in order, what an engine over that file alone finds."""
from __future__ import annotations

import pytest

from semikg.extract.passes.lexicon import LexiconExtractor, compiled_lexicon
from semikg.extract.passes.rulebook import RuleBook
from semikg.extract.passes.state import ArticleState, SentenceView
from semikg.extract.relations import RelationExtractor, RuleScan, compiled_rules
from tests.extract.test_extract import article
from tests.extract.test_rule_scan import SENTENCES, mentions

FILES = ("places.yaml", "usage.yaml", "trade.yaml", "policies.yaml", "finance.yaml")


def _state(sentences) -> ArticleState:
    """One article of the given sentences, with a view per sentence."""
    text = "".join(t for t, _ in sentences)
    st = ArticleState.of(article(text))
    pos = 0
    for t, spec in sentences:
        ms = [m._replace(start=m.start + pos, end=m.end + pos) for m in mentions(t, spec)]
        st.views.append(SentenceView(pos, pos + len(t), ms))
        pos += len(t)
    return st


def _book() -> RuleBook:
    book = RuleBook(RuleScan())
    book.add("relations.yaml", compiled_rules())
    for name in FILES:
        book.add(name, compiled_lexicon(name))
    return book


def test_each_file_finds_what_its_engine_alone_finds():
    st, book = _state(SENTENCES), _book()
    alone = {"relations.yaml": RelationExtractor(), **{n: LexiconExtractor(n) for n in FILES}}
    total = 0
    for source, engine in alone.items():
        expected = [(v.start, engine.run(st.norm[v.start:v.end], v.start, v.mentions)) for v in st.views]
        expected = [(s, f) for s, f in expected if f]
        got = [(v.start, f) for v, f in book.findings(st, source)]
        assert got == expected
        total += sum(len(f) for _, f in got)
    assert total >= 3  # the sentences fire rules of several files: the comparison is not of empty lists
    assert {s for s in alone if book.findings(st, s)} >= {"relations.yaml", "places.yaml"}


def test_findings_are_worked_out_once_per_view_and_follow_new_views():
    st, book = _state(SENTENCES[:2]), _book()
    calls = []
    engine = book.engine
    real = engine.run_by_source
    engine.run_by_source = lambda *a: calls.append(a[1]) or real(*a)
    book.findings(st, "relations.yaml")
    book.findings(st, "places.yaml")
    assert len(calls) == 2 and len(st.rule_findings[1]) == 2  # two views, each read once for both files
    extra = _state(SENTENCES[2:3]).views[0]
    pos = st.views[-1].end
    st.views.append(SentenceView(pos, pos + extra.end,
                                 [m._replace(start=m.start + pos, end=m.end + pos) for m in extra.mentions]))
    st.norm = st.text = st.norm + SENTENCES[2][0]
    book.findings(st, "usage.yaml")
    assert len(calls) == 3 and calls[-1] == pos  # only the new view is read


def test_a_file_added_after_an_article_was_read_gets_its_findings():
    st = _state(SENTENCES)
    book = RuleBook(RuleScan())
    book.add("relations.yaml", compiled_rules())
    book.findings(st, "relations.yaml")
    book.add("places.yaml", compiled_lexicon("places.yaml"))
    alone = LexiconExtractor("places.yaml")
    expected = [(v.start, f) for v in st.views if (f := alone.run(st.norm[v.start:v.end], v.start, v.mentions))]
    assert expected  # the sentences fire a places rule
    assert [(v.start, f) for v, f in book.findings(st, "places.yaml")] == expected


def test_unknown_file_and_mislabelled_rules_are_refused():
    book = _book()
    with pytest.raises(ValueError, match="no rule file"):
        book.findings(_state(SENTENCES[:1]), "nonexistent.yaml")
    with pytest.raises(ValueError, match="another file"):
        book.add("trade.yaml", compiled_lexicon("usage.yaml"))
