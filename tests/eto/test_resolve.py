"""Entity resolution: known firms become one node, weak or conflicting matches are never merged."""
from __future__ import annotations

import pytest

from semikg.eto.graph import eto_to_graph
from semikg.eto.models import EtoDataset, Provider
from semikg.eto.names import name_key, normalise_name
from semikg.eto.overrides import EtoOverrides, NeverMerge
from semikg.eto.resolve import Resolver, catalog_candidates
from semikg.models import Catalog, CatalogEntry

KNOWN = {  # ETO provider id -> mini-catalog id
    "P34": "tsmc", "P37": "smic", "P88": "asml", "P159": "canon", "P89": "nikon", "P55": "sk-hynix",
    "P50": "jcet", "P52": "tongfu", "P35": "samsung-electronics", "P9": "intel",
}


@pytest.mark.parametrize("a,b", [
    ("Tokyo Electron Ltd.", "tokyo electron"), ("Merck & Co., Inc.", "merck"), ("The Dow Chemical Company", "dow chemical"),
    ("SK Hynix", "sk hynix"), ("Shin-Etsu Chemical Co., Ltd.", "shin etsu chemical"), ("中芯国际集团", "中芯国际"),
    ("Group", "group"),
])
def test_normalise_name(a, b):
    assert normalise_name(a) == b


def test_name_key_ignores_spaces_and_case():
    assert name_key("Tong Fu") == name_key("TongFu") == "tongfu"
    assert name_key("Samsung Electro-Mechanics") != name_key("Samsung")


def test_known_firms_resolve_to_catalog_entities(eto_dataset, mini_catalog, overrides):
    _, report = eto_to_graph(eto_dataset, mini_catalog, None, overrides)
    merged = {m.provider_id: m.entity_id for m in report.merged}
    for pid, cid in KNOWN.items():
        assert merged.get(pid) == cid, (pid, cid, merged.get(pid))
    # Countries as providers map to catalog places.
    assert merged["P1"] == "usa" and merged["P8"] == "taiwan" and merged["P45"] == "netherlands"
    # No entity is the merge target of two providers.
    assert len(set(merged.values())) == len(merged)
    assert report.providers == len(report.merged) + len(report.ambiguous) + len(report.unmatched)


def test_rules_are_reported(eto_dataset, mini_catalog, overrides):
    _, report = eto_to_graph(eto_dataset, mini_catalog, None, overrides)
    rules = {m.provider_id: m.rule for m in report.merged}
    assert rules["P34"] == "name+country"
    assert rules["P123"] == "catalog.eto_provider_id"  # AMEC carries eto_provider_id in the mini catalog
    assert rules["P116"] == "fuzzy+country"            # "Kokusai Electric" ~ "Kokusai Electrics", both Japanese


def test_same_name_other_country_is_ambiguous_not_merged(eto_dataset, mini_catalog, overrides):
    _, report = eto_to_graph(eto_dataset, mini_catalog, None, overrides)
    merck = [a for a in report.ambiguous if a.provider_id == "P243"]
    assert merck and "country" in merck[0].reason
    assert "P243" not in {m.provider_id for m in report.merged}


def test_aggregates_are_never_merged(eto_dataset, mini_catalog, overrides):
    _, report = eto_to_graph(eto_dataset, mini_catalog, None, overrides)
    unmatched = {u.provider_id: u.reason for u in report.unmatched}
    assert unmatched["P5"] == unmatched["P370"] == "aggregate placeholder"


# ------------------------------------------------------------------ synthetic cases

def _entry(id, name, **kw) -> CatalogEntry:
    kw.setdefault("type", "Company")
    return CatalogEntry(id=id, name=name, **kw)


COUNTRIES = (
    _entry("japan", "Japan", type="Place", roles=("Country",)),
    _entry("usa", "United States", type="Place", roles=("Country",)),
)


def _provider(pid, name, country="JPN", aliases=()):
    return Provider(line=2, id=pid, name=name, aliases=aliases, type="organization", country=country)


def _resolve(providers, entries, overrides=EtoOverrides()):
    ds = EtoDataset(path="synthetic", stages=(), inputs=(), sequence=(), provision=(), provider_rows=len(providers),
                    providers=(Provider(line=2, id="P7", name="JPN", aliases=("Japan",), type="country"),
                               Provider(line=3, id="P1", name="USA", aliases=("United States",), type="country"),
                               *providers))
    cat = Catalog(source="synthetic", entries=COUNTRIES + tuple(entries))
    return Resolver(catalog_candidates(cat), overrides).resolve(ds)


def test_fuzzy_match_without_known_country_is_not_merged():
    r = _resolve([_provider("P10", "Kokusai Electric")], [_entry("kok", "Kokusai Electrics")])
    assert not [m for m in r.merged if m.provider_id == "P10"]
    amb = [a for a in r.ambiguous if a.provider_id == "P10"]
    assert amb and "country unknown" in amb[0].reason


def test_weak_fuzzy_match_is_unmatched_with_nearest_reported():
    r = _resolve([_provider("P10", "Semics")], [_entry("smic", "SMIC", hq="japan")])
    u = [u for u in r.unmatched if u.provider_id == "P10"]
    assert u and u[0].nearest is not None and u[0].nearest.entity_id == "smic"


def test_two_providers_claiming_one_entity_by_name_merge_neither():
    r = _resolve([_provider("P10", "Acme"), _provider("P11", "ACME Inc.")], [_entry("acme", "Acme", hq="japan")])
    assert not r.merged or all(m.entity_id != "acme" for m in r.merged)
    assert {a.provider_id for a in r.ambiguous} >= {"P10", "P11"}


def test_name_matching_two_entities_is_ambiguous():
    r = _resolve([_provider("P10", "Acme", country=None)], [_entry("acme-1", "Acme"), _entry("acme-2", "ACME Corp")])
    assert [a.provider_id for a in r.ambiguous] == ["P10"]


def test_country_breaks_a_name_tie():
    r = _resolve([_provider("P10", "Acme")], [_entry("acme-jp", "Acme", hq="japan"), _entry("acme-us", "Acme Corp", hq="usa")])
    assert {m.provider_id: m.entity_id for m in r.merged}["P10"] == "acme-jp"


def test_overrides_merge_never_and_keep_separate():
    entries = [_entry("big", "Big Semiconductor", hq="japan"), _entry("other", "Totally Different", hq="japan")]
    providers = [_provider("P10", "Big Semiconductor"), _provider("P11", "Big Semi"), _provider("P12", "Big Semiconductor")]
    ov = EtoOverrides(merge={"P11": "other"}, keep_separate=("P12",),
                      never_merge=(NeverMerge(provider="P10", entity="big"),))
    r = _resolve(providers, entries, ov)
    merged = {m.provider_id: (m.entity_id, m.rule) for m in r.merged}
    assert merged["P11"] == ("other", "override")
    assert "P10" not in merged and "P12" not in merged


def test_override_to_unknown_entity_is_an_error():
    from semikg.errors import DatasetError

    with pytest.raises(DatasetError, match="no catalog or graph entity"):
        _resolve([_provider("P10", "X")], [], EtoOverrides(merge={"P10": "nope"}))


def test_report_markdown_escapes_table_cells():
    r = _resolve([_provider("P10", "Pipe | Co\nnewline")], [])
    md = r.to_markdown()
    assert "Pipe \\| Co newline" in md
    assert r.to_json() == r.to_json()


def test_stale_catalog_eto_id_is_reported():
    r = _resolve([_provider("P10", "Acme")], [_entry("ghost", "Ghost Corp", eto_provider_id="P4040")])
    assert r.stale_catalog_ids == ("ghost",)
    assert "ghost" in r.to_markdown()


def test_similar_name_in_another_country_is_unmatched_not_ambiguous():
    r = _resolve([_provider("P10", "Achronix", country="USA")], [_entry("macronix", "Macronix", hq="japan")])
    u = [u for u in r.unmatched if u.provider_id == "P10"]
    assert u and u[0].nearest.entity_id == "macronix" and "other countries" in u[0].reason
    assert not r.ambiguous
