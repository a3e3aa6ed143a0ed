// title: What each article contributed
// question:
//   en: For each article, how many relation evidence records, measurements and entity mentions did it add to the graph?
//   zh: 每篇文章为图谱贡献了多少条关系证据、多少个数值、提及了多少个实体？
// params:
//   min_facts: {type: int, default: 1, min: 0, help: "only articles with at least this many relation records plus measurements"}
// columns:
//   article: the article id (source file stem and index)
//   title: the article's title
//   relations: evidence records for relations derived from it
//   measurements: measurements derived from it
//   mentions: distinct entities it mentions
// example: semikg query run article-contributions --param min_facts=5 --format csv

MATCH (a:Article)
WHERE a.title IS NOT NULL
OPTIONAL MATCH (:Entity)-[r]->(:Entity) WHERE a.uri IN r.sources
WITH a, sum(size([s IN r.sources WHERE s = a.uri])) AS relations
OPTIONAL MATCH (m:Measurement)-[:DERIVED_FROM]->(a)
WITH a, relations, count(DISTINCT m) AS measurements
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
WITH a, relations, measurements, count(DISTINCT e) AS mentions
WHERE relations + measurements >= $min_facts
RETURN a.id AS article, a.title AS title, relations, measurements, mentions
ORDER BY article
