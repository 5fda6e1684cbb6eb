// Topics whose ranked neighbours (cypher/ingest/rank_topics) differ from what their links say
// now: a ranking some write should have dropped. Per kind, the ids the ranking lacks and those
// it should not hold. In: $keep, $limit (topics shown). Out: differences (how many topics),
// shown [{topic, kind, missing, extra}].
MATCH (t:Topic) WHERE t.bestPapers IS NOT NULL OR t.bestResearchers IS NOT NULL
{{ ranked_neighbours(t) }}
UNWIND [['papers', coalesce(t.bestPapers, []), papers],
        ['researchers', coalesce(t.bestResearchers, []), researchers]] AS kind
WITH t, kind[0] AS kind,
     [id IN kind[2] WHERE NOT id IN kind[1]] AS missing,
     [id IN kind[1] WHERE NOT id IN kind[2]] AS extra
WHERE size(missing) > 0 OR size(extra) > 0
WITH t.id AS topic, kind, missing, extra
ORDER BY topic, kind
RETURN count(DISTINCT topic) AS differences,
       collect({topic: topic, kind: kind, missing: missing, extra: extra})[0..$limit] AS shown
