// Works per year for a researcher: every year from the first to the last, zero years included.
// In: $keys [researcher id]. Out: key, year, count (ascending years).
UNWIND $keys AS key
MATCH (r:Researcher {id: key})-[:AUTHORED]->(p:Paper)
WHERE p.year IS NOT NULL
WITH key, p.year AS year, count(*) AS count
WITH key, collect({year: year, count: count}) AS years, min(year) AS first, max(year) AS last
UNWIND range(first, last) AS year
RETURN key, year, coalesce([y IN years WHERE y.year = year | y.count][0], 0) AS count
ORDER BY year
