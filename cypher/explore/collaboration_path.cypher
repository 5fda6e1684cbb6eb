// The shortest chain of coauthorship between two researchers: researchers alternating with the
// papers that link each step, searched up to 8 hops (16 AUTHORED relationships; the resolver
// drops chains longer than asked for). In: $keys [{from, to}]. Out: key, researchers [node],
// papers [node] (papers[i] links researchers[i] and researchers[i + 1]); no row when either id
// is unknown or no chain of at most 8 hops exists.
UNWIND $keys AS key
MATCH (a:Researcher {id: key.from}), (b:Researcher {id: key.to})
CALL (a, b) {
  WITH a, b WHERE a = b
  RETURN [properties(a)] AS researchers, [] AS papers
  UNION
  WITH a, b WHERE a <> b
  MATCH chain = shortestPath((a)-[:AUTHORED*..16]-(b))
  WITH nodes(chain) AS steps
  RETURN [i IN range(0, size(steps) - 1, 2) | properties(steps[i])] AS researchers,
         [i IN range(1, size(steps) - 2, 2) | properties(steps[i])] AS papers
}
RETURN key, researchers, papers
