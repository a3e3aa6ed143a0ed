// title: Firms and chips on a process node
// question:
//   en: Which firms and fabs offer a process node, and which chips use it?
//   zh: 哪些公司或晶圆厂提供某个制程节点？哪些芯片采用该节点？
// params:
//   node: {type: entity, default: 7nm, help: "the process node (e.g. 3nm, 2nm, Intel 18A)"}
// columns:
//   role: offers (a firm or fab offers the node) or uses (a chip or product uses it)
//   name: the firm, fab or chip
// example: semikg query run firms-on-node --param node=2nm --format csv

CALL {
  MATCH (x:Entity)-[r:OFFERS_NODE]->(:Entity {uri: $node}) WHERE r.asserted RETURN 'offers' AS role, x.name AS name
  UNION
  MATCH (x:Entity)-[r:USES_NODE]->(:Entity {uri: $node}) WHERE r.asserted RETURN 'uses' AS role, x.name AS name
}
RETURN DISTINCT role, name
ORDER BY role, name
