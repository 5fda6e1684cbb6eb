"""Duplicate candidates: pairs of author records that may be one person, with score and reasons."""

from __future__ import annotations

import asyncio
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from bzpeer_graphql.duplicates import DEFAULT_MIN_SCORE, Likeness, likeness
from bzpeer_graphql.errors import BadUserInput
from bzpeer_graphql.graph.node import GraphInfo, describe_values, limit, page_of
from bzpeer_graphql.graph.pagination import After, Connection, First, connection
from bzpeer_graphql.loaders.identity import (
    DuplicateBlocks,
    ResearcherDuplicateBlock,
    ResearcherIdentityFeatures,
)
from bzpeer_graphql.loaders.researcher import ResearcherById

if TYPE_CHECKING:
    from bzpeer_graphql.graph.researcher import Researcher

ResearcherType = Annotated["Researcher", strawberry.lazy("bzpeer_graphql.graph.researcher")]
ORDERING = "DUPLICATES"
#: name blocks larger than this are too common a name to compare pair by pair
MAX_BLOCK = 200


@strawberry.enum(description="A piece of evidence for or against two records being one person.")
class DuplicateReason(Enum):
    SAME_ORCID = "SAME_ORCID"
    SAME_NAME = "SAME_NAME"
    NAME_INITIALS = "NAME_INITIALS"
    NAME_ORDER = "NAME_ORDER"
    SHARED_COAUTHORS = "SHARED_COAUTHORS"
    SHARED_INSTITUTIONS = "SHARED_INSTITUTIONS"
    SHARED_TOPICS = "SHARED_TOPICS"
    YEARS_APART = "YEARS_APART"
    COAUTHORS_OF_EACH_OTHER = "COAUTHORS_OF_EACH_OTHER"


describe_values(
    DuplicateReason,
    SAME_ORCID="Both records carry the same ORCID iD.",
    SAME_NAME="The names are the same once accents, case and punctuation are folded.",
    NAME_INITIALS="The given names fit as initials (G. Fang and Gongfan Fang).",
    NAME_ORDER="The same name with the family name first (Fang Gongfan).",
    SHARED_COAUTHORS="Coauthors both records have.",
    SHARED_INSTITUTIONS="Institutions both records are affiliated with.",
    SHARED_TOPICS="Topics of the works of both records.",
    YEARS_APART="One career ends more than 15 years before the other starts (against).",
    COAUTHORS_OF_EACH_OTHER="The two records wrote a work together (against).",
)


@strawberry.type(description="One reason, with how many shared items and what it added.")
class Evidence:
    reason: DuplicateReason = strawberry.field(description="What was found.")
    count: int = strawberry.field(description="How many (shared coauthors, topics...); 1 else.")
    weight: float = strawberry.field(
        description="What it added to the score (negative: took); for shared items, the "
        "reason's weight times shared / the smaller of the two sets."
    )


@strawberry.type(description="Two records that may be one person.")
class DuplicateCandidate:
    researcher: ResearcherType = strawberry.field(description="The record asked about.")
    candidate: ResearcherType = strawberry.field(description="The record that may be the same.")
    score: float = strawberry.field(description="0 to 1: the summed weights of the evidence.")
    evidence: list[Evidence] = strawberry.field(description="The reasons, strongest first.")


MinScore = Annotated[
    float,
    strawberry.argument(
        description=f"Only pairs scoring at least this (0 to 1); {DEFAULT_MIN_SCORE} by default."
    ),
]


async def _scored(
    info: GraphInfo, pairs: list[tuple[str, str]], min_score: float
) -> list[tuple[str, str, Likeness]]:
    """The pairs reaching `min_score`, most likely first (then by ids)."""
    if not 0 <= min_score <= 1:
        raise BadUserInput("minScore must be from 0 to 1", argument="minScore")
    ids = sorted({i for pair in pairs for i in pair})
    rows = await info.context.loader(ResearcherIdentityFeatures).load_many(ids)
    features: dict[str, Any] = {i: row for i, row in zip(ids, rows, strict=True) if row}
    found = []
    for a, b in pairs:
        if a in features and b in features:
            alike = likeness(features[a], features[b])
            if alike is not None and alike.score >= min_score:
                found.append((a, b, alike))
    found.sort(key=lambda item: (-item[2].score, item[0], item[1]))
    return found


async def _candidate(info: GraphInfo, a: str, b: str, alike: Likeness) -> DuplicateCandidate:
    from bzpeer_graphql.graph.researcher import Researcher

    rows = await info.context.loader(ResearcherById).load_many([a, b])
    return DuplicateCandidate(
        researcher=Researcher.from_row(rows[0]),
        candidate=Researcher.from_row(rows[1]),
        score=alike.score,
        evidence=[
            Evidence(reason=DuplicateReason(r.kind), count=r.count, weight=r.weight)
            for r in alike.reasons
        ],
    )


async def researcher_candidates(
    info: GraphInfo, id: str, first: int | None, min_score: float
) -> list[DuplicateCandidate]:
    """A researcher's candidates, most likely first."""
    others = await info.context.loader(ResearcherDuplicateBlock).load(id)
    found = await _scored(info, [(id, other) for other in others], min_score)
    shown = found[: limit(info, first)]
    return list(await asyncio.gather(*(_candidate(info, *pair) for pair in shown)))


async def resolve_duplicate_candidates(
    info: GraphInfo,
    first: First = None,
    after: After = None,
    min_score: MinScore = DEFAULT_MIN_SCORE,
) -> Connection[DuplicateCandidate]:
    request = page_of(info, first, after, ORDERING)
    pairs = await info.context.loader(DuplicateBlocks).load(MAX_BLOCK)
    found = await _scored(info, pairs, min_score)
    items: list[dict[str, Any]] = [
        {"sort": [-alike.score, 0, a, b], "pair": (a, b, alike)} for a, b, alike in found
    ]
    items = [item for item in items if request.admits(item["sort"])]
    shown = items[: request.first + 1]
    nodes = await asyncio.gather(*(_candidate(info, *item["pair"]) for item in shown))
    for item, node in zip(shown, nodes, strict=True):
        item["node"] = node
    return connection({"total": len(found), "items": shown}, request, lambda item: item["node"])


@strawberry.type
class DuplicatesQuery:
    duplicate_candidates: Connection[DuplicateCandidate] = strawberry.field(
        resolver=resolve_duplicate_candidates,
        description="Pairs of author records that may be one person, most likely first: found "
        "by blocking on name keys and ORCIDs, scored on names, ORCID, shared coauthors, "
        "institutions and topics, and years.",
    )
