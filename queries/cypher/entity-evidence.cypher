// title: Everything the graph says about an entity
// question:
//   en: Which relations and measurements does the graph hold about an entity, each with its status, source and verbatim quote?
//   zh: 图谱中关于某实体的所有关系和数值，各自的状态、来源和原文引句是什么？
// params:
//   entity: {type: entity, default: Rapidus, help: "the entity (any alias)"}
// columns:
//   subject: subject of the fact
//   predicate: the relation, or the measured quantity kind
//   object: object of the relation, or the value as written in the article
//   year: year of a measurement, when stated
//   status: stated, planned, expected, reported or rumoured
//   source: the article (or catalog) the fact comes from
//   quote: the verbatim sentence ("" for catalog facts)
// example: semikg query run entity-evidence --param entity=台积电 --format json

// Hedged facts are included: they are exported as edges with asserted = false.
CALL {
  MATCH (s:Entity)-[r]->(o:Entity)
  WHERE (s.uri = $entity OR o.uri = $entity) AND r.predicate IS NOT NULL
  UNWIND range(0, size(r.sources) - 1) AS k
  RETURN s.name AS subject, r.predicate AS predicate, o.name AS object, null AS year,
         r.statuses[k] AS status, r.sources[k] AS source, r.quotes[k] AS quote
  UNION
  MATCH (m:Measurement)-[:ABOUT]->(e:Entity {uri: $entity})
  RETURN e.name AS subject, m.kind AS predicate, m.raw AS object, m.year AS year,
         m.status AS status, m.source AS source, coalesce(m.quote, '') AS quote
}
RETURN DISTINCT subject, predicate, object, year, status, source, quote
ORDER BY subject, predicate, object, year, status, source, quote
