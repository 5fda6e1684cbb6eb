// Makes WORKS_ON {score} exact again for the given researchers, or (with $researchers null) for
// up to $limit researchers marked :WorksOnStale: each gets one WORKS_ON to every topic of its
// works, `score` being the summed ABOUT scores of its works about the topic (as a neighbourhood
// ranks a researcher's topics), rounded to 9 decimals so that the order the works are summed in
// (which moves as the graph changes) cannot change it; one to a topic none of its works is about
// any more goes. Kept ones are updated in place, and only when their score moved: a reader
// running beside this (read committed) sees the old score or the new one, never a relationship
// deleted under it. Clears their mark.
// In: $researchers [id] or null, $limit. Out: researchers (how many were recounted), ids.
CALL () {
  UNWIND coalesce($researchers, []) AS rid
  MATCH (r:Researcher {id: rid})
  RETURN r
  UNION
  MATCH (r:WorksOnStale) WHERE $researchers IS NULL
  WITH r LIMIT $limit
  RETURN r
}
CALL (r) {
  MATCH (r)-[:AUTHORED]->(:Paper)-[a:ABOUT]->(t:Topic)
  WITH t, round(sum(a.score), 9) AS score
  RETURN collect({topic: t, score: score}) AS wanted
}
CALL (r, wanted) {
  WITH r, [w IN wanted | elementId(w.topic)] AS keep
  MATCH (r)-[old:WORKS_ON]->(t)
  WHERE NOT elementId(t) IN keep
  DELETE old
  {{ unrank(t) }}
}
CALL (r, wanted) {
  UNWIND wanted AS w
  WITH r, w.topic AS t, w.score AS score
  MERGE (r)-[k:WORKS_ON]->(t)
  WITH t, k, score WHERE k.score IS NULL OR k.score <> score
  SET k.score = score
  {{ unrank(t) }}
}
REMOVE r:WorksOnStale
RETURN count(r) AS researchers, collect(r.id) AS ids
