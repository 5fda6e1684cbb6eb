// What duplicate scoring compares between two records. In: $keys [researcher id].
// Out: key, name, nameVariants, orcid, coauthors [id], network [id: coauthors of coauthors],
// institutions [id], topics [id], fields [the names of the source's broad fields of the
// topics, lower case: a topic's subfield and field, an older concept's own name at levels 0-1,
// where old concepts and new topics meet], firstYear, lastYear.
UNWIND $keys AS key
MATCH (r:Researcher {id: key})
CALL (r) {
  OPTIONAL MATCH (r)-[:AUTHORED]->(p:Paper)
  RETURN min(p.year) AS firstYear, max(p.year) AS lastYear
}
RETURN key, r.name AS name, r.nameVariants AS nameVariants, r.orcid AS orcid,
       COLLECT { MATCH (r)-[:COAUTHOR]->(c:Researcher) RETURN c.id } AS coauthors,
       COLLECT {
         MATCH (r)-[:COAUTHOR]->(:Researcher)-[:COAUTHOR]->(c:Researcher)
         WHERE c <> r
         RETURN DISTINCT c.id
       } AS network,
       COLLECT { MATCH (r)-[:AFFILIATED_WITH]->(i:Institution) RETURN DISTINCT i.id } AS institutions,
       COLLECT {
         MATCH (r)-[:AUTHORED]->(:Paper)-[:ABOUT]->(t:Topic)
         RETURN DISTINCT t.id
       } AS topics,
       COLLECT {
         MATCH (r)-[:AUTHORED]->(:Paper)-[:ABOUT]->(t:Topic)
         UNWIND CASE WHEN t.level IS NULL THEN [t.subfield, t.field]
                     WHEN t.level <= 1 THEN [t.name] ELSE [] END AS field
         WITH field WHERE field IS NOT NULL
         RETURN DISTINCT toLower(field)
       } AS fields,
       firstYear, lastYear
