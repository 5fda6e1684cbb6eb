-- The ids the nodes of one kind have (for number_ids). In: $kind.
SELECT id FROM node_final WHERE kind = $kind
