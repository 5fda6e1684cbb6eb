"""What one request carries: the settings, the loaders and the Cypher round-trip count."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from bzpeer_graphql.db.database import Database, RoundTrips
from bzpeer_graphql.loaders.base import CypherLoader, LoaderScope
from bzpeer_graphql.settings import Settings

L = TypeVar("L", bound=CypherLoader)


@dataclass
class Context:
    """Per-request state; loaders are made on first use, inside the request's event loop."""

    db: Database
    settings: Settings
    request: Any = None
    response: Any = None
    debug: bool = False
    _loaders: dict[type[CypherLoader], CypherLoader] = field(default_factory=dict)

    @cached_property
    def scope(self) -> LoaderScope:
        return LoaderScope(self.db, batching=self.settings.batching)

    @property
    def trips(self) -> RoundTrips:
        return self.scope.trips

    def loader(self, cls: type[L]) -> L:
        """This request's loader of class `cls`."""
        if cls not in self._loaders:
            self._loaders[cls] = cls(self.scope)
        return self._loaders[cls]  # type: ignore[return-value]
