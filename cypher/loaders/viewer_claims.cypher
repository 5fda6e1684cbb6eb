// The author records a user claims. In: $keys [user id].
// Out: key, node (researcher properties), verified, at; oldest claim first.
UNWIND $keys AS key
MATCH (u:User {id: key})-[c:CLAIMED]->(r:Researcher)
RETURN key, properties(r) AS node, c.verified AS verified, c.at AS at
ORDER BY key, c.at, r.id
