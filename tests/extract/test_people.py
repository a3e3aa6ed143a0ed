"""People whose names follow no Chinese surname (小池敦义, 勒梅尔, 川普), found between a role word and
what they say, and named again by the family name alone. Sentences written for the test."""
from __future__ import annotations

import pytest

from semikg.extract.discovery import Discoverer
from semikg.loaders.normalise import normalise


def people(text: str) -> list[tuple[str, str]]:
    """(surface, canonical name) of every person found."""
    return [(text[f.start:f.end], f.name) for f in Discoverer().run(normalise(text), text, []) if f.type == "Person"]


@pytest.mark.parametrize("text, surface", [
    ("东芝执行长岛田太郎表示，将扩大功率半导体产能。", "岛田太郎"),
    ("荷兰经济部长范德林登5月2日宣布新的补贴。", "范德林登"),
    ("美国总统川普指出，关税将提高。", "川普"),
])
def test_a_name_between_a_role_and_a_speech_verb_is_a_person(text, surface):
    assert surface in [s for s, _ in people(text)]


@pytest.mark.parametrize("text", [
    "公司部长会议指出要加快发展。",       # a meeting, not a name
    "台积电董事长暨总经理表示需求强劲。",  # a second title, not a name
])
def test_titles_and_bodies_after_a_role_are_no_person(text):
    assert people(text) == []


def test_a_person_named_in_full_is_named_by_the_family_name_when_speaking():
    text = "东芝执行长岛田太郎表示，将扩产。岛田强调，合作是关键。岛田县的工厂不受影响。"
    found = people(text)
    assert ("岛田", "岛田太郎") in found
    assert [s for s, _ in found].count("岛田") == 1   # 岛田县 is a place, not a speaker


def test_a_transliterated_name_is_named_by_its_last_part():
    text = "英特尔首席执行官约翰·史密斯表示将扩产。史密斯也表示需求强劲。"
    assert ("史密斯", "约翰·史密斯") in people(text)


def test_a_name_glossed_in_latin_after_a_role_is_a_person():
    assert "岸田文雄" in [s for s, _ in people("日本前首相、政策专家岸田文雄(Fumio Kishida)近日访问台湾。")]


@pytest.mark.parametrize("text, expected", [
    ("苏姿丰今年55岁。她曾任科技公司IBM的总裁。", {("Lisa Su", "IBM")}),
    ("苏姿丰今年55岁。他们曾任科技公司IBM的总裁。", set()),   # 他们 is no one person
])
def test_he_or_she_opening_a_clause_is_the_person_named_last(text, expected):
    from semikg.extract.rules import RuleBasedExtractor
    from semikg.loaders.catalog import load_catalog
    from tests.extract.test_extract import article, pairs

    assert pairs(RuleBasedExtractor(load_catalog()).run(article(text)), "leads") == expected
