// How many nodes of each kind the graph holds. In: $keys (one row per key; the key is ignored).
// Out: key, researchers, papers, topics, institutions.
UNWIND $keys AS key
RETURN key,
       COUNT { (:Researcher) } AS researchers,
       COUNT { (:Paper) } AS papers,
       COUNT { (:Topic) } AS topics,
       COUNT { (:Institution) } AS institutions
