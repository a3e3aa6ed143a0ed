"""Load and check the entity catalog (seeds/catalog.yaml): reference data with its own provenance."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from semikg.errors import CatalogError
from semikg.models import Catalog, CatalogEntry
from semikg.ontology import ROLES_BY_TYPE
from semikg.ontology.classes import classes_for, shape_constraints

DEFAULT_CATALOG = "catalog.yaml"
# libyaml's loader when available: the catalog has thousands of lines.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def default_catalog_path() -> Path:
    return Path(str(resources.files("semikg.seeds") / DEFAULT_CATALOG))


def _first_error(e: ValidationError) -> str:
    err = e.errors()[0]
    loc = ".".join(str(x) for x in err.get("loc", ()))
    return f"{loc}: {err.get('msg')}" if loc else str(err.get("msg"))


def load_catalog(path: str | Path | None = None) -> Catalog:
    p = Path(path) if path is not None else default_catalog_path()
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise CatalogError(p, f"cannot read catalog: {e.strerror or e}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CatalogError(p, "catalog is not UTF-8", raw.count(b"\n", 0, e.start) + 1) from None
    # Parsed once: the node tree gives each entity's line, and is then turned into Python data.
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None or not isinstance(root, yaml.MappingNode):
            raise CatalogError(p, "catalog must be a mapping with an 'entities' list", 1)
        data = loader.construct_document(root)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise CatalogError(p, f"broken YAML: {problem}", mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()
    entities = data.get("entities")
    node = next((v for k, v in root.value if k.value == "entities"), None)
    if not isinstance(entities, list) or node is None:
        raise CatalogError(p, "catalog must have an 'entities' list", 1)
    entries: list[CatalogEntry] = []
    for item, item_node in zip(entities, node.value):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            raise CatalogError(p, "each entity must be a mapping", line)
        try:
            entry = CatalogEntry(**item, line=line)
        except ValidationError as e:
            raise CatalogError(p, f"entity {item.get('id', '?')!s}: {_first_error(e)}", line) from None
        except TypeError as e:
            raise CatalogError(p, f"entity {item.get('id', '?')!s}: {e}", line) from None
        entries.append(entry)
    _check(p, entries)
    return Catalog(source=str(p), entries=tuple(entries))


def _check(p: Path, entries: list[CatalogEntry]) -> None:
    ids: dict[str, CatalogEntry] = {}
    for e in entries:
        if e.id in ids:
            raise CatalogError(p, f"duplicate id {e.id!r} (first at line {ids[e.id].line})", e.line)
        ids[e.id] = e
    for e in entries:
        allowed = ROLES_BY_TYPE.get(e.type, ())
        for r in e.roles:
            if r not in allowed:
                raise CatalogError(p, f"entity {e.id}: role {r!r} is not a role of {e.type} (allowed: {', '.join(allowed) or 'none'})", e.line)
        for what, ref in (("hq", e.hq), ("part_of", e.part_of), *(("links", l.object) for l in e.links)):
            if ref is not None and ref not in ids:
                raise CatalogError(p, f"entity {e.id}: {what} refers to unknown id {ref!r}", e.line)
        if e.hq is not None and ids[e.hq].type != "Place":
            raise CatalogError(p, f"entity {e.id}: hq {e.hq!r} is not a Place", e.line)
    _check_shapes(p, entries, ids)


def _check_shapes(p: Path, entries: list[CatalogEntry], ids: dict[str, CatalogEntry]) -> None:
    """Catalog facts obey the same domain and range shapes as article facts."""
    constraints = shape_constraints()
    for e in entries:
        facts = [("partOf", e.part_of)] if e.part_of else []
        facts += [(link.predicate, link.object) for link in e.links]
        for pred, obj in facts:
            dom, rng = constraints[pred]
            target = ids[obj]
            if not dom.intersection(classes_for(e.type, e.roles)):
                raise CatalogError(p, f"entity {e.id}: a {e.type} cannot be the subject of {pred} (allowed: {', '.join(sorted(dom))})", e.line)
            if not rng.intersection(classes_for(target.type, target.roles)):
                raise CatalogError(p, f"entity {e.id}: {pred} {obj!r} is a {target.type}, not one of {', '.join(sorted(rng))}", e.line)
