// Live researcher records sharing an ORCID, which the importer merges into one
// (bzpeer_graphql/ingest/identity.py). In: nothing.
// Out, per ORCID held by two records or more: orcid, members [{id, claimant (user id | null),
// keptApart [id]}] by id.
MATCH (r:Researcher)
WHERE r.orcid IS NOT NULL
WITH r.orcid AS orcid, collect(r) AS records
WHERE size(records) > 1
UNWIND records AS r
OPTIONAL MATCH (u:User)-[:CLAIMED]->(r)
WITH orcid, r, min(u.id) AS claimant
ORDER BY orcid, r.id
WITH orcid, collect({id: r.id, claimant: claimant, keptApart: coalesce(r.keptApart, [])}) AS members
RETURN orcid, members
ORDER BY orcid
