"""Filters and orders of the lists: the four list roots and a researcher's works."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from bzpeer_graphql.errors import BadUserInput
from bzpeer_graphql.graph.plans import filter_options, input_names
from bzpeer_graphql.graph.work_type import WorkType
from bzpeer_graphql.loaders.filters import (
    PAPER_ANCHOR_HOLDS,
    PAPER_ANCHORS,
    RESEARCHER_ANCHORS,
    YEARS,
    anchored,
)

#: what every list field of a filter says about its list
_LIST = (
    " At most 100 values; an empty list is no condition; an id naming nothing is BAD_USER_INPUT."
)


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
    author_any_of: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description=f"With at least one of these researchers among the authors.{_LIST}",
    )
    author_all_of: list[strawberry.ID] | None = strawberry.field(
        default=None, description=f"With every one of these researchers among the authors.{_LIST}"
    )
    topic_any_of: list[strawberry.ID] | None = strawberry.field(
        default=None, description=f"About at least one of these topics.{_LIST}"
    )
    topic_all_of: list[strawberry.ID] | None = strawberry.field(
        default=None, description=f"About every one of these topics.{_LIST}"
    )
    institution_any_of: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Counting for at least one of these institutions (each by the rule of "
        f"`institution`).{_LIST}",
    )
    institution_all_of: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Counting for every one of these institutions (each by the rule of "
        f"`institution`): works written together by people of all of them.{_LIST}",
    )
    type_any_of: list[WorkType] | None = strawberry.field(
        default=None, description=f"Of one of these work types.{_LIST}"
    )
    cites: list[strawberry.ID] | None = strawberry.field(
        default=None, description=f"Citing at least one of these papers.{_LIST}"
    )
    cited_by: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description=f"Cited by at least one of these papers (among their references).{_LIST}",
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
    CITATIONS_PER_WORK_DESC = strawberry.enum_value(
        "CITATIONS_PER_WORK_DESC",
        description="Most citations per work first (citations of all their works over their "
        "works; none without works), then most works, then by name and id.",
    )
    H_INDEX_DESC = strawberry.enum_value(
        "H_INDEX_DESC",
        description="Highest h-index first (h works cited at least h times each), then most "
        "works, then by name and id.",
    )
    WORKS_IN_WINDOW_DESC = strawberry.enum_value(
        "WORKS_IN_WINDOW_DESC",
        description="Most works published in the years of the list's `window` first (both "
        "ends included; `window` is required with this order), then most works, then by name "
        "and id.",
    )


@strawberry.input(
    description="A span of publication years, both ends included (0 to 9999; `from` after `to` "
    "is BAD_USER_INPUT)."
)
class YearWindow:
    from_: int = strawberry.field(name="from", description="The first year.")
    to: int = strawberry.field(description="The last year.")


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
    institution_any_of: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description=f"Affiliated (now or before) with at least one of these institutions.{_LIST}",
    )
    institution_all_of: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description=f"Affiliated (now or before) with every one of these institutions.{_LIST}",
    )
    topic: strawberry.ID | None = strawberry.field(
        default=None, description="With a work about this topic."
    )
    topic_any_of: list[strawberry.ID] | None = strawberry.field(
        default=None, description=f"With a work about at least one of these topics.{_LIST}"
    )
    topic_all_of: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="With works about every one of these topics (not necessarily one work "
        f"about all).{_LIST}",
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
RESEARCHER_FILTER = input_names(ResearcherFilter)


def work_filter_options(given: dict[str, Any] | None) -> dict[str, Any]:
    """A works filter as loader key options, with where a list of papers finds candidates."""
    return anchored(
        filter_options(given, WORK_FILTER), PAPER_ANCHORS, PAPER_ANCHOR_HOLDS, WORK_FILTER
    )


def researcher_filter_options(given: dict[str, Any] | None) -> dict[str, Any]:
    """A researchers filter as loader key options, with where the list finds candidates."""
    return anchored(filter_options(given, RESEARCHER_FILTER), RESEARCHER_ANCHORS)


def window_options(given: dict[str, Any]) -> dict[str, Any]:
    """The `window` of a researchers list as loader key options (`windowFrom`, `windowTo`):
    required by WORKS_IN_WINDOW_DESC, refused with any other order."""
    window, order = given.get("window"), given["orderBy"]
    if window is None:
        if order is ResearcherOrder.WORKS_IN_WINDOW_DESC:
            raise BadUserInput(
                "orderBy: WORKS_IN_WINDOW_DESC needs a window of years", argument="window"
            )
        return {}
    if order is not ResearcherOrder.WORKS_IN_WINDOW_DESC:
        raise BadUserInput(
            "window orders only WORKS_IN_WINDOW_DESC; leave it out or ask for that order",
            argument="window",
        )
    low, high = window["from"], window["to"]
    if not YEARS[0] <= low <= high <= YEARS[1]:
        raise BadUserInput(
            f"window must run forward between the years {YEARS[0]} and {YEARS[1]} "
            f"(got from {low} to {high})",
            argument="window",
        )
    return {"windowFrom": low, "windowTo": high}


def works_options(given: dict[str, Any]) -> dict[str, Any]:
    """A researcher's works page as loader key options: its order and its filter."""
    return {"order": given["orderBy"].value, **work_filter_options(given.get("filter"))}
