// The h-index and i10-index of researchers as the graph counts citations: each of their works
// once, cited by the papers of the graph that cite it (as `Paper.citedByCount`). h: the largest
// h such that h of them are each cited at least h times; i10: works cited 10 times or more.
// In: $keys [researcher id]. Out: key, hIndex, i10Index.
UNWIND $keys AS key
MATCH (r:Researcher {id: key})
CALL (r) {
  OPTIONAL MATCH (r)-[:AUTHORED]->(p:Paper)
  WITH DISTINCT p
  WITH CASE WHEN p IS NULL THEN null ELSE COUNT { (:Paper)-[:CITES]->(p) } END AS cited
  ORDER BY cited DESC
  WITH [c IN collect(cited) WHERE c IS NOT NULL] AS counts
  RETURN size([i IN range(0, size(counts) - 1) WHERE counts[i] >= i + 1]) AS hIndex,
         size([c IN counts WHERE c >= 10]) AS i10Index
}
RETURN key, hIndex, i10Index
