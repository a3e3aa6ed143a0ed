// title: What a firm makes
// question:
//   en: What does a firm design, manufacture, develop, offer (process nodes) and operate (fabs)?
//   zh: 某公司设计、制造、研发哪些产品，提供哪些制程节点，运营哪些晶圆厂？
// params:
//   firm: {type: entity, default: NVIDIA, help: "the firm (any alias)"}
// columns:
//   relation: designs, manufactures, develops, offersNode or operates
//   product: the chip, equipment, technology, process node or fab
// example: semikg query run firm-products --param firm=阿斯麦

MATCH (:Entity {uri: $firm})-[r:DESIGNS|MANUFACTURES|DEVELOPS|OFFERS_NODE|OPERATES]->(x:Entity)
WHERE r.asserted
RETURN DISTINCT r.predicate AS relation, x.name AS product
ORDER BY relation, product
