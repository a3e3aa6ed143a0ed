// title: Numbers two articles disagree on
// question:
//   en: Which measurements of the same quantity, for the same entity, year and unit, have different values in two articles?
//   zh: 哪些数值（同一实体、同一指标、同一年份和单位）在两篇文章中不一致？
// params:
//   min_gap_pct: {type: float, default: 0, min: 0, help: "only disagreements where the larger value exceeds the smaller by more than this percentage"}
// columns:
//   entity: what was measured
//   kind: the quantity kind (MarketShare, Capacity, Revenue, ...)
//   year: the year both figures refer to (empty when neither states one)
//   unit: the unit of both values
//   value_a: the value in the first article
//   article_a: the first article (in id order)
//   value_b: the value in the second article
//   article_b: the second article
// example: semikg query run measurement-conflicts --param min_gap_pct=10

MATCH (m1:Measurement)-[:ABOUT]->(e:Entity)<-[:ABOUT]-(m2:Measurement)
WHERE m1.kind = m2.kind AND m1.unit = m2.unit AND m1.value <> m2.value
  AND m1.article_id IS NOT NULL AND m2.article_id IS NOT NULL AND m1.article_id < m2.article_id
  AND coalesce(m1.year, -1) = coalesce(m2.year, -1)
WITH e, m1, m2,
     CASE WHEN m1.value > m2.value THEN m1.value ELSE m2.value END AS hi,
     CASE WHEN m1.value > m2.value THEN m2.value ELSE m1.value END AS lo
WHERE 100 * (hi - lo) > $min_gap_pct * lo
RETURN DISTINCT e.name AS entity, m1.kind AS kind, m1.year AS year, m1.unit AS unit,
       m1.value AS value_a, m1.article_id AS article_a, m2.value AS value_b, m2.article_id AS article_b
ORDER BY entity, kind, year, unit, value_a, article_a, value_b, article_b
