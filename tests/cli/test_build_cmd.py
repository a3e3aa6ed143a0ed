"""CLI: build, stats, validate, show — and clean one-line failures on bad input."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from semikg.cli.main import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"
ARTICLE = (DATA / "golden_article.txt").read_text(encoding="utf-8")


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def built(tmp_path_factory, mini_catalog_path):
    arts = tmp_path_factory.mktemp("arts")
    (arts / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (arts / "gbk.txt").write_bytes(ARTICLE.replace("台積電", "台积电").encode("gbk"))
    out = tmp_path_factory.mktemp("out")
    res = invoke("build", "--articles", arts, "--out", out, "--catalog", mini_catalog_path, "-q")
    return res, out


def test_build_prints_a_summary_and_writes_outputs(built):
    res, out = built
    assert res.exit_code == 0, res.output
    assert "articles: 2 used" in res.output
    assert "SHACL: conforms" in res.output
    assert (out / "semikg.ttl").stat().st_size > 1000 and (out / "report.json").exists()


def test_stats(built):
    _, out = built
    res = invoke("stats", "--graph", out / "semikg.ttl")
    assert res.exit_code == 0, res.output
    assert "Company" in res.output and "fabricatesFor" in res.output and "SHACL: conforms" in res.output


def test_validate_ok_and_violations(built, tmp_path):
    _, out = built
    assert invoke("validate", out / "semikg.ttl").exit_code == 0
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix skg: <https://semikg.org/ns#> .\n"
                   "<https://semikg.org/id/e/x> a skg:Entity, skg:Chip ; skg:locatedIn <https://semikg.org/id/e/y> .\n",
                   encoding="utf-8")
    res = invoke("validate", bad)
    assert res.exit_code == 3  # EXIT_VIOLATIONS; 2 is a usage error
    assert "violation" in res.output


@pytest.mark.parametrize("name", ["TSMC", "台积电", "台積電", "臺積電"])
def test_show_accepts_every_script(built, name):
    _, out = built
    res = invoke("show", name, "--graph", out / "semikg.ttl")
    assert res.exit_code == 0, res.output
    assert res.output.startswith("TSMC  <https://semikg.org/id/e/tsmc>")
    assert "-fabricatesFor-> Apple" in res.output and "代工" in res.output


def test_show_marks_reference_data_instead_of_an_empty_quote(built):
    _, out = built
    res = invoke("show", "TSMC", "--graph", out / "semikg.ttl")
    assert res.exit_code == 0, res.output
    # hq: taiwan in the catalog is reference data: no sentence, said so
    assert "-locatedIn-> Taiwan" in res.output and "(catalog reference data, no article sentence)" in res.output
    assert "“”" not in res.output


def test_show_unknown_lists_closest(built):
    _, out = built
    res = invoke("show", "TSMK", "--graph", out / "semikg.ttl")
    assert res.exit_code == 1
    assert "no entity named 'TSMK'" in res.output and "TSMC" in res.output
    assert "Traceback" not in res.output


def _fails_cleanly(res, *needles):
    assert res.exit_code != 0
    assert "Traceback" not in res.output
    err = [l for l in res.output.splitlines() if l.startswith("error:")]
    assert len(err) == 1, res.output
    for n in needles:
        assert n in err[0], err[0]


@pytest.mark.parametrize("name, content, needle", [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", b"\x00\x01PK\x03\x04" * 100, "binary file"),
    # readable, but too short to be an article: said so, not blamed on some other file
    ("short.txt", "台积电为苹果代工芯片。".encode("gbk"), "no article in it"),
])
def test_build_bad_files(tmp_path, mini_catalog_path, name, content, needle):
    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / name).write_bytes(content)
    out = tmp_path / "out"
    _fails_cleanly(invoke("build", "--articles", arts, "--out", out, "--catalog", mini_catalog_path, "-q"), needle, name)
    assert not (out / "semikg.ttl").exists()


def test_build_50mb_single_line_file(tmp_path, mini_catalog_path):
    arts = tmp_path / "arts"
    arts.mkdir()
    line = ("台积电为苹果代工芯片" * 100).encode("utf-8")
    with open(arts / "huge.txt", "wb") as fh:
        for _ in range((50 * 1024 * 1024) // len(line) + 1):
            fh.write(line)
    out = tmp_path / "out"
    _fails_cleanly(invoke("build", "--articles", arts, "--out", out, "--catalog", mini_catalog_path, "-q"),
                   "huge.txt", "MB limit")
    assert not out.exists() or not any(out.iterdir())


def test_bad_file_is_skipped_when_others_are_fine(tmp_path, mini_catalog_path):
    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (arts / "empty.txt").write_bytes(b"")
    res = invoke("build", "--articles", arts, "--out", tmp_path / "out", "--catalog", mini_catalog_path, "-q", "--no-shacl")
    assert res.exit_code == 0, res.output
    assert "skipped file:" in res.output and "empty file" in res.output
    strict = invoke("build", "--articles", arts, "--out", tmp_path / "o2", "--catalog", mini_catalog_path, "-q", "--strict")
    _fails_cleanly(strict, "empty file")


def test_build_broken_catalog(tmp_path):
    cat = tmp_path / "catalog.yaml"
    cat.write_text("entities:\n  - {id: a, type: Company\n", encoding="utf-8")
    _fails_cleanly(invoke("build", "--catalog", cat, "--out", tmp_path / "out", "-q"), f"{cat}:3", "broken YAML")


def test_build_missing_articles_folder(tmp_path):
    _fails_cleanly(invoke("build", "--articles", tmp_path / "nope", "--out", tmp_path / "out", "-q"), "no such folder")


@pytest.mark.parametrize("content, needle", [
    (b"this is not turtle {{{", "cannot parse"),
    (b"", "empty graph file"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
])
def test_validate_and_show_bad_graph_files(tmp_path, content, needle):
    g = tmp_path / "g.ttl"
    g.write_bytes(content)
    _fails_cleanly(invoke("validate", g), needle)
    _fails_cleanly(invoke("show", "TSMC", "--graph", g), needle)


def test_missing_graph_file(tmp_path):
    _fails_cleanly(invoke("stats", "--graph", tmp_path / "none.ttl"), "no such graph file")
