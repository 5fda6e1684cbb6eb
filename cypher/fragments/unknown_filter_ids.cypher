// The names of the filter fields of {key} (a papers or researchers filter: author, topic,
// institution, authorEverAffiliatedWith, their `*AnyOf` / `*AllOf` lists, cites, citedBy; a
// field the filter lacks is null) naming a node not of their kind (a list: one item that does
// not), in that order; [] when every id names one. Each kind is looked up once, all its ids at
// a time (`fragments/found_*`), and only the kinds a statement's variant names. Names in the
// patterns are odd so as not to catch the caller's variables.
// without author, topic, institution, authorEverAffiliatedWith, authorAnyOf, authorAllOf, topicAnyOf, topicAllOf, institutionAnyOf, institutionAllOf, cites, citedBy: []
[filterFound IN [[
    {{ found_researchers({key}) }}, {{ found_topics({key}) }},
    {{ found_institutions({key}) }}, {{ found_papers({key}) }}
  ]] | [filterField IN [
    ['author', [{key}.author], 0], ['topic', [{key}.topic], 1],
    ['institution', [{key}.institution], 2],
    ['authorEverAffiliatedWith', [{key}.authorEverAffiliatedWith], 2],
    ['authorAnyOf', {key}.authorAnyOf, 0], ['authorAllOf', {key}.authorAllOf, 0],
    ['topicAnyOf', {key}.topicAnyOf, 1], ['topicAllOf', {key}.topicAllOf, 1],
    ['institutionAnyOf', {key}.institutionAnyOf, 2],
    ['institutionAllOf', {key}.institutionAllOf, 2],
    ['cites', {key}.cites, 3], ['citedBy', {key}.citedBy, 3]
  ] WHERE any(filterId IN coalesce(filterField[1], [])
    WHERE filterId IS NOT NULL AND NOT filterId IN filterFound[filterField[2]])
  | filterField[0]]][0]
