"""Facets for analysts: counts of works or researchers grouped by one or two keys, top N, the
list's own filter, computed in the same query as the other counts."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry

from bzpeer_graphql.errors import BadUserInput
from bzpeer_graphql.graph.node import Row

#: the most groups one `groupBy` returns
MAX_GROUPS = 200


@strawberry.enum(description="What works can be grouped by.")
class PaperFacet(Enum):
    YEAR = strawberry.enum_value("YEAR", description="Publication year (undated works in none).")
    TYPE = strawberry.enum_value("TYPE", description="Work type, as stored (e.g. preprint).")
    VENUE = strawberry.enum_value("VENUE", description="Venue (works without one in none).")
    TOPIC = strawberry.enum_value("TOPIC", description="Each topic a work is about.")
    AUTHOR = strawberry.enum_value("AUTHOR", description="Each author of a work.")
    INSTITUTION = strawberry.enum_value(
        "INSTITUTION",
        description="Each institution a work counts for, by the rule of the `institution` "
        "filter (the institutions it names for its authors, else its authors' stints covering "
        "its year).",
    )
    COUNTRY = strawberry.enum_value(
        "COUNTRY", description="The country of each institution a work counts for."
    )


@strawberry.enum(description="What researchers can be grouped by.")
class ResearcherFacet(Enum):
    INSTITUTION = strawberry.enum_value(
        "INSTITUTION", description="Each institution they were affiliated with (now or before)."
    )
    COUNTRY = strawberry.enum_value("COUNTRY", description="The country of each such institution.")
    TOPIC = strawberry.enum_value("TOPIC", description="Each topic of their works.")


@strawberry.type(description="One key of a group: a value of the facet grouped by.")
class GroupKey:
    value: str = strawberry.field(
        description="The value: an id (topic, author, institution), a year, a stored work type, "
        "a venue or an ISO 3166-1 alpha-2 country code."
    )
    name: str | None = strawberry.field(
        description="The name of the topic, author or institution; null for other facets."
    )


@strawberry.type(description="How many works or researchers share a value (or pair of values).")
class Group:
    keys: list[GroupKey] = strawberry.field(description="One value per facet, in `groupBy` order.")
    count: int = strawberry.field(
        description="How many are in the group (each once, however often it has the value)."
    )


GroupFirst = Annotated[
    int,
    strawberry.argument(description=f"How many groups to return, most first (1 to {MAX_GROUPS})."),
]


def group_options(facets: list[Enum] | None, first: int) -> dict[str, Any]:
    """`groupBy` and its `groupFirst` as loader key options; BAD_USER_INPUT for more than two
    facets, one twice, or a count out of range."""
    if not facets:
        return {"groupBy": None, "groupFirst": None}
    names = tuple(facet.value for facet in facets)
    if len(names) > 2 or len(set(names)) < len(names):
        raise BadUserInput(
            "groupBy takes one or two different facets", argument="groupBy", got=list(names)
        )
    if not 1 <= first <= MAX_GROUPS:
        raise BadUserInput(
            f"groupFirst must be from 1 to {MAX_GROUPS} (got {first})",
            argument="groupFirst",
            max=MAX_GROUPS,
        )
    return {"groupBy": names, "groupFirst": first}


def groups_of(rows: list[Row] | None) -> list[Group]:
    """The groups a stats query returned."""
    return [
        Group(
            keys=[GroupKey(value=k["value"], name=k["name"]) for k in row["keys"]],
            count=row["count"],
        )
        for row in rows or []
    ]


GroupByArgument = Annotated[
    list[PaperFacet] | None,
    strawberry.argument(
        description="Group the works by one facet, or two for a two-way table (pairs of values); "
        "the groups come in `groups`, most works first. Three facets or one twice is "
        "BAD_USER_INPUT."
    ),
]
