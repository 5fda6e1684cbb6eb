// Floor: the works counting for an institution per stored type, most first.
// In: $institution. Out: type, count.
MATCH (p:Paper)<-[:AUTHORED]-(:Researcher)-[:AFFILIATED_WITH]->(:Institution {id: $institution})
WITH DISTINCT p
MATCH (p)<-[a:AUTHORED]-(r:Researcher)
OPTIONAL MATCH (r)-[s:AFFILIATED_WITH]->(i:Institution)
WITH p, a, collect({i: i, s: s}) AS stints
WITH p, CASE WHEN size(coalesce(a.institutions, [])) > 0 THEN a.institutions
  ELSE [x IN stints WHERE x.i IS NOT NULL
    AND (x.s.since IS NULL OR x.s.since <= p.year) AND (x.s.until IS NULL OR p.year <= x.s.until)
    | x.i.id] END AS ids
WITH p, reduce(all = [], l IN collect(ids) | all + l) AS credited
WHERE $institution IN credited AND p.type IS NOT NULL
RETURN p.type AS type, count(p) AS count ORDER BY count DESC, type
