"""`schema.graphql` is exactly what the code exports, and every type and field is described."""

from __future__ import annotations

from pathlib import Path

from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType

from bzpeer_graphql.graph.schema import schema, sdl

DESCRIBED = (GraphQLObjectType, GraphQLInterfaceType, GraphQLInputObjectType, GraphQLEnumType)
ROOT = Path(__file__).resolve().parents[2]


def test_schema_file_matches_the_code() -> None:
    assert (ROOT / "schema.graphql").read_text() == sdl(), (
        "schema.graphql is stale: run `bzpeer-graphql export-schema > schema.graphql`"
    )


def test_every_type_and_field_has_a_description() -> None:
    missing = []
    for name, graphql_type in schema._schema.type_map.items():
        if name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        if not graphql_type.description:
            missing.append(name)
        missing += [
            f"{name}.{field}"
            for field, definition in graphql_type.fields.items()
            if not definition.description
        ]
    assert missing == []
