// Floor: the countries of the institutions that the works counting for an institution count
// for (its collaborators' countries, its own included), each work once per country.
// In: $institution. Out: value, count (most first, then by code).
// (candidates through stints: every author has one at each institution its authorships name)
MATCH (p:Paper)<-[:AUTHORED]-(:Researcher)-[:AFFILIATED_WITH]->(:Institution {id: $institution})
WITH DISTINCT p
MATCH (p)<-[a:AUTHORED]-(r:Researcher)
OPTIONAL MATCH (r)-[s:AFFILIATED_WITH]->(i:Institution)
WITH p, a, collect({i: i, s: s}) AS stints
WITH p, CASE WHEN size(coalesce(a.institutions, [])) > 0 THEN a.institutions
  ELSE [x IN stints WHERE x.i IS NOT NULL
    AND (x.s.since IS NULL OR x.s.since <= p.year) AND (x.s.until IS NULL OR p.year <= x.s.until)
    | x.i.id] END AS ids
WITH p, collect(ids) AS lists
WITH p, reduce(all = [], l IN lists | all + l) AS credited
WHERE $institution IN credited
UNWIND credited AS id
MATCH (i:Institution {id: id})
WITH DISTINCT p, i.country AS value
WHERE value IS NOT NULL
RETURN value, count(p) AS count ORDER BY count DESC, value
