"""Every Cypher transaction has a timeout: past it the request ends with `TIMEOUT`, and
Neo4j has let go of the transaction."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

from neo4j import AsyncTransaction

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.settings import Settings
from tests.helpers import app_client, gql

FOLLOW = """mutation { followResearcher(id: "gongfan-fang") {
  researcher { counts { followers } } } }"""


@asynccontextmanager
async def researcher_locked(db: Database, id: str) -> AsyncIterator[AsyncTransaction]:
    """An open write transaction holding the lock on a researcher (rolled back after)."""
    async with db.driver.session(database=db.database) as session:
        tx = await session.begin_transaction()
        try:
            await tx.run("MATCH (r:Researcher {id: $id}) SET r.heldByTest = true", id=id)
            yield tx
        finally:
            await tx.rollback()


async def follows_running(db: Database) -> int:
    """Transactions now running the follow mutation."""
    rows, _, _ = await db.driver.execute_query(
        "SHOW TRANSACTIONS YIELD currentQuery "
        "WHERE currentQuery CONTAINS 'MERGE (u)-[f:FOLLOWS]' "
        "AND NOT currentQuery STARTS WITH 'SHOW' "
        "RETURN count(*) AS n",
        database_=db.database,
    )
    n: int = rows[0]["n"]
    return n


async def test_a_transaction_past_its_timeout_ends_with_timeout(
    settings: Settings, seeded: Database
) -> None:
    short = replace(settings, query_timeout_s=1.0)
    token = mint(short, "u-timeout", "waits")
    async with app_client(short) as http:
        async with researcher_locked(seeded, "gongfan-fang"):
            # the follow waits for the lock until its timeout stops it
            body = await gql(http, FOLLOW, token=token)
            assert body == {
                "data": None,
                "errors": [
                    {
                        "message": "the query ran past its time limit and was stopped",
                        "locations": [{"line": 1, "column": 12}],
                        "path": ["followResearcher"],
                        "extensions": {"code": "TIMEOUT"},
                    }
                ],
            }
            assert await follows_running(seeded) == 0  # Neo4j let go of it
        # the lock is gone with the test's transaction: the same request now goes through
        body = await gql(http, FOLLOW, token=token)
        assert body == {"data": {"followResearcher": {"researcher": {"counts": {"followers": 1}}}}}
