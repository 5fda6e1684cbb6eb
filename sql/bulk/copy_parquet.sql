-- Writes the rows of a query to an import file (Parquet: the column names are the import
-- header). Slots: query, path.
COPY ({{ query }}) TO '{{ path }}' (FORMAT parquet)
