// After a bulk import, which cannot write an empty list: sets the list properties named in
// `bulkEmpty` to [] on the authorships of up to $limit papers marked :EmptyAuthorships, as the
// writer leaves them, and clears the marks. In: $limit. Out: done (papers set).
MATCH (p:EmptyAuthorships)
WITH p LIMIT $limit
CALL (p) {
  MATCH (p)<-[a:AUTHORED]-()
  WHERE a.bulkEmpty IS NOT NULL
  SET a.institutions = CASE WHEN 'institutions' IN a.bulkEmpty THEN [] ELSE a.institutions END,
      a.rawAffiliations = CASE WHEN 'rawAffiliations' IN a.bulkEmpty THEN []
                               ELSE a.rawAffiliations END,
      a.origins = CASE WHEN 'origins' IN a.bulkEmpty THEN [] ELSE a.origins END,
      a.alsoBy = CASE WHEN 'alsoBy' IN a.bulkEmpty THEN [] ELSE a.alsoBy END,
      a.alsoPositions = CASE WHEN 'alsoPositions' IN a.bulkEmpty THEN [] ELSE a.alsoPositions END
  REMOVE a.bulkEmpty
}
REMOVE p:EmptyAuthorships
RETURN count(p) AS done
