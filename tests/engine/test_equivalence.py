"""Nothing changes but speed: every query runs with the planner and without it, on the seed and
a small synthetic graph, and the encoded `data` and `errors` must be equal byte for byte.

The corpus: every query operation in the test suite's sources, the docs' and GraphiQL's
examples, and generated queries (aliases, fragments, directives with variables): most from
the part of the schema the planner covers, the rest from the whole schema.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import orjson
import pytest
from graphql import (
    DocumentNode,
    ExperimentalIncrementalExecutionResults,
    FieldNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    get_named_type,
    parse,
    type_from_ast,
    validate,
)
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from hypothesis_graphql import queries

from bzpeer_graphql.context import Context
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.synthetic import generate
from bzpeer_graphql.settings import Settings
from tests.doc_pages import doc_texts
from tests.helpers import Records
from tests.test_fuzz import CUSTOM_SCALARS, SDL, SEED_IDS, _string

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("BZPEER_EQUIVALENCE_EXAMPLES", "450"))
#: the cost cap of generated queries: a tenth of the server's, so that a run stays near a minute
#: (a deep slice of every kind costs seconds); the costlier are refused alike both ways
GENERATED_COST = 2000
#: a synthetic graph small enough to load in a second, with ids of its own
SYNTHETIC_PAPERS = 150


@pytest.fixture(scope="module")
async def graphs(seeded: Database) -> Database:
    """The seed data and a small synthetic graph side by side."""
    await Loader(seeded, batch_size=5000).load(Records(list(generate(SYNTHETIC_PAPERS, 7))))
    return seeded


class Tally:
    """How many operations the planner answered, of how many run; the queries that ran (were
    not refused before execution) without a plan."""

    planned = 0
    runs = 0
    unplanned: ClassVar[list[str]] = []


async def answer(
    settings: Settings, db: Database, query: str, variables: dict[str, Any], name: str | None
) -> tuple[bytes, bool]:
    """One operation's `data` and `errors` (message, path, code and all) as encoded JSON."""
    context = Context(db=db, settings=settings)
    result = await schema.execute(
        query, variable_values=variables, context_value=context, operation_name=name
    )
    if isinstance(result, ExperimentalIncrementalExecutionResults):
        # `@defer`: the first part, then each later part as it came
        parts = [result.initial_result.formatted]
        parts += [part.formatted async for part in result.subsequent_results]
        return orjson.dumps(parts, option=orjson.OPT_SORT_KEYS), context.planned
    # graphql-core lists the errors of concurrent branches in the order the branches finish,
    # which varies from run to run even without the planner (two round trips racing); so the
    # errors are compared in one canonical order, each of them whole
    errors = sorted(
        (error.formatted for error in result.errors or []),
        key=lambda error: orjson.dumps(error, option=orjson.OPT_SORT_KEYS),
    )
    ran = result.data is not None or any(error.path for error in result.errors or [])
    if ran and not context.planned and settings.planner and _is_query(query, name):
        Tally.unplanned.append(query)
    return orjson.dumps({"data": result.data, "errors": errors}), context.planned


def _is_query(text: str, name: str | None) -> bool:
    """Whether the operation `name` of `text` (the only one when None) is a query."""
    operations = [d for d in parse(text).definitions if isinstance(d, OperationDefinitionNode)]
    chosen = next(o for o in operations if name is None or (o.name and o.name.value == name))
    # an operation of introspection alone is answered from the schema, beside any plan
    roots = [s for s in chosen.selection_set.selections if isinstance(s, FieldNode)]
    introspection = all(root.name.value.startswith("__") for root in roots)
    return chosen.operation == OperationType.QUERY and not introspection


async def assert_equivalent(
    settings: Settings,
    db: Database,
    query: str,
    variables: dict[str, Any] | None = None,
    name: str | None = None,
) -> None:
    planned, used = await answer(settings, db, query, variables or {}, name)
    off = replace(settings, planner=False)
    plain, unused = await answer(off, db, query, variables or {}, name)
    assert not unused
    tries = 1
    while planned != plain and tries < 8:
        # when a root field's error nulls `data`, which errors of the other root fields come
        # before it in graphql-core's answer depends on which of their round trips ends first
        # (the spec leaves it open), so ask graphql-core again until it gives the same
        plain, _ = await answer(off, db, query, variables or {}, name)
        tries += 1
    assert planned == plain, f"{query}\n{variables}"
    Tally.runs += 1
    Tally.planned += used


# ---- the test suite's, the docs' and GraphiQL's operations --------------------------------


def _documents_in_tests() -> list[str]:
    """Every string constant in tests/ that parses as GraphQL and validates."""
    found: list[str] = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "{" in node.value:
                found.append(node.value)
    return found


def _documents_in_docs() -> list[str]:
    # each fence pairs with its own closing one; plain and graphql blocks may hold operations
    blocks = [
        block
        for _, text in doc_texts()
        for info, block in re.findall(r"^```(\w*)\n(.*?)^```", text, re.S | re.M)
        if info in ("", "graphql")
    ]
    return [*blocks, (ROOT / "bzpeer_graphql" / "web" / "graphiql_examples.graphql").read_text()]


def _valid(text: str) -> DocumentNode | None:
    try:
        document = parse(text)
    except GraphQLError:
        return None
    return document if not validate(schema._schema, document) else None


def _value_for(type_name: str, name: str, seed_ids: list[str]) -> Any:
    """A plausible value for a variable the document declares."""
    if type_name == "ID":
        return "2112.06253" if "paper" in name.lower() else "gongfan-fang"
    return {"Int": 3, "Boolean": True, "String": "fang", "Float": 1.0}.get(type_name)


def corpus() -> list[tuple[str, dict[str, Any], str | None]]:
    """(query, variables, operation name) of every query operation found."""
    operations: list[tuple[str, dict[str, Any], str | None]] = []
    seen: set[str] = set()
    for text in [*_documents_in_tests(), *_documents_in_docs()]:
        document = _valid(text)
        if document is None or text in seen:
            continue
        seen.add(text)
        for definition in document.definitions:
            if not isinstance(definition, OperationDefinitionNode):
                continue
            if definition.operation != OperationType.QUERY:
                continue
            variables: dict[str, Any] = {}
            for variable in definition.variable_definitions or ():
                of = type_from_ast(schema._schema, variable.type)
                named = get_named_type(of).name if of else ""
                value = _value_for(named, variable.variable.name.value, SEED_IDS)
                if value is not None:
                    variables[variable.variable.name.value] = value
            name = definition.name.value if definition.name else None
            operations.append((text, variables, name))
    return operations


CORPUS = corpus()


def test_the_corpus_holds_the_suites_and_the_docs_queries() -> None:
    # at least one per test module that queries, plus the docs' and GraphiQL's examples
    assert len(CORPUS) >= 80


async def test_the_corpus_answers_the_same_either_way(settings: Settings, graphs: Database) -> None:
    chosen = replace(settings, max_cost=10**7)
    before = Tally.planned
    for query, variables, name in CORPUS:
        await assert_equivalent(chosen, graphs, query, variables, name)
    # the planner answered every query of them that ran (mutations are graphql-core's)
    assert Tally.planned - before >= len(CORPUS) // 2
    assert Tally.unplanned == []


#: semantics the planner must keep: aliases, fragments on the type and on its interface,
#: directives with variables, __typename, key order, nulls, refused arguments
EDGE_CASES: list[tuple[str, dict[str, Any]]] = [
    (
        """query($a: Boolean!, $b: Boolean!) { __typename r: researcher(id: "gongfan-fang") {
          ... on Node { id } n: name @skip(if: $a) name @include(if: $b) ...R __typename
          works(first: 2) @include(if: $a) { edges { cursor node { ... on Paper { title } } } }
          w: works(first: 1, orderBy: CITATIONS_DESC) { edges { node { citedByCount year } } } }
          missing: paper(id: "none") { title } }
        fragment R on Researcher { name headline counts { works } trust { claimStatus } }""",
        {"a": True, "b": False},
    ),
    (
        """query($first: Int, $after: String) { papers(first: $first, after: $after) {
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount
          edges { node { id authors { id } citedBy(first: 1) { totalCount } } } } }""",
        {"first": 4},
    ),
    ('{ researcher(id: "gongfan-fang") { works(first: -1) { totalCount } name } }', {}),
    ('{ researcher(id: "gongfan-fang") { coauthors(after: "bad") { totalCount } } }', {}),
    (
        """query($f: WorkFilter) { researcher(id: "gongfan-fang") {
          works(filter: $f, orderBy: TITLE_ASC) { totalCount edges { node { title } } } } }""",
        {"f": {"yearFrom": 2021, "titleContains": "DISTILL"}},
    ),
    # a non-null root field whose arguments are refused nulls `data` before anything runs
    # below the root: only the root refusals met by then are reported (graphql-core's order)
    (
        """{ paperSample(size: -5) { id } papers(first: -1) { totalCount }
          researcher(id: "gongfan-fang") { works(first: -1) { totalCount } }
          node(id: "arxiv-2207.13309") { ... on Paper { graph(depth: 0) { truncated }
            references(first: 1, last: 1) { totalCount } } } }""",
        {},
    ),
]


async def test_edge_cases_answer_the_same(settings: Settings, graphs: Database) -> None:
    before = Tally.planned
    for query, variables in EDGE_CASES:
        await assert_equivalent(settings, graphs, query, variables)
    # refused arguments too: the plan answers them as graphql-core does
    assert Tally.planned - before == len(EDGE_CASES)


# ---- generated queries -----------------------------------------------------------------------


GENERATED = examples(
    max_examples=EXAMPLES,
    # a failure is reported as found: shrinking a query can take minutes
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _scalars(ids: list[str]) -> dict[str, Any]:
    return {
        **CUSTOM_SCALARS,
        "ID": st.sampled_from([*SEED_IDS, *ids, "2112.06253"]).map(_string) | CUSTOM_SCALARS["ID"],
    }


SYNTHETIC_IDS = sorted(
    {getattr(record, "id", "") for record in generate(SYNTHETIC_PAPERS, 7)} - {""}
)[::11]


@GENERATED
@given(query=queries(SDL, custom_scalars=_scalars(SYNTHETIC_IDS)))
async def test_generated_queries_of_every_root_answer_the_same(
    settings: Settings, graphs: Database, query: str
) -> None:
    await assert_equivalent(replace(settings, max_cost=GENERATED_COST), graphs, query)


@examples(parent=GENERATED, max_examples=max(EXAMPLES // 4, 50))
@given(
    query=queries(
        SDL, fields=["researcher", "paper", "papers"], custom_scalars=_scalars(SYNTHETIC_IDS)
    )
)
async def test_generated_queries_answer_the_same(
    settings: Settings, graphs: Database, query: str
) -> None:
    await assert_equivalent(replace(settings, max_cost=GENERATED_COST), graphs, query)


def test_at_least_500_generated_queries_ran_and_many_were_planned() -> None:
    # runs after the generated tests of this module (pytest keeps the file's order); every
    # generated query runs from its plan, refused arguments and all
    generated = Tally.runs - len(CORPUS) - len(EDGE_CASES)
    assert generated >= 500 if EXAMPLES >= 450 else generated >= EXAMPLES
    # every query that ran, ran from its plan (the others were refused before running: cost)
    assert Tally.unplanned == []
