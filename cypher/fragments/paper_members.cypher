// Where a filtered papers page finds its candidates (`key` of its `UNWIND $keys`, anchored by
// `bzpeer_graphql/loaders/filters.anchored`: at most one of the anchor lists is given): the
// works of the researchers of `anchorAuthors`, the papers citing one of `anchorCites` or cited
// by one of `anchorCitedBy`, the papers of the topics of `anchorTopics`, or the works of the
// researchers with a stint at an institution of `anchorInstitutions` (a paper counting for an
// institution has such an author: `ingest/work_affiliations` gives every author a stint at
// each institution its authorships name), as rows of `p`, each once; nothing unless {on}.
// Union branches of a subquery taking `key`.
MATCH (a:Researcher) WHERE a.id IN CASE WHEN {on} THEN key.anchorAuthors END
MATCH (a)-[:AUTHORED]->(p:Paper)
RETURN DISTINCT p
UNION ALL
MATCH (q:Paper) WHERE q.id IN CASE WHEN {on} THEN key.anchorCites END
MATCH (q)<-[:CITES]-(p:Paper)
RETURN DISTINCT p
UNION ALL
MATCH (q:Paper) WHERE q.id IN CASE WHEN {on} THEN key.anchorCitedBy END
MATCH (q)-[:CITES]->(p:Paper)
RETURN DISTINCT p
UNION ALL
MATCH (t:Topic) WHERE t.id IN CASE WHEN {on} THEN key.anchorTopics END
MATCH (t)<-[:ABOUT]-(p:Paper)
RETURN DISTINCT p
UNION ALL
MATCH (i:Institution) WHERE i.id IN CASE WHEN {on} THEN key.anchorInstitutions END
MATCH (i)<-[:AFFILIATED_WITH]-(:Researcher)-[:AUTHORED]->(p:Paper)
RETURN DISTINCT p
