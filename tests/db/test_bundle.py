"""Several named reads in one round trip: the columns read off each file, parameters renamed
apart, and each file's rows exactly as it gives them alone."""

from __future__ import annotations

from typing import Any

import pytest

from bzpeer_graphql.db import bundle
from bzpeer_graphql.db.bundle import Derived
from bzpeer_graphql.db.database import Database, RoundTrips


def test_columns_come_from_the_last_top_level_return() -> None:
    assert bundle.columns("loaders/researcher_works") == (
        "key",
        "total",
        "earlier",
        "later",
        "items",
        "unknown",
    )
    assert bundle.columns("loaders/paper_authors") == ("key", "node", "position", "authorship")
    assert bundle.columns("loaders/viewer_claims") == ("key", "node", "verified", "at")
    assert bundle._columns("RETURN DISTINCT a, b.c AS d ORDER BY a") == ("a", "d")
    # a property named like a clause is a property
    assert bundle._columns("RETURN a[0..f.limit] AS b, f.order > 1 AS c LIMIT 2") == ("b", "c")
    assert bundle.columns("explore/neighbourhood_step")[-2:] == ("neighbours", "more")
    with pytest.raises(bundle.NotBundled):
        bundle._columns("MATCH (n) RETURN count(n)")
    with pytest.raises(bundle.NotBundled):
        bundle._columns("MATCH (n) WITH n")


def test_parameters_are_renamed_outside_comments_and_strings() -> None:
    text = "// uses $keys\nUNWIND $keys AS k RETURN k, '$keys' AS s, $limit AS l"
    assert bundle._renamed(text, "p3_") == (
        "// uses $keys\nUNWIND $p3_keys AS k RETURN k, '$keys' AS s, $p3_limit AS l"
    )


async def test_a_bundle_gives_each_file_its_own_rows(seeded: Database) -> None:
    works: dict[str, Any] = {
        "keys": [{"id": "gongfan-fang", "first": 2, "after": None, "order": "YEAR_DESC"}],
        "limit": 3,
        "props": ["id"],
        "cites": False,
        "sorted": False,
    }
    parts: list[tuple[str, dict[str, Any]]] = [
        ("loaders/researchers_by_id", {"keys": ["gongfan-fang", "nobody"], "props": ["name"]}),
        (
            "loaders/paper_authors",
            {"keys": ["no-such-paper"], "props": ["id"], "authorship": False},
        ),  # no rows
        ("loaders/researcher_works", works),
        ("loaders/researcher_stats", {"keys": ["gongfan-fang", "xinchao-wang"]}),
    ]
    trips = RoundTrips()
    answers = await seeded.read_together([(name, params, None) for name, params in parts], trips)
    together = [rows for rows, _, _ in answers]
    alone = [await seeded.read(name, params) for name, params in parts]
    assert together == alone
    assert trips.queries == 1
    assert together[0] == [{"key": "gongfan-fang", "node": ["Gongfan Fang"]}]
    assert together[1] == []
    assert together[2][0]["total"] == 5
    assert [row["works"] for row in together[3]] == [5, 16]


async def test_a_derived_part_takes_its_keys_from_the_nodes_before_it(seeded: Database) -> None:
    papers = {"keys": ["arxiv-2112.06253", "arxiv-2207.13309"], "props": ["id"], "cites": False}
    papers["sorted"] = False
    works = {"limit": 3, "props": ["id", "year"], "cites": False, "sorted": False}
    trips = RoundTrips()
    answers = await seeded.read_together(
        [
            ("loaders/papers_by_id", papers, None),
            # the authors of those papers, as their ids ("id" is at 0 of the papers' props)
            (
                "loaders/paper_authors",
                {"props": ["id"], "at": 0, "templates": [None], "authorship": False},
                Derived(0, False, True, False),
            ),
            # each author's two newest works: the key is the template with the author's id
            (
                "loaders/researcher_works",
                {**works, "at": 0, "templates": [{"id": None, "first": 2, "after": None}]},
                Derived(1, False, True, True),
            ),
        ],
        trips,
    )
    assert trips.queries == 1
    (_, _, _), (author_rows, papers_made, paper_keys), (work_rows, authors_made, author_keys) = (
        answers
    )
    assert sorted(papers_made) == [("arxiv-2112.06253", 0), ("arxiv-2207.13309", 0)]
    assert sorted(paper_keys) == ["arxiv-2112.06253", "arxiv-2207.13309"]
    author_ids = [author for author, _ in authors_made]
    # 7 and 8 authors, 11 distinct people: each author's works are loaded once
    assert len(author_rows) == 15
    assert len(author_ids) == len(set(author_ids)) == 11
    assert author_keys == [{"id": a, "first": 2, "after": None} for a in author_ids]
    fang = next(row for row in work_rows if row["key"]["id"] == "gongfan-fang")
    assert (fang["total"], [item["node"] for item in fang["items"]]) == (
        5,
        [["arxiv-2207.13309", 2022], ["arxiv-2205.07523", 2022], ["arxiv-2112.06253", 2022]],
    )
