// A page of a researcher's coauthors, most shared works first. In: $limit (largest first + 1),
// $keys [{id, first, after: [n1, n2, s, id] | null, minShared}].
// Out: key, total, items [{node, sharedWorks, sort}].
UNWIND $keys AS key
MATCH (r:Researcher {id: key.id})
CALL (r, key) {
  MATCH (r)-[k:COAUTHOR]->(c:Researcher)
  WHERE k.shared >= key.minShared
  WITH c, k.shared AS shared
  WITH c, shared, [-shared, 0, coalesce(c.name, ''), c.id] AS sort
  ORDER BY sort[0], sort[1], sort[2], sort[3]
  WITH collect({c: c, shared: shared, sort: sort}) AS ranked
  WITH size(ranked) AS total, [i IN ranked WHERE key.after IS NULL
      OR i.sort[0] > key.after[0] OR (i.sort[0] = key.after[0] AND (i.sort[1] > key.after[1]
      OR (i.sort[1] = key.after[1] AND (i.sort[2] > key.after[2]
      OR (i.sort[2] = key.after[2] AND i.sort[3] > key.after[3])))))][0..$limit] AS page
  RETURN total, [i IN page | {node: properties(i.c), sharedWorks: i.shared, sort: i.sort}] AS items
}
RETURN key, total, items
