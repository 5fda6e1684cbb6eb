-- How many rows a table holds. Slots: table. Out: count.
SELECT count(*) FROM {{ table }}
