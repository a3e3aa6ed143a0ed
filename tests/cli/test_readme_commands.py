"""README's "Using it" block, run in order on a fresh folder, exactly as written there: the README
cannot promise a command or an option the CLI does not have."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from semikg.cli.main import app
from semikg.pipeline import default_articles_dir
from tests.eto.conftest import write_mini

README = Path(__file__).resolve().parents[2] / "README.md"
# Commands that need a server running elsewhere (or serve forever): not run here, but they must
# still parse (`--help` with the same words).
NEEDS_A_SERVER = {("export", "neo4j"), ("serve",)}


def using_it_commands() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Using it", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block, "README's Using it section has no bash block"
    return [shlex.split(line, comments=True)[1:] for line in block.group(1).splitlines()
            if line.startswith("semikg ")]


def test_the_readme_lists_the_commands_it_documents():
    commands = using_it_commands()
    assert len(commands) >= 15
    assert {c[0] for c in commands} >= {"build", "stats", "validate", "show", "query", "sparql", "viz", "export",
                                          "load", "serve"}


def _fill(word: str, placeholders: dict[str, str]) -> str:
    """A placeholder word (`OUT`), or a path that starts with one (`OUT/semikg.ttl`), filled in."""
    head, sep, rest = word.partition("/")
    return placeholders[head] + sep + rest if head in placeholders else word


@pytest.mark.slow
def test_readme_commands_run_in_order_on_a_fresh_build(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    placeholders = {"DIR": str(default_articles_dir()), "OUT": str(tmp_path / "out"),
                    "ETO": str(write_mini(tmp_path / "eto"))}
    runner = CliRunner()
    ran = []
    for words in using_it_commands():
        args = [_fill(w, placeholders) for w in words]
        if tuple(args[:2]) in NEEDS_A_SERVER or tuple(args[:1]) in NEEDS_A_SERVER:
            res = runner.invoke(app, [*args, "--help"])
            assert res.exit_code == 0, (args, res.output)
            continue
        res = runner.invoke(app, args)
        assert res.exit_code == 0, (args, res.output)
        assert "error:" not in res.stderr, (args, res.stderr)
        ran.append(args)
    assert len(ran) >= 15
    for written in ("build/semikg.ttl", "build/store", "build/viz/graph.html", "tsmc.html", "suppliers.csv",
                    "build/semikg.cypher", "build/neo4j-import", "build/semikg.jsonl", "out/semikg.ttl", "stages.html"):
        assert (tmp_path / written).exists(), written
