"""Seeded samples of papers and researchers: the same seed draws the same sample (as a hash of
the ids says, checked here against a reading of the rule written apart from the Cypher), the
list's own filter, bounds refused (seed data)."""

from __future__ import annotations

import json

import httpx
import pytest

from bzpeer_graphql.resources import project_dir
from tests.helpers import data, gql

pytestmark = pytest.mark.usefixtures("seeded")

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.:/"
PRIME = 2147483647


def _drawn(ids: list[str], seed: int, size: int) -> list[str]:
    """The sample the documented rule draws: ids ranked by the seeded hash, then by id."""

    def rank(name: str) -> int:
        hashed = 0
        for char in name:
            place = ALPHABET.find(char)
            hashed = (hashed * 48271 + (len(ALPHABET) if place < 0 else place) + 1) % PRIME
        return (hashed * (seed % (PRIME - 1) + 1) + seed) % PRIME

    return sorted(ids, key=lambda name: (rank(name), name))[:size]


def _seed_ids(kind: str) -> list[str]:
    lines = (project_dir("seed_data") / "graph.jsonl").read_text().splitlines()
    return [r["id"] for r in map(json.loads, lines) if r["kind"] == kind]


async def test_the_same_seed_draws_the_same_papers(client: httpx.AsyncClient) -> None:
    found = await data(
        client,
        """{ a: paperSample(size: 5, seed: 42) { id }
             b: paperSample(size: 5, seed: 42) { id year }
             c: paperSample(size: 5, seed: 7) { id } }""",
    )
    a = [p["id"] for p in found["a"]]
    assert a == [p["id"] for p in found["b"]]
    assert a == _drawn(_seed_ids("paper"), 42, 5)
    assert [p["id"] for p in found["c"]] == _drawn(_seed_ids("paper"), 7, 5)
    assert [p["id"] for p in found["c"]] != a


async def test_a_sample_draws_from_the_lists_filter(client: httpx.AsyncClient) -> None:
    found = await data(
        client,
        """{ papers: paperSample(size: 3, seed: 1, filter: {topic: "knowledge-distillation"}) {
               id topics { topic { id } } }
             few: paperSample(size: 200, seed: 1, filter: {topic: "image-synthesis"}) { id }
             people: researcherSample(size: 4, seed: 3,
               filter: {institution: "zhejiang-university"}) { id } }""",
    )
    kd = [
        "arxiv-1811.02796",
        "arxiv-1908.07121",
        "arxiv-1912.11006",
        "arxiv-2003.10477",
        "arxiv-2112.06253",
        "arxiv-2205.07523",
        "arxiv-2207.13309",
        "arxiv-2301.07014",
    ]
    assert [p["id"] for p in found["papers"]] == _drawn(kd, 1, 3)
    assert all(
        "knowledge-distillation" in [t["topic"]["id"] for t in p["topics"]] for p in found["papers"]
    )
    assert [p["id"] for p in found["few"]] == ["arxiv-2007.05441"]
    zju = ["jie-song", "mingli-song", "haofei-zhang", "weiming-lu", "yongliang-shen", "zunlei-feng"]
    assert [r["id"] for r in found["people"]] == _drawn(zju, 3, 4)


@pytest.mark.parametrize(
    ("arguments", "argument"),
    [("size: 0", "size"), ("size: 201", "size"), ("size: 5, seed: -1", "seed")],
)
async def test_a_sample_out_of_bounds_is_bad_user_input(
    client: httpx.AsyncClient, arguments: str, argument: str
) -> None:
    body = await gql(client, f"{{ paperSample({arguments}) {{ id }} }}")
    assert [(e["extensions"]["code"], e["extensions"]["argument"]) for e in body["errors"]] == [
        ("BAD_USER_INPUT", argument)
    ]
