"""Coauthors of coauthors, suggested collaborators and collaboration paths, on a hand-built graph
where the answers are known and on the seed graph."""

from __future__ import annotations

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Paper, PaperTopic, Researcher, Topic
from bzpeer_graphql.ingest.seed import load_seed
from tests.helpers import Records, data, gql, wipe

# a writes with b (p1, p2) and c (p3); b with x, y (twice), c and q; c with x and z; y with w.
# x, y, z, w are open to collaborate, q is not; "lone" writes alone.
PEOPLE = {
    "a": "Ada A",
    "b": "Bea B",
    "c": "Cai C",
    "x": "Xia X",
    "y": "Yun Y",
    "z": "Zed Z",
    "w": "Wen W",
    "q": "Qin Q",
    "lone": "Lone L",
}
OPEN = {"x", "y", "z", "w", "b", "c"}
WORKS = {
    "p1": (["a", "b"], "t1", 0.9),
    "p2": (["a", "b"], None, 0),
    "p3": (["a", "c"], "t2", 0.5),
    "p4": (["b", "x"], "t1", 0.8),
    "p5": (["c", "x"], "t2", 0.7),
    "p6": (["b", "y"], "t1", 0.6),
    "p7": (["b", "y"], None, 0),
    "p8": (["c", "z"], None, 0),
    "p9": (["y", "w"], "t1", 0.4),
    "p10": (["b", "c"], None, 0),
    "p11": (["b", "q"], "t1", 0.3),
    "p12": (["lone"], "t2", 0.2),
}


@pytest.fixture(scope="module")
async def network(db: Database) -> Database:
    await wipe(db)
    records = [
        Topic("t1", "Topic One"),
        Topic("t2", "Topic Two"),
        *(Researcher(rid, name, openToCollaborate=rid in OPEN) for rid, name in PEOPLE.items()),
        *(
            Paper(
                pid,
                f"Work {pid}",
                year=2020,
                authors=authors,
                topics=[PaperTopic(topic, score)] if topic else [],
            )
            for pid, (authors, topic, score) in WORKS.items()
        ),
    ]
    await Loader(db).load(Records(records))
    return db


COAUTHORS_OF_COAUTHORS = """query($id: ID!, $exclude: Boolean, $first: Int, $after: String) {
  researcher(id: $id) { coauthorsOfCoauthors(first: $first, after: $after,
                                             excludeDirect: $exclude) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id } paths weight direct via { coauthor { id } sharedWorks theirSharedWorks } }
  } } }"""


def _ranked(connection: dict) -> list[tuple[str, int, int, bool]]:
    return [(e["node"]["id"], e["paths"], e["weight"], e["direct"]) for e in connection["edges"]]


async def test_coauthors_of_coauthors_ranked_by_distinct_paths(
    client: httpx.AsyncClient, network: Database
) -> None:
    body = await gql(client, COAUTHORS_OF_COAUTHORS, {"id": "a"}, debug=True)
    found = body["data"]["researcher"]["coauthorsOfCoauthors"]
    # x through b and c (weaker links 1 + 1); y through b (2 shared each side); b and c reach
    # each other through p10, and are direct coauthors too; q through b; a itself never.
    assert _ranked(found) == [
        ("x", 2, 2, False),
        ("y", 1, 2, False),
        ("b", 1, 1, True),
        ("c", 1, 1, True),
        ("q", 1, 1, False),
        ("z", 1, 1, False),
    ]
    assert found["totalCount"] == 6
    assert found["edges"][0]["via"] == [
        {"coauthor": {"id": "b"}, "sharedWorks": 2, "theirSharedWorks": 1},
        {"coauthor": {"id": "c"}, "sharedWorks": 1, "theirSharedWorks": 1},
    ]
    # the researcher and the list asked for by its id: one round trip
    assert body["extensions"]["cypher"]["queries"] == 1


async def test_exclude_direct_leaves_out_coauthors(
    client: httpx.AsyncClient, network: Database
) -> None:
    found = (await data(client, COAUTHORS_OF_COAUTHORS, {"id": "a", "exclude": True}))[
        "researcher"
    ]["coauthorsOfCoauthors"]
    assert [e["node"]["id"] for e in found["edges"]] == ["x", "y", "q", "z"]
    assert found["totalCount"] == 4


async def test_coauthors_of_coauthors_pages_without_skipping(
    client: httpx.AsyncClient, network: Database
) -> None:
    seen: list[str] = []
    after = None
    for _ in range(4):
        page = (
            await data(client, COAUTHORS_OF_COAUTHORS, {"id": "a", "first": 2, "after": after})
        )["researcher"]["coauthorsOfCoauthors"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["x", "y", "b", "c", "q", "z"]


SUGGESTIONS = """query($id: ID!, $first: Int) { researcher(id: $id) {
  suggestedCollaborators(first: $first) { researcher { id } score sharedTopicCount
    commonCoauthorCount sharedTopics { id } commonCoauthors { id } } } }"""


async def test_suggestions_rank_topic_overlap_and_common_coauthors(
    client: httpx.AsyncClient, network: Database
) -> None:
    found = (await data(client, SUGGESTIONS, {"id": "a"}))["researcher"]["suggestedCollaborators"]
    # x: both topics and both coauthors; y: t1 and b; z: c only; w: t1 only (reached through the
    # topic, not the network). q is not open to collaborate; b and c are coauthors already.
    assert [
        (s["researcher"]["id"], s["score"], s["sharedTopicCount"], s["commonCoauthorCount"])
        for s in found
    ] == [("x", 4, 2, 2), ("y", 2, 1, 1), ("z", 1, 0, 1), ("w", 1, 1, 0)]
    assert found[0]["sharedTopics"] == [{"id": "t1"}, {"id": "t2"}]  # a's heavier topic first
    assert found[0]["commonCoauthors"] == [{"id": "b"}, {"id": "c"}]  # a's closer coauthor first
    top = (await data(client, SUGGESTIONS, {"id": "a", "first": 1}))["researcher"]
    assert [s["researcher"]["id"] for s in top["suggestedCollaborators"]] == ["x"]


PATH = """query($from: ID!, $to: ID!, $hops: Int) {
  collaborationPath(from: $from, to: $to, maxHops: $hops) {
    length researchers { id } papers { id } } }"""


async def test_collaboration_path_is_the_shortest_chain(
    client: httpx.AsyncClient, network: Database
) -> None:
    body = await gql(client, PATH, {"from": "a", "to": "z"}, debug=True)
    assert body["data"]["collaborationPath"] == {
        "length": 2,
        "researchers": [{"id": "a"}, {"id": "c"}, {"id": "z"}],
        "papers": [{"id": "p3"}, {"id": "p8"}],
    }
    assert body["extensions"]["cypher"]["queries"] == 1
    far = (await data(client, PATH, {"from": "a", "to": "w"}))["collaborationPath"]
    assert far["length"] == 3
    assert [r["id"] for r in far["researchers"]] == ["a", "b", "y", "w"]
    assert far["papers"][0]["id"] in {"p1", "p2"} and far["papers"][1]["id"] in {"p6", "p7"}
    assert far["papers"][2] == {"id": "p9"}


async def test_no_path_is_null(client: httpx.AsyncClient, network: Database) -> None:
    assert (await data(client, PATH, {"from": "a", "to": "w", "hops": 2}))[
        "collaborationPath"
    ] is None
    assert (await data(client, PATH, {"from": "a", "to": "lone"}))["collaborationPath"] is None
    assert (await data(client, PATH, {"from": "a", "to": "nobody"}))["collaborationPath"] is None
    assert (await data(client, PATH, {"from": "a", "to": "a"}))["collaborationPath"] == {
        "length": 0,
        "researchers": [{"id": "a"}],
        "papers": [],
    }


async def test_max_hops_is_bounded(client: httpx.AsyncClient, network: Database) -> None:
    for hops in (0, 9):
        body = await gql(client, PATH, {"from": "a", "to": "w", "hops": hops})
        assert body["data"]["collaborationPath"] is None
        [error] = body["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert error["message"] == f"maxHops must be from 1 to 8 (got {hops})"


async def test_seed_coauthors_of_coauthors(client: httpx.AsyncClient, db: Database) -> None:
    await wipe(db)
    await load_seed(db)
    found = (
        await data(
            client, COAUTHORS_OF_COAUTHORS, {"id": "gongfan-fang", "exclude": True, "first": 3}
        )
    )["researcher"]["coauthorsOfCoauthors"]
    assert found["totalCount"] == 17
    assert _ranked(found) == [
        ("mengqi-xue", 5, 5, False),
        ("jingwen-ye", 4, 9, False),
        ("yixin-chen", 4, 7, False),
    ]
    # only Gongfan Fang is open to collaborate in the seed; he is Mengqi Xue's suggestion
    suggested = (await data(client, SUGGESTIONS, {"id": "mengqi-xue"}))["researcher"][
        "suggestedCollaborators"
    ]
    assert [(s["researcher"]["id"], s["score"]) for s in suggested] == [("gongfan-fang", 7)]
    assert suggested[0]["sharedTopics"] == [
        {"id": "knowledge-amalgamation"},
        {"id": "knowledge-distillation"},
    ]
    path = (await data(client, PATH, {"from": "gongfan-fang", "to": "yixin-chen"}))[
        "collaborationPath"
    ]
    assert path["length"] == 2
