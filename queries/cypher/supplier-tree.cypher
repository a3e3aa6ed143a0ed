// title: Supplier tree
// question:
//   en: Who supplies the firm, directly and through its suppliers' suppliers, up to a depth?
//   zh: 谁直接或间接（经由供应商的供应商，最多若干层）向该公司供货？
// params:
//   firm: {type: entity, default: NVIDIA, help: "the customer at the root of the tree (any alias, e.g. 台积电)"}
//   depth: {type: int, default: 3, min: 1, max: 4, help: "how many supply steps to follow"}
// columns:
//   level: supply steps between the supplier and the firm (1 = direct supplier)
//   supplier: the supplying firm
//   customer: the firm it supplies on the way to the root
// example: semikg query run supplier-tree --param firm=英伟达 --param depth=2

// A supply link is stated either way round: (s)-[:SUPPLIES]->(c) or (c)-[:CUSTOMER_OF]->(s); each step's
// direction is checked on the path. Variable-length bounds cannot be parameters, so $depth filters.
MATCH p = (s:Entity)-[:SUPPLIES|CUSTOMER_OF*1..4]-(firm:Entity {uri: $firm})
WHERE length(p) <= $depth
  AND all(i IN range(0, length(p) - 1) WHERE relationships(p)[i].asserted
      AND ((type(relationships(p)[i]) = 'SUPPLIES' AND startNode(relationships(p)[i]) = nodes(p)[i])
        OR (type(relationships(p)[i]) = 'CUSTOMER_OF' AND endNode(relationships(p)[i]) = nodes(p)[i])))
RETURN DISTINCT length(p) AS level, s.name AS supplier, nodes(p)[1].name AS customer
ORDER BY level, supplier, customer
