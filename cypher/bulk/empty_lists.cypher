// After a bulk import, which cannot write an empty list: sets the list properties named in
// `bulkEmpty` to [] on up to $limit nodes marked :EmptyLists, as the writer leaves them, and
// clears the mark. In: $limit. Out: done (nodes set).
MATCH (n:EmptyLists)
WITH n LIMIT $limit
SET n.nameVariants = CASE WHEN 'nameVariants' IN n.bulkEmpty THEN [] ELSE n.nameVariants END,
    n.keywords = CASE WHEN 'keywords' IN n.bulkEmpty THEN [] ELSE n.keywords END,
    n.countsByYear = CASE WHEN 'countsByYear' IN n.bulkEmpty THEN [] ELSE n.countsByYear END,
    n.correspondingAuthorIds = CASE WHEN 'correspondingAuthorIds' IN n.bulkEmpty THEN []
                                    ELSE n.correspondingAuthorIds END,
    n.nameKeyNear = CASE WHEN 'nameKeyNear' IN n.bulkEmpty THEN [] ELSE n.nameKeyNear END
REMOVE n:EmptyLists, n.bulkEmpty
RETURN count(n) AS done
