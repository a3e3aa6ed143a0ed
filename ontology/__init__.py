"""The semikg ontology: Turtle files (the single source) and the namespace generated from them."""
from importlib import resources
from pathlib import Path

from semikg.ontology.namespace import SKG, SKGSH, ID

ONTOLOGY_FILE = "semikg.ttl"
SHAPES_FILE = "shapes.ttl"


def ontology_path() -> Path:
    return Path(str(resources.files(__name__) / ONTOLOGY_FILE))


def shapes_path() -> Path:
    return Path(str(resources.files(__name__) / SHAPES_FILE))


__all__ = ["SKG", "SKGSH", "ID", "ontology_path", "shapes_path"]
