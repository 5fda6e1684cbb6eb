-- How many nodes of one kind the converted graph holds. In: $kind. Out: count.
SELECT count(*) FROM node_final WHERE kind = $kind
