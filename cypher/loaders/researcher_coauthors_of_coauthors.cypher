// A page of a researcher's coauthors of coauthors: people two coauthorship steps away, most
// distinct paths (linking coauthors) first, then the heaviest shared-work weight. A path's weight
// is its weaker link: min(works shared with the coauthor, works the coauthor shares with them). In:
// $limit (largest first + 1), $keys [{id, first, after, before: [n1, n2, s, id, edge] | null,
// backward, excludeDirect}]. Out: key, total, earlier, later, items [{node, paths, weight, direct,
// via, sort}], where via is the linking coauthors [{node, sharedWorks, theirSharedWorks}],
// strongest first, up to 5. Each two-step path is one row and each direct coauthor one marker row
// (no c), so counting, summing and telling direct from not are one grouping, without a test per
// person; only the page's people have their linking coauthors sorted. The page:
// `fragments/page_window`; earlier, later: `fragments/earlier`, `later`.
UNWIND $keys AS key
MATCH (r:Researcher {id: key.id})
CALL (r, key) {
  CALL (r) {
    MATCH (r)-[k:COAUTHOR]->(c:Researcher)-[l:COAUTHOR]->(x:Researcher)
    WHERE x <> r
    RETURN x, c, k.shared AS near, l.shared AS far
    UNION ALL
    MATCH (r)-[:COAUTHOR]->(x:Researcher)
    RETURN x, null AS c, null AS near, null AS far
  }
  WITH x, c, near, far, CASE WHEN near < far THEN near ELSE far END AS strength
  WITH x, count(c) AS paths, sum(strength) AS weight, count(*) > count(c) AS isDirect,
       collect(CASE WHEN c IS NOT NULL
         THEN {c: c, near: near, far: far, strength: strength} END) AS links
  WHERE paths > 0 AND NOT (key.excludeDirect AND isDirect)
  WITH x, paths, weight, links, isDirect, [-paths, -weight, coalesce(x.name, ''), x.id, ''] AS sort
  ORDER BY sort[0], sort[1], sort[2], sort[3], sort[4]
  WITH collect({x: x, paths: paths, weight: weight, links: links, direct: isDirect, sort: sort})
       AS ranked
  WITH size(ranked) AS total, {{ page_window(ranked) }} AS page,
    {{ earlier(ranked) }} AS earlier, {{ later(ranked) }} AS later
  CALL (page) {
    UNWIND range(0, size(page) - 1) AS at
    CALL (page, at) {
      UNWIND page[at].links AS link
      WITH link ORDER BY link.strength DESC, link.near DESC, link.c.name, link.c.id LIMIT 5
      RETURN collect({node: properties(link.c), sharedWorks: link.near,
        theirSharedWorks: link.far}) AS via
    }
    WITH at, page[at] AS i, via ORDER BY at
    RETURN collect({node: properties(i.x), paths: i.paths, weight: i.weight, direct: i.direct,
      via: via, sort: i.sort}) AS items
  }
  RETURN total, earlier, later, items
}
RETURN key, total, earlier, later, items
