-- AFFILIATED_WITH of the affiliation records (the latest `current` of each) and of the
-- researchers' own records ('author').
-- Out: affiliated (researcher, institution, current, since, until, origin).
CREATE TABLE affiliated AS
SELECT researcher, institution, arg_max(current, seq) AS current, since, until,
       NULL::VARCHAR AS origin
FROM ok_affiliations GROUP BY researcher, institution, since, until
UNION ALL
SELECT id, a.institution, a.current, a.since, a.until, 'author'
FROM (SELECT id, unnest(from_json(affiliations, '[{"institution": "VARCHAR",
        "current": "BOOLEAN", "since": "BIGINT", "until": "BIGINT"}]')) AS a
      FROM node_final WHERE kind = 'researcher' AND affiliations IS NOT NULL)
