// title: Investments with amounts and years
// question:
//   en: Who invests in, funds or acquires whom, and which investment amounts (with years) do articles report?
//   zh: 谁投资、资助或收购了谁？文章报道了哪些投资金额及年份？
// params:
//   since: {type: year, default: 2000, help: "leave out amounts that refer to a year before this one (amounts without a year are kept)"}
// columns:
//   investor: the investing, funding or acquiring party (or the party an investment amount is about)
//   relation: investsIn, funds, acquires, or amount for a reported investment figure
//   target: what is invested in, funded or acquired (empty for an amount)
//   amount: the amount in the base unit (empty for a relation)
//   unit: the currency of the amount
//   year: the year the amount refers to, when stated
// example: semikg query run investments --param since=2025 --format markdown

CALL {
  MATCH (i:Entity)-[r:INVESTS_IN|FUNDS|ACQUIRES]->(t:Entity)
  WHERE r.asserted
  RETURN i.name AS investor, r.predicate AS relation, t.name AS target, null AS amount, null AS unit, null AS year
  UNION
  MATCH (m:Measurement {kind: 'Investment'})-[:ABOUT]->(i:Entity)
  RETURN i.name AS investor, 'amount' AS relation, null AS target, m.value AS amount, m.unit AS unit, m.year AS year
}
WITH investor, relation, target, amount, unit, year
WHERE year IS NULL OR year >= $since
RETURN DISTINCT investor, relation, target, amount, unit, year
ORDER BY investor, relation, target, amount, unit, year
