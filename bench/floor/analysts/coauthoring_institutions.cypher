// Floor: the ten institutions the works of a researcher count for most (each work once per
// institution: its authorships' institutions, else its authors' stints covering its year).
// In: $researcher. Out: value, count (most first, then by id).
MATCH (:Researcher {id: $researcher})-[:AUTHORED]->(p:Paper)
WITH DISTINCT p
MATCH (p)<-[a:AUTHORED]-(r:Researcher)
OPTIONAL MATCH (r)-[s:AFFILIATED_WITH]->(i:Institution)
WITH p, a, collect({i: i, s: s}) AS stints
WITH p, CASE WHEN size(coalesce(a.institutions, [])) > 0 THEN a.institutions
  ELSE [x IN stints WHERE x.i IS NOT NULL
    AND (x.s.since IS NULL OR x.s.since <= p.year) AND (x.s.until IS NULL OR p.year <= x.s.until)
    | x.i.id] END AS ids
UNWIND ids AS value
WITH DISTINCT p, value
MATCH (:Institution {id: value})
RETURN value, count(p) AS count ORDER BY count DESC, value LIMIT 10
