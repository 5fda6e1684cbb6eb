"""What a batch of papers changes in the pairs that share papers: the works two coauthors share
(COAUTHOR) or the papers two topics share (RELATED), gained and lost, by pair."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping
from itertools import combinations
from typing import Any, TypeVar

from bzpeer_graphql.db.database import Transaction

T = TypeVar("T")

#: {"authors" | "topics": {paper id: author or topic ids}}
Links = dict[str, dict[str, list[str]]]

#: the statement applying the changes of each list to its kept links
APPLY = {"authors": "ingest/coauthor_changes", "topics": "ingest/related_changes"}


def changes(
    before: Mapping[str, Iterable[str]], after: Mapping[str, Iterable[str]]
) -> list[dict[str, Any]]:
    """The changes `[{a, b, by}]` (each pair once, a < b, sorted; the writer applies them both
    ways) when papers' author or topic lists go from `before` to `after` ({paper id: author or
    topic ids}; a paper missing from `before` is new, one with an empty list in `after` gone)."""
    by_pair: Counter[tuple[str, str]] = Counter()
    for paper, authors in after.items():
        old, new = set(before.get(paper, ())), set(authors)
        if old == new:
            continue
        for pair in combinations(sorted(old), 2):
            if not set(pair) <= new:
                by_pair[pair] -= 1
        for pair in combinations(sorted(new), 2):
            if not set(pair) <= old:
                by_pair[pair] += 1
    return [{"a": a, "b": b, "by": n} for (a, b), n in sorted(by_pair.items()) if n]


async def paper_links(tx: Transaction, papers: list[str]) -> Links:
    """The authors and topics the given papers have now (ids that are not papers left out)."""
    [row] = await tx.run("ingest/paper_links", {"papers": papers})
    return {kind: {p["id"]: p[kind] for p in row["papers"]} for kind in APPLY}


def touched_authors(before: Links, after: Links) -> list[str]:
    """The researchers whose WORKS_ON the papers of `after` may have changed since `before`:
    every author each paper had or has (a paper written again may have changed its topics or
    their scores alone)."""
    people: set[str] = set()
    for paper in after["authors"].keys() | after["topics"].keys():
        people.update(before["authors"].get(paper, ()), after["authors"].get(paper, ()))
    return sorted(people)


async def apply_link_changes(tx: Transaction, before: Links, after: Links) -> None:
    """Applies to COAUTHOR and RELATED what the papers of `after` changed since `before`, and
    marks the researchers whose WORKS_ON it may have changed."""
    for kind, statement in APPLY.items():
        found = changes(before[kind], after[kind])
        if found:
            await tx.run(statement, {"changes": found})
    people = touched_authors(before, after)
    if people:  # recounted when the load ends (`shared_papers.refresh_works_on`)
        await tx.run("ingest/works_on_stale", {"researchers": people})


async def tracked(tx: Transaction, papers: list[str], change: Callable[[], Awaitable[T]]) -> T:
    """Runs `change` (which may rewrite, merge or delete the given papers, and no others) and
    keeps COAUTHOR and RELATED equal to what the papers say after it (WORKS_ON: marked)."""
    before = await paper_links(tx, papers)
    done = await change()
    after = await paper_links(tx, papers)
    for kind, lists in after.items():
        for gone in before[kind].keys() - lists.keys():
            lists[gone] = []
    await apply_link_changes(tx, before, after)
    return done
