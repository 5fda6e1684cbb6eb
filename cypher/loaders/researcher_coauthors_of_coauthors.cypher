// A page of a researcher's coauthors of coauthors: people two coauthorship steps away, most
// distinct paths (linking coauthors) first, then the heaviest shared-work weight. A path's weight
// is its weaker link: min(works shared with the coauthor, works the coauthor shares with them).
// In: $limit (largest first + 1), $keys [{id, first, after: [n1, n2, s, id] | null,
// excludeDirect}]. Out: key, total, items [{node, paths, weight, direct, via, sort}], where via
// is the linking coauthors [{node, sharedWorks, theirSharedWorks}], strongest first, up to 5.
UNWIND $keys AS key
MATCH (r:Researcher {id: key.id})
CALL (r, key) {
  MATCH (r)-[k:COAUTHOR]->(c:Researcher)
  WITH c, k.shared AS near
  WITH collect({c: c, near: near}) AS direct
  UNWIND direct AS link
  WITH direct, link.c AS c, link.near AS near
  MATCH (c)-[l:COAUTHOR]->(x:Researcher)
  WHERE x <> r
  WITH direct, c, near, x, l.shared AS far
  WITH direct, x, c, near, far, CASE WHEN near < far THEN near ELSE far END AS strength
  ORDER BY strength DESC, near DESC, c.name, c.id
  WITH direct, x, count(c) AS paths, sum(strength) AS weight,
       collect({node: properties(c), sharedWorks: near, theirSharedWorks: far}) AS via
  WITH x, paths, weight, via, any(link IN direct WHERE link.c = x) AS isDirect
  WHERE NOT (key.excludeDirect AND isDirect)
  WITH x, paths, weight, via, isDirect, [-paths, -weight, coalesce(x.name, ''), x.id] AS sort
  ORDER BY sort[0], sort[1], sort[2], sort[3]
  WITH collect({x: x, paths: paths, weight: weight, via: via, direct: isDirect, sort: sort})
       AS ranked
  WITH size(ranked) AS total, [i IN ranked WHERE {{ after_cursor(i.sort) }}][0..$limit] AS page
  RETURN total, [i IN page | {node: properties(i.x), paths: i.paths, weight: i.weight,
      direct: i.direct, via: i.via[0..5], sort: i.sort}] AS items
}
RETURN key, total, items
