// The ids among the institution ids a filter {key} names (institution, authorEverAffiliatedWith,
// institutionAnyOf, institutionAllOf) that name an institution (`fragments/unknown_filter_ids`);
// [] when it names none (`found_researchers`).
// without institution, authorEverAffiliatedWith, institutionAnyOf, institutionAllOf: []
COLLECT { MATCH (filterNamed:Institution)
  WHERE filterNamed.id IN [{key}.institution, {key}.authorEverAffiliatedWith]
    + coalesce({key}.institutionAnyOf, []) + coalesce({key}.institutionAllOf, [])
  RETURN filterNamed.id }
