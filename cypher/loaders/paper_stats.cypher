// Aggregates of the papers matching a filter, computed here rather than by fetching rows.
// In: $topics (how many topics to return), $keys [{the filter's fields (`fragments/paper_filter`;
// titleContains lower case), anchored and the anchor lists (`fragments/paper_members`),
// anchorHolds, untested and linked (`loaders/filters.anchored`), groupBy, groupFirst}].
// Out: key, count, byYear [{year, count}] (every year of the window, zero years included: from
// yearFrom, else the first year with a paper, to yearTo, else the last year with a paper),
// byType [{type, count}] (most first; untyped papers are left out), byTopic [{node, count,
// weight}] (most papers first, $topics of them), unknown (the filter fields naming no node:
// `fragments/unknown_filter_ids`), groups [{keys: [{value, name}], count}] (with `groupBy`, a
// list of one or two of YEAR, TYPE, VENUE, TOPIC, AUTHOR, INSTITUTION, COUNTRY: the papers per
// value (per pair of values) of those facets, most first, `groupFirst` of them; a paper without
// a value of a facet is in no group of it); one row a key, none matching included.
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
  WHERE key.untested OR {{ paper_filter(p, key.anchorHolds) }}
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
CALL (key, papers) {
  // groups: each paper's values of each facet asked (`groupBy`, one or two), counted per value
  // (per pair of values), a paper once in each group it falls in
  UNWIND CASE WHEN key.groupBy IS NULL THEN [] ELSE papers END AS p
  CALL (key, p) {
    WITH key, p WHERE 'TOPIC' IN key.groupBy
    MATCH (p)-[:ABOUT]->(t:Topic)
    RETURN collect({value: t.id, name: t.name}) AS topics
  }
  CALL (key, p) {
    WITH key, p WHERE 'AUTHOR' IN key.groupBy
    MATCH (p)<-[:AUTHORED]-(r:Researcher)
    WITH DISTINCT r
    RETURN collect({value: r.id, name: r.name}) AS authors
  }
  CALL (key, p) {
    // the institutions the paper counts for (`fragments/paper_credits`): those its authorships
    // name, else those of its authors' stints covering its year
    WITH key, p WHERE 'INSTITUTION' IN key.groupBy OR 'COUNTRY' IN key.groupBy
    MATCH (p)<-[a:AUTHORED]-(r:Researcher)
    CALL (a, r, p) {
      UNWIND coalesce(a.institutions, []) AS named
      MATCH (i:Institution {id: named})
      RETURN i
      UNION
      WITH a, r, p WHERE size(coalesce(a.institutions, [])) = 0
      MATCH (r)-[s:AFFILIATED_WITH]->(i:Institution)
      WHERE (s.since IS NULL OR s.since <= p.year) AND (s.until IS NULL OR p.year <= s.until)
      RETURN i
    }
    WITH DISTINCT i
    RETURN collect({value: i.id, name: i.name}) AS institutions,
           [c IN collect(DISTINCT i.country) | {value: c, name: null}] AS countries
  }
  WITH key, p, [facet IN key.groupBy | CASE facet
      WHEN 'YEAR' THEN [y IN [p.year] WHERE y IS NOT NULL | {value: toString(y), name: null}]
      WHEN 'TYPE' THEN [t IN [p.type] WHERE t IS NOT NULL | {value: t, name: null}]
      WHEN 'VENUE' THEN [v IN [p.venue] WHERE v IS NOT NULL | {value: v, name: null}]
      WHEN 'TOPIC' THEN topics
      WHEN 'AUTHOR' THEN authors
      WHEN 'INSTITUTION' THEN institutions
      WHEN 'COUNTRY' THEN countries
    END] AS values
  UNWIND values[0] AS first
  UNWIND CASE WHEN size(values) > 1 THEN values[1] ELSE [null] END AS second
  WITH key, first, second, count(*) AS n
  ORDER BY n DESC, first.value, second.value
  // no grouping key: one row even when nothing is grouped
  RETURN collect({keys: CASE WHEN second IS NULL THEN [first] ELSE [first, second] END,
      count: n}) AS groups
}
RETURN key, size(papers) AS count, groups[0..coalesce(key.groupFirst, 0)] AS groups,
       [y IN CASE WHEN start IS NULL THEN [] ELSE range(start, end) END
         | {year: y, count: coalesce([g IN years WHERE g.year = y | g.n][0], 0)}] AS byYear,
       byType, byTopic, {{ unknown_filter_ids(key) }} AS unknown
