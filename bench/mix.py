"""The query mix of `bench/load`: what an explorer site's pages ask, with how often they ask it.

The pools the variables are drawn from (researchers, topics, institutions, words, a works
cursor) are sampled through the API itself, so the mix runs against any loaded graph.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

Data = dict[str, Any]
#: posts one operation and returns its `data` (raising on errors)
Post = Callable[[str, dict[str, Any]], Awaitable[Data]]


@dataclass
class Pools:
    """What the variables of the mix are drawn from."""

    researchers: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    institutions: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    #: researcher id -> the cursor after their first page of works
    works_cursors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Query:
    """One kind of request of the mix: its GraphQL, its share, how its variables are drawn."""

    name: str
    weight: int
    text: str
    variables: Callable[[Pools, random.Random], dict[str, Any]]


PROFILE = """query($id: ID!) { researcher(id: $id) {
  name headline openToCollaborate affiliation { name }
  trust { score label verificationLevel claimStatus }
  counts { works followers topics closeCollaborators }
  closeCollaborators { researcher { id name } sharedWorks }
  topics(first: 10) { topic { id name } works weight }
  works(first: 20) { totalCount edges { node { id type year venue title abstract } } } } }"""

WORKS_PAGE = """query($id: ID!, $after: String) { researcher(id: $id) {
  works(first: 20, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title year venue citedByCount authors { id name } } } } } }"""

COAUTHORS_OF_COAUTHORS = """query($id: ID!) { researcher(id: $id) {
  coauthorsOfCoauthors(first: 20) { totalCount edges { paths weight direct
    node { id name } via { coauthor { id name } sharedWorks theirSharedWorks } } } } }"""

NEIGHBOURHOOD = """query($id: ID!) { neighbourhood(id: $id, depth: 2) {
  truncated nodes { id: entityId kind label weight depth }
  edges { source target kind weight } } }"""

SEARCH = """query($text: String!) { search(text: $text, first: 20) {
  __typename ... on Researcher { id name } ... on Paper { id title year }
  ... on Topic { id name } ... on Institution { id name } } }"""

AUTOCOMPLETE = """query($prefix: String!) { autocomplete(prefix: $prefix) {
  __typename ... on Researcher { id name } ... on Paper { id title }
  ... on Topic { id name } ... on Institution { id name } } }"""

PAPERS_LIST = """query($topic: ID, $from: Int) {
  papers(first: 20, filter: {topic: $topic, yearFrom: $from}, orderBy: YEAR_DESC) {
    edges { node { id title year venue authors { id name } } } pageInfo { endCursor } } }"""

RESEARCHERS_LIST = """query($institution: ID, $open: Boolean) {
  researchers(first: 20, filter: {institution: $institution, openToCollaborate: $open}) {
    totalCount edges { node { id name headline counts { works } } } } }"""

PAPER_STATS = """query($topic: ID!) { paperStats(filter: {topic: $topic}) {
  count byYear { year count } byType { type count }
  byTopic(first: 10) { topic { id name } count } } }"""


def _researcher(pools: Pools, rng: random.Random) -> dict[str, Any]:
    return {"id": rng.choice(pools.researchers)}


def _works_page(pools: Pools, rng: random.Random) -> dict[str, Any]:
    """Half first pages, half second pages (after the cursor the first page gave out)."""
    researcher = rng.choice(pools.researchers)
    after = pools.works_cursors.get(researcher) if rng.random() < 0.5 else None
    return {"id": researcher, "after": after}


def _prefix(pools: Pools, rng: random.Random) -> dict[str, Any]:
    word = rng.choice(pools.words)
    return {"prefix": word[: rng.randint(min(3, len(word)), len(word))]}


def _papers(pools: Pools, rng: random.Random) -> dict[str, Any]:
    return {
        "topic": rng.choice(pools.topics),
        "from": rng.choice(pools.years) if pools.years and rng.random() < 0.5 else None,
    }


def _researchers(pools: Pools, rng: random.Random) -> dict[str, Any]:
    return {
        "institution": rng.choice(pools.institutions) if pools.institutions else None,
        "open": rng.choice([True, None]),
    }


MIX = (
    Query("profile", 25, PROFILE, _researcher),
    Query("worksPage", 15, WORKS_PAGE, _works_page),
    Query("coauthorsOfCoauthors", 8, COAUTHORS_OF_COAUTHORS, _researcher),
    Query("neighbourhood", 4, NEIGHBOURHOOD, _researcher),
    Query("search", 10, SEARCH, lambda pools, rng: {"text": rng.choice(pools.words)}),
    Query("autocomplete", 18, AUTOCOMPLETE, _prefix),
    Query("papersList", 10, PAPERS_LIST, _papers),
    Query("researchersList", 5, RESEARCHERS_LIST, _researchers),
    Query("paperStats", 5, PAPER_STATS, lambda pools, rng: {"topic": rng.choice(pools.topics)}),
)

SAMPLE = """query($first: Int!) {
  busy: researchers(first: $first, orderBy: WORKS_DESC) { edges { node { id name } } }
  byName: researchers(first: $first) { edges { node { id name } } }
  topics(first: $first, orderBy: PAPERS_DESC) { edges { node { id name } } }
  institutions(first: $first, orderBy: MEMBERS_DESC) { edges { node { id } } }
  paperStats { byYear { year count } } }"""

FIRST_WORKS_PAGE = """query($id: ID!) { researcher(id: $id) {
  works(first: 20) { pageInfo { hasNextPage endCursor } } } }"""


def _words(names: list[str]) -> list[str]:
    """The words of names that search can find whole: letters only, three or more of them."""
    words = {word.lower() for name in names for word in name.split()}
    return sorted(word for word in words if len(word) >= 3 and word.isalpha())


async def sample(post: Post, first: int = 100) -> Pools:
    """Pools drawn from the graph behind `post`: the busiest researchers and some by name,
    the largest topics and institutions, words of their names, the years with works."""
    data = await post(SAMPLE, {"first": first})
    people = [e["node"] for e in data["busy"]["edges"] + data["byName"]["edges"]]
    topics = [e["node"] for e in data["topics"]["edges"]]
    pools = Pools(
        researchers=sorted({p["id"] for p in people}),
        topics=[t["id"] for t in topics],
        institutions=[e["node"]["id"] for e in data["institutions"]["edges"]],
        words=_words([p["name"] for p in people] + [t["name"] for t in topics]),
        years=[y["year"] for y in data["paperStats"]["byYear"] if y["count"]],
    )
    for researcher in pools.researchers:
        works = (await post(FIRST_WORKS_PAGE, {"id": researcher}))["researcher"]["works"]
        if works["pageInfo"]["hasNextPage"]:
            pools.works_cursors[researcher] = works["pageInfo"]["endCursor"]
    return pools


def draw(rng: random.Random) -> Query:
    """One query of the mix, as often as its weight says."""
    return rng.choices(MIX, weights=[query.weight for query in MIX])[0]
