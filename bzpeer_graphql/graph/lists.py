"""Filters and orders of the lists: the four list roots and a researcher's works."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from bzpeer_graphql.graph.plans import filter_options, input_names
from bzpeer_graphql.graph.work_type import WorkType


@strawberry.enum(description="Orders of a list of works.")
class WorkOrder(Enum):
    YEAR_DESC = strawberry.enum_value("YEAR_DESC", description="Newest first, then by title.")
    YEAR_ASC = strawberry.enum_value("YEAR_ASC", description="Oldest first, then by title.")
    TITLE_ASC = strawberry.enum_value("TITLE_ASC", description="By title.")
    CITATIONS_DESC = strawberry.enum_value(
        "CITATIONS_DESC", description="Most cited first, then newest."
    )


@strawberry.input(
    description="Which works to list; every condition given must hold. An id naming nothing of "
    "its kind, a year outside 0 to 9999 or `yearFrom` after `yearTo` is BAD_USER_INPUT."
)
class WorkFilter:
    year_from: int | None = strawberry.field(
        default=None,
        description="Published in or after (0 to 9999; after `yearTo` is BAD_USER_INPUT).",
    )
    year_to: int | None = strawberry.field(
        default=None, description="Published in or before (0 to 9999)."
    )
    type: WorkType | None = strawberry.field(default=None, description="Of this work type.")
    venue: str | None = strawberry.field(default=None, description="Venue, exactly.")
    title_contains: str | None = strawberry.field(
        default=None, description="Words in the title (any case)."
    )
    topic: strawberry.ID | None = strawberry.field(default=None, description="About this topic.")
    institution: strawberry.ID | None = strawberry.field(
        default=None,
        description="Counting for this institution: the paper names it for one of its authors "
        "(the institutions printed on the paper, `PaperAuthorship.institutionIds`), or an "
        "author whose authorship names no institution was affiliated with it in the paper's "
        "year (a stint without `since` or `until` is open on that side; an undated paper counts "
        "only through a stint with neither). `authorEverAffiliatedWith` is the looser filter.",
    )
    author_ever_affiliated_with: strawberry.ID | None = strawberry.field(
        default=None,
        description="With an author affiliated with this institution at any time, whatever the "
        "paper's year or the institutions it names.",
    )
    author: strawberry.ID | None = strawberry.field(
        default=None, description="With this researcher among the authors."
    )
    is_retracted: bool | None = strawberry.field(
        default=None, description="Retracted (true) or not (false), as OpenAlex says."
    )
    open_access_status: str | None = strawberry.field(
        default=None,
        description="OpenAlex's open-access status, e.g. gold, green, hybrid, bronze, closed.",
    )
    language: str | None = strawberry.field(
        default=None, description="Language as an ISO 639-1 code, e.g. en."
    )


@strawberry.enum(description="Orders of the list of researchers.")
class ResearcherOrder(Enum):
    NAME_ASC = strawberry.enum_value("NAME_ASC", description="By name.")
    WORKS_DESC = strawberry.enum_value("WORKS_DESC", description="Most works first.")
    CITATIONS_DESC = strawberry.enum_value(
        "CITATIONS_DESC",
        description="Most cited first (citations of all their works), then by name and id.",
    )


@strawberry.input(
    description="Which researchers to list; every condition given must hold. An id naming "
    "nothing of its kind is BAD_USER_INPUT."
)
class ResearcherFilter:
    name_contains: str | None = strawberry.field(
        default=None, description="Part of the name (any case)."
    )
    institution: strawberry.ID | None = strawberry.field(
        default=None,
        description="Affiliated (now or before) with this institution; each researcher once, "
        "however many stints.",
    )
    topic: strawberry.ID | None = strawberry.field(
        default=None, description="With a work about this topic."
    )
    open_to_collaborate: bool | None = strawberry.field(
        default=None, description="Whether they accept collaboration invites."
    )


@strawberry.enum(description="Orders of the list of topics.")
class TopicOrder(Enum):
    NAME_ASC = strawberry.enum_value("NAME_ASC", description="By name.")
    PAPERS_DESC = strawberry.enum_value("PAPERS_DESC", description="Most papers first.")


@strawberry.input(description="Which topics to list.")
class TopicFilter:
    name_contains: str | None = strawberry.field(
        default=None, description="Part of the name (any case)."
    )


@strawberry.enum(description="Orders of the list of institutions.")
class InstitutionOrder(Enum):
    NAME_ASC = strawberry.enum_value("NAME_ASC", description="By name.")
    MEMBERS_DESC = strawberry.enum_value(
        "MEMBERS_DESC",
        description="Most affiliated researchers first (people, each once however many stints).",
    )


@strawberry.input(description="Which institutions to list; every condition given must hold.")
class InstitutionFilter:
    name_contains: str | None = strawberry.field(
        default=None, description="Part of the name (any case)."
    )
    country: str | None = strawberry.field(
        default=None, description="ISO 3166-1 alpha-2 country code, e.g. CN."
    )


WORK_FILTER = input_names(WorkFilter)


def works_options(given: dict[str, Any]) -> dict[str, Any]:
    """A researcher's works page as loader key options: its order and its filter."""
    return {"order": given["orderBy"].value, **filter_options(given.get("filter"), WORK_FILTER)}
