// The filter of a papers page (`key` of its `UNWIND $keys`): whether the paper {p} matches the
// years, type(s), venue, retraction, open access, language, title words, topics, authors,
// institutions and citations the key asks for (null: any). Every institution is by the rule of
// `paper_credits` (the institutions printed on the paper, else its authors' stints covering its
// year); `authorEverAffiliatedWith` is any stint of any author, whatever the paper's year.
// `*AnyOf` lists and `cites` / `citedBy` hold when one item does, `*AllOf` lists when each does.
// {held} names the field the statement's candidates already satisfy, which is not tested again
// (`key.anchorHolds` where every candidate comes from the anchor, `fragments/paper_members`;
// '' where they come from elsewhere). Takes `{{ paper_filter(p, held) }}`.
// The conditions on linked nodes sit in one subquery entered only when `key.linked` (the names
// of the filter's fields naming nodes) holds one besides {held}: Neo4j plans each of them as a
// step of its own that every paper passes through, given or not (the ~22,000 papers citing
// one of two papers spent ~10 us each in those steps, filtering nothing). A statement whose
// candidates all come from the anchor skips the filter where the anchor holds the only field
// given: `WHERE key.untested OR {{ paper_filter(p, key.anchorHolds) }}`.
((key.yearFrom IS NULL OR {p}.year >= key.yearFrom)
  AND (key.yearTo IS NULL OR {p}.year <= key.yearTo)
  AND (key.type IS NULL OR {p}.type = key.type)
  AND (key.typeAnyOf IS NULL OR {p}.type IN key.typeAnyOf)
  AND (key.venue IS NULL OR {p}.venue = key.venue)
  AND (key.isRetracted IS NULL OR coalesce({p}.isRetracted, false) = key.isRetracted)
  AND (key.openAccessStatus IS NULL OR {p}.openAccessStatus = key.openAccessStatus)
  AND (key.language IS NULL OR {p}.language = key.language)
  AND (key.titleContains IS NULL OR toLower({p}.title) CONTAINS key.titleContains)
  AND ((key.linked IS NOT NULL AND all(filterField IN key.linked WHERE filterField = {held}))
    OR EXISTS { WITH key, {p} WHERE {{ paper_filter_linked({held}, {p}) }} RETURN true }))
