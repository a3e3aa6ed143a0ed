"""JSON Lines export: one valid object per line, deterministic bytes."""
from __future__ import annotations

import json

from semikg.export.jsonl import write_jsonl


def test_one_object_per_line_nodes_then_relationships(sample_plan, tmp_path):
    out = tmp_path / "g.jsonl"
    n = write_jsonl(sample_plan, out)
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == n == len(sample_plan.nodes) + len(sample_plan.relationships)
    objs = [json.loads(line) for line in lines]
    kinds = [o["kind"] for o in objs]
    assert kinds == sorted(kinds, key=["node", "relationship"].index)
    evil = next(o for o in objs if o.get("uri", "").endswith("d-evil"))
    assert "\n" in evil["properties"]["name"] and "台积电" in lines[[o is evil for o in objs].index(True)]


def test_byte_identical(sample_plan, tmp_path):
    write_jsonl(sample_plan, tmp_path / "a.jsonl")
    write_jsonl(sample_plan, tmp_path / "b.jsonl")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
