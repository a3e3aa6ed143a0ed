// title: Product lineage
// question:
//   en: Which generations precede and follow a chip, memory standard or process node (successor links, transitively)?
//   zh: 某芯片、存储标准或制程节点的前代和后代产品有哪些（按“继任”关系逐级追溯）？
// params:
//   item: {type: entity, default: HBM3E, help: "the chip, technology or process node (any alias)"}
// columns:
//   newer: the successor in one link of the lineage
//   older: the predecessor it succeeds
// example: semikg query run lineage --param item=H100

CALL {
  MATCH (:Entity {uri: $item})-[up:SUCCESSOR_OF*0..10]->(n:Entity)-[r:SUCCESSOR_OF]->(o:Entity)
  WHERE r.asserted AND all(x IN up WHERE x.asserted)
  RETURN n.name AS newer, o.name AS older
  UNION
  MATCH (n:Entity)-[r:SUCCESSOR_OF]->(o:Entity)-[down:SUCCESSOR_OF*0..10]->(:Entity {uri: $item})
  WHERE r.asserted AND all(x IN down WHERE x.asserted)
  RETURN n.name AS newer, o.name AS older
}
RETURN DISTINCT newer, older
ORDER BY newer, older
