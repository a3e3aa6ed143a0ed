"""Push pieces that need no server: settings checks, error messages, counting."""
from __future__ import annotations

import pytest
from neo4j import exceptions as nx

from semikg.errors import ExportError
from semikg.export.push import GroupCount, Neo4jSettings, _count, _error, push

S = Neo4jSettings(uri="bolt://db.example:7687", user="neo4j", password="pw", database="semikg")


@pytest.mark.parametrize("uri", ["http://x:7474", "localhost:7687", "ftp://x"])
def test_non_bolt_uris_are_refused(uri):
    with pytest.raises(ExportError, match="bad Neo4j URI"):
        Neo4jSettings(uri=uri).check()


def test_batch_size_must_be_positive(sample_plan):
    with pytest.raises(ExportError, match="batch size"):
        push(sample_plan, S, batch_size=0)


def test_error_messages_are_one_line_and_specific():
    assert "wrong user name or password" in str(_error(nx.AuthError("x\ny"), S))
    lost = str(_error(nx.ServiceUnavailable("gone\nmore"), S, during="batch 3/9 (SUPPLIES relationships)"))
    assert "batch 3/9" in lost and "rolled back" in lost and "\n" not in lost
    assert "cannot reach" in str(_error(nx.ServiceUnavailable("refused"), S))
    assert "'pw'" not in repr(S)  # the password never shows up in a repr or a log line


def test_counts_split_created_updated_unchanged():
    c = GroupCount()
    _count(c, rows=10, written=4, created=3)
    _count(c, rows=5, written=0, created=0)
    assert (c.created, c.updated, c.unchanged) == (3, 1, 11)
