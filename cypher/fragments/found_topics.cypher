// The ids among the topic ids a filter {key} names (topic, topicAnyOf, topicAllOf) that name a
// topic (`fragments/unknown_filter_ids`); [] when it names none (`found_researchers`).
// without topic, topicAnyOf, topicAllOf: []
COLLECT { MATCH (filterNamed:Topic)
  WHERE filterNamed.id IN [{key}.topic] + coalesce({key}.topicAnyOf, [])
    + coalesce({key}.topicAllOf, [])
  RETURN filterNamed.id }
