"""Duplicate candidates: pairs of author records that may be one person, with score and reasons."""

from __future__ import annotations

import asyncio
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from bzpeer_graphql.engine.fields import conn_of
from bzpeer_graphql.errors import BadUserInput
from bzpeer_graphql.graph.node import GraphInfo, describe_values, limit, page_of
from bzpeer_graphql.graph.pagination import After, Before, Connection, First, Last
from bzpeer_graphql.graph.plans import as_node, list_key
from bzpeer_graphql.identity.likeness import DEFAULT_MIN_SCORE
from bzpeer_graphql.loaders.identity import DuplicateCandidatesPage, ResearcherDuplicateCandidates
from bzpeer_graphql.loaders.researcher import ResearcherById

if TYPE_CHECKING:
    from bzpeer_graphql.graph.researcher import Researcher

ResearcherType = Annotated["Researcher", strawberry.lazy("bzpeer_graphql.graph.researcher")]
ORDERING = "DUPLICATES"


@strawberry.enum(description="A piece of evidence for or against two records being one person.")
class DuplicateReason(Enum):
    SAME_ORCID = "SAME_ORCID"
    SAME_NAME = "SAME_NAME"
    NAME_INITIALS = "NAME_INITIALS"
    NAME_ORDER = "NAME_ORDER"
    NAME_ORDER_INITIALS = "NAME_ORDER_INITIALS"
    NAME_SPELLING = "NAME_SPELLING"
    SHARED_COAUTHORS = "SHARED_COAUTHORS"
    SHARED_NETWORK = "SHARED_NETWORK"
    SHARED_INSTITUTIONS = "SHARED_INSTITUTIONS"
    SHARED_TOPICS = "SHARED_TOPICS"
    SHARED_FIELDS = "SHARED_FIELDS"
    YEARS_APART = "YEARS_APART"
    COAUTHORS_OF_EACH_OTHER = "COAUTHORS_OF_EACH_OTHER"


describe_values(
    DuplicateReason,
    SAME_ORCID="Both records carry the same ORCID iD.",
    SAME_NAME="The names are the same once transliterated and folded (Łukasz, Lukasz; "
    "Müller, Mueller; 王小明, Xiaoming Wang).",
    NAME_INITIALS="The given names fit as initials (G. Fang and Gongfan Fang), or one family "
    "name is part of the other's double family name (Pérez-Almeida and Almeida).",
    NAME_ORDER="The same name with the family name first (Fang Gongfan).",
    NAME_ORDER_INITIALS="Initials that fit a name written family name first (G. Fang and Fang "
    "Gongfan).",
    NAME_SPELLING="The same full given names and long family names one letter apart "
    "(Hasselbring and Haselbrink).",
    SHARED_COAUTHORS="Coauthors both records have.",
    SHARED_NETWORK="Coauthors of either record found among the other's coauthors or their "
    "coauthors (the same collaboration circle).",
    SHARED_INSTITUTIONS="Institutions both records are affiliated with.",
    SHARED_TOPICS="Topics of the works of both records.",
    SHARED_FIELDS="With no topic shared, broad fields of both records' topics (an older "
    "record's concepts and a newer one's topics meet in the fields they name).",
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


def _min_score(min_score: float) -> float:
    """`minScore` checked: from 0 to 1."""
    if not 0 <= min_score <= 1:
        raise BadUserInput("minScore must be from 0 to 1", argument="minScore")
    return min_score


async def _candidate(info: GraphInfo, a: str, b: str, pair: dict[str, Any]) -> DuplicateCandidate:
    rows = await info.context.loader(ResearcherById).load_many([a, b])
    return DuplicateCandidate(
        researcher=as_node(rows[0]),
        candidate=as_node(rows[1]),
        score=pair["score"],
        evidence=[
            Evidence(reason=DuplicateReason(kind), count=count, weight=weight)
            for kind, count, weight in zip(
                pair["reasons"], pair["counts"], pair["weights"], strict=True
            )
        ],
    )


async def researcher_candidates(
    info: GraphInfo, id: str, first: int | None, min_score: float
) -> list[DuplicateCandidate]:
    """A researcher's candidates, most likely first (read from the stored pairs)."""
    key = (id, limit(info, first), _min_score(min_score))
    found = await info.context.loader(ResearcherDuplicateCandidates).load(key)
    return list(await asyncio.gather(*(_candidate(info, id, row["id"], row) for row in found)))


async def resolve_duplicate_candidates(
    info: GraphInfo,
    first: First = None,
    after: After = None,
    last: Last = None,
    before: Before = None,
    min_score: MinScore = DEFAULT_MIN_SCORE,
) -> Connection[DuplicateCandidate] | None:
    score = _min_score(min_score)
    request = page_of(info, first, after, last, before, ORDERING, {"minScore": score})
    key = list_key("all", request, minScore=score)
    result = await info.context.loader(DuplicateCandidatesPage).load(key)
    items: list[dict[str, Any]] = result["items"] if result else []
    nodes = await asyncio.gather(*(_candidate(info, item["a"], item["b"], item) for item in items))
    shown = [{**item, "node": node} for item, node in zip(items, nodes, strict=True)]
    found = {**result, "items": shown} if result else None
    return conn_of(found, request, None)  # type: ignore[return-value]


@strawberry.type
class DuplicatesQuery:
    duplicate_candidates: Connection[DuplicateCandidate] | None = strawberry.field(
        resolver=resolve_duplicate_candidates,
        description="Pairs of author records that may be one person, most likely first: found "
        "by blocking on name keys and ORCIDs, scored on names, ORCID, shared coauthors, "
        "institutions and topics, and years.",
    )
