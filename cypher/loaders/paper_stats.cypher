// Aggregates of the papers matching a filter, computed here rather than by fetching rows.
// In: $topics (how many topics to return), $keys [{the filter's fields (`fragments/paper_filter`;
// titleContains lower case), anchored and the anchor lists (`fragments/paper_members`)}].
// Out: key, count, byYear [{year, count}] (every year of the window, zero years included: from
// yearFrom, else the first year with a paper, to yearTo, else the last year with a paper),
// byType [{type, count}] (most first; untyped papers are left out), byTopic [{node, count,
// weight}] (most papers first, $topics of them), unknown (the filter fields naming no node:
// `fragments/unknown_filter_ids`); one row a key, none matching included.
// The filter is `fragments/paper_filter` (an institution by the rule of `paper_credits`).
// Researchers, papers, topics or institutions in the filter anchor the match
// (`fragments/paper_members`); without one, every paper is read.
UNWIND $keys AS key
CALL (key) {
  CALL (key) {
    {{ paper_members(true) }}
    UNION ALL
    MATCH (p:Paper)
    WHERE p.id >= CASE WHEN key.anchored IS NULL THEN '' END
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
