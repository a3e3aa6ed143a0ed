// title: Reported figures of one kind in one year
// question:
//   en: Which values of a quantity (market share, capacity, revenue, ...) do articles report for a given year?
//   zh: 文章报道了某一年某项指标（市场份额、产能、营收等）的哪些数值？
// params:
//   kind: {type: string, default: MarketShare, help: "the quantity kind: MarketShare, Capacity, Revenue, Investment, MarketSize, Price, Shipments, Power, Performance, ..."}
//   year: {type: year, default: 2024, help: "the year the figures refer to"}
// columns:
//   entity: what was measured
//   value: the value in the base unit
//   unit: its unit
//   raw: the value as written in the article
//   status: stated, planned, expected, reported or rumoured
//   source: the article it comes from
// example: semikg query run measurements --param kind=Capacity --param year=2027

MATCH (m:Measurement)-[:ABOUT]->(e:Entity)
WHERE m.kind = $kind AND m.year = $year
RETURN DISTINCT e.name AS entity, m.value AS value, m.unit AS unit, m.raw AS raw, m.status AS status, m.source AS source
ORDER BY entity, value, unit, raw, status, source
