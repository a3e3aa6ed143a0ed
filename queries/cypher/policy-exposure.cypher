// title: Policy exposure
// question:
//   en: What does a policy (or a restricting state or agency) restrict, and which firms, chips and technologies depend on the restricted parties within N hops?
//   zh: 某项政策（或实施限制的国家、机构）限制了谁？在 N 跳之内，哪些公司、芯片和技术依赖于受限对象？
// params:
//   policy: {type: entity, default: "US EDA export restrictions on China (2025)", help: "the policy, or a place or organisation that restricts"}
//   max_hops: {type: int, default: 2, min: 1, max: 3, help: "how many dependency steps to follow from a restricted party"}
// columns:
//   restricted: what the policy restricts
//   exposed: an entity that depends on it (located in it, part of it, its customer, uses it, designed or made by it)
//   hops: dependency steps between the two (the fewest)
// example: semikg query run policy-exposure --param policy="United States" --param max_hops=2

// X depends on Y: X is located in / part of / a customer of / a user of Y, or Y supplies, fabricates for,
// designs or makes X. Each step's direction is checked on the path; $max_hops filters (bounds cannot be parameters).
MATCH (:Entity {uri: $policy})-[rr:RESTRICTS]->(t:Entity)
WHERE rr.asserted
MATCH p = (x:Entity)-[:LOCATED_IN|PART_OF|CUSTOMER_OF|USES_TECHNOLOGY|USES_NODE|SUPPLIES|FABRICATES_FOR|DESIGNS|MANUFACTURES*1..3]-(t)
WHERE length(p) <= $max_hops AND x <> t AND NOT x:Place
  AND all(i IN range(0, length(p) - 1) WHERE relationships(p)[i].asserted
      AND CASE WHEN type(relationships(p)[i]) IN ['SUPPLIES', 'FABRICATES_FOR', 'DESIGNS', 'MANUFACTURES']
               THEN endNode(relationships(p)[i]) = nodes(p)[i]
               ELSE startNode(relationships(p)[i]) = nodes(p)[i] END)
RETURN t.name AS restricted, x.name AS exposed, min(length(p)) AS hops
ORDER BY restricted, hops, exposed
