"""Every saved query, run bare on the graph built from seeds/, returns exactly its expected rows."""
from __future__ import annotations

import pytest

from semikg.queries.registry import load_library
from semikg.queries.run import run_saved
from tests.queries.expected import as_json, expected_path, load_expected, write_expected

NAMES = sorted(load_library())


def test_library_has_at_least_15_questions_each_with_both_languages():
    lib = load_library()
    assert len(lib) >= 15
    assert all(spec.cypher for spec in lib.values()), [n for n, s in lib.items() if not s.cypher]


@pytest.mark.parametrize("name", NAMES)
def test_saved_query_answers_on_seed_graph(name, seed_graph, regen_golden):
    result, _ = run_saved(seed_graph, load_library()[name])
    if regen_golden:
        write_expected(name, result)
    assert result.rows, f"{name} returns no rows on the seed graph"
    assert expected_path(name).exists(), f"no {expected_path(name).name}: run pytest --regen-golden"
    assert as_json(result) == as_json_dict(load_expected(name))


def as_json_dict(data: dict) -> str:
    from semikg.queries.result import QueryResult

    return as_json(QueryResult(columns=tuple(data["columns"]), rows=tuple(tuple(r) for r in data["rows"])))
