// title: Single points of failure
// question:
//   en: Which inputs (equipment, technologies, process nodes, chips) have only one maker, developer or offerer in the graph?
//   zh: 哪些关键投入（设备、技术、制程节点、芯片）在图谱中只有一家制造商、研发方或提供方？
// params:
//   class: {type: class, default: Equipment, help: "the kind of input: Equipment, Technology, ProcessNode, Chip, ..."}
// columns:
//   input: the input with a single source
//   supplier: its only maker, developer or offerer
//   relation: how the supplier provides it (manufactures, develops or offersNode)
// example: semikg query run single-supplier --param class=Technology

MATCH (s:Entity)-[r:MANUFACTURES|DEVELOPS|OFFERS_NODE]->(i:Entity)
WHERE r.asserted AND $class IN i.classes
WITH i, collect(DISTINCT s) AS suppliers, collect(DISTINCT [s.name, r.predicate]) AS links
WHERE size(suppliers) = 1
UNWIND links AS link
RETURN DISTINCT i.name AS input, link[0] AS supplier, link[1] AS relation
ORDER BY input, supplier, relation
