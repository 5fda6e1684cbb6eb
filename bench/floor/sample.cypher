// The pool the benchmark draws its questions from: well-connected researchers (at least
// $minWorks works) and much-cited papers (at least $minCiters citing papers), by id.
// In: $minWorks, $minCiters. Out: researchers, papers.
CALL () {
  MATCH (r:Researcher) WHERE COUNT { (r)-[:AUTHORED]->(:Paper) } >= $minWorks
  RETURN collect(r.id) AS researchers
}
CALL () {
  MATCH (p:Paper) WHERE COUNT { (:Paper)-[:CITES]->(p) } >= $minCiters
  RETURN collect(p.id) AS papers
}
RETURN researchers, papers
