"""Text other programs read: CSV rows a carriage return cannot split, spreadsheet cells that cannot
run formulas (human-facing CSV only; the neo4j-admin bundle keeps exact data), and terminal output
in which a name cannot send escape sequences."""
from __future__ import annotations

import csv
import io

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from typer.testing import CliRunner

from semikg.cli.main import app
from semikg.export.admin_csv import write_bundle
from semikg.export.mapping import ExportPlan, make_node
from semikg.graph.vocab import SKG
from semikg.safe_text import csv_row, spreadsheet_safe, terminal_safe
from semikg.queries.result import QueryResult, to_csv, to_table

CR_NAME = "Line one\rLine two"
FORMULAS = ["=HYPERLINK(\"http://x/\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR"]
ESC_NAME = "Evil\x1b]0;owned\x07Corp\u202e"


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _read_raw(path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def test_csv_row_quotes_a_lone_carriage_return():
    assert csv_row(["a", CR_NAME]) == f'a,"{CR_NAME}"\n'
    assert _rows(csv_row(["a", CR_NAME]) + csv_row(["b", "c"])) == [["a", CR_NAME], ["b", "c"]]
    assert csv_row(['say "hi"', "x,y", "plain"]) == '"say ""hi""","x,y",plain\n'
    assert csv_row([""]) == '""\n'


def test_admin_bundle_keeps_a_carriage_return_in_one_field_and_formulas_exact(tmp_path):
    props = {"name": CR_NAME, "aliases": FORMULAS}
    plan = ExportPlan(nodes=(make_node(("Entity", "Chip"), "https://semikg.org/id/e/x", props),), relationships=())
    write_bundle(plan, tmp_path)
    raw = _read_raw(tmp_path / "nodes_Entity_Chip.csv")
    rows = _rows(raw)
    assert len(rows) == 2  # header + one node: the \r did not split the row
    row = dict(zip(rows[0], rows[1]))
    assert row["name:string"] == CR_NAME
    assert row["aliases:string[]"].split(";") == FORMULAS  # exact data for Neo4j, no apostrophes
    # every \r in the file sits inside a quoted field
    assert raw.replace(f'"{CR_NAME}"', "").count("\r") == sum(f.count("\r") for f in FORMULAS)


def test_query_csv_quotes_carriage_returns_and_neutralises_formulas():
    r = QueryResult.of(("name", "n"), tuple((v, i) for i, v in enumerate([CR_NAME, *FORMULAS, "-3.5", "ok"])))
    rows = _rows(to_csv(r))
    assert len(rows) == 2 + len(FORMULAS) + 2
    cells = [row[0] for row in rows[1:]]
    assert cells[0] == CR_NAME
    assert cells[1:1 + len(FORMULAS)] == ["'" + f for f in FORMULAS]
    assert cells[-2:] == ["-3.5", "ok"]  # numbers stay numbers


def test_spreadsheet_safe_leaves_plain_text_and_numbers():
    assert spreadsheet_safe("台积电") == "台积电" and spreadsheet_safe("-7") == "-7" and spreadsheet_safe("+1e3") == "+1e3"
    assert spreadsheet_safe("=1+1") == "'=1+1" and spreadsheet_safe("-1+1") == "'-1+1"


def test_terminal_safe_escapes_controls_and_bidi():
    assert terminal_safe(ESC_NAME) == "Evil\\x1b]0;owned\\x07Corp\\u202e"
    assert terminal_safe("台积电 TSMC") == "台积电 TSMC"


def test_query_table_escapes_control_characters():
    out = to_table(QueryResult.of(("name",), ((ESC_NAME,),)))
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "Evil\\x1b]0;owned\\x07Corp" in out


def _hostile_graph(tmp_path):
    g = Graph()
    e = URIRef("https://semikg.org/id/e/evil")
    g.add((e, RDF.type, SKG.Company))
    g.add((e, RDF.type, SKG.Entity))
    g.add((e, RDFS.label, Literal(ESC_NAME)))
    g.add((e, SKOS.altLabel, Literal("EvilCorp")))
    g.add((e, SKOS.altLabel, Literal(CR_NAME)))
    g.add((e, SKOS.altLabel, Literal(FORMULAS[0])))
    path = tmp_path / "hostile.ttl"
    g.serialize(path, format="turtle")
    return path


def test_show_escapes_control_characters(tmp_path):
    r = CliRunner().invoke(app, ["show", "EvilCorp", "--graph", str(_hostile_graph(tmp_path))])
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout and "\r" not in r.stdout
    assert "Evil\\x1b]0;owned\\x07Corp" in r.stdout and "Line one\\x0dLine two" in r.stdout


def test_sparql_cli_table_and_csv(tmp_path):
    graph = str(_hostile_graph(tmp_path))
    q = "SELECT ?n WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#altLabel> ?n } ORDER BY ?n"
    table = CliRunner().invoke(app, ["sparql", q, "--graph", graph, "-f", "table"])
    assert table.exit_code == 0 and "\x1b" not in table.stdout and "\\x1b" in table.stdout
    out = tmp_path / "names.csv"
    r = CliRunner().invoke(app, ["sparql", q, "--graph", graph, "-f", "csv", "-o", str(out)])
    assert r.exit_code == 0, r.output
    rows = _rows(_read_raw(out))
    assert sorted(row[0] for row in rows[1:]) == sorted(["EvilCorp", CR_NAME, "'" + FORMULAS[0], ESC_NAME])
