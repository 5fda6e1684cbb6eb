// Whether the paper {p} counts for the institution whose id is {institution}: one of its
// authorships names that institution (the institutions printed on the paper, AUTHORED's
// `institutions`), or names none and its author has a stint there (AFFILIATED_WITH) covering the
// paper's year. A stint's missing `since` or `until` leaves that side open; an undated paper is
// covered only by a stint with neither. Names in the pattern are odd so as not to catch the
// caller's variables.
EXISTS {
  MATCH ({p})<-[creditAuthorship:AUTHORED]-(creditAuthor:Researcher)
  WHERE {institution} IN coalesce(creditAuthorship.institutions, [])
    OR (size(coalesce(creditAuthorship.institutions, [])) = 0 AND EXISTS {
      MATCH (creditAuthor)-[creditStint:AFFILIATED_WITH]->(:Institution {id: {institution}})
      WHERE (creditStint.since IS NULL OR creditStint.since <= {p}.year)
        AND (creditStint.until IS NULL OR {p}.year <= creditStint.until)
    })
}
