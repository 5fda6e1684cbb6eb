"""The base of every loader: one Cypher file over `UNWIND $keys`, rows put back in key order."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from aiodataloader import DataLoader

from bzpeer_graphql.db.database import Database, RoundTrips, Row


@dataclass
class LoaderScope:
    """What one request's loaders share: the database, the round-trip count, batching on/off."""

    db: Database
    trips: RoundTrips = field(default_factory=RoundTrips)
    batching: bool = True


class CypherLoader(DataLoader[Any, Any]):
    """Loads one value per key by running `cypher/loaders/<query>.cypher` once per batch.

    The file gets `$keys` (plus `params()`) and returns rows with a `key` column; rows are grouped
    by key and shaped by `value()`.
    """

    query: ClassVar[str]

    def __init__(self, scope: LoaderScope) -> None:
        super().__init__(batch=scope.batching, get_cache_key=self.cache_key)
        self.scope = scope

    def cache_key(self, key: Any) -> Hashable:
        """The key under which a value is cached; override when keys are not hashable."""
        return key  # type: ignore[no-any-return]

    def wire_key(self, key: Any) -> Any:
        """The key as the Cypher file receives it."""
        return key

    def params(self) -> dict[str, Any]:
        """Extra parameters for the Cypher file besides `$keys`."""
        return {}

    def value(self, key: Any, rows: list[Row]) -> Any:
        """The loaded value of `key` from its rows; default: the first row, or None."""
        return rows[0] if rows else None

    async def batch_load_fn(self, keys: Sequence[Any]) -> list[Any]:
        wire = [self.wire_key(key) for key in keys]
        rows = await self.scope.db.read(
            f"loaders/{self.query}", {"keys": wire, **self.params()}, self.scope.trips
        )
        grouped: dict[Hashable, list[Row]] = {}
        for row in rows:
            grouped.setdefault(_hashable(row["key"]), []).append(row)
        return [
            self.value(key, grouped.get(_hashable(w), []))
            for key, w in zip(keys, wire, strict=True)
        ]


def _hashable(value: Any) -> Hashable:
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    return value  # type: ignore[no-any-return]
