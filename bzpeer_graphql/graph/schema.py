"""The schema: the domain query types joined into one `Query`."""

from __future__ import annotations

import strawberry

from bzpeer_graphql.graph.explore import ExploreQuery


@strawberry.type(description="Entry points into the research graph.")
class Query(ExploreQuery):
    pass


schema = strawberry.Schema(query=Query)


def sdl() -> str:
    """The schema as SDL, exactly as kept in `schema.graphql`."""
    return schema.as_str() + "\n"
