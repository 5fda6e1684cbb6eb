"""A field's checked arguments are kept with its plan per the values of the variables they read:
checked once for the same values, again for new ones, and never shared between apps with other
settings."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

import pytest
from graphql import FieldNode, OperationDefinitionNode, parse
from graphql.execution.values import get_argument_values

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.engine import run
from bzpeer_graphql.engine.arguments import variables_read
from bzpeer_graphql.settings import Settings
from tests.helpers import app_client, data

pytestmark = pytest.mark.usefixtures("seeded")

WORKS = """query($id: ID!, $from: Int, $to: Int, $first: Int) { researcher(id: $id) {
  works(first: $first, orderBy: YEAR_ASC, filter: {yearFrom: $from, yearTo: $to}) {
    edges { node { id year } } } } }"""
#: the seed's researcher with the most works
SEED = "gongfan-fang"


def _field(text: str) -> FieldNode:
    operation = parse(text).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    outer = operation.selection_set.selections[0]
    assert isinstance(outer, FieldNode) and outer.selection_set is not None
    inner = outer.selection_set.selections[0]
    assert isinstance(inner, FieldNode)
    return inner


def test_a_field_reads_the_variables_its_arguments_name_in_order() -> None:
    assert variables_read(_field(WORKS)) == ("first", "from", "to")
    assert variables_read(_field("{ a { b(x: [1, $l], y: {z: {w: $o}}, v: $l) } }")) == ("l", "o")
    assert variables_read(_field("{ a { b(first: 3) } }")) == ()


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each field's arguments were coerced and checked."""
    counts: Counter[str] = Counter()
    original = get_argument_values

    def counting(definition: Any, node: FieldNode, variables: Any) -> Any:
        counts[node.name.value] += 1
        return original(definition, node, variables)

    monkeypatch.setattr(run, "get_argument_values", counting)
    return counts


async def _years(settings: Settings, variables: dict[str, Any]) -> list[int]:
    async with app_client(settings) as client:
        found = await data(client, WORKS, {"id": SEED, **variables})
    return [edge["node"]["year"] for edge in found["researcher"]["works"]["edges"]]


async def test_arguments_are_checked_once_per_values_of_their_variables(
    settings: Settings, db: Database, checked: Counter[str]
) -> None:
    every = await _years(settings, {"first": 50})
    assert every == sorted(every) and len(every) > 3
    assert await _years(settings, {"first": 50}) == every
    assert checked["works"] == 1  # the same values: kept
    since = await _years(settings, {"first": 50, "from": every[-1]})
    assert since == [year for year in every if year >= every[-1]]
    assert checked["works"] == 2  # a new value: checked again
    assert await _years(settings, {"first": 2}) == every[:2]
    assert await _years(settings, {"first": 50, "from": every[-1]}) == since
    assert checked["works"] == 3
    # the researcher's id changes with every request, its arguments are checked each time
    assert checked["researcher"] >= 1


async def test_apps_with_other_settings_check_the_arguments_again(
    settings: Settings, db: Database, checked: Counter[str]
) -> None:
    two = replace(settings, default_page_size=2)
    three = replace(settings, default_page_size=3)
    assert len(await _years(two, {})) == 2
    assert len(await _years(three, {})) == 3
    assert len(await _years(two, {})) == 2
    assert checked["works"] == 3
