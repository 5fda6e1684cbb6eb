"""The pieces of `bench/load`: its sampling and every query of its mix work on the seed graph."""

from __future__ import annotations

import os
import random
from typing import Any

import httpx
import pytest

from bench import mix
from bench.load import Tally, rss_kib, summarize
from tests.helpers import data

pytestmark = pytest.mark.usefixtures("seeded")


async def test_sampling_draws_from_the_graph(client: httpx.AsyncClient) -> None:
    async def post(query: str, variables: dict[str, Any]) -> mix.Data:
        return await data(client, query, variables)

    pools = await mix.sample(post)
    assert "gongfan-fang" in pools.researchers
    assert "knowledge-distillation" in pools.topics
    assert {"zhejiang-university", "national-university-of-singapore"} <= set(pools.institutions)
    assert {"fang", "gongfan", "distillation"} <= set(pools.words)
    assert pools.years == [2019, 2020, 2022, 2023]  # 2021 had no works
    assert pools.works_cursors == {}  # nobody in the seed has more than one page of works


@pytest.mark.parametrize("query", mix.MIX, ids=lambda query: query.name)
async def test_every_query_of_the_mix_answers_without_errors(
    client: httpx.AsyncClient, query: mix.Query
) -> None:
    pools = mix.Pools(
        researchers=["gongfan-fang", "xinchao-wang"],
        topics=["knowledge-distillation"],
        institutions=["national-university-of-singapore"],
        words=["distillation", "fang"],
        years=[2020],
        works_cursors={},
    )
    rng = random.Random(7)
    for _ in range(3):
        answer = await data(client, query.text, query.variables(pools, rng))
        assert answer and all(value is not None for value in answer.values()), answer


def test_the_summary_counts_requests_latencies_and_errors() -> None:
    tally = Tally()
    for ms in range(1, 101):
        tally.record("profile", float(ms), [])
    tally.record("search", 500.0, ["BAD_USER_INPUT"])
    result = summarize(tally, elapsed=10.0)
    assert result["queries"]["profile"] == {
        "requests": 100,
        "rps": 10.0,
        "p50Ms": 51.0,
        "p99Ms": 100.0,
        "errors": 0,
    }
    assert result["overall"]["requests"] == 101
    assert result["overall"]["errors"] == 1
    assert result["errorsByCode"] == {"BAD_USER_INPUT": 1}


def test_rss_is_read_from_proc() -> None:
    assert 10_000 < rss_kib(os.getpid()) < 10_000_000
