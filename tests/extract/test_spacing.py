"""Spaces between Chinese and Latin text (台积电 3 纳米, 麒麟 9000) are read as if absent, and what
is found maps back onto the text as written. Every sentence here is written for the test."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from semikg.extract.rules import RuleBasedExtractor
from semikg.extract.spacing import Despaced, soft_line_breaks
from semikg.loaders.normalise import normalise, script_of
from semikg.models import Article
from tests.support.extracting import extract, extractor_of, found

CATALOG = """version: 1
entities:
  - {id: huawei, type: Company, roles: [FablessCompany], name: Huawei, zh_hans: 华为, zh_hant: 華為}
  - {id: tsmc, type: Company, roles: [Foundry], name: TSMC, zh_hans: 台积电, zh_hant: 台積電}
  - {id: hsinchu, type: Place, name: Hsinchu, zh_hans: 新竹, zh_hant: 新竹}
  - {id: n5, type: ProcessNode, name: 5nm, aliases: [N5]}
  - {id: euv, type: Technology, name: EUV}
"""

SENTENCES = [
    "华为发布麒麟9000芯片，由台积电以5nm制程代工。",
    "台积电新竹P3厂明年量产，采用EUV光刻机，良率提升20%。",
]


def spaced(text: str) -> str:
    text = re.sub(r"([\u4e00-\u9fff])([A-Za-z0-9])", r"\1 \2", text)
    return re.sub(r"([A-Za-z0-9%])([\u4e00-\u9fff])", r"\1 \2", text)


def article(text: str, start: int = 0) -> Article:
    return Article(id="s-000", source_file="s.txt", encoding="utf-8", index=0, start=start, end=start + len(text),
                   title=text[:10], text=text, norm_text=normalise(text), script=script_of(text))


@pytest.fixture(scope="module")
def ex(tmp_path_factory) -> RuleBasedExtractor:
    return extractor_of(CATALOG, tmp_path_factory.mktemp("cat"))


def test_only_spaces_between_chinese_and_latin_text_go():
    d = Despaced.of(article("台积电 3 纳米与 Fab 21 的 EUV 光刻，良率 20% 以上。"))
    assert d.article.text == "台积电3纳米与Fab 21的EUV光刻，良率20%以上。"
    assert len(d.article.norm_text) == len(d.article.text)


def test_the_spam_spans_move_with_the_text():
    text = "台积电 3 纳米。广告 ABC 联系。英特尔 18A 量产。"
    spam = (text.index("广告"), text.index("英特尔"))
    d = Despaced.of(article(text).model_copy(update={"spam_spans": (spam,)}))
    (a, b), = d.article.spam_spans
    assert d.article.text[a:b] == "广告ABC联系。"


def test_an_article_without_such_spaces_is_read_as_it_is():
    assert Despaced.of(article("台积电3纳米与Fab 21的EUV光刻。")) is None


@given(st.lists(st.sampled_from(["台", "积", "电", "A", "b", "9", " ", "  ", "，", "%"]), max_size=40))
def test_every_offset_maps_back_onto_the_same_character(parts):
    text = "".join(parts)
    d = Despaced.of(article(text))
    if d is None:
        return
    read = d.article.text
    for p, c in enumerate(read):
        assert text[d.start(p)] == c
        assert text[d.end(p + 1) - 1] == c
    # a span of the read text maps onto the same characters, the gaps inside it kept
    assert text[d.start(0):d.end(len(read))].replace(" ", "") == read.replace(" ", "")


@pytest.mark.parametrize("sentence", SENTENCES)
def test_spaced_text_gives_the_entities_and_relations_of_unspaced_text(ex, sentence):
    assert spaced(sentence) != sentence
    assert found(extract(ex, spaced(sentence))) == found(extract(ex, sentence))


def test_the_sentences_name_what_the_test_compares(ex):
    r = extract(ex, "\n".join(SENTENCES))
    assert {"huawei", "tsmc", "hsinchu", "n5", "euv"} <= {e.id for e in r.entities}
    assert any(e.id.startswith("d-") for e in r.entities)  # the chip model, the site
    assert r.relations


def test_surfaces_quotes_and_figures_stay_as_written(ex):
    text = "前言。\n" + spaced("台积电新竹P3厂明年量产，采用EUV光刻机，月产能达到10万片。")
    a = article(text, start=100)
    r = ex.run(a)
    assert "新竹 P3 厂" in {m.surface for m in r.mentions}  # the site's name, spaces and all
    for m in r.mentions:
        assert text[m.start - 100:m.end - 100] == m.surface
    assert r.relations and r.measurements
    for x in (*r.relations, *r.measurements):
        assert text[x.evidence.start - 100:x.evidence.end - 100] == x.evidence.quote
        assert " " in x.evidence.quote  # the sentence as written
    for q in r.measurements:
        assert text[q.figure_start - 100:q.figure_start - 100 + len(q.raw)] == q.raw
    assert r.article is a


# ------------------------------------------------------------------ page wraps
PARAGRAPH = ("台积电表示将在新竹P3厂扩大产能，并采用EUV光刻机生产5nm芯片，华为发布麒麟9000芯片，由台积电代工。"
             "新厂预计明年第四季度完工，届时月产能将达到十万片，可满足全球客户对先进制程芯片的强劲需求。"
             "业界人士认为，此举将进一步巩固台积电在全球晶圆代工市场的领先地位，并带动上下游供应链同步成长。")


def wrapped(text: str, width: int) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def test_a_paragraph_wrapped_by_its_page_is_read_as_one():
    text = wrapped(PARAGRAPH, 36)
    assert text.count("\n") >= 3
    d = Despaced.of(article(text))
    assert d is not None and d.article.text == PARAGRAPH


def test_wrapped_text_gives_the_entities_and_relations_of_the_unwrapped_text(ex):
    text = wrapped(PARAGRAPH, 36)
    assert found(extract(ex, text)) == found(extract(ex, PARAGRAPH))
    r = extract(ex, text)
    assert any("\n" in x.evidence.quote for x in r.relations)  # quotes as written, line breaks and all
    for x in r.relations:
        assert text[x.evidence.start:x.evidence.end] == x.evidence.quote


def test_a_break_between_two_latin_words_is_read_as_a_space():
    width = 32
    text = wrapped("光" * (width - 8) + "Hyper NA" + "EUV" + "刻" * (3 * width), width)
    assert "Hyper NA\nEUV" in text
    d = Despaced.of(article(text))
    assert d is not None and "Hyper NA EUV" in d.article.text and "\n" not in d.article.text
    assert len(d.article.text) == len(text) - text.count("\n") + 1  # one break read as a space, the others as nothing


def test_a_break_inside_a_number_is_read_as_nothing():
    width = 32
    text = wrapped("光" * (width - 3) + "2025年" + "刻" * (3 * width), width)
    assert "202\n5年" in text
    d = Despaced.of(article(text))
    assert d is not None and "2025年" in d.article.text


def test_headings_lists_and_paragraphs_of_many_widths_are_not_joined():
    text = ("# 半导体周报\n"
            "台积电第三季营收创新高，先进制程占比持续提升，市场预期第四季将延续成长动能。\n"
            "英特尔则宣布裁员计划。\n"
            "三星电子表示，其存储芯片业务在人工智能需求带动下明显回温，但晶圆代工业务仍面临亏损，公司将调整投资节奏。\n"
            "1. 台积电美国亚利桑那州工厂开始量产首批四纳米芯片产品\n"
            "2. 三星电子德州泰勒工厂延后量产时间表至明年下半年开始\n"
            "3. 英特尔俄亥俄州工厂建设进度放缓，完工时间推迟数年之久\n")
    assert soft_line_breaks(normalise(text)) == ([], [])
