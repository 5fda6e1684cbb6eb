-- An import file with its string ids replaced by their numbers (number_ids): the node's own id
-- kept as a property, each end of a relationship looked up in its space. In: $path.
-- Slots: columns, joins, out (the new file).
COPY (SELECT {{ columns }} FROM read_parquet($path) f {{ joins }}) TO '{{ out }}' (FORMAT parquet)
