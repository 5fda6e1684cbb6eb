// The conditions of a papers page's filter on linked nodes (`fragments/paper_filter`, inside
// the subquery it enters only when the key names linked nodes): whether the paper {p} has the
// topics, authors, institutions and citations the key asks for (null: any), {held} (the field
// the statement's candidates already satisfy) not tested again. A filter fragment of its own,
// so that a statement's variant keeps only the conditions of the fields its batch gives: Neo4j
// planned `papers_page` with every linked field's subquery in 6 to 9 s (the seed, 2 cores).
// Takes `{{ paper_filter_linked(held, p) }}` (its slots in the order they first appear).
((key.topic IS NULL OR {held} = 'topic'
    OR EXISTS { ({p})-[:ABOUT]->(:Topic {id: key.topic}) })
  AND (key.topicAnyOf IS NULL OR {held} = 'topicAnyOf' OR EXISTS {
    MATCH ({p})-[:ABOUT]->(filterTopic:Topic) WHERE filterTopic.id IN key.topicAnyOf })
  AND (key.topicAllOf IS NULL OR all(filterId IN key.topicAllOf
    WHERE EXISTS { ({p})-[:ABOUT]->(:Topic {id: filterId}) }))
  AND (key.author IS NULL OR {held} = 'author'
    OR EXISTS { ({p})<-[:AUTHORED]-(:Researcher {id: key.author}) })
  AND (key.authorAnyOf IS NULL OR {held} = 'authorAnyOf' OR EXISTS {
    MATCH ({p})<-[:AUTHORED]-(filterAuthor:Researcher)
    WHERE filterAuthor.id IN key.authorAnyOf })
  AND (key.authorAllOf IS NULL OR all(filterId IN key.authorAllOf
    WHERE EXISTS { ({p})<-[:AUTHORED]-(:Researcher {id: filterId}) }))
  AND (key.institution IS NULL OR {{ paper_credits({p}, [key.institution]) }})
  AND (key.institutionAnyOf IS NULL OR {{ paper_credits({p}, key.institutionAnyOf) }})
  AND (key.institutionAllOf IS NULL OR all(filterId IN key.institutionAllOf
    WHERE {{ paper_credits({p}, [filterId]) }}))
  AND (key.authorEverAffiliatedWith IS NULL OR {held} = 'authorEverAffiliatedWith' OR EXISTS {
    ({p})<-[:AUTHORED]-(:Researcher)-[:AFFILIATED_WITH]->
      (:Institution {id: key.authorEverAffiliatedWith})
  })
  AND (key.cites IS NULL OR {held} = 'cites' OR EXISTS {
    MATCH ({p})-[:CITES]->(filterCited:Paper) WHERE filterCited.id IN key.cites })
  AND (key.citedBy IS NULL OR {held} = 'citedBy' OR EXISTS {
    MATCH ({p})<-[:CITES]-(filterCiting:Paper) WHERE filterCiting.id IN key.citedBy }))
