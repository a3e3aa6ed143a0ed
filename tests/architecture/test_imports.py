"""The package reads one way: no import cycle between subpackages or modules, no module takes a
private name from another, the store and the loaders sit at the bottom."""
from __future__ import annotations

import pytest

from tests.architecture.imports import cycles, imports, module_graph, modules, private_imports, unit, unit_graph

# Modules every layer may use: errors, atomic writes, default paths, the output-set transaction, the
# pydantic models (which take their literals from the generated vocabulary).
BASE = {"semikg.errors", "semikg.fsutil", "semikg.paths", "semikg.outputs", "semikg.models", "semikg.ontology"}


@pytest.fixture(scope="module")
def found():
    return imports()


def test_the_walk_sees_the_whole_package(found):
    mods = modules()
    assert {"semikg.store.disk", "semikg.loaders.catalog", "semikg.viz.page", "semikg.queries.run",
            "semikg.ontology.namespace", "semikg.graph.resolve", "semikg.cli.main"} <= set(mods)
    lazy = [i for i in found if i.importer == "semikg.store.load" and i.target == "semikg.store.disk"]
    assert lazy, "imports inside functions count too"


def test_no_import_cycle_between_subpackages(found):
    assert cycles(unit_graph(found)) == []


def test_no_import_cycle_between_modules(found):
    assert cycles(module_graph(found, modules())) == []


def test_no_module_imports_a_private_name_from_another(found):
    assert [f"{i.importer}:{i.line} {i.names} from {i.target}" for i in private_imports(found)] == []


@pytest.mark.parametrize("layer, allowed", [
    ("semikg.store", BASE - {"semikg.ontology"}),
    ("semikg.loaders", BASE | {"semikg.keywords"}),
    ("semikg.ontology", set()),
])
def test_bottom_layers_import_only_the_base(found, layer, allowed):
    used = {unit(i.target) for i in found if unit(i.importer) == layer} - {layer}
    assert used <= allowed, sorted(used - allowed)


def test_the_checks_fail_on_a_cycle_and_a_private_import(tmp_path):
    pkg = tmp_path / "semikg"
    (pkg / "a").mkdir(parents=True)
    (pkg / "b").mkdir()
    (pkg / "a" / "x.py").write_text("def f():\n    from semikg.b.y import _hidden\n", encoding="utf-8")
    (pkg / "b" / "y.py").write_text("from ..a import x\n_hidden = 1\n", encoding="utf-8")
    mods = {"semikg.a.x": pkg / "a" / "x.py", "semikg.b.y": pkg / "b" / "y.py"}
    found = imports(mods)
    assert cycles(unit_graph(found)) == [["semikg.a", "semikg.b"]]
    assert cycles(module_graph(found, mods)) == [["semikg.a.x", "semikg.b.y"]]
    assert [(i.importer, i.names) for i in private_imports(found)] == [("semikg.a.x", ("_hidden",))]
