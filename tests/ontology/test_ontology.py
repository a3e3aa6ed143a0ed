"""The ontology is the single source: every generated file in sync, required terms present, and a
relation added to semikg.ttl reaches every derived file through codegen alone."""
from __future__ import annotations

import importlib.util
import shutil
import sys

import pytest
from pydantic import BaseModel, ValidationError
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from semikg.models import CatalogEntry, Relation
from semikg.ontology import DATASET_RELATIONS, DOMAIN, RANGE, RELATIONS, SKG, SYMMETRIC, ontology_path, shapes_paths
from semikg.ontology import codegen
from semikg.ontology.classes import classes_for, shape_constraints

CLASSES = ("Company", "Organization", "Fab", "Chip", "Equipment", "ProcessNode", "Technology", "Policy", "Place",
           "Person", "Article", "Foundry", "IDM", "FablessCompany", "EquipmentMaker", "MaterialsSupplier",
           "MemoryMaker", "OSAT", "EDAProvider", "CloudAIProvider", "University", "ResearchInstitute",
           "GovernmentAgency", "IndustryAssociation", "AnalystFirm", "Measurement", "Evidence")


def test_every_generated_file_has_no_drift():
    assert set(codegen.render(ontology_path())) == set(codegen.GENERATED)
    assert codegen.main(["--check"]) == 0, "run: python -m semikg.ontology.codegen"


def test_drift_check_fails_on_a_stale_file(tmp_path):
    assert codegen.main(["--out", str(tmp_path)]) == 0
    assert codegen.main(["--check", "--out", str(tmp_path)]) == 0
    for name in codegen.GENERATED:
        target = tmp_path / name
        good = target.read_text(encoding="utf-8")
        target.write_text(good + "\n", encoding="utf-8")
        assert codegen.main(["--check", "--out", str(tmp_path)]) == 1, name
        target.write_text(good, encoding="utf-8")


def test_namespace_typo_fails_loudly():
    with pytest.raises(AttributeError):
        SKG.suplies  # noqa: B018


@pytest.fixture(scope="module")
def onto():
    return Graph().parse(ontology_path(), format="turtle")


@pytest.fixture(scope="module")
def shapes():
    g = Graph()
    for p in shapes_paths():
        g.parse(p, format="turtle")
    return g


def _shape_classes(shapes: Graph, target: URIRef, p: URIRef) -> tuple[str, ...]:
    (shape,) = shapes.subjects(target, p)
    members = Collection(shapes, shapes.value(shape, SH["or"]))
    return tuple(str(shapes.value(m, SH["class"])).split("#")[1] for m in members)


@pytest.mark.parametrize("name", CLASSES)
def test_required_classes(onto, name):
    assert (SKG[name], RDF.type, OWL.Class) in onto
    assert onto.value(SKG[name], RDFS.label) is not None


def test_the_vocabulary_holds_the_article_and_dataset_relations():
    assert len(RELATIONS) == 21 and {"supplies", "fabricatesFor", "partOf"} <= set(RELATIONS)
    assert DATASET_RELATIONS == ("providesInput", "goesInto", "isTypeOf", "inStage")
    assert SYMMETRIC == {"partnersWith", "competesWith"}


@pytest.mark.parametrize("name", (*RELATIONS, *DATASET_RELATIONS))
def test_every_relation_has_domain_range_and_matching_shapes(onto, shapes, name):
    assert (SKG[name], RDF.type, OWL.ObjectProperty) in onto
    assert onto.value(SKG[name], RDFS.domain) is not None and onto.value(SKG[name], RDFS.range) is not None
    assert _shape_classes(shapes, SH.targetSubjectsOf, SKG[name]) == DOMAIN[name]
    assert _shape_classes(shapes, SH.targetObjectsOf, SKG[name]) == RANGE[name]
    assert shape_constraints()[name] == (frozenset(DOMAIN[name]), frozenset(RANGE[name]))


def test_models_take_their_literals_from_the_vocabulary():
    ev = {"quote": "q", "start": 0, "end": 1, "rule": "r", "confidence": 0.5}
    for p in RELATIONS:
        assert Relation(subject="a", predicate=p, object="b", evidence=ev).predicate == p
    with pytest.raises(ValidationError):
        Relation(subject="a", predicate="providesInput", object="b", evidence=ev)
    with pytest.raises(ValidationError):
        CatalogEntry(id="x", type="Agent", name="X")


def test_company_roles_are_company_subclasses(onto):
    for role in ("Foundry", "IDM", "FablessCompany", "EquipmentMaker", "MaterialsSupplier", "MemoryMaker", "OSAT",
                 "EDAProvider", "CloudAIProvider"):
        assert (SKG[role], RDFS.subClassOf, SKG.Company) in onto
    assert classes_for("Company", ("Foundry",)) == ("Foundry", "Company", "Agent", "Entity")


THROWAWAY = """
skg:Widget a owl:Class ; skg:entityType true ; rdfs:subClassOf skg:Entity ; rdfs:label "Widget"@en .
skg:TinyWidget a owl:Class ; rdfs:subClassOf skg:Widget ; rdfs:label "Tiny widget"@en .
skg:throwawayLink a owl:ObjectProperty, owl:SymmetricProperty ; rdfs:label "throwaway link"@en ;
    rdfs:subPropertyOf skg:articleRelation ;
    rdfs:domain [ a owl:Class ; owl:unionOf ( skg:Widget skg:Person ) ] ;
    rdfs:range skg:Policy .
"""


def _load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


def test_a_new_class_and_relation_reach_every_derived_file(tmp_path):
    onto_copy = tmp_path / "semikg.ttl"
    shutil.copy(ontology_path(), onto_copy)
    out = tmp_path / "generated"
    assert codegen.main(["--ontology", str(onto_copy), "--out", str(out)]) == 0
    with onto_copy.open("a", encoding="utf-8") as f:
        f.write(THROWAWAY)
    assert codegen.main(["--check", "--ontology", str(onto_copy), "--out", str(out)]) == 1
    assert codegen.main(["--ontology", str(onto_copy), "--out", str(out)]) == 0

    for name in codegen.GENERATED:  # every derived file names the new relation
        assert "throwawayLink" in (out / name).read_text(encoding="utf-8"), name

    ns = _load(out / "namespace.py", "throwaway_namespace")
    assert ns.SKG.throwawayLink == URIRef("https://semikg.org/ns#throwawayLink")
    assert ns.RELATIONS == (*RELATIONS, "throwawayLink")
    assert ns.DATASET_RELATIONS == DATASET_RELATIONS
    assert ns.SYMMETRIC == SYMMETRIC | {"throwawayLink"}
    assert ns.DOMAIN["throwawayLink"] == ("Widget", "Person") and ns.RANGE["throwawayLink"] == ("Policy",)
    assert ns.ENTITY_TYPES[-1] == "Widget" and ns.ROLES_BY_TYPE["Widget"] == ("TinyWidget",)
    assert ns.SUBCLASS_OF["TinyWidget"] == ("Widget",)

    class Fact(BaseModel):
        predicate: ns.Predicate
        type: ns.EntityType

    assert Fact(predicate="throwawayLink", type="Widget").predicate == "throwawayLink"

    # The generated shapes enforce the new domain and range.
    from pyshacl import validate

    shapes = Graph().parse(out / "relation_shapes.ttl", format="turtle")
    data = Graph()
    ok, bad, policy = URIRef("urn:w"), URIRef("urn:chip"), URIRef("urn:p")
    data.add((ok, RDF.type, ns.SKG.Widget))
    data.add((bad, RDF.type, SKG.Chip))
    data.add((policy, RDF.type, SKG.Policy))
    data.add((ok, ns.SKG.throwawayLink, policy))
    assert validate(data, shacl_graph=shapes)[0]
    data.add((bad, ns.SKG.throwawayLink, policy))
    conforms, results, _ = validate(data, shacl_graph=shapes)
    assert not conforms and (None, SH.focusNode, bad) in results
