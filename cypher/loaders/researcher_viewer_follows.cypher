// Whether a user follows each researcher. In: $keys [{viewer (user id), id (researcher id)}].
// Out: key, follows.
UNWIND $keys AS key
RETURN key, EXISTS { (:User {id: key.viewer})-[:FOLLOWS]->(:Researcher {id: key.id}) } AS follows
