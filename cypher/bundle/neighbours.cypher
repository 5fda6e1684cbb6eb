// The neighbours of a part whose rows are slice steps (bzpeer_graphql/db/bundle.py), each as
// {id, kind}. Placeholder: SOURCE.
reduce(found = [], row IN SOURCE | found + [n IN row.neighbours | {id: n.id, kind: n.kind}])
