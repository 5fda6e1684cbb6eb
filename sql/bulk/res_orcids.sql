-- The ORCIDs of the records, as given. Out: id, orcid.
SELECT id, orcid FROM res WHERE orcid <> ''
