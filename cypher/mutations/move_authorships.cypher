// Moves authorships from one researcher record to another, author positions kept.
// $undo false: the works named in $works (all when null) move, each remembering its origin
// (`from` = the source id, pushed on the stack `origins`); a work the target already authored
// stays as it is and notes the source in `alsoBy` / `alsoPositions`.
// $undo true: what came from the target goes back to it: the authorships whose `from` is the
// target (their stack popped) and those that name it in `alsoBy`.
// In: $source, $target (ids of live or absorbed records), $works [paper id] | null, $undo.
// Out: works [paper id moved], restored [paper id given back from `alsoBy`].
OPTIONAL MATCH (s1:Researcher {id: $source})
OPTIONAL MATCH (s2:Merged {id: $source})
OPTIONAL MATCH (t1:Researcher {id: $target})
OPTIONAL MATCH (t2:Merged {id: $target})
WITH coalesce(s1, s2) AS s, coalesce(t1, t2) AS t
CALL (s, t) {
  OPTIONAL MATCH (s)-[x:AUTHORED]->(p:Paper)
  WHERE CASE WHEN $undo THEN x.from = t.id ELSE $works IS NULL OR p.id IN $works END
  OPTIONAL MATCH (t)-[y:AUTHORED]->(p)
  WITH x, p, y,
       CASE WHEN $undo THEN coalesce(x.origins, [])[..-1]
            ELSE coalesce(x.origins, []) + [s.id] END AS origins
  FOREACH (_ IN CASE WHEN x IS NOT NULL AND y IS NULL THEN [1] ELSE [] END |
    CREATE (t)-[n:AUTHORED]->(p)
    SET n = properties(x),
        n.origins = CASE WHEN size(origins) = 0 THEN null ELSE origins END,
        n.from = origins[-1])
  FOREACH (_ IN CASE WHEN x IS NOT NULL AND y IS NOT NULL THEN [1] ELSE [] END |
    SET y.alsoBy = coalesce(y.alsoBy, []) + [s.id],
        y.alsoPositions = coalesce(y.alsoPositions, []) + [x.position])
  DELETE x
  RETURN [id IN collect(p.id) WHERE id IS NOT NULL] AS works
}
CALL (s, t) {
  OPTIONAL MATCH (s)-[y:AUTHORED]->(p:Paper)
  WHERE $undo AND t.id IN coalesce(y.alsoBy, [])
  WITH y, p, [i IN range(0, size(coalesce(y.alsoBy, [])) - 1) WHERE y.alsoBy[i] = t.id][0] AS i
  FOREACH (_ IN CASE WHEN y IS NULL THEN [] ELSE [1] END |
    CREATE (t)-[:AUTHORED {position: y.alsoPositions[i]}]->(p)
    SET y.alsoPositions = [j IN range(0, size(y.alsoBy) - 1) WHERE j <> i | y.alsoPositions[j]],
        y.alsoBy = [j IN range(0, size(y.alsoBy) - 1) WHERE j <> i | y.alsoBy[j]])
  RETURN [id IN collect(p.id) WHERE id IS NOT NULL] AS restored
}
RETURN works, restored
