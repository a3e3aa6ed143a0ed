"""Every saved query of the query library, and representative queries, agree on both engines."""
from __future__ import annotations

import pytest

from semikg.store.load import load_graph
from tests.support.parity import first_difference, folder_cases, run_case, saved_cases

from .conftest import QUERIES


@pytest.fixture(scope="module")
def engines(small_build):
    out, _ = small_build
    return load_graph(out / "semikg.ttl"), load_graph(out / "store")


def _cases(graph):
    return saved_cases(graph) + folder_cases(QUERIES)


@pytest.mark.slow
def test_every_query_agrees_on_memory_and_oxigraph(engines):
    memory, oxigraph = engines
    cases = _cases(memory)
    assert len(cases) >= len(folder_cases(QUERIES)) > 0
    diffs = {}
    for case in cases:
        a, b = run_case(memory, case), run_case(oxigraph, case)
        if first_difference(a, b):
            diffs[case.name] = first_difference(a, b)
    assert diffs == {}


def test_the_saved_library_is_covered(engines):
    memory, _ = engines
    names = {c.name for c in saved_cases(memory)}
    from semikg.queries.registry import load_library

    assert names == {f"saved:{n}" for n in load_library()}


def test_representative_queries_return_rows(engines):
    # A parity check over empty answers proves nothing: most representative queries must match rows.
    _, oxigraph = engines
    nonempty = [c.name for c in folder_cases(QUERIES) if run_case(oxigraph, c)]
    assert len(nonempty) >= 5
