"""Loaders of filtered lists and aggregates: a filter that cannot mean anything is refused."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bzpeer_graphql.db.database import Row
from bzpeer_graphql.errors import BadUserInput
from bzpeer_graphql.loaders.base import CypherLoader, ListKey

#: the filter fields that name a node (or a list of nodes), with the kind of node they name
NAMING = {
    "author": "researcher",
    "topic": "topic",
    "institution": "institution",
    "authorEverAffiliatedWith": "institution",
    "authorAnyOf": "researcher",
    "authorAllOf": "researcher",
    "topicAnyOf": "topic",
    "topicAllOf": "topic",
    "institutionAnyOf": "institution",
    "institutionAllOf": "institution",
    "cites": "paper",
    "citedBy": "paper",
}
#: the most ids (or values) one list in a filter may hold
MAX_LISTED = 100
#: where a filtered list of papers may find its candidates instead of reading every paper, best
#: first: (key field, the filter fields that give its ids: one id, all of them (the first
#: suffices), any of them (all are needed))
PAPER_ANCHORS = (
    ("anchorAuthors", "author", "authorAllOf", "authorAnyOf"),
    ("anchorCites", "", "", "cites"),
    ("anchorCitedBy", "", "", "citedBy"),
    ("anchorTopics", "topic", "topicAllOf", "topicAnyOf"),
    ("anchorInstitutions", "institution", "institutionAllOf", "institutionAnyOf"),
    ("anchorInstitutions", "authorEverAffiliatedWith", "", ""),
)
#: the paper filter fields whose anchor finds exactly the papers they match (when the anchor is
#: taken from them whole: one id, or an any-of list), so that the filter need not test them again
#: on the papers the anchor found (`fragments/paper_filter`, `held`): the papers citing one of
#: two much-cited papers, ~22,000 on the 100k graph, each read again for its ~7 references
PAPER_ANCHOR_HOLDS = frozenset(
    {"author", "authorAnyOf", "cites", "citedBy", "topic", "topicAnyOf", "authorEverAffiliatedWith"}
)
#: key options `anchored` derives from a filter for the statements alone: a cursor is bound to the
#: filter, not to them (cursors given out before they existed stay valid)
UNBOUND = frozenset({"anchorHolds", "untested", "linked"})
#: the same for a list of researchers: an institution's people, else a topic's authors
RESEARCHER_ANCHORS = (
    ("anchorInstitutions", "institution", "institutionAllOf", "institutionAnyOf"),
    ("anchorTopics", "topic", "topicAllOf", "topicAnyOf"),
)
#: the years a filter may name (a year series spans its window, so the window is bounded)
YEARS = (0, 9999)


def listed(name: str, value: Any) -> Any:
    """A filter value as a loader key holds it: a list as a tuple (an empty one as no condition),
    refused past `MAX_LISTED` items."""
    if not isinstance(value, list | tuple):
        return value
    if len(value) > MAX_LISTED:
        raise BadUserInput(
            f"filter.{name} may hold at most {MAX_LISTED} values (got {len(value)})",
            argument=f"filter.{name}",
            max=MAX_LISTED,
        )
    return tuple(dict.fromkeys(value)) or None


def anchored(
    options: dict[str, Any],
    anchors: tuple[tuple[str, str, str, str], ...],
    holds: frozenset[str] = frozenset(),
    filter_fields: tuple[str, ...] = (),
) -> dict[str, Any]:
    """`options` with where its list finds candidates: the first of `anchors` the filter gives,
    as `anchored` (true, else null) and the ids of that anchor's field (the others null); and
    `anchorHolds`, the filter field the anchor alone satisfies (one of `holds` taken whole: one
    id or an any-of list), else null; `untested`, true when that field is the only one of
    `filter_fields` given (the anchor's papers need no test), else null; and `linked`, the
    names of the fields naming nodes (`NAMING`) that the filter gives, null for none."""
    fields: dict[str, Any] = {anchor: None for anchor, *_ in anchors}
    chosen: tuple[str, ...] | None = None
    held: str | None = None
    for anchor, one, every, some in anchors:
        if one and options.get(one) is not None:
            chosen, held = (options[one],), one
        elif every and options.get(every):
            chosen = options[every][:1]
        elif some and options.get(some):
            chosen, held = options[some], some
        if chosen is not None:
            fields[anchor] = chosen
            break
    return {
        **options,
        **fields,
        "anchored": True if chosen is not None else None,
        "anchorHolds": held if held in holds else None,
        "untested": True
        if held in holds and all(options.get(f) is None for f in filter_fields if f != held)
        else None,
        # null, not an empty tuple, when none is given: a statement's variant then leaves the
        # linked nodes' conditions out (`cypher.variant`: a given field keeps its conditions)
        "linked": tuple(name for name in NAMING if options.get(name) is not None) or None,
    }


def year_error(options: Mapping[str, Any]) -> BadUserInput | None:
    """What is wrong with a filter's years: one outside `YEARS`, or a window ending before it
    begins; None when nothing is."""
    low, high = options.get("yearFrom"), options.get("yearTo")
    for name, year in (("yearFrom", low), ("yearTo", high)):
        if year is not None and not YEARS[0] <= year <= YEARS[1]:
            return BadUserInput(
                f"filter.{name} must be a year from {YEARS[0]} to {YEARS[1]} (got {year})",
                argument=f"filter.{name}",
            )
    if low is not None and high is not None and low > high:
        return BadUserInput(
            f"filter.yearFrom ({low}) is after filter.yearTo ({high}): no year is in between",
            argument="filter.yearFrom",
        )
    return None


def unknown_error(options: Mapping[str, Any], unknown: Sequence[str]) -> BadUserInput:
    """The error of a filter whose `unknown` fields name no node of their kind."""
    name = unknown[0]
    return BadUserInput(
        f"filter.{name} names no {NAMING[name]}: {options[name]!r}",
        argument=f"filter.{name}",
        unknown=[f"filter.{field}" for field in unknown],
    )


class FilteredLoader(CypherLoader):
    """A loader whose keys carry a filter: a key with impossible years is answered with
    BAD_USER_INPUT (left out of the batch, so a year series never spans an absurd window); one
    whose ids name nothing (the file's `unknown` column: the names of those fields), with
    BAD_USER_INPUT too."""

    def options(self, key: Any) -> Mapping[str, Any]:
        """The filter a key carries, as camelCase names and values."""
        return dict(key.options) if isinstance(key, ListKey) else dict(key)

    async def batch_load_fn(self, keys: Sequence[Any]) -> list[Any]:
        errors = [year_error(self.options(key)) for key in keys]
        sound = [key for key, error in zip(keys, errors, strict=True) if error is None]
        values = iter(await super().batch_load_fn(sound) if sound else [])
        return [next(values) if error is None else error for error in errors]

    def value(self, key: Any, rows: list[Row]) -> Any:
        """As the loader's own; the error of a refused key instead (the planner sends keys to
        the file directly and raises the first error it gets)."""
        if (error := year_error(self.options(key))) is not None:
            return error
        if rows and rows[0].get("unknown"):
            return unknown_error(self.options(key), rows[0]["unknown"])
        return super().value(key, rows)
