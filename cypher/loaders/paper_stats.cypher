// Aggregates of the papers matching a filter, computed here rather than by fetching rows.
// In: $topics (how many topics to return), $keys [{yearFrom, yearTo, type, venue, titleContains
// (lower case), topic, institution, authorEverAffiliatedWith, author, isRetracted,
// openAccessStatus, language}].
// Out: key, count, byYear [{year, count}] (every year of the window, zero years included: from
// yearFrom, else the first year with a paper, to yearTo, else the last year with a paper),
// byType [{type, count}] (most first; untyped papers are left out), byTopic [{node, count,
// weight}] (most papers first, $topics of them), unknown (the filter fields naming no node:
// `fragments/unknown_filter_ids`); one row a key, none matching included.
// The filter is `fragments/paper_filter` (an institution by the rule of `paper_credits`).
// A researcher, topic or institution in the filter anchors the match (a null id matches nothing
// and reads nothing); without one, every paper is read.
UNWIND $keys AS key
CALL (key) {
  CALL (key) {
    MATCH (:Researcher {id: key.author})-[:AUTHORED]->(p:Paper)
    RETURN p
    UNION ALL
    MATCH (:Topic {id: CASE WHEN key.author IS NULL THEN key.topic END})<-[:ABOUT]-(p:Paper)
    RETURN p
    UNION ALL
    MATCH (i:Institution {id: CASE WHEN key.author IS NULL AND key.topic IS NULL
        THEN coalesce(key.institution, key.authorEverAffiliatedWith) END})
    MATCH (i)<-[:AFFILIATED_WITH]-(:Researcher)-[:AUTHORED]->(p:Paper)
    RETURN DISTINCT p
    UNION ALL
    MATCH (p:Paper)
    WHERE p.id >= CASE WHEN key.author IS NULL AND key.topic IS NULL
        AND coalesce(key.institution, key.authorEverAffiliatedWith) IS NULL THEN '' END
    RETURN p
  }
  WITH DISTINCT key, p
  WHERE {{ paper_filter(p) }}
  RETURN collect(p) AS papers
}
CALL (papers) {
  UNWIND papers AS p
  WITH p.year AS year, count(*) AS n
  WHERE year IS NOT NULL
  RETURN collect({year: year, n: n}) AS years, min(year) AS first, max(year) AS last
}
WITH key, papers, years, coalesce(key.yearFrom, first, key.yearTo) AS start,
     coalesce(key.yearTo, last, key.yearFrom) AS end
CALL (papers) {
  UNWIND papers AS p
  WITH p.type AS type, count(*) AS n
  WHERE type IS NOT NULL
  ORDER BY n DESC, type
  RETURN collect({type: type, count: n}) AS byType
}
CALL (papers) {
  UNWIND papers AS p
  MATCH (p)-[a:ABOUT]->(t:Topic)
  WITH t, count(p) AS n, sum(a.score) AS weight
  ORDER BY n DESC, weight DESC, t.name, t.id
  LIMIT $topics
  RETURN collect({node: properties(t), count: n, weight: weight}) AS byTopic
}
RETURN key, size(papers) AS count,
       [y IN CASE WHEN start IS NULL THEN [] ELSE range(start, end) END
         | {year: y, count: coalesce([g IN years WHERE g.year = y | g.n][0], 0)}] AS byYear,
       byType, byTopic, {{ unknown_filter_ids(key) }} AS unknown
