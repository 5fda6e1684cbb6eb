-- An import file's statement with its string ids replaced by their numbers (number_ids): the
-- node's own id kept as a property, each end of a relationship looked up in its space.
-- Slots: query, columns, joins.
SELECT {{ columns }} FROM ({{ query }}) f {{ joins }}
