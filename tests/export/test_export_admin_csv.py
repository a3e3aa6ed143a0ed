"""neo4j-admin bundle: header format of `neo4j-admin database import full`, values read back with csv."""
from __future__ import annotations

import csv
import re

from semikg.export.admin_csv import COMMAND_FILE, CONSTRAINTS_FILE, write_bundle
from semikg.export.mapping import ExportPlan, make_node, make_rel

# The documented header grammar: name:ID(space), :LABEL, :START_ID(space), :END_ID(space), :TYPE,
# and name:type with an optional [] for arrays.
FIELD = re.compile(r"^(?:[A-Za-z_][A-Za-z0-9_]*)?:(?:ID\([A-Za-z]+\)|LABEL|START_ID\([A-Za-z]+\)|END_ID\([A-Za-z]+\)|TYPE"
                   r"|(?:string|long|double|boolean)(?:\[\])?)$")


def _read(path):
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def test_headers_follow_the_import_format(sample_plan, tmp_path):
    files = write_bundle(sample_plan, tmp_path)
    names = {f.name for f in files}
    assert "nodes_Entity_Foundry_Company.csv" in names and "relationships_SUPPLIES.csv" in names
    for f in files:
        header, rows = _read(f)
        assert rows, f
        assert all(FIELD.match(h) for h in header), header
        if f.name.startswith("nodes_"):
            assert header[:2] in (["uri:ID(Entity)", ":LABEL"], ["uri:ID(Article)", ":LABEL"],
                                  ["uri:ID(Measurement)", ":LABEL"])
        else:
            assert header[2] == ":TYPE" and header[0].startswith(":START_ID(") and header[1].startswith(":END_ID(")
    header, _ = _read(tmp_path / "nodes_Entity_Foundry_Company.csv")
    assert "aliases:string[]" in header and "name_zh_Hant:string" in header
    header, _ = _read(tmp_path / "relationships_SUPPLIES.csv")
    assert {"confidences:double[]", "start_offsets:long[]", "asserted:boolean", "quotes:string[]"} <= set(header)


def test_values_read_back_including_hostile_text(sample_plan, tmp_path):
    write_bundle(sample_plan, tmp_path)
    command = (tmp_path / COMMAND_FILE).read_text()
    # The sample's hostile name contains ';' and '|', so the bundle falls back to U+001F.
    assert "--array-delimiter='U+001F'" in command
    _, rows = _read(tmp_path / "nodes_Entity_Company.csv")
    evil = next(r for r in rows if r["uri:ID(Entity)"].endswith("d-evil"))
    expected = next(n for n in sample_plan.nodes if n.uri.endswith("d-evil"))
    assert evil["name:string"] == expected.props["name"]
    assert evil["aliases:string[]"].split("\x1f") == expected.props["aliases"]
    _, rels = _read(tmp_path / "relationships_SUPPLIES.csv")
    asml = next(r for r in rels if r[":START_ID(Entity)"].endswith("d-asml"))
    assert asml["article_ids:string[]"].split("\x1f") == ["news-000", "news-001"]
    assert [float(x) for x in asml["confidences:double[]"].split("\x1f")] == [0.6, 0.95]


def test_command_lists_every_file_and_constraints_are_written(sample_plan, tmp_path):
    files = write_bundle(sample_plan, tmp_path)
    command = (tmp_path / COMMAND_FILE).read_text()
    assert "neo4j-admin database import full" in command and "--multiline-fields=true" in command
    for f in files:
        assert f"={f.name}" in command
    assert (tmp_path / CONSTRAINTS_FILE).read_text().count("REQUIRE n.uri IS UNIQUE") == 3


def test_plain_data_uses_semicolon_and_stale_files_are_removed(tmp_path):
    plan = ExportPlan(nodes=(make_node(("Entity", "Chip"), "https://semikg.org/id/e/x", {"aliases": ["a", "b"]}),),
                      relationships=(make_rel("SUPPLIES", "Entity", "https://semikg.org/id/e/x", "Entity",
                                              "https://semikg.org/id/e/x", {"quotes": ["q"]}),))
    (tmp_path / "nodes_Entity_Gone.csv").write_text("stale")
    write_bundle(plan, tmp_path)
    assert "--array-delimiter=';'" in (tmp_path / COMMAND_FILE).read_text()
    assert not (tmp_path / "nodes_Entity_Gone.csv").exists()
    _, rows = _read(tmp_path / "nodes_Entity_Chip.csv")
    assert rows[0][":LABEL"] == "Entity;Chip" and rows[0]["aliases:string[]"] == "a;b"
