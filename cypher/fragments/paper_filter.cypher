// The filter of a papers page (`key` of its `UNWIND $keys`): whether the paper {p} matches the
// years, type, venue, retraction, open access, language, title words, topic, author and
// institution the key asks for (null: any). `institution` is the rule of `paper_credits` (the
// institutions printed on the paper, else its authors' stints covering its year);
// `authorEverAffiliatedWith` is any stint of any author, whatever the paper's year.
((key.yearFrom IS NULL OR {p}.year >= key.yearFrom)
  AND (key.yearTo IS NULL OR {p}.year <= key.yearTo)
  AND (key.type IS NULL OR {p}.type = key.type)
  AND (key.venue IS NULL OR {p}.venue = key.venue)
  AND (key.isRetracted IS NULL OR coalesce({p}.isRetracted, false) = key.isRetracted)
  AND (key.openAccessStatus IS NULL OR {p}.openAccessStatus = key.openAccessStatus)
  AND (key.language IS NULL OR {p}.language = key.language)
  AND (key.titleContains IS NULL OR toLower({p}.title) CONTAINS key.titleContains)
  AND (key.topic IS NULL OR EXISTS { ({p})-[:ABOUT]->(:Topic {id: key.topic}) })
  AND (key.author IS NULL OR EXISTS { ({p})<-[:AUTHORED]-(:Researcher {id: key.author}) })
  AND (key.institution IS NULL OR {{ paper_credits({p}, key.institution) }})
  AND (key.authorEverAffiliatedWith IS NULL OR EXISTS {
    ({p})<-[:AUTHORED]-(:Researcher)-[:AFFILIATED_WITH]->
      (:Institution {id: key.authorEverAffiliatedWith})
  }))
