-- Adds to node_final every id a link names that no node has (the writer merges them by id).
INSERT INTO node_final
SELECT kind, id, NULL, NULL, NULL, NULL FROM (
  SELECT DISTINCT 'researcher' AS kind, researcher AS id FROM authored
  UNION SELECT DISTINCT 'researcher', researcher FROM affiliated
  UNION SELECT DISTINCT 'institution', institution FROM affiliated
  UNION SELECT DISTINCT 'topic', topic FROM about
) n WHERE NOT EXISTS (SELECT 1 FROM node_final f WHERE f.kind = n.kind AND f.id = n.id)
