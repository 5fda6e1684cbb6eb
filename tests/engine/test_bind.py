"""Every field has one definition, read off the schema; the engine stands on graphql-core's
internals of the pinned version and imports nothing of the schema types."""

from __future__ import annotations

import ast
import inspect
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

from graphql import GraphQLObjectType, parse
from graphql.execution.collect_fields import FragmentDetails, collect_fields, collect_subfields
from graphql.execution.executor import CollectedErrors, Executor
from graphql.language import ObjectTypeDefinitionNode

from bzpeer_graphql.engine.bind import UNPLANNED_ROOTS
from bzpeer_graphql.engine.fields import Call, Child, Leaf, Load, Step
from bzpeer_graphql.graph.schema import bound, schema

ROOT = Path(__file__).resolve().parents[2]

#: the fields run as steps: their resolvers, once per parent (see docs/architecture.md); each is
#: about the viewer or reads what a step before it brought, so none needs a batch of its own
STEPS = {
    "Query.viewer",
    "Query.graphStats",
    "Query.duplicateCandidates",
    "Researcher.duplicateCandidates",
    "PaperStats.byTopic",
    "PaperStats.byType",
    "Viewer.follows",
    "Viewer.claims",
    "Viewer.invitationsSent",
    "Viewer.invitationsReceived",
}


def test_every_field_of_the_schema_is_planned_or_listed_with_its_reason() -> None:
    sdl = parse((ROOT / "schema.graphql").read_text())
    fields = {
        f"{definition.name.value}.{field.name.value}"
        for definition in sdl.definitions
        if isinstance(definition, ObjectTypeDefinitionNode)
        for field in definition.fields or ()
    }
    planned = {f"{type_name}.{name}" for type_name, specs in bound.plans.items() for name in specs}
    assert fields == planned | set(bound.unplanned)
    assert not planned & set(bound.unplanned)
    assert {reason for reason in bound.unplanned.values()} <= set(UNPLANNED_ROOTS.values())
    # a subscription streams results, one per change: graphql-core runs it, from the plans of
    # the fields below its root
    assert {name.split(".")[0] for name in bound.unplanned} == {"Mutation", "Subscription"}
    steps = {
        f"{type_name}.{name}"
        for type_name, specs in bound.plans.items()
        for name, spec in specs.items()
        if isinstance(spec, Step)
    }
    assert steps == STEPS
    kinds = {type(spec) for specs in bound.plans.values() for spec in specs.values()}
    assert kinds == {Leaf, Child, Load, Call, Step}


def test_graphql_core_runs_the_resolvers_made_from_the_plans() -> None:
    researcher = schema._schema.type_map["Researcher"]
    assert isinstance(researcher, GraphQLObjectType)
    works = researcher.fields["works"]
    # not strawberry's resolver of the field's signature (whose body is `...`), but the plan's
    assert works.resolve is not None and works.resolve.__qualname__.startswith("resolver.")


def test_the_engine_imports_nothing_of_the_schema_types() -> None:
    for module in sorted((ROOT / "bzpeer_graphql" / "engine").glob("*.py")):
        tree = ast.parse(module.read_text())
        imported = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        } | {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        assert not {name for name in imported if name.startswith("bzpeer_graphql.graph")}, module


def test_graphql_core_is_the_pinned_minor_version() -> None:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        dependencies = tomllib.load(handle)["project"]["dependencies"]
    pin = next(d for d in dependencies if d.startswith("graphql-core"))
    assert pin == "graphql-core>=3.3.2,<3.4"
    major, minor, patch = (int(part) for part in re.findall(r"\d+", version("graphql-core"))[:3])
    assert (major, minor) == (3, 3) and patch >= 2


def test_the_internals_the_engine_uses_are_there() -> None:
    assert list(inspect.signature(collect_fields).parameters)[:5] == [
        "schema",
        "fragments",
        "variable_values",
        "runtime_type",
        "operation",
    ]
    assert list(inspect.signature(collect_subfields).parameters)[:5] == [
        "schema",
        "fragments",
        "variable_values",
        "operation",
        "return_type",
    ]
    assert list(inspect.signature(CollectedErrors.add).parameters) == ["self", "error", "path"]
    # a ready operation's executor is made with the variables its limits coerced (`ready.py`)
    assert list(inspect.signature(Executor.__init__).parameters)[:11] == [
        "self",
        "schema",
        "fragment_definitions",
        "fragments",
        "root_value",
        "context_value",
        "operation",
        "variable_values",
        "field_resolver",
        "type_resolver",
        "subscribe_field_resolver",
    ]
    assert list(inspect.signature(FragmentDetails).parameters) == [
        "definition",
        "variable_signatures",
    ]
    for method in ("execute_collected_root_fields", "build_resolve_info"):
        assert callable(getattr(Executor, method))
    executed = inspect.signature(Executor.execute_collected_root_fields).parameters
    assert list(executed) == [
        "self",
        "root_type",
        "root_value",
        "grouped_field_set",
        "serially",
        "new_defer_usages",
    ]
