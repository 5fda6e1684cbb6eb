// Floor: one page of all papers, newest first (then by title, then id), as a keyset seek: the
// page starts strictly after the last paper of the page before, found through the year index.
// In: $first, $after ({year, title, id} of that paper; null for the first page).
// Out: papers [{id, title, year}]. Assumes every paper has a year and a title (the synthetic
// and seed graphs do); bzpeer would sort a paper without them last in its year or the list.
MATCH (p:Paper)
WHERE p.year <= coalesce($after.year, 100000)
  AND ($after IS NULL OR p.year < $after.year
       OR (p.year = $after.year AND (p.title > $after.title
           OR (p.title = $after.title AND p.id > $after.id))))
WITH p ORDER BY p.year DESC, p.title, p.id LIMIT $first
RETURN collect(p {.id, .title, .year}) AS papers
