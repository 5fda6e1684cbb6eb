"""The one Settings object, read from the environment and an optional `.env` file."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Any

from dotenv import dotenv_values


class SettingsError(ValueError):
    """A setting has a value that cannot be used."""


PERSISTED_QUERY_MODES = ("auto", "allowlist", "off")


def _user_dir(xdg_var: str, fallback: str) -> Path:
    base = os.environ.get(xdg_var) or str(Path.home() / fallback)
    return Path(base) / "bzpeer-graphql"


def _default_neo4j_home() -> Path:
    return _user_dir("XDG_DATA_HOME", ".local/share") / "neo4j"


def _default_cache_dir() -> Path:
    return _user_dir("XDG_CACHE_HOME", ".cache")


def _env(name: str, doc: str, **kwargs: Any) -> Any:
    return field(metadata={"env": name, "doc": doc}, **kwargs)


@dataclass(frozen=True)
class Settings:
    """Everything the server, the CLI and the local Neo4j are configured by."""

    neo4j_uri: str | None = _env(
        "NEO4J_URI",
        "Neo4j to use (bolt://, neo4j://, neo4j+s://); unset = the local Neo4j (an embedding app: "
        "none, unless create_app(local_neo4j=True))",
        default=None,
    )
    neo4j_user: str = _env("NEO4J_USER", "Neo4j user name", default="neo4j")
    neo4j_password: str | None = _env(
        "NEO4J_PASSWORD",
        "Neo4j password; unset with the local Neo4j = a generated one",
        default=None,
    )
    neo4j_database: str = _env("NEO4J_DATABASE", "database name inside the DBMS", default="neo4j")
    neo4j_pool_size: int = _env("NEO4J_POOL_SIZE", "driver connection pool size", default=50)

    host: str = _env("BZPEER_HOST", "address the HTTP server binds to", default="127.0.0.1")
    port: int = _env("BZPEER_PORT", "port the HTTP server listens on", default=8000)
    load_seed: bool | None = _env(
        "BZPEER_LOAD_SEED",
        "serve: load seed_data/ into an empty database (unset = only on the local Neo4j)",
        default=None,
    )

    local_neo4j_home: Path = _env(
        "BZPEER_NEO4J_HOME",
        "local Neo4j: data, logs and password",
        default_factory=_default_neo4j_home,
    )
    local_neo4j_port: int = _env(
        "BZPEER_NEO4J_PORT", "local Neo4j: Bolt port on 127.0.0.1", default=7687
    )
    local_neo4j_heap_mb: int = _env("BZPEER_NEO4J_HEAP_MB", "local Neo4j: JVM heap", default=1024)
    local_neo4j_pagecache_mb: int = _env(
        "BZPEER_NEO4J_PAGECACHE_MB", "local Neo4j: page cache", default=256
    )
    cache_dir: Path = _env(
        "BZPEER_CACHE_DIR", "where Maven keeps the Neo4j jars", default_factory=_default_cache_dir
    )

    query_timeout_s: float = _env(
        "BZPEER_QUERY_TIMEOUT", "seconds one Cypher transaction may run", default=30.0
    )
    batching: bool = _env(
        "BZPEER_BATCHING",
        "DataLoader batching (off = one query per parent, for benchmarks)",
        default=True,
    )
    planner: bool = _env(
        "BZPEER_PLANNER",
        "plan queries and run each loader-backed field once per level (off = graphql-core only)",
        default=True,
    )
    default_page_size: int = _env("BZPEER_DEFAULT_PAGE_SIZE", "`first` when not given", default=20)
    max_page_size: int = _env("BZPEER_MAX_PAGE_SIZE", "largest `first` allowed", default=200)

    jwt_algorithm: str = _env(
        "BZPEER_JWT_ALGORITHM", "how viewer tokens are signed: HS256 or RS256", default="HS256"
    )
    jwt_secret: str | None = _env(
        "BZPEER_JWT_SECRET",
        "HS256 secret; unset with the local Neo4j = one generated into BZPEER_CACHE_DIR/jwt-secret",
        default=None,
    )
    jwt_public_key: str | None = _env(
        "BZPEER_JWT_PUBLIC_KEY",
        "RS256 public key: PEM text or the path of a PEM file",
        default=None,
    )
    jwt_issuer: str = _env(
        "BZPEER_JWT_ISSUER", "required `iss` of tokens", default="bzpeer-graphql"
    )
    jwt_audience: str = _env(
        "BZPEER_JWT_AUDIENCE", "required `aud` of tokens", default="bzpeer-graphql"
    )
    invites_per_day: int = _env(
        "BZPEER_INVITES_PER_DAY", "collaboration invites one viewer may send per 24 h", default=20
    )

    max_depth: int = _env(
        "BZPEER_MAX_DEPTH", "deepest nesting of fields one operation may have", default=15
    )
    max_aliases: int = _env("BZPEER_MAX_ALIASES", "aliased fields per operation", default=30)
    max_tokens: int = _env(
        "BZPEER_MAX_TOKENS", "tokens per GraphQL document (parsing stops past it)", default=5000
    )
    max_cost: int = _env(
        "BZPEER_MAX_COST",
        "worst-case objects one operation (or one batch) may fetch: `first` multiplied down, "
        "slices and rankings as docs/operations.md says",
        default=20000,
    )
    max_body_bytes: int = _env(
        "BZPEER_MAX_BODY_BYTES", "largest HTTP request body accepted", default=262144
    )
    max_batch: int = _env(
        "BZPEER_MAX_BATCH", "operations in one batched (array) request", default=10
    )
    introspection: bool = _env(
        "BZPEER_INTROSPECTION", "answer __schema and __type (turn off in production)", default=True
    )
    persisted_queries: str = _env(
        "BZPEER_PERSISTED_QUERIES",
        "auto (automatic persisted queries), allowlist (only the manifest's operations) or off",
        default="auto",
    )
    persisted_manifest: Path | None = _env(
        "BZPEER_PERSISTED_MANIFEST",
        "allowlist: JSON manifest of the registered operations (`bzpeer-graphql persist`)",
        default=None,
    )
    apq_cache_size: int = _env(
        "BZPEER_APQ_CACHE_SIZE", "automatic persisted queries remembered per process", default=1000
    )
    rate_limit: float = _env(
        "BZPEER_RATE_LIMIT",
        "requests per second per viewer or client address (0 = no limit)",
        default=0.0,
    )
    rate_burst: int = _env(
        "BZPEER_RATE_BURST", "requests a client may send at once above the rate", default=50
    )
    redis_url: str | None = _env(
        "BZPEER_REDIS_URL",
        "Redis the server processes share rate-limit buckets, persisted queries and the change "
        "log of subscriptions through "
        "(redis:// or rediss://); unset = serve starts a local redis-server on 127.0.0.1 when it "
        "runs several workers, and one process keeps them in its own memory",
        default=None,
    )
    redis_timeout_s: float = _env(
        "BZPEER_REDIS_TIMEOUT",
        "seconds a Redis call may take; past it, or with Redis down, each process decides from "
        "its own memory (fail open) until Redis answers again",
        default=0.5,
    )
    live_retention: int = _env(
        "BZPEER_LIVE_RETENTION",
        "changes the change log keeps for subscribers resuming with `after` (at least this many; "
        "Redis trims in whole blocks)",
        default=10_000,
    )
    max_subscriptions: int = _env(
        "BZPEER_MAX_SUBSCRIPTIONS", "subscriptions one server process holds at once", default=1000
    )
    max_subscriptions_per_client: int = _env(
        "BZPEER_MAX_SUBSCRIPTIONS_PER_CLIENT",
        "subscriptions one viewer or client address holds at once on one server process",
        default=20,
    )
    max_sockets_per_client: int = _env(
        "BZPEER_MAX_SOCKETS_PER_CLIENT",
        "WebSockets one viewer or client address holds open at once, over every server process "
        "sharing BZPEER_REDIS_URL (0 = no limit)",
        default=10,
    )
    live_queue: int = _env(
        "BZPEER_LIVE_QUEUE",
        "changes that may wait for one subscriber; past it the subscription ends with "
        "SUBSCRIBER_TOO_SLOW (resume with `after`)",
        default=100,
    )
    trust_forwarded_for: str | None = _env(
        "BZPEER_TRUST_FORWARDED_FOR",
        "proxies (addresses or networks, comma-separated) whose X-Forwarded-For or Forwarded "
        "header names the client; unset = the socket's address is the client",
        default=None,
    )
    cors_origins: str = _env(
        "BZPEER_CORS_ORIGINS",
        "origins (scheme://host[:port], comma-separated) whose pages may read the answers; "
        "* = any (a public read API), empty = none",
        default="*",
    )
    cors_credential_origins: str = _env(
        "BZPEER_CORS_CREDENTIAL_ORIGINS",
        "origins whose pages may also send credentials (cookies, `credentials: 'include'`); "
        "listed by name, never *",
        default="",
    )
    cors_methods: str = _env(
        "BZPEER_CORS_METHODS", "methods allowed across origins", default="GET, POST"
    )
    cors_headers: str = _env(
        "BZPEER_CORS_HEADERS",
        "request headers allowed across origins",
        default=(
            "Authorization, Content-Type, Accept, X-Request-Id, X-Bzpeer-Debug, X-Bzpeer-Bookmark, "
            "Apollo-Require-Preflight, X-Apollo-Operation-Name, "
            "Apollographql-Client-Name, Apollographql-Client-Version"
        ),
    )
    cors_max_age_s: int = _env(
        "BZPEER_CORS_MAX_AGE", "seconds a browser may keep a preflight's answer", default=600
    )
    max_response_bytes: int = _env(
        "BZPEER_MAX_RESPONSE_BYTES",
        "largest JSON response body; a larger one is replaced by a RESPONSE_TOO_LARGE error",
        default=4_194_304,
    )
    document_cache_bytes: int = _env(
        "BZPEER_DOCUMENT_CACHE_BYTES",
        "query text the parse cache and the validation cache each keep, in bytes",
        default=8_388_608,
    )
    apq_cache_bytes: int = _env(
        "BZPEER_APQ_CACHE_BYTES",
        "query text the automatic persisted queries keep, in bytes",
        default=8_388_608,
    )
    retry_time_s: float = _env(
        "BZPEER_RETRY_TIME",
        "seconds a write (the driver's) or a read (ours, at most 3 tries) is retried on "
        "transient errors and lost connections",
        default=3.0,
    )
    outage_probe_s: float = _env(
        "BZPEER_OUTAGE_PROBE",
        "while Neo4j is unreachable, seconds between connection attempts (others fail at once)",
        default=1.0,
    )
    log_format: str = _env("BZPEER_LOG_FORMAT", "serve: log lines as json or text", default="json")
    shutdown_grace_s: float = _env(
        "BZPEER_SHUTDOWN_GRACE",
        "serve: seconds in-flight requests get to finish after SIGTERM",
        default=30.0,
    )
    gc_threshold: int = _env(
        "BZPEER_GC_THRESHOLD",
        "serve: objects a server process allocates between young-generation garbage "
        "collections (Python's default is 700; 0 leaves Python's setting alone)",
        default=2_000,
    )

    def __post_init__(self) -> None:
        if self.persisted_queries not in PERSISTED_QUERY_MODES:
            raise SettingsError(
                f"BZPEER_PERSISTED_QUERIES={self.persisted_queries!r}: "
                f"use one of {', '.join(PERSISTED_QUERY_MODES)}"
            )
        if self.persisted_queries == "allowlist" and self.persisted_manifest is None:
            raise SettingsError(
                "BZPEER_PERSISTED_QUERIES=allowlist needs BZPEER_PERSISTED_MANIFEST"
            )
        self.trusted_proxies()  # refuses a value that names no address or network
        self.cors_origin_list()
        self.cors_credential_origin_list()
        if self.log_format not in ("json", "text"):
            raise SettingsError(f"BZPEER_LOG_FORMAT={self.log_format!r}: use json or text")

    def trusted_proxies(self) -> tuple[IPv4Network | IPv6Network, ...]:
        """The networks of BZPEER_TRUST_FORWARDED_FOR (empty when unset)."""
        found = []
        for part in (self.trust_forwarded_for or "").split(","):
            if not part.strip():
                continue
            try:
                found.append(ip_network(part.strip(), strict=False))
            except ValueError:
                raise SettingsError(
                    f"BZPEER_TRUST_FORWARDED_FOR={self.trust_forwarded_for!r}: name the proxies "
                    "by address or network, comma-separated (e.g. 127.0.0.1,10.0.0.0/8)"
                ) from None
        return tuple(found)

    def cors_origin_list(self) -> list[str]:
        """The origins of BZPEER_CORS_ORIGINS ("*" for any)."""
        return _origins("BZPEER_CORS_ORIGINS", self.cors_origins, wildcard=True)

    def cors_credential_origin_list(self) -> list[str]:
        """The origins of BZPEER_CORS_CREDENTIAL_ORIGINS."""
        return _origins("BZPEER_CORS_CREDENTIAL_ORIGINS", self.cors_credential_origins)

    @property
    def uses_local_neo4j(self) -> bool:
        """True when no Neo4j address is configured and the project's own Neo4j is used."""
        return not self.neo4j_uri

    @property
    def seeds_empty_database(self) -> bool:
        """Whether `serve` loads the seed data into an empty database."""
        return self.uses_local_neo4j if self.load_seed is None else self.load_seed

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        env_file: str | Path | None = ".env",
    ) -> Settings:
        """Reads settings from `environ` (default: the process environment) over `env_file`."""
        values: dict[str, str | None] = {}
        if env_file is not None and Path(env_file).is_file():
            values.update(dotenv_values(env_file))
        values.update(os.environ if environ is None else environ)
        kwargs: dict[str, Any] = {}
        for f in fields(cls):
            raw = values.get(f.metadata["env"])
            if raw is None or raw == "":
                continue
            kwargs[f.name] = _convert(f.metadata["env"], raw, _PARSERS[str(f.type)])
        return cls(**kwargs)

    @classmethod
    def describe(cls) -> list[tuple[str, str, str]]:
        """The environment variables with their defaults and meaning, for docs and `--help`."""
        rows = []
        defaults = cls()
        for f in fields(cls):
            default = getattr(defaults, f.name)
            rows.append(
                (f.metadata["env"], "" if default is None else str(default), f.metadata["doc"])
            )
        return rows


_ORIGIN = re.compile(r"https?://[a-z0-9.\-\[\]:]+")


def _origins(name: str, raw: str, wildcard: bool = False) -> list[str]:
    """Comma-separated origins as browsers send them (lower case, no path or trailing slash)."""
    found = []
    for part in raw.split(","):
        origin = part.strip().rstrip("/").lower()
        if not origin:
            continue
        if not (origin == "*" and wildcard) and not _ORIGIN.fullmatch(origin):
            raise SettingsError(
                f"{name}={raw!r}: list origins as scheme://host[:port], comma-separated"
                + (" (or * for any)" if wildcard else "")
            )
        found.append(origin)
    return found


def _parse_bool(raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"not a boolean: {raw!r}")


_PARSERS: dict[str, Callable[[str], Any]] = {
    "str | None": str,
    "str": str,
    "int": int,
    "float": float,
    "bool": _parse_bool,
    "bool | None": _parse_bool,
    "Path": lambda raw: Path(raw).expanduser(),
    "Path | None": lambda raw: Path(raw).expanduser(),
}


def _convert(name: str, raw: str, parse: Callable[[str], Any]) -> Any:
    try:
        return parse(raw)
    except ValueError as exc:
        raise SettingsError(f"{name}={raw!r} is not valid: {exc}") from None
