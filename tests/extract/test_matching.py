"""The matching pass: catalog names as written, and a foreign country's body is not the catalog's."""
from __future__ import annotations

import pytest

from semikg.extract.rules import RuleBasedExtractor
from semikg.loaders.catalog import load_catalog
from semikg.loaders.normalise import normalise, script_of
from semikg.models import Article


@pytest.fixture(scope="module")
def ex() -> RuleBasedExtractor:
    return RuleBasedExtractor(load_catalog())


def bodies(ex, text: str) -> list[tuple[str, str]]:
    a = Article(id="m-000", source_file="m.txt", encoding="utf-8", index=0, start=0, end=len(text), title=text[:10],
                text=text, norm_text=normalise(text), script=script_of(text))
    r = ex.run(a)
    refs = {e.id: e for e in r.entities}
    return [(m.surface, refs[m.entity_id].origin) for m in r.mentions if refs[m.entity_id].type == "Organization"]


def test_a_bare_body_name_is_the_catalogs_body(ex):
    assert bodies(ex, "经济部表示将协助晶圆厂扩产。") == [("经济部", "catalog")]


def test_a_body_name_after_its_own_country_stays_the_catalogs(ex):
    assert bodies(ex, "台湾经济部表示将协助晶圆厂扩产。") == [("台湾经济部", "catalog")]


def test_a_body_name_after_another_country_is_that_countrys_body(ex):
    found = bodies(ex, "德国经济部今天宣布新的补贴。")
    assert ("经济部", "catalog") not in found
    assert ("德国经济部", "discovered") in found
