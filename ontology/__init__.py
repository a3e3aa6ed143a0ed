"""The semikg ontology: Turtle files (the single source) and the vocabulary generated from them."""
from importlib import resources
from pathlib import Path

from semikg.ontology.namespace import (
    DATASET_RELATIONS, DOMAIN, ENTITY_TYPES, ID, RANGE, RELATIONS, ROLES_BY_TYPE, SKG, SKGSH, SYMMETRIC, EntityType,
    Predicate,
)

ONTOLOGY_FILE = "semikg.ttl"
SHAPES_FILES = ("shapes.ttl", "relation_shapes.ttl")


def ontology_path() -> Path:
    return Path(str(resources.files(__name__) / ONTOLOGY_FILE))


def shapes_paths() -> tuple[Path, ...]:
    """The SHACL shapes: the provenance model, and the relations' generated domains and ranges."""
    return tuple(Path(str(resources.files(__name__) / name)) for name in SHAPES_FILES)


__all__ = [
    "SKG", "SKGSH", "ID", "ENTITY_TYPES", "EntityType", "ROLES_BY_TYPE", "RELATIONS", "Predicate", "DATASET_RELATIONS",
    "SYMMETRIC", "DOMAIN", "RANGE", "ontology_path", "shapes_paths",
]
