"""Export tests: the shared ArcadeDB Bolt server fixture and a small hand-made graph."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.export.export_sample import sample_graph  # noqa: E402


@pytest.fixture(scope="session")
def sample_plan():
    from semikg.export.mapping import build_plan
    from semikg.graph.view import GraphView

    return build_plan(GraphView(sample_graph()))
