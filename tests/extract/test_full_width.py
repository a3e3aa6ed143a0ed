"""Full-width digits and letters (ＡＭＤ, ＨＢＭ４, Ｆａｂ ２１) are read as their ASCII forms: the same
entities and relations as the half-width text, with surfaces and quotes kept verbatim. Every sentence
here is written for the test."""
from __future__ import annotations

import pytest

from semikg.extract.rules import RuleBasedExtractor
from tests.support.extracting import extract, extractor_of, found

CATALOG = """version: 1
entities:
  - {id: usa, type: Place, roles: [Country], name: United States, zh_hans: 美国, zh_hant: 美國}
  - {id: arizona, type: Place, name: Arizona, zh_hans: 亚利桑那州, zh_hant: 亞利桑那州, part_of: usa}
  - {id: tsmc, type: Company, roles: [Foundry], name: TSMC, zh_hans: 台积电, zh_hant: 台積電}
  - {id: amd, type: Company, roles: [FablessCompany], name: AMD, match_case: true}
  - {id: mediatek, type: Company, roles: [FablessCompany], name: MediaTek, zh_hans: 联发科, zh_hant: 聯發科}
  - {id: cowos, type: Technology, name: CoWoS, match_case: true}
  - {id: hbm, type: Technology, name: HBM, match_case: true}
  - {id: n3, type: ProcessNode, name: 3nm, aliases: [N3]}
"""

# Half-width sentences, written for the test: firms, a case-sensitive name, a discovered product
# model, a node, a numbered site.
SENTENCES = [
    "AMD与台积电合作，新款GPU采用CoWoS封装并搭载HBM存储。",
    "联发科发布Dimensity 9400芯片，由台积电以3nm制程代工。",
    "台积电亚利桑那州Fab 21已开始为AMD量产芯片。",
]


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


@pytest.fixture(scope="module")
def ex(tmp_path_factory) -> RuleBasedExtractor:
    return extractor_of(CATALOG, tmp_path_factory.mktemp("cat"))



def test_the_sentences_name_what_the_test_compares(ex):
    r = extract(ex, "\n".join(SENTENCES))
    ids = {e.id for e in r.entities}
    assert {"amd", "tsmc", "cowos", "hbm", "mediatek", "n3", "arizona"} <= ids
    assert any(e.id.startswith("d-") for e in r.entities)  # a discovered name (the model, the site)
    assert r.relations


@pytest.mark.parametrize("sentence", SENTENCES)
def test_full_width_text_gives_the_entities_and_relations_of_half_width_text(ex, sentence):
    half, full = extract(ex, sentence), extract(ex, full_width(sentence))
    assert full_width(sentence) != sentence
    assert found(full) == found(half)
    assert [(m.start, m.end) for m in full.mentions] == [(m.start, m.end) for m in half.mentions]  # same length


def test_surfaces_and_quotes_stay_verbatim(ex):
    text = full_width(SENTENCES[0])
    r = extract(ex, text)
    surfaces = {m.entity_id: m.surface for m in r.mentions}
    assert surfaces["amd"] == "ＡＭＤ" and surfaces["cowos"] == "ＣｏＷｏＳ"
    for m in r.mentions:
        assert text[m.start:m.end] == m.surface
    for x in r.relations:
        assert text[x.evidence.start:x.evidence.end] == x.evidence.quote


def test_a_case_sensitive_name_in_full_width_keeps_its_case_check(ex):
    # amd is match_case: "ａｍｄ" in lower case is not the firm, in full width as in ASCII.
    assert "amd" not in {e.id for e in extract(ex, "这家公司的ａｍｄ芯片与台积电无关，只是一个代号。").entities}
    assert "amd" not in {e.id for e in extract(ex, "这家公司的amd芯片与台积电无关，只是一个代号。").entities}
