"""Catalog loading: the real catalog loads; broken ones give file:line errors."""
from __future__ import annotations

import pytest

from semikg.errors import CatalogError
from semikg.loaders.catalog import load_catalog


def test_default_catalog_loads_and_is_broad():
    cat = load_catalog()
    ids = cat.by_id()
    assert len(cat.entries) > 500
    for must in ("tsmc", "smic", "asml", "canon", "nikon", "sk-hynix", "samsung", "intel", "nvidia"):
        assert must in ids, must
    assert ids["tsmc"].zh_hans == "台积电" and ids["tsmc"].zh_hant in ("台積電", "臺積電")


def test_no_surface_form_of_the_shipped_catalog_names_two_entities():
    # The matcher drops a shared form as a guess: a new entry must not silently hide an old one
    # (a place called Crolles would have hidden ST's Crolles fab).
    from semikg.extract.matcher import CatalogMatcher

    assert CatalogMatcher(load_catalog()).ambiguous == {}


def test_every_place_reaches_a_country_in_at_most_two_steps():
    # The fab and country queries follow partOf at most twice.
    ids = load_catalog().by_id()
    for e in ids.values():
        if e.type != "Place" or "Country" in e.roles or e.id in ("eu", "europe"):  # regions above countries
            continue
        chain = [e.id]
        while ids[chain[-1]].part_of and "Country" not in ids[chain[-1]].roles:
            chain.append(ids[chain[-1]].part_of)
        assert "Country" in ids[chain[-1]].roles and len(chain) - 1 <= 2, chain


def _write(tmp_path, text):
    p = tmp_path / "catalog.yaml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("text, message, line", [
    ("entities:\n  - {id: a, type: Company, name: A\n", "broken YAML", 3),
    ("entities:\n  - {id: a, type: Company, name: A}\n  - {id: a, type: Company, name: B}\n", "duplicate id", 3),
    ("entities:\n  - {id: a, type: Company, name: A, hq: nowhere}\n", "unknown id 'nowhere'", 2),
    ("entities:\n  - {id: a, type: Company, roles: [Country], name: A}\n", "not a role of Company", 2),
    ("entities:\n  - {id: a, type: Gadget, name: A}\n", "entity a: type", 2),
    ("entities:\n  - {id: p, type: Place, name: P}\n  - {id: a, type: Chip, name: A, links: [{predicate: locatedIn, object: p}]}\n",
     "cannot be the subject of locatedIn", 3),
    ("just a string\n", "must be a mapping", 1),
])
def test_broken_catalogs_name_file_and_line(tmp_path, text, message, line):
    p = _write(tmp_path, text)
    with pytest.raises(CatalogError) as e:
        load_catalog(p)
    assert message in str(e.value)
    assert e.value.line == line
    assert str(e.value).startswith(f"{p}:{line}:")


def test_missing_catalog_file(tmp_path):
    with pytest.raises(CatalogError, match="cannot read catalog"):
        load_catalog(tmp_path / "nope.yaml")
