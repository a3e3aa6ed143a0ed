// title: Competitors and partners
// question:
//   en: Which firms does a firm compete or partner with (either direction of the statement)?
//   zh: 某公司与哪些公司存在竞争或合作关系（不论陈述方向）？
// params:
//   firm: {type: entity, default: ASML, help: "the firm (any alias)"}
// columns:
//   relation: competesWith or partnersWith
//   other: the competitor or partner
// example: semikg query run partners-competitors --param firm=联发科

MATCH (:Entity {uri: $firm})-[r:COMPETES_WITH|PARTNERS_WITH]-(x:Entity)
WHERE r.asserted AND x.uri <> $firm
RETURN DISTINCT r.predicate AS relation, x.name AS other
ORDER BY relation, other
