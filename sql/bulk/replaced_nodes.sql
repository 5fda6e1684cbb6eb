-- Adds to node_final what only a replaced version named: kept undated, or a person whose
-- ORCID another record holds (the ORCID merge makes the retired id resolve to that person).
INSERT INTO node_final
SELECT p.kind, p.id, p.props, NULL, p.date, NULL FROM partial_w p
WHERE NOT EXISTS (SELECT 1 FROM live l WHERE l.kind = p.kind AND l.id = p.id)
  AND (p.date IS NULL OR (p.kind = 'researcher'
    AND json_extract_string(p.props, '$.orcid') IS NOT NULL
    AND EXISTS (SELECT 1 FROM node_final o WHERE o.kind = 'researcher' AND o.id <> p.id
                AND json_extract_string(o.props, '$.orcid')
                    = json_extract_string(p.props, '$.orcid'))))
