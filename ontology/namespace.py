"""semikg vocabulary. GENERATED from semikg.ttl by ``python -m semikg.ontology.codegen``: do not edit."""
from typing import Literal

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace


class SKG(DefinedNamespace):
    """Terms of the semikg ontology; an unknown attribute raises AttributeError."""

    _NS = Namespace("https://semikg.org/ns#")
    _fail = True

    Agent: URIRef
    AnalystFirm: URIRef
    Article: URIRef
    Bandwidth: URIRef
    Capacity: URIRef
    Chip: URIRef
    CloudAIProvider: URIRef
    Company: URIRef
    Country: URIRef
    DesignResource: URIRef
    DeviceMaker: URIRef
    DieArea: URIRef
    EDAProvider: URIRef
    Entity: URIRef
    Equipment: URIRef
    EquipmentMaker: URIRef
    Evidence: URIRef
    Expected: URIRef
    Fab: URIRef
    FablessCompany: URIRef
    Foundry: URIRef
    GovernmentAgency: URIRef
    Headcount: URIRef
    IDM: URIRef
    IndustryAssociation: URIRef
    Investment: URIRef
    MarketShare: URIRef
    MarketSize: URIRef
    MaterialResource: URIRef
    MaterialsSupplier: URIRef
    Measurement: URIRef
    MemoryMaker: URIRef
    OSAT: URIRef
    Organization: URIRef
    Performance: URIRef
    Person: URIRef
    Place: URIRef
    Planned: URIRef
    Policy: URIRef
    Power: URIRef
    Price: URIRef
    ProcessNode: URIRef
    ProductionProcess: URIRef
    QuantityKind: URIRef
    Reported: URIRef
    ResearchInstitute: URIRef
    Revenue: URIRef
    Rumoured: URIRef
    Shipments: URIRef
    Source: URIRef
    Stage: URIRef
    Stated: URIRef
    Status: URIRef
    SupplyInput: URIRef
    Technology: URIRef
    ToolResource: URIRef
    UltimateOutput: URIRef
    University: URIRef
    about: URIRef
    acquires: URIRef
    articleRelation: URIRef
    catalogId: URIRef
    competesWith: URIRef
    confidence: URIRef
    contentHash: URIRef
    customerOf: URIRef
    datasetRecord: URIRef
    datasetRelation: URIRef
    designs: URIRef
    develops: URIRef
    endOffset: URIRef
    entityType: URIRef
    etoId: URIRef
    etoProviderId: URIRef
    fabricatesFor: URIRef
    forInput: URIRef
    funds: URIRef
    goesInto: URIRef
    inStage: URIRef
    indexInFile: URIRef
    investsIn: URIRef
    isTypeOf: URIRef
    issuedBy: URIRef
    leads: URIRef
    locatedIn: URIRef
    manufactures: URIRef
    marketSizeText: URIRef
    measurementCount: URIRef
    mentionCount: URIRef
    minValue: URIRef
    offersNode: URIRef
    operates: URIRef
    origin: URIRef
    partOf: URIRef
    partnersWith: URIRef
    providesInput: URIRef
    quantityKind: URIRef
    quote: URIRef
    rawValue: URIRef
    relationCount: URIRef
    relevant: URIRef
    restricts: URIRef
    role: URIRef
    rule: URIRef
    script: URIRef
    skipReason: URIRef
    sourceEncoding: URIRef
    sourceFile: URIRef
    startOffset: URIRef
    status: URIRef
    successorOf: URIRef
    supplies: URIRef
    trigger: URIRef
    unit: URIRef
    usesNode: URIRef
    usesTechnology: URIRef
    value: URIRef
    wikidata: URIRef
    year: URIRef


SKGSH = Namespace("https://semikg.org/shapes#")
# Instance data lives under its own base, kept apart from the vocabulary.
ID = Namespace("https://semikg.org/id/")

# Classes and their direct super-classes, so code needs no Turtle parsing at run time.
SUBCLASS_OF: dict[str, tuple[str, ...]] = {
    'Agent': ('Entity',),
    'AnalystFirm': ('Organization',),
    'Article': (),
    'Chip': ('Entity',),
    'CloudAIProvider': ('Company',),
    'Company': ('Agent',),
    'Country': ('Place',),
    'DesignResource': ('SupplyInput',),
    'DeviceMaker': ('Company',),
    'EDAProvider': ('Company',),
    'Entity': (),
    'Equipment': ('Entity',),
    'EquipmentMaker': ('Company',),
    'Evidence': (),
    'Fab': ('Entity',),
    'FablessCompany': ('Company',),
    'Foundry': ('Company',),
    'GovernmentAgency': ('Organization',),
    'IDM': ('Company',),
    'IndustryAssociation': ('Organization',),
    'MaterialResource': ('SupplyInput',),
    'MaterialsSupplier': ('Company',),
    'Measurement': (),
    'MemoryMaker': ('Company',),
    'OSAT': ('Company',),
    'Organization': ('Agent',),
    'Person': ('Entity',),
    'Place': ('Entity',),
    'Policy': ('Entity',),
    'ProcessNode': ('Entity',),
    'ProductionProcess': ('SupplyInput',),
    'QuantityKind': (),
    'ResearchInstitute': ('Organization',),
    'Source': (),
    'Stage': ('Entity',),
    'Status': (),
    'SupplyInput': ('Entity',),
    'Technology': ('Entity',),
    'ToolResource': ('SupplyInput',),
    'UltimateOutput': ('SupplyInput',),
    'University': ('Organization',),
}

# The classes an extracted entity has as its type (skg:entityType true).
ENTITY_TYPES: tuple[str, ...] = ('Company', 'Organization', 'Fab', 'Chip', 'Equipment', 'ProcessNode', 'Technology', 'Policy', 'Place', 'Person')
EntityType = Literal[
    'Company',
    'Organization',
    'Fab',
    'Chip',
    'Equipment',
    'ProcessNode',
    'Technology',
    'Policy',
    'Place',
    'Person',
]

# The roles an entity of a type may carry: the type's direct sub-classes.
ROLES_BY_TYPE: dict[str, tuple[str, ...]] = {
    'Company': ('Foundry', 'IDM', 'FablessCompany', 'EquipmentMaker', 'MaterialsSupplier', 'MemoryMaker', 'OSAT', 'EDAProvider', 'CloudAIProvider', 'DeviceMaker'),
    'Organization': ('University', 'ResearchInstitute', 'GovernmentAgency', 'IndustryAssociation', 'AnalystFirm'),
    'Place': ('Country',),
}

# Relations read from article text (sub-properties of skg:articleRelation).
RELATIONS: tuple[str, ...] = ('designs', 'manufactures', 'fabricatesFor', 'supplies', 'customerOf', 'usesNode', 'offersNode', 'usesTechnology', 'develops', 'operates', 'locatedIn', 'investsIn', 'partnersWith', 'competesWith', 'acquires', 'restricts', 'issuedBy', 'funds', 'leads', 'successorOf', 'partOf')
Predicate = Literal[
    'designs',
    'manufactures',
    'fabricatesFor',
    'supplies',
    'customerOf',
    'usesNode',
    'offersNode',
    'usesTechnology',
    'develops',
    'operates',
    'locatedIn',
    'investsIn',
    'partnersWith',
    'competesWith',
    'acquires',
    'restricts',
    'issuedBy',
    'funds',
    'leads',
    'successorOf',
    'partOf',
]

# Relations only curated datasets add (sub-properties of skg:datasetRelation).
DATASET_RELATIONS: tuple[str, ...] = ('providesInput', 'goesInto', 'isTypeOf', 'inStage')

# owl:SymmetricProperty relations: s p o says o p s too.
SYMMETRIC: frozenset[str] = frozenset(('partnersWith', 'competesWith'))

# rdfs:domain and rdfs:range of every relation: the subject (object) carries one of these classes.
DOMAIN: dict[str, tuple[str, ...]] = {
    'designs': ('Agent',),
    'manufactures': ('Agent', 'Fab'),
    'fabricatesFor': ('Company', 'Fab'),
    'supplies': ('Agent', 'Place'),
    'customerOf': ('Agent', 'Place'),
    'usesNode': ('Chip', 'Fab', 'Technology', 'Equipment', 'Agent'),
    'offersNode': ('Agent', 'Fab'),
    'usesTechnology': ('Chip', 'Agent', 'Fab', 'Equipment', 'ProcessNode'),
    'develops': ('Agent', 'Place', 'Person'),
    'operates': ('Agent',),
    'locatedIn': ('Agent', 'Fab', 'Place'),
    'investsIn': ('Agent', 'Place', 'Person'),
    'partnersWith': ('Agent', 'Place'),
    'competesWith': ('Agent', 'Chip', 'Place', 'Technology', 'Equipment', 'ProcessNode'),
    'acquires': ('Agent',),
    'restricts': ('Policy', 'Place', 'Organization'),
    'issuedBy': ('Policy',),
    'funds': ('Agent', 'Place', 'Policy'),
    'leads': ('Person',),
    'successorOf': ('Chip', 'ProcessNode', 'Technology', 'Equipment', 'Policy'),
    'partOf': ('Agent', 'Fab', 'Place', 'Chip', 'Technology', 'Equipment', 'ProcessNode', 'Policy'),
    'providesInput': ('Agent', 'Place'),
    'goesInto': ('SupplyInput',),
    'isTypeOf': ('SupplyInput',),
    'inStage': ('SupplyInput',),
}
RANGE: dict[str, tuple[str, ...]] = {
    'designs': ('Chip', 'Equipment', 'Technology', 'ProcessNode'),
    'manufactures': ('Chip', 'Equipment'),
    'fabricatesFor': ('Agent',),
    'supplies': ('Agent', 'Place'),
    'customerOf': ('Agent', 'Place'),
    'usesNode': ('ProcessNode',),
    'offersNode': ('ProcessNode',),
    'usesTechnology': ('Technology',),
    'develops': ('Chip', 'Technology', 'Equipment', 'ProcessNode'),
    'operates': ('Fab',),
    'locatedIn': ('Place',),
    'investsIn': ('Agent', 'Fab', 'Technology', 'Place', 'Chip', 'ProcessNode'),
    'partnersWith': ('Agent', 'Place'),
    'competesWith': ('Agent', 'Chip', 'Place', 'Technology', 'Equipment', 'ProcessNode'),
    'acquires': ('Agent', 'Fab'),
    'restricts': ('Agent', 'Chip', 'Technology', 'Equipment', 'Place', 'ProcessNode'),
    'issuedBy': ('Place', 'Organization'),
    'funds': ('Agent', 'Fab', 'Technology', 'Chip'),
    'leads': ('Agent', 'Place'),
    'successorOf': ('Chip', 'ProcessNode', 'Technology', 'Equipment', 'Policy'),
    'partOf': ('Agent', 'Place', 'Chip', 'Technology', 'Equipment', 'ProcessNode', 'Policy'),
    'providesInput': ('SupplyInput', 'Stage'),
    'goesInto': ('SupplyInput',),
    'isTypeOf': ('SupplyInput',),
    'inStage': ('Stage',),
}
