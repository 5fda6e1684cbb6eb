// Waits until every index is online, so a query right after `migrate` can use it.
// In: nothing. Out: nothing.
CALL db.awaitIndexes(300)
