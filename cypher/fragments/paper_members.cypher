// Where a filtered papers page finds its candidates (`key` of its `UNWIND $keys`, anchored by
// `bzpeer_graphql/loaders/filters.anchored`: at most one of the anchor lists is given): the
// works of the researchers of `anchorAuthors`, the papers citing one of `anchorCites` or cited
// by one of `anchorCitedBy`, the papers of the topics of `anchorTopics`, or the works of the
// researchers with a stint at an institution of `anchorInstitutions` (a paper counting for an
// institution has such an author: `ingest/work_affiliations` gives every author a stint at
// each institution its authorships name), as rows of `p`, each once; nothing unless {on}.
// Union branches of a subquery taking `key`; a statement variant keeps the sources of the
// anchors its keys give (an unanchored page plans none: half the planning of `papers_page`).
{{ paper_members_authors({on}) }}
UNION ALL
{{ paper_members_citing({on}) }}
UNION ALL
{{ paper_members_cited({on}) }}
UNION ALL
{{ paper_members_topics({on}) }}
UNION ALL
{{ paper_members_institutions({on}) }}
