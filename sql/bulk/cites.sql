-- CITES of the papers kept. Out: cites (paper, cited).
CREATE TABLE cites AS SELECT id AS paper, unnest(refs) AS cited FROM paper_w
