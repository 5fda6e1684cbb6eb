-- One feature of every scored record, kept for the rounds to look up. Slots: name, query
-- (the feature's statement), columns (k, v or k, v, w). Out: feature_<name>.
CREATE OR REPLACE TABLE feature_{{ name }} AS SELECT * FROM ({{ query }}) q({{ columns }})
