// title: Shortest connection between two entities
// question:
//   en: How are two entities connected by the fewest relations (up to 3), and what evidence supports every edge on the way?
//   zh: 两个实体之间最短（最多 3 步）的关系链是什么？每一条边有哪些证据（原文句子与来源）？
// params:
//   from: {type: entity, default: SK hynix, help: "where the connection starts"}
//   to: {type: entity, default: TSMC, help: "where it ends"}
// columns:
//   step: position of the edge on the path, counted from the start entity
//   subject: subject of the edge as stated
//   predicate: the relation
//   object: object of the edge as stated
//   status: status of this evidence record (stated, planned, expected, reported, rumoured)
//   source: the article (or catalog) the evidence comes from
//   quote: the verbatim sentence ("" for catalog facts)
// example: semikg query run shortest-connection --param from=卡尔蔡司 --param to=英伟达

// Relations only (not MENTIONS/ABOUT), asserted only; every evidence record of every edge on every
// shortest path becomes a row.
MATCH (a:Entity {uri: $from}), (b:Entity {uri: $to})
MATCH p = allShortestPaths((a)-[:DESIGNS|MANUFACTURES|FABRICATES_FOR|SUPPLIES|CUSTOMER_OF|USES_NODE|OFFERS_NODE|USES_TECHNOLOGY|DEVELOPS|OPERATES|LOCATED_IN|INVESTS_IN|PARTNERS_WITH|COMPETES_WITH|ACQUIRES|RESTRICTS|ISSUED_BY|FUNDS|LEADS|SUCCESSOR_OF|PART_OF*..3]-(b))
WHERE all(r IN relationships(p) WHERE r.asserted)
UNWIND range(0, length(p) - 1) AS i
WITH i + 1 AS step, relationships(p)[i] AS r
UNWIND range(0, size(r.sources) - 1) AS k
RETURN DISTINCT step, startNode(r).name AS subject, r.predicate AS predicate, endNode(r).name AS object,
       r.statuses[k] AS status, r.sources[k] AS source, r.quotes[k] AS quote
ORDER BY step, subject, predicate, object, status, source, quote
