// The names of the filter fields of {key} (a papers or researchers filter: author, topic,
// institution, authorEverAffiliatedWith; a field the filter lacks is null) whose id names no
// node of their kind, in that order; [] when every id names one. Names in the patterns are odd
// so as not to catch the caller's variables.
[filterField IN [
    ['author', {key}.author IS NOT NULL AND NOT EXISTS {
      MATCH (filterNamed:Researcher) WHERE filterNamed.id = {key}.author }],
    ['topic', {key}.topic IS NOT NULL AND NOT EXISTS {
      MATCH (filterNamed:Topic) WHERE filterNamed.id = {key}.topic }],
    ['institution', {key}.institution IS NOT NULL AND NOT EXISTS {
      MATCH (filterNamed:Institution) WHERE filterNamed.id = {key}.institution }],
    ['authorEverAffiliatedWith', {key}.authorEverAffiliatedWith IS NOT NULL AND NOT EXISTS {
      MATCH (filterNamed:Institution) WHERE filterNamed.id = {key}.authorEverAffiliatedWith }]
  ] WHERE filterField[1] | filterField[0]]
