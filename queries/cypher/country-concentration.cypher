// title: Country concentration of a supply step
// question:
//   en: In which countries are the firms of one supply step (e.g. equipment makers) headquartered, with counts and shares?
//   zh: 某一供应环节（如设备商）的企业总部分布在哪些国家？各有多少家、占比多少？
// params:
//   step: {type: class, default: EquipmentMaker, help: "the role class of the step: EquipmentMaker, Foundry, MaterialsSupplier, OSAT, EDAProvider, MemoryMaker, ..."}
// columns:
//   country: headquarters country (from the catalog's headquarters facts)
//   firms: how many firms of that step are headquartered there
//   share_pct: their share of all firms of the step with a known headquarters, in percent (one decimal)
// example: semikg query run country-concentration --param step=Foundry

// Headquarters are catalog facts: LOCATED_IN edges whose evidence includes the catalog.
MATCH (f:Entity)-[h:LOCATED_IN]->(hq:Entity)
WHERE $step IN f.classes AND h.asserted AND 'catalog' IN h.source_kinds
MATCH (hq)-[up:PART_OF*0..6]->(c:Country)
WHERE all(r IN up WHERE r.asserted)
WITH DISTINCT f, c
WITH collect(f) AS firms, collect([f, c]) AS pairs
WITH pairs, size(reduce(seen = [], x IN firms | CASE WHEN x IN seen THEN seen ELSE seen + [x] END)) AS total
UNWIND pairs AS pair
WITH pair[1].name AS country, count(DISTINCT pair[0]) AS firms, total
RETURN country, firms, round(1000.0 * firms / total) / 10.0 AS share_pct
ORDER BY firms DESC, country
