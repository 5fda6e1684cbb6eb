// A researcher's affiliations, current first, then the most recent.
// In: $keys [researcher id]. Out: key, node (the institution), current, since, until.
// $props: as in researchers_by_id.
UNWIND $keys AS key
MATCH (r:Researcher {id: key})-[a:AFFILIATED_WITH]->(i:Institution)
WITH key, i, a
ORDER BY coalesce(a.current, false) DESC, coalesce(a.until, 9999) DESC,
         coalesce(a.since, 0) DESC, i.name
RETURN key, CASE WHEN $props IS NULL THEN properties(i) ELSE [k IN $props | i[k]] END AS node, coalesce(a.current, false) AS current, a.since AS since,
       a.until AS until
