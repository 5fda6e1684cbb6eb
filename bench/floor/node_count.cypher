// How big the benchmark graph is. In: nothing. Out: nodes, relationships, papers.
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH (p:Paper) RETURN count(p) AS papers }
RETURN nodes, relationships, papers
