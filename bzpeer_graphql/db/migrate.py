"""Applies the constraints and indexes of `cypher/schema/`, idempotently."""

from __future__ import annotations

from bzpeer_graphql.db import cypher
from bzpeer_graphql.db.database import Database


async def migrate(db: Database) -> int:
    """Runs every statement of every schema file; returns how many statements ran."""
    count = 0
    for name in cypher.names("schema"):
        for statement in cypher.statements(name):
            await db.write_text(statement)
            count += 1
    await db.write("admin/await_indexes")
    return count
