// Floor: works per year of a topic, 2010 to 2020, zero years included. In: $topic.
// Out: year, count.
UNWIND range(2010, 2020) AS year
RETURN year, COUNT { MATCH (:Topic {id: $topic})<-[:ABOUT]-(p:Paper) WHERE p.year = year } AS count
