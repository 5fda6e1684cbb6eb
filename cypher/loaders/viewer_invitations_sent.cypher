// The newest collaboration invites a user sent. In: $keys [{id (user id), first}].
// Out: key, researcher (properties), senderId, senderHandle, message, at; newest first.
UNWIND $keys AS key
MATCH (u:User {id: key.id})
CALL (u, key) {
  MATCH (u)-[i:INVITED]->(r:Researcher)
  WITH key, r, i
  ORDER BY i.at DESC, r.id
  WITH key, collect({r: r, i: i}) AS all
  WITH all[0..key.first] AS newest
  UNWIND newest AS item
  RETURN item.r AS r, item.i AS i
}
RETURN key, properties(r) AS researcher, u.id AS senderId, u.handle AS senderHandle,
       i.message AS message, i.at AS at
