"""Shared fixtures: the graph built from the embedded seeds (once per session), small catalogs."""
from __future__ import annotations

from pathlib import Path

import pytest

# One ArcadeDB Bolt server for the whole session, shared by the export and query-parity tests.
pytest_plugins = ["tests.servers.arcadedb"]

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
ETO_DIR = ROOT.parent / "shared" / "eto"


def pytest_addoption(parser):
    parser.addoption("--regen-golden", action="store_true", help="rewrite golden files instead of comparing")


@pytest.fixture(scope="session")
def regen_golden(request) -> bool:
    return bool(request.config.getoption("--regen-golden"))


@pytest.fixture(scope="session")
def mini_catalog_path() -> Path:
    return DATA / "mini_catalog.yaml"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """Build the graph from seeds/ with the real catalog, as `semikg build` does."""
    from semikg.build import run_build

    out = tmp_path_factory.mktemp("seed-build")
    result = run_build(out=out, shacl=True)
    return out, result


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    from semikg.store.load import load_graph

    out, _ = seed_build
    return load_graph(out / "semikg.ttl")
