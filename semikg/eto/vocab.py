"""Terms the ETO loader uses. They are part of the semikg ontology (the supply-chain dataset
extension in ontology/semikg.ttl), so the generated ``SKG`` namespace has them."""
from __future__ import annotations

from semikg.ontology.classes import superclasses
from semikg.ontology import SKG

# The ETO ``type`` column -> the SupplyInput subclass in the ontology.
INPUT_CLASS = {
    "process": "ProductionProcess",
    "design_resource": "DesignResource",
    "tool_resource": "ToolResource",
    "material_resource": "MaterialResource",
    "ultimate_output": "UltimateOutput",
}


def eto_classes(local: str) -> tuple[str, ...]:
    """The class and all its super-classes (types are materialised)."""
    return superclasses(local)


__all__ = ["SKG", "INPUT_CLASS", "eto_classes"]
