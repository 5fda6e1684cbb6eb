"""`schema.graphql` is exactly what the code exports, and everything in it is described."""

from __future__ import annotations

from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    build_schema,
)

from bzpeer_graphql.graph.schema import schema, sdl

ROOT = Path(__file__).resolve().parents[2]


def test_schema_file_matches_the_code() -> None:
    assert (ROOT / "schema.graphql").read_text() == sdl(), (
        "schema.graphql is stale: run `bzpeer-graphql export-schema > schema.graphql`"
    )


def undescribed(graphql_schema: GraphQLSchema) -> list[str]:
    """Every type, field, argument, input field and enum value of ours without a description."""
    missing = []
    for name, graphql_type in graphql_schema.type_map.items():
        if name.startswith("__") or isinstance(graphql_type, GraphQLScalarType):
            continue
        if not graphql_type.description:
            missing.append(name)
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in graphql_type.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                missing += [
                    f"{name}.{field_name}({arg})"
                    for arg, definition in field.args.items()
                    if not definition.description
                ]
        if isinstance(graphql_type, GraphQLInputObjectType):
            missing += [
                f"{name}.{field_name}"
                for field_name, field in graphql_type.fields.items()
                if not field.description
            ]
        if isinstance(graphql_type, GraphQLEnumType):
            missing += [
                f"{name}.{value_name}"
                for value_name, value in graphql_type.values.items()
                if not value.description
            ]
    return missing


def test_every_type_field_argument_and_enum_value_has_a_description() -> None:
    assert undescribed(schema._schema) == []


def test_an_argument_without_a_description_is_caught() -> None:
    bare = build_schema(
        """"A root." type Query { "A field." researcher("The id." id: ID!, first: Int): Int }"""
    )
    assert undescribed(bare) == ["Query.researcher(first)"]


def test_paging_arguments_state_their_default_and_cap() -> None:
    works = schema._schema.type_map["Researcher"].fields["works"]  # type: ignore[union-attr]
    assert "20 unless configured" in works.args["first"].description
    assert "200 unless configured" in works.args["first"].description
    assert "BAD_USER_INPUT" in works.args["after"].description
    graph = schema._schema.query_type.fields["neighbourhood"]  # type: ignore[union-attr]
    assert "1 to 3" in graph.args["depth"].description
    assert "1 to 5000" in graph.args["maxNodes"].description


#: every object type with an `id`, and what keeps its ids apart from every other type's: a
#: normalised client cache (Relay) keys records by `id` alone
IDENTIFIED = {
    "Researcher": "Node",
    "Paper": "Node",
    "Topic": "Node",
    "Institution": "Node",
    "User": "user:",
    "IdentityEvent": "ev-",
    "MergeProposal": "mp-",
    "TopicLevel": "domains/ fields/ subfields/",
}


def test_only_entities_carry_an_id() -> None:
    # the viewer, slice places, pages and counts depend on the request: an `id` on them would
    # let one request's answer overwrite another's in a client cache
    with_id = {
        name
        for name, kind in schema._schema.type_map.items()
        if isinstance(kind, GraphQLObjectType) and "id" in kind.fields and not name.startswith("__")
    }
    assert with_id == set(IDENTIFIED)
    node = schema._schema.type_map["Node"]
    assert isinstance(node, GraphQLInterfaceType)
    implementers = schema._schema.get_implementations(node).objects
    assert {kind.name for kind in implementers} == {
        name for name, kept in IDENTIFIED.items() if kept == "Node"
    }
