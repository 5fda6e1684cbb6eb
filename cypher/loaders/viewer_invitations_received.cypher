// The newest collaboration invites to the author records a user claims.
// In: $keys [{id (user id), first}].
// Out: key, researcher (properties), senderId, senderHandle, message, at; newest first.
UNWIND $keys AS key
MATCH (u:User {id: key.id})
CALL (u, key) {
  MATCH (u)-[:CLAIMED]->(r:Researcher)<-[i:INVITED]-(sender:User)
  WITH key, r, i, sender
  ORDER BY i.at DESC, sender.id, r.id
  WITH key, collect({r: r, i: i, sender: sender}) AS all
  WITH all[0..key.first] AS newest
  UNWIND newest AS item
  RETURN item.r AS r, item.i AS i, item.sender AS sender
}
RETURN key, properties(r) AS researcher, sender.id AS senderId, sender.handle AS senderHandle,
       i.message AS message, i.at AS at
