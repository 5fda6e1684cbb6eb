"""Request ids, JSON log lines and Prometheus metrics: what operators see of each request."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: the id of the request being served, for log lines and masked errors
request_id: ContextVar[str | None] = ContextVar("bzpeer_request_id", default=None)

_INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
_ACCESS = logging.getLogger("bzpeer_graphql.access")

METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
#: where the processes of `serve --workers N` keep their series (prometheus-client's variable)
MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"


@dataclass
class RequestRecord:
    """What one request did, filled in as it runs; read for its log line and metrics."""

    id: str
    operations: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    cypher_queries: int = 0
    #: fields the planner answered null with an error
    planner_errors: int = 0
    #: (Cypher file, keys) of every loader batch
    batches: list[tuple[str, int]] = field(default_factory=list)
    #: why a request that could not be read was refused (the exception's type and message)
    refused: str | None = None


def record_of(scope: Any) -> RequestRecord | None:
    """The record `Observed` keeps in this ASGI scope (None outside it, as in `embed`)."""
    found = scope.get("state", {}).get("record") if isinstance(scope, dict) else None
    return found if isinstance(found, RequestRecord) else None


class Metrics:
    """The Prometheus series of one app: in its own registry (so several apps never collide)
    unless given the host's; summed over the processes of `serve --workers` when asked."""

    def __init__(
        self, registry: CollectorRegistry | None = None, *, across_processes: bool = False
    ) -> None:
        self.registry = CollectorRegistry() if registry is None else registry
        self.across_processes = across_processes
        #: each metric's series by label values (as many as the metric keeps itself)
        self._labelled: dict[tuple[Any, tuple[str, ...]], Any] = {}
        self.requests = Counter(
            "bzpeer_http_requests",
            "HTTP requests by path and status",
            ["path", "status"],
            registry=self.registry,
        )
        self.errors = Counter(
            "bzpeer_graphql_errors",
            "GraphQL errors by extensions.code",
            ["code"],
            registry=self.registry,
        )
        self.planner_errors = Counter(
            "bzpeer_planner_errors",
            "fields a query plan answered null with an error (a resolver's error, as graphql-core "
            "would answer it)",
            registry=self.registry,
        )
        self.latency = Histogram(
            "bzpeer_http_request_duration_seconds",
            "time to answer a request",
            ["path"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
            registry=self.registry,
        )
        self.round_trips = Histogram(
            "bzpeer_cypher_round_trips",
            "Cypher round trips per GraphQL request",
            buckets=(0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 50),
            registry=self.registry,
        )
        self.batch_keys = Histogram(
            "bzpeer_loader_batch_keys",
            "keys per DataLoader batch, by Cypher file",
            ["query"],
            buckets=(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000),
            registry=self.registry,
        )

        self.redis_fallbacks = Counter(
            "bzpeer_redis_fallbacks",
            "decisions (by use: ratelimit, persisted, live, sockets) taken from one process's "
            "memory because the shared Redis did not answer",
            ["use"],
            registry=self.registry,
        )
        for use in ("ratelimit", "persisted", "live", "sockets"):
            self.redis_fallbacks.labels(use)  # shown at 0 from the start
        self.subscriptions = Gauge(
            "bzpeer_live_subscriptions",
            "subscriptions open (with several workers: one series per worker process, by pid)",
            registry=self.registry,
            multiprocess_mode="liveall",
        )
        self.sockets = Gauge(
            "bzpeer_live_sockets",
            "WebSockets open and acknowledged (with several workers: one series per worker "
            "process, by pid)",
            registry=self.registry,
            multiprocess_mode="liveall",
        )

    def redis_fallback(self, use: str) -> None:
        """Counts one decision taken without the shared Redis."""
        self.redis_fallbacks.labels(use).inc()

    def observe(self, path: str, status: int, seconds: float, record: RequestRecord) -> None:
        self._series(self.requests, path, str(status)).inc()
        self._series(self.latency, path).observe(seconds)
        for code in record.codes:
            self._series(self.errors, code).inc()
        if record.planner_errors:
            self.planner_errors.inc(record.planner_errors)
        if record.operations:
            self.round_trips.observe(record.cypher_queries)
        for query, keys in record.batches:
            self._series(self.batch_keys, query).observe(keys)

    def _series(self, metric: Any, *values: str) -> Any:
        """The metric's series for these label values, found once (`labels` checks and locks
        on every call: a tenth of a small request's middleware)."""
        key = (metric, values)
        series = self._labelled.get(key)
        if series is None:
            series = self._labelled[key] = metric.labels(*values)
        return series

    def exposition(self) -> bytes:
        """The text format Prometheus scrapes: with several workers, the sums over all of them
        (each process writes its series to files in `PROMETHEUS_MULTIPROC_DIR`)."""
        if not (self.across_processes and os.environ.get(MULTIPROCESS_DIR)):
            return generate_latest(self.registry)
        merged = CollectorRegistry()
        multiprocess.MultiProcessCollector(merged)  # type: ignore[no-untyped-call]
        return generate_latest(merged)


class Observed:
    """ASGI middleware: gives each HTTP request an id (kept from `X-Request-Id` when sane),
    returns it as a header, and logs and measures the request when it ends."""

    def __init__(self, app: ASGIApp, metrics: Metrics, known_paths: frozenset[str]) -> None:
        self.app = app
        self.metrics = metrics
        self.known_paths = known_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        # 32 random hex digits, as a uuid4's hex but at a quarter of its cost
        fresh = secrets.token_hex(16)
        record = RequestRecord(incoming if _INCOMING_ID.fullmatch(incoming) else fresh)
        scope.setdefault("state", {})["record"] = record
        token = request_id.set(record.id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["x-request-id"] = record.id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            path = _route(scope)
            path = path if path in self.known_paths else "other"
            self.metrics.observe(path, status, seconds, record)
            _ACCESS.info(
                "%s %s %d",
                scope["method"],
                scope["path"],
                status,
                extra={
                    "ms": round(seconds * 1000, 1),
                    "operations": record.operations,
                    "codes": record.codes,
                    "cypherQueries": record.cypher_queries,
                    **({"refused": record.refused} if record.refused else {}),
                },
            )
            request_id.reset(token)


def _route(scope: Scope) -> str:
    """The request's path inside this app (without the prefix a host mounted it under)."""
    path: str = scope["path"]
    prefix: str = scope.get("root_path", "")
    return path[len(prefix) :] if prefix and path.startswith(prefix) else path


@contextlib.contextmanager
def metrics_shared() -> Iterator[None]:
    """Gives the workers one empty folder for their metrics files (PROMETHEUS_MULTIPROC_DIR if
    set, emptied first; else a new one, removed after), so /metrics counts every worker."""
    chosen = os.environ.get(MULTIPROCESS_DIR)
    folder = Path(chosen) if chosen else Path(tempfile.mkdtemp(prefix="bzpeer-metrics-"))
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):  # a previous run's counts must not add to this one's
        stale.unlink()
    os.environ[MULTIPROCESS_DIR] = str(folder)
    try:
        yield
    finally:
        if not chosen:
            shutil.rmtree(folder, ignore_errors=True)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, requestId and any extras."""

    #: record attributes that are not extras (uvicorn's `color_message` repeats the message)
    _STANDARD = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "color_message"}

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        current = request_id.get()
        if current is not None:
            line["requestId"] = current
        line.update(_extras(record, self._STANDARD))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def _extras(record: logging.LogRecord, standard: frozenset[str]) -> Iterator[tuple[str, Any]]:
    for key, value in vars(record).items():
        if key not in standard and not key.startswith("_"):
            yield key, value


class TextFormatter(logging.Formatter):
    """`time level logger [request id] message`, for a terminal."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        current = request_id.get()
        return f"{text} [{current}]" if current else text


def configure_logging(log_format: str, level: str = "info") -> None:
    """Sends this process's log lines (ours and uvicorn's) to stderr as JSON or text."""
    handler = logging.StreamHandler()
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(TextFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # one access line per request comes from `Observed`, with the request id and the codes
    logging.getLogger("uvicorn.access").disabled = True
