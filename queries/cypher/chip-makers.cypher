// title: Who makes a chip
// question:
//   en: Which firms design, manufacture, develop and fabricate a chip, and which process node and technologies does it use?
//   zh: 哪些公司设计、制造、研发、代工某款芯片？它采用什么制程节点和技术（含封装）？
// params:
//   chip: {type: entity, default: NVIDIA H100, help: "the chip (any alias)"}
// columns:
//   role: designer, manufacturer, developer, fabricator (foundry of a designer), node or technology
//   name: the firm, process node or technology
// example: semikg query run chip-makers --param chip=H200

CALL {
  MATCH (x:Entity)-[r:DESIGNS]->(:Entity {uri: $chip}) WHERE r.asserted RETURN 'designer' AS role, x.name AS name
  UNION
  MATCH (x:Entity)-[r:MANUFACTURES]->(:Entity {uri: $chip}) WHERE r.asserted RETURN 'manufacturer' AS role, x.name AS name
  UNION
  MATCH (x:Entity)-[r:DEVELOPS]->(:Entity {uri: $chip}) WHERE r.asserted RETURN 'developer' AS role, x.name AS name
  UNION
  // The foundry of a designer fabricates the designer's chips.
  MATCH (x:Entity)-[f:FABRICATES_FOR]->(d:Entity)-[r:DESIGNS]->(:Entity {uri: $chip})
  WHERE r.asserted AND f.asserted RETURN 'fabricator' AS role, x.name AS name
  UNION
  MATCH (x:Foundry)<-[c:CUSTOMER_OF]-(d:Entity)-[r:DESIGNS]->(:Entity {uri: $chip})
  WHERE r.asserted AND c.asserted RETURN 'fabricator' AS role, x.name AS name
  UNION
  MATCH (:Entity {uri: $chip})-[r:USES_NODE]->(x:Entity) WHERE r.asserted RETURN 'node' AS role, x.name AS name
  UNION
  MATCH (:Entity {uri: $chip})-[r:USES_TECHNOLOGY]->(x:Entity) WHERE r.asserted RETURN 'technology' AS role, x.name AS name
}
RETURN DISTINCT role, name
ORDER BY role, name
