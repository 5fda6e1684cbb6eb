// The results of `search` and `autocomplete`: nodes whose full-text index matches a query.
// In: $keys [{query, kinds, first}]: a Lucene query made by loaders/search.py from the user's
// words (never the raw text), the kinds wanted (RESEARCHER|PAPER|TOPIC|INSTITUTION) and how many.
// Out: key, kind, node (all properties): at most `first` rows per key, best score first, then by
// kind (researcher, paper, topic, institution), then id. Each index hands over its best `first`;
// an exact tie in score at that cut is settled by the index's own order.
UNWIND $keys AS key
CALL (key) {
  WITH key WHERE 'RESEARCHER' IN key.kinds
  CALL db.index.fulltext.queryNodes('researcher_search', key.query, {limit: key.first})
  YIELD node, score
  RETURN node, score, 'RESEARCHER' AS kind, 1 AS rank
  UNION ALL
  WITH key WHERE 'PAPER' IN key.kinds
  CALL db.index.fulltext.queryNodes('paper_search', key.query, {limit: key.first})
  YIELD node, score
  RETURN node, score, 'PAPER' AS kind, 2 AS rank
  UNION ALL
  WITH key WHERE 'TOPIC' IN key.kinds
  CALL db.index.fulltext.queryNodes('topic_search', key.query, {limit: key.first})
  YIELD node, score
  RETURN node, score, 'TOPIC' AS kind, 3 AS rank
  UNION ALL
  WITH key WHERE 'INSTITUTION' IN key.kinds
  CALL db.index.fulltext.queryNodes('institution_search', key.query, {limit: key.first})
  YIELD node, score
  RETURN node, score, 'INSTITUTION' AS kind, 4 AS rank
}
WITH key, node, kind, score, rank ORDER BY score DESC, rank, node.id
WITH key, collect({kind: kind, node: node {.*}})[0..key.first] AS found
UNWIND found AS item
RETURN key, item.kind AS kind, item.node AS node
