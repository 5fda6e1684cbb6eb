// The newest collaboration invites to the author records a user claims.
// In: $keys [{id (user id), first}].
// Out: key, researcher (properties), senderId, senderHandle, message, at; newest first.
UNWIND $keys AS key
MATCH (u:User {id: key.id})
CALL (u, key) {
  MATCH (u)-[:CLAIMED]->(r:Researcher)<-[i:INVITED]-(sender:User)
  RETURN r, i, sender
  ORDER BY i.at DESC, sender.id, r.id
  LIMIT key.first
}
RETURN key, properties(r) AS researcher, sender.id AS senderId, sender.handle AS senderHandle,
       i.message AS message, i.at AS at
