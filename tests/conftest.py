"""Shared fixtures: one real Neo4j for the whole run, the app over it, an HTTP client."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace

import httpx
import pytest

from bzpeer_graphql import create_app
from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import LocalNeo4j, LocalNeo4jError, free_port
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.ingest.seed import load_seed
from bzpeer_graphql.settings import Settings
from tests.helpers import wipe

#: the HS256 secret of the test settings (made up for the tests, used nowhere else)
TEST_JWT_SECRET = "test-only-secret-of-bzpeer-graphql-0123456789abcdef"

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def unavailable(reason: str) -> None:
    """No database could be had: a failure in CI, a skip on a developer's machine."""
    if IN_CI:
        pytest.fail(f"CI=true and no database: {reason}", pytrace=False)
    pytest.skip(f"no database: {reason}")


#: the most test workers: each starts a Neo4j of its own (about 1.3 GB of memory)
MAX_WORKERS = 4


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one worker per core up to MAX_WORKERS, each over its own local Neo4j; none
    (every test in this process) when NEO4J_URI names the one database all would share."""
    if Settings.from_env(env_file=None).neo4j_uri:
        return 0
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def base_settings() -> Settings:
    """Defaults only: no .env, no environment, so a developer's setup cannot leak into tests."""
    return Settings.from_env(environ={}, env_file=None)


@pytest.fixture(scope="session")
def connection(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Connection]:
    """NEO4J_URI if set (its database is wiped by tests), else a fresh local Neo4j."""
    from_env = Settings.from_env(env_file=None)
    if from_env.neo4j_uri:
        yield Connection.from_settings(from_env)
        return
    local = LocalNeo4j(
        tmp_path_factory.mktemp("neo4j"),
        free_port(),
        cache_dir=from_env.cache_dir,
        heap_mb=1024,
        pagecache_mb=256,
    )
    try:
        status = local.start()
    except LocalNeo4jError as exc:
        unavailable(str(exc))
    try:
        yield Connection(status.uri, "neo4j", local.password(), "neo4j")
    finally:
        local.stop()


@pytest.fixture(scope="session")
async def db(connection: Connection) -> AsyncIterator[Database]:
    """The test database with the schema migrated."""
    database = Database.connect(connection)
    if not await database.ping():
        unavailable(f"{connection.uri} does not answer")
    await migrate(database)
    yield database
    await database.close()


@pytest.fixture(scope="session")
def settings(connection: Connection) -> Settings:
    """Settings that point the app at the test database."""
    return replace(
        base_settings(),
        neo4j_uri=connection.uri,
        neo4j_user=connection.user,
        neo4j_password=connection.password,
        neo4j_database=connection.database,
        jwt_secret=TEST_JWT_SECRET,
    )


@pytest.fixture
async def client(settings: Settings, db: Database) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the real ASGI app in-process."""
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bzpeer.test") as http:
        yield http
    await app.state.runtime.close()


@pytest.fixture(scope="module")
async def seeded(db: Database) -> Database:
    """The test database holding exactly the seed data (reloaded for each test module)."""
    await wipe(db)
    await load_seed(db)
    return db
