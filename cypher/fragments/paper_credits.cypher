// Whether the paper {p} counts for one of the institutions whose ids are listed in
// {institutions}: one of its authorships names one of them (the institutions printed on the
// paper, AUTHORED's `institutions`), or names none and its author has a stint (AFFILIATED_WITH)
// at one of them covering the paper's year. A stint's missing `since` or `until` leaves that
// side open; an undated paper is covered only by a stint with neither. Names in the pattern are
// odd so as not to catch the caller's variables.
EXISTS {
  MATCH ({p})<-[creditAuthorship:AUTHORED]-(creditAuthor:Researcher)
  WHERE any(creditId IN coalesce(creditAuthorship.institutions, [])
      WHERE creditId IN {institutions})
    OR (size(coalesce(creditAuthorship.institutions, [])) = 0 AND EXISTS {
      MATCH (creditAuthor)-[creditStint:AFFILIATED_WITH]->(creditAt:Institution)
      WHERE creditAt.id IN {institutions}
        AND (creditStint.since IS NULL OR creditStint.since <= {p}.year)
        AND (creditStint.until IS NULL OR {p}.year <= creditStint.until)
    })
}
