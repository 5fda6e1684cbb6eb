// Whether the graph holds no research data yet (serve loads the seed data then).
// In: nothing. Out: empty.
RETURN NOT EXISTS {
  MATCH (n) WHERE n:Researcher OR n:Paper OR n:Topic OR n:Institution
} AS empty
