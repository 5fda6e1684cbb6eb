"""Test helpers: the real `bzpeer-graphql` command in a child, graph set-up, GraphQL calls."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bzpeer_graphql import create_app
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.records import Loaded, Numbered, PartEnd, Record, RecordError
from bzpeer_graphql.ingest.source import numbered
from bzpeer_graphql.settings import Settings

CLI = [sys.executable, "-m", "bzpeer_graphql.cli"]


#: the checkout these tests belong to
CHECKOUT = Path(__file__).resolve().parents[1]


def cli_env(**overrides: str) -> dict[str, str]:
    """The environment for a child `bzpeer-graphql`, without any NEO4J_* of the developer's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "BZPEER_"))}
    env["BZPEER_CACHE_DIR"] = str(Settings.from_env(env_file=None).cache_dir)
    # the child imports this checkout, whatever checkout an editable install points at
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(CHECKOUT), env.get("PYTHONPATH")) if p)
    env.update(overrides)
    return env


def run_cli(
    *args: str, env: dict[str, str], cwd: Path, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Runs `bzpeer-graphql ARGS` and returns its result (never raises on a non-zero exit)."""
    return subprocess.run(
        [*CLI, *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


async def kept_links(db: Database, relationship: str, value: str) -> set[tuple[str, str, Any]]:
    """Every `relationship` the writer keeps (COAUTHOR, RELATED, WORKS_ON) as (from, to,
    its `value` property)."""
    records, _, _ = await db.driver.execute_query(
        f"MATCH (a)-[k:{relationship}]->(b) RETURN a.id AS a, b.id AS b, k.{value} AS v"
    )
    return {(r["a"], r["b"], r["v"]) for r in records}


def check_cli(settings: Settings, what: str) -> subprocess.CompletedProcess[str]:
    """`bzpeer-graphql check WHAT` (coauthors, related, works-on) against the test database."""
    env = cli_env(
        NEO4J_URI=settings.neo4j_uri or "",
        NEO4J_USER=settings.neo4j_user,
        NEO4J_PASSWORD=settings.neo4j_password or "",
    )
    return run_cli("check", what, env=env, cwd=Path(__file__).parent.parent)


async def check_finds_planted(
    db: Database, settings: Settings, what: str, plants: list[str], expected: list[str]
) -> None:
    """`bzpeer-graphql check WHAT` agrees with the papers, then, after the `plants` statements
    spoil the kept links, exits 1 listing exactly the `expected` differences."""
    clean = check_cli(settings, what)
    link = {"coauthors": "COAUTHOR", "related": "RELATED", "works-on": "WORKS_ON"}[what]
    assert (clean.returncode, clean.stdout) == (0, f"{what}: {link} agrees with the papers\n")
    for statement in plants:
        await db.driver.execute_query(statement)
    planted = check_cli(settings, what)
    assert planted.returncode == 1
    assert planted.stdout.splitlines() == expected
    assert f"{what}: {len(expected)} pair(s) differ from the papers" in planted.stderr


async def wipe(db: Database) -> None:
    """Deletes every node and relationship of the test database, in batches."""
    async with db.driver.session(database=db.database) as session:
        result = await session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        )
        await result.consume()


async def graph_counts(db: Database) -> dict[str, int]:
    """Nodes by label and relationships by type, e.g. {"Paper": 17, "AUTHORED": 93}."""
    nodes, _, _ = await db.driver.execute_query(
        "MATCH (n) UNWIND labels(n) AS label RETURN label AS name, count(*) AS n"
    )
    rels, _, _ = await db.driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS name, count(*) AS n"
    )
    return {r["name"]: r["n"] for r in [*nodes, *rels]}


async def graph_digest(db: Database) -> str:
    """A sha256 of every node (labels, properties) and relationship (ends, type, properties)."""
    nodes, _, _ = await db.driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS properties"
    )
    rels, _, _ = await db.driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS source, type(r) AS type, properties(r) AS properties, "
        "b.id AS target"
    )
    lines = sorted(
        json.dumps(record.data(), sort_keys=True, default=str) for record in [*nodes, *rels]
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@asynccontextmanager
async def app_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on a fresh app made with `settings` (closed with its driver after)."""
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://bzpeer.test") as http:
            yield http
    finally:
        await app.state.runtime.close()


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    debug: bool = False,
    token: str | None = None,
) -> dict[str, Any]:
    """POSTs one operation to /graphql and returns the JSON body (asserting HTTP 200)."""
    headers = {"X-Bzpeer-Debug": "1"} if debug else {}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def data(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
) -> dict[str, Any]:
    """The `data` of a response that must have no errors."""
    body = await gql(client, query, variables, token=token)
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]
    return result


@dataclass
class Records:
    """Records made in memory, as a loader source (for graphs a test builds by hand)."""

    items: list[Record]
    self_contained: bool = False

    def redirects(self) -> dict[str, dict[str, str]]:
        return {}

    def expected_records(self, loaded: Loaded | None = None) -> int | None:
        return None

    def records(self, loaded: Loaded | None = None) -> Iterator[Numbered | RecordError | PartEnd]:
        yield from numbered(self.items)
