// The nodes of a page part (bzpeer_graphql/db/bundle.py): the items each key asked for (not the
// one more a page loads to tell whether the window goes on: after the page's items, or before
// them for a page asked for with `last`). Placeholders: SOURCE, ID.
reduce(found = [], row IN SOURCE | found + [item IN CASE
    WHEN NOT row.key.backward THEN row.items[..row.key.first]
    WHEN size(row.items) > row.key.first THEN row.items[size(row.items) - row.key.first..]
    ELSE row.items END | item.nodeID])
