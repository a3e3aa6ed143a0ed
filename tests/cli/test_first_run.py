"""What a new user meets first: help, version, usage errors and their exit codes, hints, messages
that say what failed and what to do, and results on stdout with everything else on stderr."""
from __future__ import annotations

import json
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
import typer
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from typer.testing import CliRunner

from semikg.cli.common import EXIT_USAGE, EXIT_VIOLATIONS
from semikg.cli.main import app
from semikg.graph.resolve import NameIndex
from semikg.ontology import SKG

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
ARTICLE = (DATA / "golden_article.txt").read_text(encoding="utf-8")


def invoke(*args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


def one_error_line(result) -> str:
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: "), lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory, mini_catalog_path):
    arts = tmp_path_factory.mktemp("arts")
    (arts / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (arts / "b.txt").write_text(ARTICLE.replace("台積電", "台积电"), encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    res = invoke("build", "--articles", arts, "--out", out, "--catalog", mini_catalog_path)
    assert res.exit_code == 0, res.output
    return res, out, arts


# ---------------------------------------------------------------- help, version, completion

def test_version_prints_the_installed_version():
    res = invoke("--version")
    assert res.exit_code == 0
    assert res.stdout == f"semikg {version('semikg')}\n"


@pytest.mark.parametrize("args", [["-h"], ["query", "run", "-h"], ["export", "neo4j", "-h"]])
def test_dash_h_is_help(args):
    res = invoke(*args)
    assert res.exit_code == 0
    assert res.stdout.startswith("Usage: semikg")


def test_shell_completion_is_offered():
    res = invoke("--help")
    assert "--install-completion" in res.stdout and "--show-completion" in res.stdout


def test_top_level_help_documents_the_exit_codes():
    assert "3 SHACL violations" in invoke("--help").stdout


def _commands(group, path=()):
    for name, cmd in sorted(group.commands.items()):
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, path + (name,))
        else:
            yield path + (name,), cmd


def test_help_texts_are_complete_and_in_one_style():
    """Every command and option says what it is for, as a sentence; no stray space before a stop."""
    root = typer.main.get_command(app)
    seen = 0
    for path, cmd in _commands(root):
        seen += 1
        assert cmd.help and cmd.help.split("\n")[0].rstrip().endswith("."), (path, cmd.help)
        for p in cmd.params:
            if p.name == "ctx" or getattr(p, "hidden", False):
                continue
            text = getattr(p, "help", None)
            assert text, (path, p.name)
            assert text[0].isupper() or text[0] in "-`", (path, p.name, text)
            assert text.rstrip().endswith((".", "]")), (path, p.name, text)
            assert not re.search(r"\s[.,;:](\s|$)", text), (path, p.name, text)  # "folder ." 
    assert seen >= 15


def test_every_group_is_a_sub_app_and_export_sparql_is_an_export_command():
    root = typer.main.get_command(app)
    assert {"build", "stats", "validate", "show", "query", "sparql", "viz", "export", "load", "serve"} <= set(root.commands)
    assert set(root.commands["export"].commands) >= {"neo4j", "cypher", "neo4j-admin", "jsonl", "sparql"}


def test_query_run_help_mentions_the_depth_shorthand():
    res = invoke("query", "run", "--help")
    assert "--depth 3" in res.stdout and "--param depth=3" in res.stdout


def test_sparql_help_lists_the_predeclared_prefixes():
    text = " ".join(invoke("sparql", "--help").stdout.split())
    for prefix in ("skg:", "id:", "prov:", "skos:", "schema:", "dcterms:"):
        assert prefix in text


# ---------------------------------------------------------------- usage errors: one line, exit 2

def test_unknown_option_is_one_line_and_exit_2():
    res = invoke("stats", "--bogus")
    assert res.exit_code == EXIT_USAGE == 2
    assert one_error_line(res) == "error: No such option: --bogus (see `semikg stats --help`)"


def test_value_out_of_range_is_one_line_and_exit_2():
    res = invoke("viz", "--hops", "9")
    assert res.exit_code == 2
    assert "--hops" in one_error_line(res) and "semikg viz --help" in res.stderr


def test_unknown_command_is_one_line_and_exit_2():
    res = invoke("biuld")
    assert res.exit_code == 2
    assert "biuld" in one_error_line(res)


def test_validate_violations_have_their_own_exit_code(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix skg: <https://semikg.org/ns#> .\n"
                   "<https://semikg.org/id/e/x> a skg:Entity, skg:Chip ; skg:locatedIn <https://semikg.org/id/e/y> .\n",
                   encoding="utf-8")
    res = invoke("validate", bad)
    assert res.exit_code == EXIT_VIOLATIONS == 3
    assert "violation" in res.stdout


# ---------------------------------------------------------------- hints and messages

@pytest.mark.parametrize("args", [["show", "TSMC"], ["stats"], ["query", "run", "fabs"], ["viz"]])
def test_outside_the_project_every_command_says_run_build_first(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = invoke(*args)
    assert res.exit_code == 1
    assert one_error_line(res) == "error: build/semikg.ttl: no such graph file (run `semikg build` first)"


def test_turtle_parse_error_gives_the_reason(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b x:c ;;; oops\n", encoding="utf-8")
    err = one_error_line(invoke("validate", bad))
    assert err.startswith(f"error: {bad}:2: cannot parse as turtle: Bad syntax (expected ")
    assert err.endswith(")") and "^" not in err and "<>" not in err


def _names_graph() -> Graph:
    g = Graph()
    e = "https://semikg.org/id/e/"
    for slug, label, aliases in [("tsmc", "TSMC", ["台积电", "台積電", "Taiwan Semiconductor"]),
                                 ("tsmc-az", "TSMC Arizona", []), ("tsmc-cn", "TSMC China", []),
                                 ("smic", "SMIC", ["中芯国际"]), ("plan-a", "14th Five-Year Plan", []),
                                 ("plan-b", "14th Five-Year Plan", []), ("socamm", "SOCAMM", [])]:
        s = URIRef(e + slug)
        g.add((s, RDF.type, SKG.Entity))
        g.add((s, RDFS.label, Literal(label)))
        for a in aliases:
            g.add((s, SKOS.altLabel, Literal(a)))
    return g


def test_suggestions_are_ranked_by_whole_name_similarity():
    names = NameIndex(_names_graph())
    assert names.closest("TSCM")[0] == "TSMC"
    assert names.closest("Tiawan Semiconductor")[0] == "TSMC (taiwan semiconductor)"


def test_suggestions_work_across_scripts():
    names = NameIndex(_names_graph())
    assert names.closest("台机电")[0] == "TSMC (台积电)"  # simplified 积, typed as 机
    assert names.closest("中芯國")[0] == "SMIC (中芯国际)"  # traditional 國 against simplified 国


def test_nonsense_gets_no_suggestions_and_none_twice():
    names = NameIndex(_names_graph())
    assert names.closest("qwertyzzz") == []
    near = names.closest("14th five year plan")
    assert near == ["14th Five-Year Plan"]


def test_show_typo_lists_the_right_entity_first(built):
    _, out, _ = built
    err = one_error_line(invoke("show", "TSCM", "--graph", out / "semikg.ttl"))
    assert err.startswith("error: no entity named 'TSCM'; closest: TSMC")
    err = one_error_line(invoke("show", "qwertyzzz", "--graph", out / "semikg.ttl"))
    assert err == "error: no entity named 'qwertyzzz'"


def test_sparql_knows_the_project_prefixes(built):
    _, out, _ = built
    res = invoke("sparql", "SELECT (COUNT(?c) AS ?n) WHERE { ?c a skg:Company ; rdfs:label ?l }",
                 "--graph", out / "semikg.ttl", "--format", "csv")
    assert res.exit_code == 0, res.output
    assert int(res.stdout.splitlines()[1]) > 0
    # a query declaring a predeclared prefix itself is not declared twice
    res = invoke("sparql", "PREFIX skg: <https://semikg.org/ns#> SELECT ?c WHERE { ?c a skg:Company } LIMIT 1",
                 "--graph", out / "semikg.ttl")
    assert res.exit_code == 0, res.output


def test_sparql_parse_errors_point_at_the_users_text(built):
    _, out, _ = built
    err = one_error_line(invoke("sparql", "SELECT ?x WHERE { ?x ?p }", "--graph", out / "semikg.ttl"))
    assert "(line:1, col:" in err and "char 18" in err


def test_query_run_output_file_says_what_it_wrote(built, tmp_path):
    _, out, _ = built
    target = tmp_path / "answer.csv"
    res = invoke("query", "run", "supplier-tree", "--param", "firm=TSMC", "--graph", out / "semikg.ttl",
                 "-f", "csv", "-o", target)
    assert res.exit_code == 0, res.output
    assert res.stdout == ""
    rows = len(target.read_text(encoding="utf-8").splitlines()) - 1
    assert res.stderr == f"wrote {target} ({rows} row{'' if rows == 1 else 's'})\n"


def test_focus_title_says_one_hop(built, tmp_path):
    _, out, _ = built
    page = tmp_path / "p.html"
    res = invoke("viz", "--graph", out / "semikg.ttl", "--focus", "TSMC", "--hops", "1", "--out", page)
    assert res.exit_code == 0, res.output
    html = page.read_text(encoding="utf-8")
    assert "(1 hop)" in html and "(1 hops)" not in html


# ---------------------------------------------------------------- stdout for results, stderr for progress

def test_build_progress_goes_to_stderr_and_its_first_label_names_the_file(built):
    res, _, _ = built
    assert "extracting" not in res.stdout and res.stdout.startswith("articles: ")
    labels = res.stderr.splitlines()
    assert labels[0] == "extracting a.txt"
    assert labels.index("checking the SHACL shapes") > labels.index("building the graph")


def test_incremental_build_with_everything_cached_skips_shacl(tmp_path, mini_catalog_path, monkeypatch):
    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / "a.txt").write_text(ARTICLE, encoding="utf-8")
    args = ["build", "--articles", arts, "--out", tmp_path / "out", "--catalog", mini_catalog_path,
            "--incremental", "--no-store", "-q"]
    first = invoke(*args)
    assert first.exit_code == 0 and "SHACL report reused" not in first.stdout

    def no_shacl(*_a, **_k):
        raise AssertionError("SHACL ran on an unchanged graph")

    monkeypatch.setattr("semikg.graph.shacl.validate", no_shacl)
    second = invoke(*args)
    assert second.exit_code == 0, second.output
    assert "0 file(s) extracted, 1 from cache; SHACL report reused (graph unchanged)" in second.stdout
    assert "SHACL: conforms" in second.stdout
    monkeypatch.undo()
    (arts / "a.txt").write_text(ARTICLE + "\n\n" + ARTICLE.replace("台積電", "三星"), encoding="utf-8")
    third = invoke(*args)
    assert third.exit_code == 0 and "SHACL report reused" not in third.stdout


def test_with_eto_summary_gives_the_merged_count_and_merge_counts(tmp_path, mini_catalog_path):
    from tests.eto.conftest import write_mini

    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    res = invoke("build", "--articles", arts, "--out", out, "--catalog", mini_catalog_path,
                 "--with-eto", write_mini(tmp_path / "eto"), "--no-store", "-q")
    assert res.exit_code == 0, res.output
    report = json.loads((out / "eto-resolution.json").read_text(encoding="utf-8"))
    built = json.loads((out / "report.json").read_text(encoding="utf-8"))
    g = Graph().parse(out / "semikg.ttl")
    entities = len(set(g.subjects(SKG.origin, None)))
    assert entities > built["entities"]
    assert (f"entities: {entities} with the ETO dataset merged in ({built['entities']} from the articles"
            in res.stdout)
    assert (f"ETO providers: {report['providers']}: {len(report['merged'])} matched an existing entity, "
            f"{len(report['unmatched'])} new, {len(report['ambiguous'])} ambiguous" in res.stdout)


# ---------------------------------------------------------------- packaging

def test_every_shipped_data_folder_is_a_declared_package():
    """setuptools warns about (and may stop shipping) folders of data below a package that are not
    packages themselves: each must be listed, with its files in package-data."""
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    declared = set(conf["packages"])
    for pkg, folder in conf["package-dir"].items():
        for sub in (ROOT / folder).rglob("*"):
            if sub.is_dir() and "__pycache__" not in sub.parts and any(f.is_file() for f in sub.iterdir()):
                name = pkg + "." + ".".join(sub.relative_to(ROOT / folder).parts)
                if name.startswith("semikg.semikg"):
                    continue
                assert name in declared, f"{sub} ships files but {name} is not in [tool.setuptools] packages"
                assert name in conf["package-data"] or any(sub.glob("*.py")), name
