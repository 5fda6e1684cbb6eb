// The nodes of a page part (bzpeer_graphql/db/bundle.py): the items each key asked for (not the
// one more a page loads to tell whether another follows). Placeholders: SOURCE, ID.
reduce(found = [], row IN SOURCE | found + [item IN row.items[..row.key.first] | item.nodeID])
