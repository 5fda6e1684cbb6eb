"""Neighbourhood slices on the seed data: ranked, deduplicated, closed, two levels a round trip."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers import data, gql

pytestmark = pytest.mark.usefixtures("seeded")

SLICE = """query($id: ID!, $depth: Int, $kinds: [NodeKind!], $limit: Int, $max: Int) {
  neighbourhood(id: $id, depth: $depth, kinds: $kinds, limitPerNode: $limit, maxNodes: $max) {
    center { id: entityId kind label depth weight } truncated
    nodes { id: entityId kind label weight depth } edges { source target kind weight } } }"""


async def test_coauthors_ranked_by_shared_works(client: httpx.AsyncClient) -> None:
    body = await gql(
        client, SLICE, {"id": "gongfan-fang", "kinds": ["RESEARCHER"], "limit": 3}, debug=True
    )
    graph = body["data"]["neighbourhood"]
    assert graph["center"] == {
        "id": "gongfan-fang",
        "kind": "RESEARCHER",
        "label": "Gongfan Fang",
        "depth": 0,
        "weight": None,
    }
    assert [(n["id"], n["weight"], n["depth"]) for n in graph["nodes"]] == [
        ("gongfan-fang", None, 0),
        ("xinchao-wang", 5.0, 1),
        ("jie-song", 4.0, 1),
        ("mingli-song", 4.0, 1),
    ]
    assert graph["truncated"] is True  # 15 coauthors, 3 asked for
    # the edges among the four: to the center, and among the three themselves
    assert [(e["source"], e["target"], e["weight"]) for e in graph["edges"]] == [
        ("gongfan-fang", "jie-song", 4.0),
        ("gongfan-fang", "mingli-song", 4.0),
        ("gongfan-fang", "xinchao-wang", 5.0),
        ("jie-song", "mingli-song", 8.0),
        ("jie-song", "xinchao-wang", 8.0),
        ("mingli-song", "xinchao-wang", 13.0),
    ]
    assert {e["kind"] for e in graph["edges"]} == {"COAUTHOR"}
    assert body["extensions"]["cypher"]["queries"] == 2  # depth 1: one level, then the edges


async def test_every_kind_around_the_profile(client: httpx.AsyncClient) -> None:
    graph = (await data(client, SLICE, {"id": "gongfan-fang"}))["neighbourhood"]
    kinds = [n["kind"] for n in graph["nodes"]]
    assert (
        kinds.count("RESEARCHER"),
        kinds.count("PAPER"),
        kinds.count("TOPIC"),
        kinds.count("INSTITUTION"),
    ) == (16, 5, 4, 0)  # him, 15 coauthors, his works, topics
    assert graph["truncated"] is False
    ids = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    by_kind: dict[str, int] = {}
    for edge in graph["edges"]:
        by_kind[edge["kind"]] = by_kind.get(edge["kind"], 0) + 1
    assert by_kind["AUTHORED"] == 31  # every authorship of his five works
    assert by_kind["ABOUT"] == 9  # his works' topics
    topics = [(n["label"], n["weight"]) for n in graph["nodes"] if n["kind"] == "TOPIC"]
    assert [(label, round(weight, 2)) for label, weight in topics] == [
        ("Knowledge Distillation", 3.15),
        ("Data-Free Learning", 2.6),
        ("Image Synthesis", 0.9),
        ("Knowledge Amalgamation", 0.9),
    ]


async def test_depth_two_deduplicates_and_stops_at_max_nodes(client: httpx.AsyncClient) -> None:
    body = await gql(
        client,
        SLICE,
        # 38 nodes at most: 50 per node would otherwise rank past the cost cap
        {"id": "gongfan-fang", "depth": 2, "kinds": ["RESEARCHER"], "limit": 50, "max": 38},
        debug=True,
    )
    graph = body["data"]["neighbourhood"]
    ids = [n["id"] for n in graph["nodes"]]
    assert len(ids) == len(set(ids)) == 33  # every researcher of the seed is within two hops
    assert graph["truncated"] is False
    assert max(n["depth"] for n in graph["nodes"]) == 2
    # both levels in one round trip (the second for every neighbour the first brings), then
    # the edges; a third level is one more
    assert body["extensions"]["cypher"]["queries"] == 2
    deeper = await gql(
        client,
        SLICE,
        {"id": "gongfan-fang", "depth": 3, "kinds": ["RESEARCHER"], "limit": 50, "max": 38},
        debug=True,
    )
    assert deeper["data"]["neighbourhood"]["nodes"] == graph["nodes"]
    assert deeper["extensions"]["cypher"]["queries"] == 3
    # with the default 25 per node a long coauthor list is cut and one researcher left out
    default = (
        await data(client, SLICE, {"id": "gongfan-fang", "depth": 2, "kinds": ["RESEARCHER"]})
    )["neighbourhood"]
    assert (len(default["nodes"]), default["truncated"]) == (32, True)
    small = await data(client, SLICE, {"id": "gongfan-fang", "depth": 2, "max": 10})
    assert len(small["neighbourhood"]["nodes"]) == 10
    assert small["neighbourhood"]["truncated"] is True


async def test_the_graph_field_of_each_kind(client: httpx.AsyncClient) -> None:
    result = await data(
        client,
        """{
      topic(id: "knowledge-amalgamation") { graph(kinds: [TOPIC], limitPerNode: 5) {
        nodes { id: entityId weight } edges { kind } } }
      institution(id: "national-university-of-singapore") { graph { nodes { id: entityId } } }
      paper(id: "arxiv-2205.07523") { graph(kinds: [RESEARCHER]) { nodes { id: entityId } } }
      researcher(id: "gongfan-fang") {
        graph(kinds: [INSTITUTION]) { nodes { id: entityId } } } }""",
    )
    assert result["topic"]["graph"]["nodes"] == [
        {"id": "knowledge-amalgamation", "weight": None},
        {"id": "knowledge-distillation", "weight": 3.0},
        {"id": "scene-understanding", "weight": 1.0},
    ]
    assert {e["kind"] for e in result["topic"]["graph"]["edges"]} == {"RELATED"}
    assert [n["id"] for n in result["institution"]["graph"]["nodes"]] == [
        "national-university-of-singapore",
        "ruonan-yu",
        "songhua-liu",
        "xinchao-wang",
        "xinyin-ma",
    ]
    assert len(result["paper"]["graph"]["nodes"]) == 6  # the paper and its five authors
    assert result["researcher"]["graph"]["nodes"] == [{"id": "gongfan-fang"}]  # none imported


async def test_limits_and_unknown_ids(client: httpx.AsyncClient) -> None:
    assert (await data(client, SLICE, {"id": "no-such-node"})) == {"neighbourhood": None}
    body = await gql(client, SLICE, {"id": "gongfan-fang", "depth": 4})
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "argument": "depth",
        "max": 3,
    }
    body = await gql(client, SLICE, {"id": "gongfan-fang", "max": 5001})
    assert body["errors"][0]["extensions"]["argument"] == "maxNodes"


async def test_a_node_is_at_its_hops_from_the_center(client: httpx.AsyncClient) -> None:
    # three per node: Chengchao Shen misses the center's top three but is reached at the second
    # level; he wrote a work with the center, so he is one hop away, weighed by that edge
    vars = {"id": "gongfan-fang", "depth": 2, "kinds": ["RESEARCHER"], "limit": 3}
    graph = (await data(client, SLICE, vars))["neighbourhood"]
    assert [(n["id"], n["weight"], n["depth"]) for n in graph["nodes"]] == [
        ("gongfan-fang", None, 0),
        ("xinchao-wang", 5.0, 1),
        ("jie-song", 4.0, 1),
        ("mingli-song", 4.0, 1),
        ("chengchao-shen", 1.0, 1),
    ]
    assert {"chengchao-shen", "gongfan-fang"} in [
        {e["source"], e["target"]} for e in graph["edges"]
    ]


async def test_a_node_weighs_the_edge_it_is_reached_by(client: httpx.AsyncClient) -> None:
    # around a paper its authors are reached by AUTHORED edges, weighed 1 + the paper's
    # citations (none in the seed), not by the number of the author's works
    graph = (await data(client, SLICE, {"id": "arxiv-2205.07523"}))["neighbourhood"]
    assert [(n["id"], n["kind"], n["weight"], n["depth"]) for n in graph["nodes"]] == [
        ("arxiv-2205.07523", "PAPER", None, 0),
        ("xinchao-wang", "RESEARCHER", 1.0, 1),
        ("gongfan-fang", "RESEARCHER", 1.0, 1),
        ("weiming-lu", "RESEARCHER", 1.0, 1),
        ("yongliang-shen", "RESEARCHER", 1.0, 1),
        ("xinyin-ma", "RESEARCHER", 1.0, 1),
        ("data-free-learning", "TOPIC", 0.85, 1),
        ("knowledge-distillation", "TOPIC", 0.8, 1),
    ]
    reaching = {
        e["source"] if e["target"] == "arxiv-2205.07523" else e["target"]: e["weight"]
        for e in graph["edges"]
        if "arxiv-2205.07523" in (e["source"], e["target"])
    }
    assert {n["id"]: n["weight"] for n in graph["nodes"][1:]} == reaching


async def test_a_slice_place_carries_no_id_and_points_to_its_node(
    client: httpx.AsyncClient,
) -> None:
    query = """{ neighbourhood(id: "gongfan-fang", kinds: [TOPIC], limitPerNode: 2) {
      center { entityId entity { __typename id ... on Researcher { name } } }
      nodes { entityId kind entity { __typename id } } } }"""
    body = await gql(client, query, debug=True)
    graph = body["data"]["neighbourhood"]
    assert graph["center"] == {
        "entityId": "gongfan-fang",
        "entity": {"__typename": "Researcher", "id": "gongfan-fang", "name": "Gongfan Fang"},
    }
    types = {"RESEARCHER": "Researcher", "TOPIC": "Topic"}
    assert [(n["entityId"], n["entity"]) for n in graph["nodes"]] == [
        (n["entityId"], {"__typename": types[n["kind"]], "id": n["entityId"]})
        for n in graph["nodes"]
    ]
    assert [n["kind"] for n in graph["nodes"]] == ["RESEARCHER", "TOPIC", "TOPIC"]
    # a depth-1 slice is two round trips; the center's name one more, for every place at once
    assert body["extensions"]["cypher"]["queries"] == 3
    plain = await gql(client, query.replace(" ... on Researcher { name }", ""), debug=True)
    assert plain["extensions"]["cypher"]["queries"] == 2


async def test_no_slice_type_has_an_id_field(client: httpx.AsyncClient) -> None:
    found = await data(
        client,
        """{ a: __type(name: "GraphNode") { fields { name } }
             b: __type(name: "GraphEdge") { fields { name } }
             c: __type(name: "GraphSlice") { fields { name } } }""",
    )
    names = {field["name"] for kind in found.values() for field in kind["fields"]}
    assert "id" not in names and {"entityId", "entity"} <= names
