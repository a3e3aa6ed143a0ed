"""Fixtures for the store tests: small builds from copies of seed files, free ports, server binaries."""
from __future__ import annotations

import shutil
import socket
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
QUERIES = Path(__file__).resolve().parent / "queries"


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def copy_seeds(dest: Path, names: list[str]) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for n in names:
        shutil.copy(SEEDS / n, dest / n)
    return dest


@pytest.fixture(scope="session")
def small_build(tmp_path_factory):
    """A build (graph + store) of one seed file: small enough for rdflib's own engine."""
    from semikg.build import run_build

    base = tmp_path_factory.mktemp("store-small")
    src = copy_seeds(base / "in", [seed_files()[-1].name])
    out = base / "out"
    result = run_build(articles=src, out=out, shacl=False)
    return out, result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str | None:
    """The `oxigraph` server shipped by the PyPI package `oxigraph` (test extra)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    return shutil.which("oxigraph")
