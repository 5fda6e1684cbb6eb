// The ids among the paper ids a filter {key} names (cites, citedBy) that name a paper
// (`fragments/unknown_filter_ids`); [] when it names none (`found_researchers`).
// without cites, citedBy: []
COLLECT { MATCH (filterNamed:Paper)
  WHERE filterNamed.id IN coalesce({key}.cites, []) + coalesce({key}.citedBy, [])
  RETURN filterNamed.id }
