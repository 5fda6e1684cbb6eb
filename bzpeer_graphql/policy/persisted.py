"""Persisted queries: automatic ones (a sha256 hash stands for a query sent once) and an
allow-list mode that runs only the operations of a registered manifest."""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from pathlib import Path
from typing import Any

from redis.asyncio import Redis

from bzpeer_graphql.errors import Code, HttpError
from bzpeer_graphql.policy.shared import PREFIX, SharedStore
from bzpeer_graphql.settings import Settings, SettingsError

MANIFEST_FORMAT = "apollo-persisted-query-manifest"
#: seconds an automatic persisted query stays in Redis after it was last used
SHARED_TTL_S = 86_400


def sha256_of(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


def manifest(documents: dict[str, str]) -> dict[str, Any]:
    """A manifest registering each document (name -> GraphQL text) under its sha256."""
    operations = [
        {"id": sha256_of(body), "name": name, "body": body}
        for name, body in sorted(documents.items())
    ]
    return {"format": MANIFEST_FORMAT, "version": 1, "operations": operations}


def read_manifest(path: Path) -> dict[str, str]:
    """hash -> query text of a manifest file; a hash that does not match its body is refused."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise SettingsError(f"persisted query manifest {path}: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise SettingsError(f"persisted query manifest {path}: not an {MANIFEST_FORMAT} file")
    registered: dict[str, str] = {}
    for operation in data.get("operations", []):
        body = operation.get("body")
        if not isinstance(body, str) or operation.get("id") != sha256_of(body):
            raise SettingsError(
                f"persisted query manifest {path}: operation {operation.get('name')!r} "
                "has no body or an id that is not the sha256 of its body"
            )
        registered[operation["id"]] = body
    return registered


class PersistedQueries:
    """Turns a request's `extensions.persistedQuery` into its query text, or refuses it.

    Automatic ones are kept in this process's memory and, given a store, in Redis too, so that
    a query registered on one process is found by every other."""

    def __init__(
        self,
        mode: str,
        cache_size: int,
        registered: dict[str, str],
        cache_bytes: int = 2**23,
        store: SharedStore | None = None,
    ) -> None:
        self.mode = mode
        self.store = store
        self.cache_size = cache_size
        self.cache_bytes = cache_bytes
        self.registered = registered
        self._cache: OrderedDict[str, str] = OrderedDict()
        #: bytes of query text the cache holds (at most `cache_bytes`)
        self.bytes = 0

    @classmethod
    def from_settings(
        cls, settings: Settings, store: SharedStore | None = None
    ) -> PersistedQueries:
        registered = {}
        if settings.persisted_queries == "allowlist" and settings.persisted_manifest is not None:
            registered = read_manifest(settings.persisted_manifest)
        return cls(
            settings.persisted_queries,
            settings.apq_cache_size,
            registered,
            settings.apq_cache_bytes,
            store,
        )

    async def resolve(self, query: str | None, extensions: dict[str, Any] | None) -> str | None:
        """The query to run for this request."""
        persisted = (extensions or {}).get("persistedQuery")
        digest = _hash_of(persisted) if persisted is not None else None
        if self.mode == "allowlist":
            return self._allowed(query, digest)
        if digest is None:
            return query
        if self.mode == "off":
            raise HttpError(400, Code.PERSISTED_QUERY_NOT_SUPPORTED, "PersistedQueryNotSupported")
        if query is None:
            known = self._cache.get(digest)
            if known is None:
                known = await self._shared(digest)
            if known is None:
                # the message is the one Apollo clients look for before sending the full text
                raise HttpError(200, Code.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound")
            self._remember(digest, known)
            return known
        if sha256_of(query) != digest:
            raise HttpError(
                400,
                Code.PERSISTED_QUERY_HASH_MISMATCH,
                "extensions.persistedQuery.sha256Hash is not the sha256 of the query",
            )
        if digest not in self._cache:
            await self._share(digest, query)
        self._remember(digest, query)
        return query

    async def _shared(self, digest: str) -> str | None:
        """The query Redis keeps under `digest` (its time to live renewed), if any."""
        if self.store is None:
            return None

        async def get(redis: Redis) -> str | None:
            found = await redis.getex(f"{PREFIX}apq:{digest}", ex=SHARED_TTL_S)
            return found if isinstance(found, str) else None

        return await self.store.run("persisted", get)

    async def _share(self, digest: str, query: str) -> None:
        """Keeps the query in Redis for the other processes (when it fits the cache)."""
        if self.store is None or len(query.encode()) > self.cache_bytes:
            return

        async def put(redis: Redis) -> None:
            await redis.set(f"{PREFIX}apq:{digest}", query, ex=SHARED_TTL_S)

        await self.store.run("persisted", put)

    def _remember(self, digest: str, query: str) -> None:
        """Keeps the query under its hash, within `cache_size` entries and `cache_bytes`."""
        old = self._cache.pop(digest, None)
        if old is not None:
            self.bytes -= len(old.encode())
        size = len(query.encode())
        if size > self.cache_bytes:
            return  # runs, but is not remembered: the client sends its text again
        self._cache[digest] = query
        self.bytes += size
        while len(self._cache) > self.cache_size or self.bytes > self.cache_bytes:
            _, dropped = self._cache.popitem(last=False)
            self.bytes -= len(dropped.encode())

    def _allowed(self, query: str | None, digest: str | None) -> str:
        chosen = digest or (sha256_of(query) if query is not None else None)
        body = self.registered.get(chosen) if chosen is not None else None
        if body is None or (query is not None and query != body):
            raise HttpError(
                403,
                Code.PERSISTED_QUERY_NOT_IN_LIST,
                "this server runs only registered operations; this one is not registered",
            )
        return body


def _hash_of(persisted: Any) -> str:
    if (
        not isinstance(persisted, dict)
        or persisted.get("version") != 1
        or not isinstance(persisted.get("sha256Hash"), str)
    ):
        raise HttpError(
            400,
            Code.PERSISTED_QUERY_INVALID,
            "extensions.persistedQuery must be {version: 1, sha256Hash: <hex>}",
        )
    return str(persisted["sha256Hash"]).lower()
