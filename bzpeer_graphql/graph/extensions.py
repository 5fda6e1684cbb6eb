"""Schema extensions: coded errors on every response, Cypher round trips on request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from strawberry.extensions import SchemaExtension

from bzpeer_graphql.errors import coded


class CodedErrors(SchemaExtension):
    """Gives every error `extensions.code` and masks unexpected ones (see `errors.coded`)."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [coded(error) for error in result.errors]


class CypherStats(SchemaExtension):
    """With `X-Bzpeer-Debug: 1`, adds `extensions.cypher {queries, dbMs}` to the response."""

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        if not getattr(context, "debug", False):
            return {}
        trips = context.trips
        return {
            "cypher": {
                "queries": trips.queries,
                "dbMs": trips.db_ms,
                "batches": [{"query": name, "keys": keys} for name, keys in trips.batches],
            }
        }
