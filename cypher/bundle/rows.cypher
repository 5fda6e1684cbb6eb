// The nodes of a part whose rows each hold one (bzpeer_graphql/db/bundle.py). Placeholders:
// SOURCE, ID.
[row IN SOURCE | row.nodeID]
