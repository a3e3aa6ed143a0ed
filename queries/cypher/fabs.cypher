// title: Fabs, their operators, places and capacity
// question:
//   en: Which fabs are in the graph, who operates them, where are they, and what capacity do articles report, in which year?
//   zh: 图谱中有哪些晶圆厂？由谁运营、位于何处？报道的产能是多少、是哪一年？
// params:
//   min_capacity: {type: float, default: 0, min: 0, help: "only capacity figures at least this large (fabs without a figure are listed when 0)"}
// columns:
//   fab: the fab
//   operator: the company operating it (or the group it is part of)
//   place: where it is located
//   country: the country that place is in
//   capacity: reported capacity in the base unit
//   unit: unit of the capacity (wafers per month as written)
//   year: year the figure refers to, when stated
// example: semikg query run fabs --param min_capacity=10000 --format markdown

MATCH (f:Fab)
OPTIONAL MATCH (f)<-[o:OPERATES]-(op1:Entity) WHERE o.asserted
OPTIONAL MATCH (f)-[po:PART_OF]->(op2:Company) WHERE po.asserted
WITH f, [x IN collect(DISTINCT op1.name) + collect(DISTINCT op2.name) WHERE x IS NOT NULL] AS ops
UNWIND (CASE WHEN size(ops) = 0 THEN [null] ELSE ops END) AS operator
OPTIONAL MATCH (f)-[l:LOCATED_IN]->(pl:Entity) WHERE l.asserted
OPTIONAL MATCH (pl)-[up:PART_OF*0..2]->(c:Country) WHERE all(r IN up WHERE r.asserted)
OPTIONAL MATCH (m:Measurement {kind: 'Capacity'})-[:ABOUT]->(f)
WITH DISTINCT f.name AS fab, operator, pl.name AS place, c.name AS country, m.value AS capacity, m.unit AS unit, m.year AS year
WHERE $min_capacity <= 0 OR (capacity IS NOT NULL AND capacity >= $min_capacity)
RETURN fab, operator, place, country, capacity, unit, year
ORDER BY fab, operator, place, country, capacity, unit, year
