// Which of the given ids already exist in the graph, by kind (a researcher id absorbed by a merge
// counts: the writer lands it on its survivor).
// In: $researchers, $topics, $institutions, $papers (lists of ids).
// Out: researchers, topics, institutions, papers (the ids found).
RETURN [id IN $researchers
        WHERE EXISTS { (:Researcher {id: id}) } OR EXISTS { (:Merged {id: id}) }] AS researchers,
       [id IN $topics WHERE EXISTS { (:Topic {id: id}) }] AS topics,
       [id IN $institutions WHERE EXISTS { (:Institution {id: id}) }] AS institutions,
       [id IN $papers WHERE EXISTS { (:Paper {id: id}) }] AS papers
