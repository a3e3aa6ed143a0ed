"""Incremental builds: only new or changed files are extracted, and the output equals a full build."""
from __future__ import annotations

import shutil

from semikg.build import run_build
from semikg.store.load import load_graph
from semikg.store.disk import read_meta

from .conftest import copy_seeds, seed_files


def _ttl(out):
    return (out / "semikg.ttl").read_bytes()


def _entities(graph):
    from rdflib import RDF, URIRef

    return set(graph.subjects(RDF.type, URIRef("https://semikg.org/ns#Entity")))


def test_add_unchanged_edit_and_remove(tmp_path):
    names = [p.name for p in seed_files()[2:5]]  # the three smallest seed files
    src = copy_seeds(tmp_path / "in", names[:2])
    out = tmp_path / "out"

    first = run_build(articles=src, out=out, shacl=False, incremental=True)
    assert sorted(first.extracted) == sorted(names[:2]) and first.cached == []

    before_bytes = _ttl(out)
    again = run_build(articles=src, out=out, shacl=False, incremental=True)
    assert again.extracted == [] and sorted(again.cached) == sorted(names[:2])
    assert _ttl(out) == before_bytes

    # a new file: only it is extracted; the result is byte-identical to a full build
    shutil.copy(seed_files()[4], src / names[2])
    added = run_build(articles=src, out=out, shacl=False, incremental=True)
    assert added.extracted == [names[2]]
    full = tmp_path / "full"
    run_build(articles=src, out=full, shacl=False, store=False)
    assert _ttl(out) == _ttl(full)
    assert read_meta(out / "store").triples == added.report.triples
    assert set(load_graph(out / "store")) == set(load_graph(full / "semikg.ttl"))

    # removing a file removes its facts and the entities only it supported
    before = _entities(load_graph(out / "semikg.ttl"))
    (src / names[0]).unlink()
    removed = run_build(articles=src, out=out, shacl=False, incremental=True)
    assert removed.extracted == []
    full2 = tmp_path / "full2"
    run_build(articles=src, out=full2, shacl=False, store=False)
    assert _ttl(out) == _ttl(full2)
    after = _entities(load_graph(out / "store"))
    assert before - after, "the removed file supported some entity on its own"
    assert not any(names[0].removesuffix(".txt") in s for s in load_graph(out / "store").objects())
    assert len(list((out / "cache" / "extract").glob("*.json"))) == 2  # the removed file's entry is pruned


def test_edited_file_is_extracted_again(tmp_path):
    name = seed_files()[3].name
    src = copy_seeds(tmp_path / "in", [name])
    out = tmp_path / "out"
    run_build(articles=src, out=out, shacl=False, incremental=True, store=False)
    with open(src / name, "a", encoding="utf-8") as fh:
        fh.write("\n")
    r = run_build(articles=src, out=out, shacl=False, incremental=True, store=False)
    assert r.extracted == [name]


def test_damaged_cache_entry_is_not_trusted(tmp_path):
    name = seed_files()[3].name
    src = copy_seeds(tmp_path / "in", [name])
    out = tmp_path / "out"
    run_build(articles=src, out=out, shacl=False, incremental=True, store=False)
    good = _ttl(out)
    for f in (out / "cache" / "extract").glob("*.json"):
        f.write_text("{not json", encoding="utf-8")
    r = run_build(articles=src, out=out, shacl=False, incremental=True, store=False)
    assert r.extracted == [name] and _ttl(out) == good
