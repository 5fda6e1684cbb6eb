"""Several named reads in one round trip: the columns read off each file, parameters renamed
apart, and each file's rows exactly as it gives them alone."""

from __future__ import annotations

from typing import Any

import pytest

from bzpeer_graphql.db import bundle
from bzpeer_graphql.db.database import Database, RoundTrips


def test_columns_come_from_the_last_top_level_return() -> None:
    assert bundle.columns("loaders/researcher_works") == ("key", "total", "items")
    assert bundle.columns("loaders/paper_authors") == ("key", "node", "position", "authorship")
    assert bundle.columns("loaders/viewer_claims") == ("key", "node", "verified", "at")
    assert bundle._columns("RETURN DISTINCT a, b.c AS d ORDER BY a") == ("a", "d")
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
        ("loaders/paper_authors", {"keys": ["no-such-paper"], "props": ["id"]}),  # no rows
        ("loaders/researcher_works", works),
        ("loaders/researcher_stats", {"keys": ["gongfan-fang", "xinchao-wang"]}),
    ]
    trips = RoundTrips()
    together = await seeded.read_together(parts, trips)
    alone = [await seeded.read(name, params) for name, params in parts]
    assert together == alone
    assert trips.queries == 1
    assert together[0] == [{"key": "gongfan-fang", "node": ["Gongfan Fang"]}]
    assert together[1] == []
    assert together[2][0]["total"] == 5
    assert [row["works"] for row in together[3]] == [5, 16]
