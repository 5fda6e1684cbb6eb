"""The analysts' kind of query runs from its plan in the round trips its levels need, as
`X-Bzpeer-Debug` reports them: topics, affiliations, topic and institution fields, and `node`,
`search` and `autocomplete` with fragments on several types."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.helpers import gql

pytestmark = pytest.mark.usefixtures("seeded")

#: (query, Cypher round trips): a level whose keys are node ids rides with the level above it
MIX: list[tuple[str, int]] = [
    (
        """{ researcher(id: "gongfan-fang") { name affiliations { current institution { name } }
          topics(first: 3) { works topic { name } } } }""",
        1,
    ),
    (
        """{ researcher(id: "xinchao-wang") { affiliation { name country ror }
          affiliations { since until institution { id } } } }""",
        1,
    ),
    (
        """{ paper(id: "arxiv-2207.13309") { title topics { score topic { id name } }
          authorships { position researcher { name } } } }""",
        1,
    ),
    (
        """{ topic(id: "knowledge-distillation") { name paperCount
          papers(first: 3) { totalCount edges { node { title year } } }
          researchers(first: 3) { edges { works node { name } } }
          relatedTopics(first: 3) { sharedPapers topic { name } } } }""",
        1,
    ),
    (
        """{ institution(id: "national-university-of-singapore") { name country
          members(first: 5) { totalCount edges { current node { name } } }
          topics(first: 3) { works topic { name } } } }""",
        1,
    ),
    (
        """{ node(id: "gongfan-fang") { id ... on Researcher { name counts { works } } }
          other: node(id: "knowledge-distillation") { ... on Topic { name paperCount } } }""",
        2,
    ),
    (
        """{ search(text: "distillation", first: 5) { __typename
          ... on Paper { title authors { name } } ... on Researcher { name } } }""",
        2,
    ),
    (
        """{ autocomplete(prefix: "gong") { ... on Researcher { name works(first: 2) {
          totalCount edges { node { title topics { topic { name } } } } } } } }""",
        2,
    ),
    (
        # the seed's papers name no primary topic and no corresponding author, and the page
        # counts citations itself: nothing is left to load
        """{ papers(first: 3, filter: {topic: "knowledge-distillation"}) { edges { node {
          title primaryTopic { name } correspondingAuthors { name } citedByCount } } } }""",
        1,
    ),
    (
        # the graph's indices and the profile's counts hang on the researcher: one level below
        """{ a: researcher(id: "gongfan-fang") { hIndex i10Index sourceStats { hIndex }
          counts { works } } b: researcher(id: "xinchao-wang") { hIndex i10Index } }""",
        1,
    ),
    (
        # `node` brings no citation count: the papers' counts are one batch at the next level
        """{ a: node(id: "arxiv-1912.11006") { ... on Paper { title citedByCount } }
          b: node(id: "arxiv-2007.05441") { ... on Paper { citedByCount } } }""",
        2,
    ),
]


async def round_trips(client: httpx.AsyncClient, query: str) -> tuple[int, dict[str, Any]]:
    body = await gql(client, query, debug=True)
    assert "errors" not in body, body["errors"]
    return body["extensions"]["cypher"]["queries"], body["data"]


@pytest.mark.parametrize(("query", "expected"), MIX)
async def test_each_query_takes_the_round_trips_of_its_levels(
    client: httpx.AsyncClient, query: str, expected: int
) -> None:
    trips, data = await round_trips(client, query)
    assert trips == expected, data


#: (a forward page, the same list paged backward, the round trips of each): the backward page
#: and the levels below it ride in the same round trips as the forward one
BACKWARD: list[tuple[str, str, int]] = [
    (
        """{ researcher(id: "gongfan-fang") { works(first: 2) { totalCount
          pageInfo { hasNextPage } edges { node { title topics { topic { name } } } } } } }""",
        """{ researcher(id: "gongfan-fang") { works(last: 2) { totalCount
          pageInfo { hasNextPage } edges { node { title topics { topic { name } } } } } } }""",
        1,
    ),
    (
        """{ researcher(id: "gongfan-fang") { coauthors(first: 2) { edges { sharedWorks
          node { name works(first: 1) { edges { node { title } } } } } } } }""",
        """{ researcher(id: "gongfan-fang") { coauthors(last: 2) { edges { sharedWorks
          node { name works(last: 1) { edges { node { title } } } } } } } }""",
        1,
    ),
    (
        """{ institution(id: "zhejiang-university") { members(first: 2) { edges { since
          node { name coauthors(first: 1) { edges { node { name } } } } } } } }""",
        """{ institution(id: "zhejiang-university") { members(last: 2) { edges { since
          node { name coauthors(last: 1) { edges { node { name } } } } } } } }""",
        1,
    ),
    (
        """{ papers(first: 3) { edges { node { title authors { name } } } } }""",
        """{ papers(last: 3) { edges { node { title authors { name } } } } }""",
        1,
    ),
]


@pytest.mark.parametrize(("forward", "backward", "expected"), BACKWARD)
async def test_a_backward_page_takes_the_round_trips_of_a_forward_one(
    client: httpx.AsyncClient, forward: str, backward: str, expected: int
) -> None:
    assert (await round_trips(client, forward))[0] == expected
    trips, data = await round_trips(client, backward)
    assert trips == expected, data
