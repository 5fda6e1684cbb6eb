// Where a filtered researchers page finds its candidates (`key` of its `UNWIND $keys`, anchored
// by `bzpeer_graphql/loaders/filters.anchored`: at most one anchor list is given): the members
// of the institutions of `anchorInstitutions`, or the authors of the topics of `anchorTopics`,
// as rows of `r`, each once; nothing unless {on}. A union branch of a subquery taking `key`; a
// statement variant keeps the sources of the anchors its keys give.
{{ researcher_members_institutions({on}) }}
UNION ALL
{{ researcher_members_topics({on}) }}
