"""Inputs an attacker or a messy disk hands us: hostile file names, one stem with two suffixes,
UTF-16 with a BOM, unreadable files, Big5 with the cp950 / HKSCS extensions."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from typer.testing import CliRunner

from semikg.cli.main import app
from semikg.graph.vocab import SKG
from semikg.loaders.articles import file_key
from semikg.loaders.files import FileLoader

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
MINI = ROOT / "tests" / "data" / "mini_catalog.yaml"
HOSTILE = ["a b.txt", 'say "hi".txt', "back\\slash.txt", "pct%zz.txt", "tab\tname.md", "<x>{y}|^`.txt"]
# Sentences of our own, in Traditional script, with 墻 (cp950 0xF9D9, outside plain Big5).
HANT = "台積電在新竹科學園區擴建晶圓廠，圍墻內的新廠預計明年量產三奈米製程晶片。\n"


def _build(args: list, *extra: str):
    return CliRunner().invoke(app, ["build", *map(str, args), "--catalog", str(MINI), "--no-shacl", "-q", *extra])


def _articles(g: Graph) -> list[URIRef]:
    return sorted(set(g.subjects(SKG.sourceFile, None)))


@pytest.mark.parametrize("store", [True, False], ids=["store", "no-store"])
def test_hostile_file_names_make_valid_distinct_article_iris(tmp_path, store):
    import pyoxigraph as ox

    arts = tmp_path / "arts"
    arts.mkdir()
    for name in HOSTILE:
        shutil.copy(SEEDS[3], arts / name)
    out = tmp_path / "out"
    r = _build(["--articles", arts, "--out", out], "--store" if store else "--no-store")
    assert r.exit_code == 0, r.output
    ttl = (out / "semikg.ttl").read_bytes()
    ox.parse(ttl, format=ox.RdfFormat.TURTLE)  # strict parser: every IRI is valid
    g = Graph().parse(data=ttl.decode("utf-8"), format="turtle")
    files = {str(f) for f in g.objects(None, SKG.sourceFile)}
    assert files == set(HOSTILE)
    for a in _articles(g):
        assert not set(str(a)) & set(' "\\<>{}|^`\t'), a
        assert len(set(g.objects(a, SKG.sourceFile))) == 1
    if store:
        assert (out / "store" / "meta.json").is_file()


def test_file_key_is_iri_safe_and_one_to_one():
    names = ["news.txt", "news.md", "news.md.txt", "news~md.txt", "news", "news.", "news.TXT", "news%7Emd.txt",
             *HOSTILE]
    keys = [file_key(n) for n in names]
    assert len(set(keys)) == len(names)
    assert file_key("news.txt") == "news"  # ordinary names keep their short keys
    for k in keys:
        URIRef("https://example.org/article/" + k)  # rdflib warns/raises on invalid IRIs
        assert all(c.isalnum() or c in "-_.~%" for c in k), k


def test_same_stem_two_suffixes_are_two_articles(tmp_path):
    arts = tmp_path / "arts"
    arts.mkdir()
    shutil.copy(SEEDS[3], arts / "news.txt")
    shutil.copy(SEEDS[4], arts / "news.md")
    out = tmp_path / "out"
    assert _build(["--articles", arts, "--out", out], "--no-store").exit_code == 0
    g = Graph().parse(out / "semikg.ttl", format="turtle")
    by_file: dict[str, set] = {}
    for a in _articles(g):
        assert len(set(g.objects(a, SKG.sourceFile))) == 1
        assert len(set(g.objects(a, SKG.contentHash))) == 1
        by_file.setdefault(str(g.value(a, SKG.sourceFile)), set()).add(a)
    assert set(by_file) == {"news.txt", "news.md"}
    assert not by_file["news.txt"] & by_file["news.md"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded_not_refused_as_binary(tmp_path, codec):
    p = tmp_path / f"{codec}.txt"
    p.write_bytes("\ufeff".encode(codec) + HANT.encode(codec))
    sf = FileLoader().run(p)
    assert sf.text == HANT and sf.encoding == "utf-16"


def test_big5_with_cp950_extensions_is_decoded(tmp_path):
    if shutil.which("iconv"):
        data = subprocess.run(["iconv", "-f", "UTF-8", "-t", "BIG5"], input=HANT.encode(), capture_output=True,
                              check=True).stdout
    else:
        data = HANT.encode("cp950")
    assert b"\xf9\xd9" in data  # 墻 as iconv writes it, which Python's plain "big5" cannot decode
    p = tmp_path / "big5.txt"
    p.write_bytes(data)
    sf = FileLoader().run(p)
    assert sf.text == HANT and sf.encoding == "cp950"


def test_big5_hkscs_is_decoded(tmp_path):
    text = HANT.replace("新竹", "香港") + "𨋢的維修工程由本地公司負責，工程師在新界的廠房工作。\n"
    p = tmp_path / "hk.txt"
    p.write_bytes(text.encode("big5hkscs"))
    sf = FileLoader().run(p)
    assert sf.text == text and sf.encoding == "big5hkscs"


def _write_only_file() -> Path | None:
    """A file root itself cannot read: a write-only sysfs attribute (its read is refused, EACCES)."""
    for cand in (Path("/sys/bus/pci/rescan"), *sorted(Path("/sys/bus").glob("*/drivers_probe"))):
        try:
            with open(cand, "rb") as fh:
                fh.read(1)
        except PermissionError:
            return cand
        except OSError:
            continue
    return None


@pytest.fixture
def unreadable(tmp_path):
    """A folder with one good file and one the build cannot read: mode 000 for an ordinary user;
    as root (whom modes do not stop), a link to a file whose reads the kernel refuses."""
    arts = tmp_path / "arts"
    arts.mkdir()
    shutil.copy(SEEDS[3], arts / "good.txt")
    secret = arts / "secret.txt"
    if os.geteuid() == 0:
        target = _write_only_file()
        if target is None:
            pytest.skip("running as root with no write-only sysfs file: nothing here is unreadable to root")
        secret.symlink_to(target)
    else:
        secret.write_text(HANT * 5, encoding="utf-8")
        os.chmod(secret, 0)
    yield tmp_path, arts
    if secret.exists() and not secret.is_symlink():
        os.chmod(secret, 0o644)


@pytest.mark.parametrize("strict", [False, True])
def test_unreadable_file_is_skipped_and_reported_unless_strict(unreadable, strict):
    base, arts = unreadable
    out = base / "out"
    r = CliRunner().invoke(app, ["build", "--articles", str(arts), "--out", str(out), "--catalog", str(MINI),
                                 "--no-shacl", "--no-store", "-q", *(["--strict"] if strict else [])])
    assert isinstance(r.exception, SystemExit) or r.exception is None
    if strict:
        assert r.exit_code == 1 and r.stderr.count("\n") == 1
        assert "secret.txt: cannot read: Permission denied" in r.stderr
        assert not (out / "semikg.ttl").exists()
    else:
        assert r.exit_code == 0, r.output
        assert "skipped file:" in r.stderr and "secret.txt: cannot read: Permission denied" in r.stderr
        assert "good.txt" in (out / "semikg.ttl").read_text(encoding="utf-8")
