"""Deep paging: page 1 and page 500 (20 papers a page) of the list of all papers, newest first.

Keyset cursors make a deep page cost what the first costs; offset paging (SKIP) reads and sorts
every item before it. The floor seeks past the (year, title, id) of the last paper before the
page, and bzpeer is given the `endCursor` it handed out for that paper (never a cursor built by
hand); each walks there through its own pages first (untimed). The peer pages its plain list by
offset, `papers(limit: 20, offset: 9980, sort: ...)`, which it turns into SKIP.

The peer's relay connection, `papersConnection(first, after, sort)`, is not usable here: its
cursors are offsets too, and the Cypher it generates collects every paper into one list, then
sorts the unwound list with that whole list carried on every row, so Neo4j accounts memory for
(offset + first) copies of it. On the small graph (10,000 papers, 1 GiB heap) it fails with
MemoryPoolOutOfMemoryError from offset 300 on (page 16 of 20 a page), so page 500 cannot be had.

Answers are the page's paper ids in order.
"""

from __future__ import annotations

from typing import Any

from bench.question import Canon, Data, Question, Seek

PAGE_SIZE = 20
DEEP_PAGE = 500

BZPEER = """query($first: Int, $after: String) { papers(first: $first, after: $after) {
  edges { node { id title year } } pageInfo { endCursor } } }"""

PEER = """query($first: Int, $offset: Int) {
  papers(limit: $first, offset: $offset, sort: [{year: DESC}, {title: ASC}, {id: ASC}]) {
    id title year } }"""


def deep_page(papers: int) -> int:
    """The page measured as the deep one: page 500, or the last full page of a shorter list."""
    return max(1, min(DEEP_PAGE, papers // PAGE_SIZE))


def offsets(papers: int) -> dict[str, list[str]]:
    """The sample pools of the two page questions: the offset of each page's first paper."""
    return {"page1": ["0"], "page500": [str((deep_page(papers) - 1) * PAGE_SIZE)]}


def _floor_ids(row: Data) -> Canon:
    return [p["id"] for p in row["papers"]]


def _floor_cursor(row: Data) -> Any:
    last = row["papers"][-1]
    return {"year": last["year"], "title": last["title"], "id": last["id"]}


def _bzpeer_ids(data: Data) -> Canon:
    return [e["node"]["id"] for e in data["papers"]["edges"]]


def _peer_ids(data: Data) -> Canon:
    return [p["id"] for p in data["papers"]]


SEEK = Seek(PAGE_SIZE, _floor_cursor, lambda data: data["papers"]["pageInfo"]["endCursor"], None)

PAGES = [
    Question(
        pool,
        title,
        pool,
        "papers_page.cypher",
        BZPEER,
        PEER,
        _floor_ids,
        _bzpeer_ids,
        _peer_ids,
        seek=SEEK,
    )
    for pool, title in (
        ("page1", "papers, newest first: page 1 (20 a page)"),
        ("page500", "papers, newest first: page 500 (20 a page; the peer by offset)"),
    )
]
