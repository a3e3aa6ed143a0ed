"""The import graph of semikg as installed (setuptools' package-dir mapping), read with ``ast`` from
the source folders. ``python tests/architecture/imports.py`` prints cycles, private-name imports and
which subpackage imports which."""
from __future__ import annotations

import ast
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module name
    target: str  # dotted module name imported from
    names: tuple[str, ...]  # names taken from it (from-imports); empty for `import x`
    line: int


def package_dirs() -> dict[str, Path]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {pkg: ROOT / folder for pkg, folder in project["tool"]["setuptools"]["package-dir"].items()}


def modules() -> dict[str, Path]:
    """Every module of the package, by dotted name, as setuptools maps the folders."""
    out: dict[str, Path] = {}
    dirs = package_dirs()
    for pkg in sorted(dirs, key=len):
        base = dirs[pkg]
        for f in sorted(base.rglob("*.py")):
            rel = f.relative_to(base).with_suffix("")
            parts = [p for p in rel.parts if p != "__init__"]
            if any(d != base and f.is_relative_to(d) for d in dirs.values() if d.is_relative_to(base)):
                continue  # a folder mapped to a package of its own
            out[".".join([pkg, *parts])] = f
    return out


def imports(mods: dict[str, Path] | None = None) -> list[Import]:
    """Every import of a semikg module by a module of ``mods`` (default: the package), lazy ones included."""
    mods = modules() if mods is None else mods
    out: list[Import] = []
    for name, path in mods.items():
        is_pkg = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.split(".")[0] == "semikg":
                        out.append(Import(name, a.name, (), node.lineno))
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".") if is_pkg else name.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.split(".")[0] != "semikg":
                    continue
                names = tuple(a.name for a in node.names)
                # `from pkg import module` imports the module, not a name of the package
                for n in names:
                    if f"{target}.{n}" in mods:
                        out.append(Import(name, f"{target}.{n}", (), node.lineno))
                rest = tuple(n for n in names if f"{target}.{n}" not in mods)
                if rest:
                    out.append(Import(name, target, rest, node.lineno))
    return out


def unit(module: str) -> str:
    """The subpackage a module belongs to (semikg.store.disk -> semikg.store); top modules stand alone."""
    parts = module.split(".")
    return ".".join(parts[:2])


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def unit_graph(found: list[Import]) -> dict[str, set[str]]:
    g: dict[str, set[str]] = {}
    for i in found:
        a, b = unit(i.importer), unit(i.target)
        if a != b:
            g.setdefault(a, set()).add(b)
    return g


def module_graph(found: list[Import], mods: dict[str, Path]) -> dict[str, set[str]]:
    g: dict[str, set[str]] = {}
    for i in found:
        if i.target in mods and i.target != i.importer:
            g.setdefault(i.importer, set()).add(i.target)
    return g


def private_imports(found: list[Import]) -> list[Import]:
    """Imports of a name starting with an underscore from another module."""
    return [i for i in found if i.target != i.importer and any(n.startswith("_") and not n.startswith("__") for n in i.names)]


if __name__ == "__main__":
    found = imports()
    for c in cycles(unit_graph(found)):
        print("subpackage cycle:", " <-> ".join(c))
    for c in cycles(module_graph(found, modules())):
        print("module cycle:", " <-> ".join(c))
    for i in private_imports(found):
        print(f"private: {i.importer}:{i.line} imports {', '.join(i.names)} from {i.target}")
    g = unit_graph(found)
    for k in sorted(g):
        print(k, "->", ", ".join(sorted(g[k])))
