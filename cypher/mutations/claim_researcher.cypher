// The viewer claims an author record: verified when $orcid (from the viewer's token, bare and
// upper-case, or null) equals the record's ORCID. At most one claimant per record.
// In: $viewerId, $viewerHandle, $id, $orcid. Out: status (OK | NOT_FOUND | CLAIM_CONFLICT).
MERGE (u:User {id: $viewerId})
SET u.handle = $viewerHandle
WITH u
OPTIONAL MATCH (r:Researcher {id: $id})
// a write lock on the record first, so concurrent claims of it run one after the other
FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END | SET r._lock = true REMOVE r._lock)
WITH u, r
OPTIONAL MATCH (other:User)-[:CLAIMED]->(r)
WHERE other <> u
WITH u, r, count(other) AS others,
     $orcid IS NOT NULL AND r.orcid IS NOT NULL
     AND replace(replace(toUpper(trim(r.orcid)), 'HTTPS://ORCID.ORG/', ''), 'HTTP://ORCID.ORG/', '')
         = $orcid AS verified
FOREACH (_ IN CASE WHEN r IS NOT NULL AND others = 0 THEN [1] ELSE [] END |
  MERGE (u)-[c:CLAIMED]->(r)
  ON CREATE SET c.at = datetime(), c.verified = verified
  ON MATCH SET c.verified = c.verified OR verified
)
RETURN CASE WHEN r IS NULL THEN 'NOT_FOUND' WHEN others > 0 THEN 'CLAIM_CONFLICT' ELSE 'OK' END
       AS status
