// title: Chip exposure
// question:
//   en: What does a chip depend on — who designs, makes and fabricates it, on which node and technologies, who supplies those firms, where each is based, and which policies restrict the chip or its makers?
//   zh: 某款芯片依赖哪些环节？谁设计、制造、代工它，采用何种制程与技术，谁为这些厂商供货，它们位于哪里，哪些政策限制该芯片或其厂商？
// params:
//   chip: {type: entity, default: NVIDIA H100, help: "the chip (any alias)"}
// columns:
//   role: designer, manufacturer, fabricator, node, technology, supplier (of the firm in via) or restricted by
//   name: the firm, node, technology or policy
//   via: for suppliers the firm they supply, for policies what they restrict; empty for the chip's own makers
//   country: the country the firm is located in (empty if not known)
// example: semikg query run chip-exposure --param chip=H100 --html exposure.html

CALL {
  MATCH (x:Entity)-[r:DESIGNS]->(:Entity {uri: $chip}) WHERE r.asserted RETURN 'designer' AS role, x, '' AS via
  UNION
  MATCH (x:Entity)-[r:MANUFACTURES]->(:Entity {uri: $chip}) WHERE r.asserted RETURN 'manufacturer' AS role, x, '' AS via
  UNION
  MATCH (x:Entity)-[f:FABRICATES_FOR]->(d:Entity)-[r:DESIGNS]->(:Entity {uri: $chip})
  WHERE r.asserted AND f.asserted RETURN 'fabricator' AS role, x, '' AS via
  UNION
  MATCH (x:Foundry)<-[c:CUSTOMER_OF]-(d:Entity)-[r:DESIGNS]->(:Entity {uri: $chip})
  WHERE r.asserted AND c.asserted RETURN 'fabricator' AS role, x, '' AS via
  UNION
  MATCH (:Entity {uri: $chip})-[r:USES_NODE]->(x:Entity) WHERE r.asserted RETURN 'node' AS role, x, '' AS via
  UNION
  MATCH (:Entity {uri: $chip})-[r:USES_TECHNOLOGY]->(x:Entity) WHERE r.asserted RETURN 'technology' AS role, x, '' AS via
  UNION
  MATCH (m:Entity)-[r]->(:Entity {uri: $chip}) WHERE type(r) IN ['DESIGNS', 'MANUFACTURES'] AND r.asserted
  MATCH (x:Entity)-[s:SUPPLIES]->(m) WHERE s.asserted RETURN 'supplier' AS role, x, m.name AS via
  UNION
  MATCH (m:Entity)-[r]->(:Entity {uri: $chip}) WHERE type(r) IN ['DESIGNS', 'MANUFACTURES'] AND r.asserted
  MATCH (m)-[c:CUSTOMER_OF]->(x:Entity) WHERE c.asserted RETURN 'supplier' AS role, x, m.name AS via
  UNION
  MATCH (x:Entity)-[p:RESTRICTS]->(chip:Entity {uri: $chip}) WHERE p.asserted RETURN 'restricted by' AS role, x, chip.name AS via
  UNION
  MATCH (t:Entity)-[r]->(:Entity {uri: $chip}) WHERE type(r) IN ['DESIGNS', 'MANUFACTURES'] AND r.asserted
  MATCH (x:Entity)-[p:RESTRICTS]->(t) WHERE p.asserted RETURN 'restricted by' AS role, x, t.name AS via
}
// Headquarters are often cities: follow PART_OF up to the country (at most two steps).
OPTIONAL MATCH path = (x)-[:LOCATED_IN]->()-[:PART_OF*0..2]->(c:Country)
WHERE all(rel IN relationships(path) WHERE rel.asserted)
RETURN DISTINCT role, x.name AS name, via, coalesce(c.name, '') AS country
ORDER BY role, name, via, country
