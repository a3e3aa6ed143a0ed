"""The name index a store carries (store/names.json) answers exactly as a scan of the graph does,
and a missing, damaged or stale index file means a scan, never an error."""
from __future__ import annotations

import json
import shutil

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from semikg.store.load import load_graph
from semikg.graph.resolve import NameIndex, key_fingerprint, name_index_spec, scan_entries
from semikg.store.disk import StoreGraph, open_store, read_meta, write_store
from semikg.store.names import NAMES_FILE, NAMES_FORMAT, read_names

ALIASES = ("TSMC", "台积电", "台積電", "臺積電", "tsmc", "NVIDIA", "英伟达", "ASML", "阿斯麦")


@pytest.fixture(scope="module")
def seed_store(seed_build):
    out, _ = seed_build
    return out / "store"


@pytest.fixture()
def store_copy(seed_store, tmp_path):
    """A private copy of the seed store, free to damage."""
    return shutil.copytree(seed_store, tmp_path / "store")


def test_persisted_index_equals_the_scan(seed_store, seed_graph):
    g = open_store(seed_store)
    persisted = g.persisted_names(key_fingerprint())
    assert persisted is not None and len(persisted.iris) > 50
    assert persisted == scan_entries(g)  # the same store, read entity by entity through rdflib
    assert persisted == scan_entries(seed_graph)  # and the Turtle file on rdflib's memory store


def test_store_index_resolves_like_the_scan(seed_store, seed_graph):
    stored, scanned = NameIndex(load_graph(seed_store)), NameIndex(seed_graph)
    assert (stored.source, scanned.source) == ("store", "scan")
    for name in ALIASES + ("Nvidiaa", "no such firm at all"):
        assert stored.candidates(name) == scanned.candidates(name)
        assert stored.closest(name) == scanned.closest(name)
    for name in ALIASES:
        assert stored.resolve(name) == scanned.resolve(name)
    for iri in scanned.candidates("TSMC") + ["https://semikg.org/id/e/nobody"]:
        assert stored.label(iri) == scanned.label(iri)


def _rewrite(folder, change) -> None:
    doc = json.loads((folder / NAMES_FILE).read_text(encoding="utf-8"))
    change(doc)
    (folder / NAMES_FILE).write_text(json.dumps(doc), encoding="utf-8")


def _set(key, value):
    return lambda doc: doc.__setitem__(key, value)


DAMAGE = {
    "missing": lambda f: (f / NAMES_FILE).unlink(),
    "empty": lambda f: (f / NAMES_FILE).write_bytes(b""),
    "truncated": lambda f: (f / NAMES_FILE).write_bytes((f / NAMES_FILE).read_bytes()[:500]),
    "not utf-8": lambda f: (f / NAMES_FILE).write_bytes(b"\xff\xfe{\x00"),
    "a folder": lambda f: ((f / NAMES_FILE).unlink(), (f / NAMES_FILE).mkdir()),
    "other format": lambda f: _rewrite(f, _set("format", "semikg-names/0")),
    "other normaliser": lambda f: _rewrite(f, _set("key_fingerprint", "0:" + "0" * 32)),
    "other graph file": lambda f: _rewrite(f, _set("source_sha256", "0" * 64)),
    "other triple count": lambda f: _rewrite(f, lambda d: d.__setitem__("triples", d["triples"] + 1)),
    "entity out of range": lambda f: _rewrite(f, lambda d: d["entries"]["keys"].__setitem__("tsmc", [10**6])),
    "negative entity": lambda f: _rewrite(f, lambda d: d["entries"]["keys"].__setitem__("tsmc", [-1])),
    "name of nobody": lambda f: _rewrite(f, lambda d: d["entries"]["keys"].__setitem__("tsmc", [])),
    "labels missing": lambda f: _rewrite(f, lambda d: d["entries"]["labels"].pop()),
    "wrong types": lambda f: _rewrite(f, lambda d: d["entries"].__setitem__("iris", {"a": 1})),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_or_stale_index_falls_back_to_the_scan(damage, store_copy, seed_graph):
    DAMAGE[damage](store_copy)
    g = load_graph(store_copy)
    assert g.persisted_names(key_fingerprint()) is None
    index = NameIndex(g)
    assert index.source == "scan"
    assert index.resolve("台積電") == NameIndex(seed_graph).resolve("台積電")


def test_changed_normaliser_makes_the_index_stale(seed_store, monkeypatch):
    meta = read_meta(seed_store)
    assert read_names(seed_store, key_fingerprint(), meta.source_sha256, meta.triples) is not None
    # Keys that are no longer case-folded: a file made with the old key would miss "tsmc".
    monkeypatch.setattr(NameIndex, "key", staticmethod(lambda text: " ".join(text.split())))
    key_fingerprint.cache_clear()
    try:
        assert read_names(seed_store, key_fingerprint(), meta.source_sha256, meta.triples) is None
    finally:
        monkeypatch.undo()
        key_fingerprint.cache_clear()
    assert read_names(seed_store, key_fingerprint(), meta.source_sha256, meta.triples) is not None


def test_cli_on_a_damaged_index_answers_as_before(seed_store, store_copy):
    from semikg.cli.main import app

    args = ["query", "run", "firm-products", "--param", "firm=台積電", "-f", "json", "-g"]
    runner = CliRunner()
    good = runner.invoke(app, args + [str(seed_store)])
    (store_copy / NAMES_FILE).write_text('{"format": "' + NAMES_FORMAT + '", "entries": ', encoding="utf-8")
    damaged = runner.invoke(app, args + [str(store_copy)])
    assert good.exit_code == damaged.exit_code == 0, damaged.output
    assert "Traceback" not in damaged.output
    assert json.loads(good.output)["rows"] and damaged.output == good.output


def test_a_rewritten_store_carries_the_index_of_its_new_graph(seed_build, tmp_path):
    out, _ = seed_build
    target = tmp_path / "store"
    write_store(out / "semikg.ttl", target, names=name_index_spec())
    one = tmp_path / "one.ttl"
    one.write_text("@prefix skg: <https://semikg.org/ns#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                   "<https://semikg.org/id/e/acme> a skg:Entity ; rdfs:label \"Acme 半导体\" .\n", encoding="utf-8")
    write_store(one, target, names=name_index_spec())
    index = NameIndex(open_store(target))
    assert index.source == "store"
    assert index.resolve("ACME 半導體").iri == "https://semikg.org/id/e/acme"
    assert index.candidates("TSMC") == []


def test_graphs_derived_from_a_store_graph_scan(seed_store):
    g = open_store(seed_store)
    assert isinstance(g, StoreGraph)
    derived = g + Graph()  # rdflib makes type(g)() here: a StoreGraph without a folder
    assert derived.persisted_names(key_fingerprint()) is None
    assert NameIndex(derived).source == "scan"
    assert NameIndex(derived).resolve("TSMC") == NameIndex(g).resolve("TSMC")


def test_a_store_written_without_a_name_index_spec_scans(seed_build, tmp_path):
    out, _ = seed_build
    write_store(out / "semikg.ttl", tmp_path / "store")
    assert not (tmp_path / "store" / NAMES_FILE).exists()
    index = NameIndex(open_store(tmp_path / "store"))
    assert index.source == "scan" and index.resolve("台積電").iri
