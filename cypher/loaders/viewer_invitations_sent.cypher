// The newest collaboration invites a user sent. In: $keys [{id (user id), first}].
// Out: key, researcher (properties), senderId, senderHandle, message, at; newest first.
UNWIND $keys AS key
MATCH (u:User {id: key.id})
CALL (u, key) {
  MATCH (u)-[i:INVITED]->(r:Researcher)
  RETURN r, i
  ORDER BY i.at DESC, r.id
  LIMIT key.first
}
RETURN key, properties(r) AS researcher, u.id AS senderId, u.handle AS senderHandle,
       i.message AS message, i.at AS at
