"""What ships is the product: the built wheel holds the package and its data, never test or
benchmark scaffolding."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import pytest

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parents[2]
# Stems of modules that exist for tests and benchmarks only (tests/support/, bench/support/).
SCAFFOLDING = {"arcadedb_server", "parity", "synthetic", "synthetic_view", "synthetic_graph", "cypher_run", "conftest"}


@pytest.fixture(scope="module")
def wheel_files(tmp_path_factory) -> list[PurePosixPath]:
    """Build the wheel from a copy of the sources (setuptools writes build/ next to them)."""
    src = tmp_path_factory.mktemp("src")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for folder in sorted(set(project["tool"]["setuptools"]["package-dir"].values())):
        shutil.copytree(ROOT / folder, src / folder, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (wheel,) = out.glob("semikg-*.whl")
    with zipfile.ZipFile(wheel) as z:
        return [PurePosixPath(n) for n in z.namelist() if not n.endswith("/")]


@pytest.mark.slow
def test_wheel_holds_the_package_and_its_data(wheel_files):
    names = {str(p) for p in wheel_files}
    for must in ("semikg/cli/main.py", "semikg/store/server.py", "semikg/loaders/catalog.py", "semikg/viz/page.py",
                 "semikg/queries/run.py", "semikg/ontology/namespace.py", "semikg/ontology/semikg.ttl",
                 "semikg/ontology/relation_shapes.ttl", "semikg/ontology/shapes.ttl", "semikg/seeds/catalog.yaml"):
        assert must in names, must
    # Every module of the source folders ships (a sub-package missing from pyproject's list would not).
    from tests.architecture.imports import modules

    for name, path in modules().items():
        shipped = PurePosixPath(*name.split(".")) / "__init__.py" if path.name == "__init__.py" else \
            PurePosixPath(*name.split(".")).with_suffix(".py")
        assert str(shipped) in names, f"{path} is not in the wheel"
    tops = {p.parts[0] for p in wheel_files}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"semikg"}


@pytest.mark.slow
def test_wheel_holds_no_test_or_benchmark_scaffolding(wheel_files):
    modules = [p for p in wheel_files if p.suffix == ".py"]
    assert len(modules) > 50
    shipped = [str(p) for p in modules
               if p.stem in SCAFFOLDING or p.stem.startswith("test_") or {"tests", "bench", "support"} & set(p.parts)]
    assert shipped == []
