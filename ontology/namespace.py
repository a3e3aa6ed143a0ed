"""semikg vocabulary. GENERATED from semikg.ttl by ``python -m semikg.ontology.codegen``: do not edit."""
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
    catalogId: URIRef
    competesWith: URIRef
    confidence: URIRef
    contentHash: URIRef
    customerOf: URIRef
    datasetRecord: URIRef
    designs: URIRef
    develops: URIRef
    endOffset: URIRef
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
