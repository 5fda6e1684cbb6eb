// Counts of the researchers matching a filter, grouped as asked.
// In: $keys [{the filter's fields (`fragments/researcher_filter`; nameContains lower case),
// anchored and the anchor lists (`fragments/researcher_members`), groupBy (null, or one or two
// of INSTITUTION, COUNTRY, TOPIC), groupFirst}].
// Out: key, count, groups [{keys: [{value, name}], count}] (the researchers per value, or pair
// of values, of those facets, most first, groupFirst of them: each institution they were ever
// affiliated with, its country, each topic of their works; a researcher once per group),
// unknown (the filter fields naming no node: `fragments/unknown_filter_ids`).
UNWIND $keys AS key
CALL (key) {
  CALL (key) {
    {{ researcher_members(true) }}
    UNION ALL
    MATCH (r:Researcher)
    WHERE r.id >= CASE WHEN key.anchored IS NULL THEN '' END
    RETURN r
  }
  WITH key, r WHERE {{ researcher_filter(r) }}
  RETURN collect(r) AS researchers
}
CALL (key, researchers) {
  UNWIND CASE WHEN key.groupBy IS NULL THEN [] ELSE researchers END AS r
  CALL (key, r) {
    WITH key, r WHERE 'TOPIC' IN key.groupBy
    MATCH (r)-[:AUTHORED]->(:Paper)-[:ABOUT]->(t:Topic)
    WITH DISTINCT t
    RETURN collect({value: t.id, name: t.name}) AS topics
  }
  CALL (key, r) {
    WITH key, r WHERE 'INSTITUTION' IN key.groupBy OR 'COUNTRY' IN key.groupBy
    MATCH (r)-[:AFFILIATED_WITH]->(i:Institution)
    WITH DISTINCT i
    RETURN collect({value: i.id, name: i.name}) AS institutions,
           [c IN collect(DISTINCT i.country) | {value: c, name: null}] AS countries
  }
  WITH key, r, [facet IN key.groupBy | CASE facet
      WHEN 'TOPIC' THEN topics
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
RETURN key, size(researchers) AS count, groups[0..coalesce(key.groupFirst, 0)] AS groups,
       {{ unknown_filter_ids(key) }} AS unknown
