"""The neighbourhood question: the slice an explorer draws around a researcher, at depth 2, with
the default limits (every kind, the best 25 neighbours per node, 500 nodes in all).

Every answer is reduced to its node set and its edges: `nodes` as sorted [id, kind, depth],
`edges` as sorted [source, target, kind, weight] (weights rounded to 6 places). The order in
which bzpeer lists nodes is not compared, only which nodes made it in, and at what depth; labels
are asked for (an explorer draws them) but not compared, nor are node weights and `truncated`.
On the small graph the sampled researchers' slices hold 229 to 387 nodes (1,862 to 3,197 edges),
so the 500-node cap does not bind there; tests/test_bench_questions.py checks the cap with small
limits on the seed.

The peer (the Neo4j GraphQL Library) has no notion of a slice. It asks the closest nested query
it can: the researcher, its ranked neighbours and theirs, each level a `neighbours(limit: 25)`
`@cypher` field (ranked as bzpeer ranks them) returning a union of the four node types. What
the library cannot express is done where an explorer would do it, in the client: dropping the
nodes already drawn (first come, in rank order) and stopping at 500 nodes; then a second request
asks for the edges among the nodes kept (a `sliceEdges` `@cypher` root field), because which
edges belong to a slice depends on the nodes the first request found. Both requests are timed
as the peer's answer. Depth-2 neighbours of every depth-1 node come back before the client
drops the surplus, so the peer reads up to 25 x 25 + 25 + 1 nodes where the cap keeps 500.
"""

from __future__ import annotations

from typing import Any

from bench.question import Canon, Data, FollowUp, Question

DEPTH = 2
LIMIT_PER_NODE = 25  # bzpeer's defaults, given explicitly so that a run states its limits
MAX_NODES = 500
KIND_OF_TYPE = {
    "Researcher": "RESEARCHER",
    "Paper": "PAPER",
    "Topic": "TOPIC",
    "Institution": "INSTITUTION",
}

BZPEER = """query($id: ID!, $limit: Int!, $maxNodes: Int!) {
  neighbourhood(id: $id, depth: 2, limitPerNode: $limit, maxNodes: $maxNodes) {
    nodes { id: entityId kind label depth } edges { source target kind weight } } }"""

PEER = """fragment Drawn on ExploreNode { __typename
  ... on Researcher { id name } ... on Paper { id title }
  ... on Topic { id name } ... on Institution { id name } }
query($id: ID!, $limit: Int!) { researchers(where: {id: {eq: $id}}) { id name
  neighbours(limit: $limit) { ...Drawn
    ... on Researcher { neighbours(limit: $limit) { ...Drawn } }
    ... on Paper { neighbours(limit: $limit) { ...Drawn } }
    ... on Topic { neighbours(limit: $limit) { ...Drawn } }
    ... on Institution { neighbours(limit: $limit) { ...Drawn } } } } }"""

PEER_EDGES = """query($researchers: [ID!]!, $papers: [ID!]!, $topics: [ID!]!,
  $institutions: [ID!]!) {
  sliceEdges(researchers: $researchers, papers: $papers, topics: $topics,
             institutions: $institutions) { source target kind weight } }"""


def _canon(nodes: list[list[Any]], edges: list[dict[str, Any]]) -> Canon:
    return {
        "nodes": sorted(nodes),
        "edges": sorted(
            [e["source"], e["target"], e["kind"], round(e["weight"], 6)] for e in edges
        ),
    }


def _from_floor(row: Data) -> Canon:
    return _canon([[n["id"], n["kind"], n["depth"]] for n in row["nodes"]], row["edges"])


def _from_bzpeer(data: Data) -> Canon:
    graph = data["neighbourhood"]
    return _canon([[n["id"], n["kind"], n["depth"]] for n in graph["nodes"]], graph["edges"])


def peer_slice(data: Data) -> dict[tuple[str, str], int]:
    """The nodes the peer's tree of neighbours holds, (kind, id) -> depth, as bzpeer keeps them:
    first come first kept, in rank order, MAX_NODES in all."""
    center = data["researchers"][0]
    kept = {("RESEARCHER", center["id"]): 0}
    frontier = [center]
    for depth in range(1, DEPTH + 1):
        reached = []
        for node in frontier:
            for found in node["neighbours"]:
                key = (KIND_OF_TYPE[found["__typename"]], found["id"])
                if key not in kept and len(kept) < MAX_NODES:
                    kept[key] = depth
                    reached.append(found)
        frontier = reached
    return kept


def _edge_variables(data: Data) -> dict[str, Any]:
    by_kind: dict[str, list[str]] = {kind: [] for kind in KIND_OF_TYPE.values()}
    for kind, node_id in peer_slice(data):
        by_kind[kind].append(node_id)
    return {
        "researchers": sorted(by_kind["RESEARCHER"]),
        "papers": sorted(by_kind["PAPER"]),
        "topics": sorted(by_kind["TOPIC"]),
        "institutions": sorted(by_kind["INSTITUTION"]),
    }


def _from_peer(data: Data) -> Canon:
    kept = peer_slice(data)
    center = data["researchers"][0]["id"]
    # a node's depth is its hops from the center over the slice's edges, as bzpeer says it
    touching = {
        e["source"] if e["target"] == center else e["target"]
        for e in data["sliceEdges"]
        if center in (e["source"], e["target"])
    }
    nodes = [
        [node_id, kind, 1 if depth == 2 and node_id in touching else depth]
        for (kind, node_id), depth in kept.items()
    ]
    return _canon(nodes, data["sliceEdges"])


NEIGHBOURHOOD = Question(
    "neighbourhood",
    "neighbourhood slice of a researcher, depth 2, every kind, 25 per node, 500 nodes",
    "researchers",
    "neighbourhood.cypher",
    BZPEER,
    PEER,
    _from_floor,
    _from_bzpeer,
    _from_peer,
    (("limit", LIMIT_PER_NODE), ("maxNodes", MAX_NODES)),
    peer_then=FollowUp(PEER_EDGES, _edge_variables),
)
