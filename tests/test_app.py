"""The ASGI app: health, readiness, GraphiQL and a query through the whole stack."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest

from bzpeer_graphql import create_app
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.local import free_port
from bzpeer_graphql.settings import Settings
from bzpeer_graphql.web.explorer import Explorer, ExplorerBuildError
from tests.conftest import IN_CI


async def test_healthz_and_readyz(client: httpx.AsyncClient) -> None:
    health = await client.get("/healthz")
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    ready = await client.get("/readyz")
    assert (ready.status_code, ready.json()) == (200, {"status": "ready", "neo4j": "up"})


async def test_readyz_is_503_while_neo4j_is_unreachable(settings: Settings) -> None:
    app = create_app(replace(settings, neo4j_uri=f"bolt://127.0.0.1:{free_port()}"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        assert (await c.get("/healthz")).status_code == 200
        ready = await c.get("/readyz")
        assert (ready.status_code, ready.json()) == (
            503,
            {"status": "unavailable", "neo4j": "down"},
        )
    await app.state.runtime.close()


async def test_graphiql_in_a_browser(client: httpx.AsyncClient) -> None:
    try:  # GraphiQL is built from npm packages with the explorer page
        Explorer.find().build(log=lambda line: None)
    except ExplorerBuildError as exc:
        if IN_CI:
            raise
        pytest.skip(str(exc))
    page = await client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "<title>bzpeer GraphiQL</title>" in page.text
    assert 'src="explorer/assets/graphiql.js"' in page.text


async def test_graph_stats_counts_nodes(client: httpx.AsyncClient, db: Database) -> None:
    await db.driver.execute_query(
        "MATCH (n) DETACH DELETE n "
        "WITH count(*) AS gone "
        "CREATE (:Researcher {id: 'r1'}), (:Researcher {id: 'r2'}), (:Paper {id: 'p1'}), "
        "(:Topic {id: 't1'}), (:Topic {id: 't2'}), (:Topic {id: 't3'})"
    )
    response = await client.post(
        "/graphql", json={"query": "{ graphStats { researchers papers topics institutions } }"}
    )
    assert response.status_code == 200
    assert response.json() == {
        "data": {"graphStats": {"researchers": 2, "papers": 1, "topics": 3, "institutions": 0}}
    }
