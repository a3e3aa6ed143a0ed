"""Cypher script export: escaping of hostile strings, statement splitting, determinism."""
from __future__ import annotations

import pytest

from semikg.errors import ExportError
from semikg.export.cypher_script import (
    cypher_literal, cypher_string, iter_statements, split_statements, write_script,
)
from tests.export.export_sample import HOSTILE


@pytest.mark.parametrize("raw,expected", [
    ("it's", r"'it\'s'"),
    ('say "hi"', r"""'say \"hi\"'"""),
    ("back\\slash", r"'back\\slash'"),
    ("two\nlines\r\t", r"'two\nlines\r\t'"),
    ("bell\x07 nul\x00", r"'bell\u0007 nul\u0000'"),
    ("sep\u2028", r"'sep\u2028'"),
    ("台积电 😀", "'台积电 😀'"),
])
def test_strings_are_escaped(raw, expected):
    assert cypher_string(raw) == expected


def test_literals():
    assert cypher_literal({"a": [1, 2.5, True, None], "b": "x"}) == "{`a`: [1, 2.5, true, null], `b`: 'x'}"
    with pytest.raises(ExportError):
        cypher_literal(float("nan"))
    with pytest.raises(ExportError):
        cypher_literal({"bad`key": 1})


def test_no_statement_contains_a_raw_line_break_inside_a_string(sample_plan):
    for stmt in iter_statements(sample_plan, 2):
        for line in stmt.splitlines():
            # Every string literal opens and closes on the same line: an even number of unescaped quotes.
            unescaped = line.replace("\\\\", "").replace("\\'", "")
            assert unescaped.count("'") % 2 == 0, line


def test_script_splits_back_into_its_statements(sample_plan, tmp_path):
    out = tmp_path / "g.cypher"
    n = write_script(sample_plan, out, batch_size=2)
    stmts = split_statements(out.read_text("utf-8"))
    assert stmts == list(iter_statements(sample_plan, 2)) and len(stmts) == n
    assert any("Evil" in s for s in stmts) and HOSTILE not in out.read_text("utf-8")  # raw newline escaped


def test_script_is_byte_identical_across_runs(sample_plan, tmp_path):
    write_script(sample_plan, tmp_path / "a.cypher")
    write_script(sample_plan, tmp_path / "b.cypher")
    assert (tmp_path / "a.cypher").read_bytes() == (tmp_path / "b.cypher").read_bytes()


def test_unterminated_script_is_an_error():
    with pytest.raises(ExportError):
        split_statements("RETURN 1\n;\nRETURN 2")
