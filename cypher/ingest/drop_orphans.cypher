// Drops what only a replaced version of a work named, once nothing else refers to it: researchers,
// institutions and topics that works alone made (no record of their own, no updatedDate; seen on
// a dated work, seenDate) with no link left but derived ones (COAUTHOR, RELATED, WORKS_ON,
// DUPLICATE_CANDIDATE, which go with them), and stubs no work cites. So versions of a work
// loaded in any order leave one graph. A researcher whose ORCID another record holds stays: the
// load's ORCID merge makes its id resolve to that person (a retired id keeps resolving).
// In: $researchers, $institutions, $topics, $stubs [id]. Out: dropped (nodes removed).
CALL () {
  UNWIND $researchers AS id
  MATCH (n:Researcher {id: id})
  WHERE n.updatedDate IS NULL AND n.seenDate IS NOT NULL
    AND NOT EXISTS {
      (n)-[x]-() WHERE NOT type(x) IN ['COAUTHOR', 'WORKS_ON', 'DUPLICATE_CANDIDATE']
    }
    AND (n.orcid IS NULL OR NOT EXISTS {
      MATCH (other:Researcher {orcid: n.orcid}) WHERE other <> n
    })
  CALL (n) {
    MATCH (n)-[:WORKS_ON]->(t:Topic)
    {{ unrank(t) }}
  }
  DETACH DELETE n
  RETURN count(*) AS researchers
}
CALL () {
  UNWIND $institutions AS id
  MATCH (n:Institution {id: id})
  WHERE n.updatedDate IS NULL AND n.seenDate IS NOT NULL AND NOT EXISTS { (n)--() }
  DELETE n
  RETURN count(*) AS institutions
}
CALL () {
  UNWIND $topics AS id
  MATCH (n:Topic {id: id})
  WHERE n.updatedDate IS NULL AND n.seenDate IS NOT NULL
    AND NOT EXISTS { (n)-[x]-() WHERE NOT type(x) IN ['RELATED', 'WORKS_ON'] }
  DETACH DELETE n
  RETURN count(*) AS topics
}
CALL () {
  UNWIND $stubs AS id
  MATCH (n:Stub {id: id})
  WHERE NOT EXISTS { (n)--() }
  DELETE n
  RETURN count(*) AS stubs
}
RETURN researchers + institutions + topics + stubs AS dropped
