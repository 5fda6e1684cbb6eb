// The ids among the researcher ids a filter {key} names (author, authorAnyOf, authorAllOf) that
// name a researcher (`fragments/unknown_filter_ids`); [] when it names none, so that a
// statement's variant for a filter naming no researcher plans no lookup (each costs Neo4j's
// planner about a third of a second).
// without author, authorAnyOf, authorAllOf: []
COLLECT { MATCH (filterNamed:Researcher)
  WHERE filterNamed.id IN [{key}.author] + coalesce({key}.authorAnyOf, [])
    + coalesce({key}.authorAllOf, [])
  RETURN filterNamed.id }
