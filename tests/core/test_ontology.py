"""The ontology is the single source: generated namespace in sync, required terms present."""
from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph
from rdflib.namespace import SH

from semikg.ontology import SKG, ontology_path, shapes_path
from semikg.ontology.codegen import main as codegen

CLASSES = ("Company", "Organization", "Fab", "Chip", "Equipment", "ProcessNode", "Technology", "Policy", "Place",
           "Person", "Article", "Foundry", "IDM", "FablessCompany", "EquipmentMaker", "MaterialsSupplier",
           "MemoryMaker", "OSAT", "EDAProvider", "CloudAIProvider", "University", "ResearchInstitute",
           "GovernmentAgency", "IndustryAssociation", "AnalystFirm", "Measurement", "Evidence")
PROPERTIES = ("designs", "manufactures", "fabricatesFor", "supplies", "customerOf", "usesNode", "offersNode",
              "usesTechnology", "develops", "operates", "locatedIn", "investsIn", "partnersWith", "competesWith",
              "acquires", "restricts", "issuedBy", "funds", "leads", "successorOf", "partOf")


def test_generated_namespace_has_no_drift():
    assert codegen(["--check"]) == 0, "run: python -m semikg.ontology.codegen"


def test_namespace_typo_fails_loudly():
    with pytest.raises(AttributeError):
        SKG.suplies  # noqa: B018


@pytest.fixture(scope="module")
def onto():
    return Graph().parse(ontology_path(), format="turtle")


@pytest.mark.parametrize("name", CLASSES)
def test_required_classes(onto, name):
    assert (SKG[name], RDF.type, OWL.Class) in onto
    assert onto.value(SKG[name], RDFS.label) is not None


@pytest.mark.parametrize("name", PROPERTIES)
def test_required_object_properties_with_domain_range_and_shapes(onto, name):
    assert (SKG[name], RDF.type, OWL.ObjectProperty) in onto
    assert onto.value(SKG[name], RDFS.domain) is not None and onto.value(SKG[name], RDFS.range) is not None
    shapes = Graph().parse(shapes_path(), format="turtle")
    targets = set(shapes.objects(None, SH.targetSubjectsOf)) | set(shapes.objects(None, SH.targetObjectsOf))
    assert SKG[name] in targets


def test_company_roles_are_company_subclasses(onto):
    for role in ("Foundry", "IDM", "FablessCompany", "EquipmentMaker", "MaterialsSupplier", "MemoryMaker", "OSAT",
                 "EDAProvider", "CloudAIProvider"):
        assert (SKG[role], RDFS.subClassOf, SKG.Company) in onto
