"""The persistent store holds exactly the built graph and opens through every `--graph` path."""
from __future__ import annotations

import shutil

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from semikg.errors import SemikgError, StoreError
from semikg.store.load import load_graph
from semikg.store import backends
from semikg.store.backends import backend, backend_names, copy_to, register
from semikg.store.disk import META_FILE, open_store, read_meta, write_store


def test_build_writes_a_store_with_the_same_triples(small_build):
    out, result = small_build
    assert result.store == str(out / "store")
    meta = read_meta(out / "store")
    assert meta.triples == result.report.triples
    memory = load_graph(out / "semikg.ttl")
    stored = load_graph(out / "store")  # a folder opens the store: no Turtle parsing
    assert type(stored.store).__name__ == "PlainLiteralOxigraphStore"
    assert set(stored) == set(memory)


def test_plain_literals_stay_plain_on_oxigraph(small_build):
    out, _ = small_build
    g = load_graph(out / "store")
    origins = set(g.objects(None, URIRef("https://semikg.org/ns#origin")))
    assert Literal("catalog") in origins  # not "catalog"^^xsd:string
    assert (None, URIRef("https://semikg.org/ns#origin"), Literal("catalog")) in g


def test_rewriting_the_store_replaces_it(small_build, tmp_path):
    out, _ = small_build
    target = tmp_path / "store"
    write_store(out / "semikg.ttl", target)
    (tmp_path / "one.ttl").write_text("<https://x.org/a> <https://x.org/p> \"v\" .\n", encoding="utf-8")
    meta = write_store(tmp_path / "one.ttl", target)
    assert meta.triples == 1
    assert len(load_graph(target)) == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".store.")]  # no leftovers


def test_bad_turtle_leaves_the_old_store(small_build, tmp_path):
    out, _ = small_build
    target = tmp_path / "store"
    write_store(out / "semikg.ttl", target)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(StoreError, match="bad.ttl"):
        write_store(bad, target)
    assert read_meta(target).source == "semikg.ttl"


def test_not_a_store_folder_is_a_clean_error(tmp_path):
    with pytest.raises(SemikgError, match="not a semikg store"):
        load_graph(tmp_path)


def test_a_store_of_an_older_format_asks_for_a_rebuild(small_build, tmp_path):
    import json
    import shutil

    out, _ = small_build
    old = tmp_path / "store"
    shutil.copytree(out / "store", old)
    meta = json.loads((old / "meta.json").read_text(encoding="utf-8"))
    meta["format"] = "semikg-store/1"
    (old / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(StoreError, match="rebuild it with `semikg build`"):
        load_graph(old)


def test_store_refuses_writes(small_build):
    out, _ = small_build
    g = load_graph(out / "store")
    with pytest.raises(StoreError, match="read-only"):
        g.add((URIRef("https://x.org/a"), URIRef("https://x.org/p"), Literal("v")))


def test_copy_between_backends_keeps_triples(small_build):
    out, _ = small_build
    g = load_graph(out / "semikg.ttl")
    ox = copy_to(g, "oxigraph")
    assert set(ox) == set(g)
    assert set(copy_to(ox, "memory")) == set(g)


def test_stats_command_reads_the_store(small_build):
    from semikg.cli.main import app

    out, result = small_build
    r = CliRunner().invoke(app, ["stats", "--graph", str(out / "store"), "--no-shacl"])
    assert r.exit_code == 0, r.output
    assert f"({result.report.triples} triples)" in r.output


def test_backends_are_chosen_by_name_from_a_registry(small_build, monkeypatch, tmp_path):
    out, _ = small_build
    assert {"memory", "oxigraph"} <= set(backend_names())
    with pytest.raises(StoreError, match="unknown store backend 'neo4j'.*memory"):
        backend("neo4j")
    opened = []

    class Recording(backends.MemoryBackend):
        def open(self, path=None, read_only=True):
            opened.append(path)
            return super().open(out / "semikg.ttl")

    monkeypatch.setattr(backends, "_REGISTRY", dict(backends._REGISTRY))
    register("recording", Recording())
    g = load_graph(out / "semikg.ttl")
    assert set(copy_to(g, "recording")) == set(g)
    # A store folder opens on the backend its meta.json names.
    meta = read_meta(out / "store")
    store = tmp_path / "store"
    shutil.copytree(out / "store", store)
    (store / META_FILE).write_text(meta.model_copy(update={"backend": "recording"}).model_dump_json(), encoding="utf-8")
    assert set(open_store(store)) == set(g) and opened == [store / "oxigraph"]
    (store / META_FILE).write_text(meta.model_copy(update={"backend": "nope"}).model_dump_json(), encoding="utf-8")
    with pytest.raises(StoreError, match="unknown store backend 'nope'"):
        open_store(store)
