"""The analysts' benchmark agrees with its floor on the seed: every question one request, one
Cypher round trip, the same answer as the hand-written Cypher."""

from __future__ import annotations

from bench.analysts import QUESTIONS, answers
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.settings import Settings


async def test_every_analyst_question_equals_its_floor_in_one_round_trip(
    seeded: Database, settings: Settings
) -> None:
    results = {r["question"]: r for r in await answers(seeded, settings, runs=1)}
    assert len(results) == len(QUESTIONS) >= 10
    assert [q for q, r in results.items() if not r["equal"]] == []
    assert {(r["requests"], r["trips"]) for r in results.values()} == {(1, 1)}
    # the researcher with most works is Xinchao Wang (16), the largest institution ZJU
    assert results["coauthoring_institutions"]["answer"] == [
        ("national-university-of-singapore", 16),
        ("zhejiang-university", 14),
    ]
    assert results["joint_institutions"]["answer"] == 14
    # no citations in the seed: h-index 0 for all, then most works, then by name
    assert results["h_index"]["answer"] == [
        "mingli-song",
        "jie-song",
        "haofei-zhang",
        "weiming-lu",
        "yongliang-shen",
        "zunlei-feng",
    ]
