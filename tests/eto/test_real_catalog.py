"""Resolution against the project's real catalog (seeds/catalog.yaml), once it exists."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

from semikg.eto.graph import eto_iri, eto_to_graph
from semikg.eto.names import name_key
from semikg.graph.vocab import entity_iri
from semikg.ontology import SKG


REAL_CATALOG = Path(__file__).resolve().parents[2] / "seeds" / "catalog.yaml"

KNOWN = {"P34": "TSMC", "P37": "SMIC", "P88": "ASML", "P159": "Canon", "P89": "Nikon", "P55": "SK hynix",
         "P50": "JCET", "P52": "TongFu", "P35": "Samsung", "P9": "Intel"}
COUNTRIES = {"P1": "United States", "P2": "China", "P8": "Taiwan", "P7": "Japan", "P4": "South Korea", "P45": "Netherlands"}


@pytest.fixture(scope="module")
def real(eto_dataset, overrides):
    if not REAL_CATALOG.is_file():
        pytest.skip(f"{REAL_CATALOG} does not exist yet")
    from semikg.loaders.catalog import load_catalog

    catalog = load_catalog(REAL_CATALOG)
    graph, report = eto_to_graph(eto_dataset, catalog, None, overrides)
    return catalog, graph, report


@pytest.mark.parametrize("pid,name", sorted({**KNOWN, **COUNTRIES}.items()))
def test_known_provider_is_one_catalog_node(real, pid, name):
    catalog, graph, report = real
    merged = report.merged_by_provider()
    assert pid in merged, f"{pid} {name} not merged: {[a for a in report.ambiguous if a.provider_id == pid]}"
    entry = catalog.by_id()[merged[pid].entity_id]
    names = [entry.name, entry.zh_hans, entry.zh_hant, *entry.aliases]
    assert name_key(name) in {name_key(n) for n in names if n}, (pid, entry.id, names)
    assert list(graph.subjects(SKG.etoProviderId, Literal(pid))) == [entity_iri(entry.id)]
    assert (eto_iri(pid), None, None) not in graph


def test_no_entity_absorbs_two_providers(real):
    _, _, report = real
    targets = [m.entity_id for m in report.merged if m.rule != "override"]
    assert len(targets) == len(set(targets))
