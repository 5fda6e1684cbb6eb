"""The planner fetches only what a query selects and runs each level once for all parents."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bzpeer_graphql.context import Context
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.loaders.base import EVERYTHING, Want
from bzpeer_graphql.settings import Settings

pytestmark = pytest.mark.usefixtures("seeded")


async def run(
    settings: Settings, db: Database, query: str, variables: dict[str, Any] | None = None
) -> tuple[Any, Context]:
    """Runs `query` in-process; the answer's data and the request's context."""
    context = Context(db=db, settings=settings)
    result = await schema.execute(query, variable_values=variables, context_value=context)
    assert result.errors is None, result.errors
    return result.data, context


async def test_loaders_fetch_the_selected_properties_only(settings: Settings, db: Database) -> None:
    query = """query($id: ID!, $withVenue: Boolean!) { researcher(id: $id) { name
      works(first: 2, orderBy: YEAR_ASC) { edges { node { title ...Venue @include(if: $withVenue)
        ... on Paper { year } } } } } }
    fragment Venue on Paper { venue }"""
    data, context = await run(settings, db, query, {"id": "gongfan-fang", "withVenue": False})
    assert data == {
        "researcher": {
            "name": "Gongfan Fang",
            "works": {
                "edges": [
                    {"node": {"title": "Data-Free Adversarial Distillation", "year": 2020}},
                    {
                        "node": {
                            "title": "Impression Space from Deep Template Network",
                            "year": 2020,
                        }
                    },
                ]
            },
        }
    }
    assert context.planned
    # no citation counts, no sort keys (no cursor is asked for), no abstracts
    assert context.scope.fetched == [
        ("researchers_by_id_or_merged", Want(("id", "name"), cites=False, sorted=False)),
        ("researcher_works", Want(("id", "title", "year"), cites=False, sorted=False)),
    ]
    _, context = await run(settings, db, query, {"id": "gongfan-fang", "withVenue": True})
    assert context.scope.fetched[1] == (
        "researcher_works",
        Want(("id", "title", "venue", "year"), cites=False, sorted=False),
    )


async def test_derived_values_are_fetched_when_asked(settings: Settings, db: Database) -> None:
    data, context = await run(
        settings,
        db,
        """{ researcher(id: "gongfan-fang") {
          works(first: 1, orderBy: YEAR_ASC) {
            pageInfo { endCursor } edges { node { citedByCount } } }
        } }""",
    )
    assert data["researcher"]["works"]["edges"] == [{"node": {"citedByCount": 0}}]
    assert context.scope.fetched[1] == ("researcher_works", Want(("id",), cites=True, sorted=True))


async def test_one_field_with_two_selections_makes_one_round_trip(
    settings: Settings, db: Database
) -> None:
    data, context = await run(
        settings,
        db,
        """{ researcher(id: "gongfan-fang") {
          close: coauthors(first: 2) { edges { node { name } } }
          other: coauthors(first: 2) { edges { node { orcid headline } } }
          closeCollaborators(first: 1) { researcher { id } } } }""",
    )
    assert data["researcher"]["close"]["edges"] == [
        {"node": {"name": "Xinchao Wang"}},
        {"node": {"name": "Jie Song"}},
    ]
    assert data["researcher"]["closeCollaborators"] == [{"researcher": {"id": "xinchao-wang"}}]
    # two keys (minShared 1 and 2), the union of the properties, one batch
    assert context.trips.batches == [
        ("researchers_by_id_or_merged", 1),
        ("researcher_coauthors", 2),
    ]
    assert context.scope.fetched[1] == (
        "researcher_coauthors",
        Want(("headline", "id", "name", "orcid"), cites=False, sorted=False),
    )


async def test_each_level_is_one_call_for_all_parents(settings: Settings, db: Database) -> None:
    query = """{ researcher(id: "gongfan-fang") { coauthors(first: 20) { edges { node {
      counts { works } works(first: 3) { edges { node { authors { name } } } } } } } } }"""
    planned, context = await run(settings, db, query)
    assert context.planned
    # level 2's two batches run side by side, so their order is not fixed
    assert sorted(context.trips.batches) == [
        ("paper_authors", 12),
        ("researcher_coauthors", 1),
        ("researcher_stats", 15),
        ("researcher_works", 15),
        ("researchers_by_id_or_merged", 1),
    ]
    assert context.trips.batches[-1] == ("paper_authors", 12)
    unplanned, old = await run(replace(settings, planner=False), db, query)
    assert not old.planned
    assert planned == unplanned
    assert sorted(old.trips.batches) == sorted(context.trips.batches)
    # graphql-core's resolvers fetch every property, as before
    assert {want for _, want in old.scope.fetched} == {EVERYTHING}


async def test_a_repeated_node_has_its_loaded_subtree_written_once(
    settings: Settings, db: Database
) -> None:
    query = """{ researcher(id: "gongfan-fang") { coauthors(first: 20) { edges { node {
      coauthors(first: 20) { edges { node { id works(first: 3) { edges { node { id } } } } } }
    } } } } }"""
    planned, context = await run(settings, db, query)
    assert context.planned
    works: dict[str, list[Any]] = {}
    for edge in planned["researcher"]["coauthors"]["edges"]:
        for inner in edge["node"]["coauthors"]["edges"]:
            works.setdefault(inner["node"]["id"], []).append(inner["node"]["works"])
    # the seed's coauthors share coauthors: 141 places, 31 people (the center among them)
    assert (sum(map(len, works.values())), len(works)) == (141, 31)
    assert len(works["gongfan-fang"]) == 15  # each of the center's coauthors has the center
    # every place of one person holds the one subtree written for them
    assert all(all(w is places[0] for w in places) for places in works.values())
    unplanned, _ = await run(replace(settings, planner=False), db, query)
    assert planned == unplanned


async def answers(settings: Settings, db: Database, query: str) -> tuple[Any, Any, Context]:
    """`query` in-process, errors allowed: data, errors as (message, path, code), context."""
    context = Context(db=db, settings=settings)
    result = await schema.execute(query, context_value=context)
    errors = [(e.message, e.path, (e.extensions or {})["code"]) for e in result.errors or []]
    return result.data, errors, context


async def test_an_error_is_answered_as_a_resolver_would_answer_it(
    settings: Settings, db: Database
) -> None:
    query = '{ researcher(id: "gongfan-fang") { name works(first: 5000) { totalCount } } }'
    data, errors, context = await answers(settings, db, query)
    assert context.planned
    # a bad page argument nulls that list only, not the researcher
    assert data == {"researcher": {"name": "Gongfan Fang", "works": None}}
    assert errors == [
        ("first must be at most 200 (got 5000)", ["researcher", "works"], "BAD_USER_INPUT")
    ]
    assert context.trips.batches == [("researchers_by_id_or_merged", 1)]
    assert (data, errors) == (await answers(replace(settings, planner=False), db, query))[:2]


async def test_an_error_nulls_its_own_field_for_its_own_parent_only(
    settings: Settings, db: Database
) -> None:
    query = """{ a: collaborationPath(from: "gongfan-fang", to: "xinchao-wang", maxHops: 0) {
      length }
      b: collaborationPath(from: "gongfan-fang", to: "xinchao-wang") { length }
      researcher(id: "gongfan-fang") { name } }"""
    data, errors, context = await answers(settings, db, query)
    assert context.planned
    assert data == {"a": None, "b": {"length": 1}, "researcher": {"name": "Gongfan Fang"}}
    assert errors == [("maxHops must be from 1 to 8 (got 0)", ["a"], "BAD_USER_INPUT")]
    assert (data, errors) == (await answers(replace(settings, planner=False), db, query))[:2]


async def test_a_citation_count_asked_through_node_is_counted(
    settings: Settings, db: Database
) -> None:
    query = """{ node(id: "arxiv-1912.11006") { id ... on Paper { title citedByCount } }
      search(text: "distillation", kinds: [PAPER], first: 2) {
        ... on Paper { id citedByCount } } }"""
    data, errors, context = await answers(settings, db, query)
    assert context.planned and errors == []
    assert data["node"] == {
        "id": "arxiv-1912.11006",
        "title": "Data-Free Adversarial Distillation",
        "citedByCount": 0,
    }
    assert [hit["citedByCount"] for hit in data["search"]] == [0, 0]
    assert (data, errors) == (await answers(replace(settings, planner=False), db, query))[:2]


async def test_affiliations_and_paper_topics_are_planned(settings: Settings, db: Database) -> None:
    data, context = await run(
        settings,
        db,
        """{ researcher(id: "gongfan-fang") { name affiliations { current }
          works(first: 1, orderBy: YEAR_ASC) { edges { node { topics { score topic { name } } } } }
        } }""",
    )
    assert context.planned
    assert data["researcher"]["affiliations"] == []
    topics = data["researcher"]["works"]["edges"][0]["node"]["topics"]
    assert topics[0]["topic"]["name"] == "Knowledge Distillation"


async def test_the_planner_can_be_turned_off(settings: Settings, db: Database) -> None:
    _, context = await run(
        replace(settings, planner=False), db, '{ researcher(id: "gongfan-fang") { name } }'
    )
    assert not context.planned
    assert context.scope.fetched == [("researchers_by_id_or_merged", EVERYTHING)]


PROFILE = """query($id: ID!) { researcher(id: $id) { name affiliation { name }
  counts { works closeCollaborators } trust { score }
  closeCollaborators { researcher { id } sharedWorks }
  works(first: 2) { totalCount edges { node { id year } } } } }"""


async def test_what_a_node_asked_by_id_needs_comes_in_its_round_trip(
    settings: Settings, db: Database
) -> None:
    planned, context = await run(settings, db, PROFILE, {"id": "gongfan-fang"})
    assert planned["researcher"]["counts"] == {"works": 5, "closeCollaborators": 4}
    assert planned["researcher"]["trust"] == {"score": 19}
    assert planned["researcher"]["closeCollaborators"][0] == {
        "researcher": {"id": "xinchao-wang"},
        "sharedWorks": 5,
    }
    assert [e["node"]["id"] for e in planned["researcher"]["works"]["edges"]] == [
        "arxiv-2207.13309",
        "arxiv-2205.07523",
    ]
    # the researcher and its five loader fields: one round trip, six batches
    assert context.trips.queries == 1
    assert sorted(context.trips.batches) == [
        ("researcher_affiliations", 1),
        ("researcher_coauthors", 1),
        ("researcher_stats", 1),
        ("researcher_works", 1),
        ("researchers_by_id_or_merged", 1),
    ]
    unplanned, old = await run(
        replace(settings, planner=False), db, PROFILE, {"id": "gongfan-fang"}
    )
    assert planned == unplanned
    assert old.trips.queries == 5


async def test_an_unknown_id_asked_ahead_answers_null(settings: Settings, db: Database) -> None:
    data, context = await run(settings, db, PROFILE, {"id": "nobody-at-all"})
    assert data == {"researcher": None}
    assert context.trips.queries == 1
