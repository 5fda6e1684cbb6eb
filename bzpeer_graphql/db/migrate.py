"""Applies the constraints and indexes of `cypher/schema/`, then builds missing COAUTHOR, name
keys and duplicate candidate pairs."""

from __future__ import annotations

from bzpeer_graphql.db import cypher
from bzpeer_graphql.db.coauthors import build_missing
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.duplicate_pairs import refresh
from bzpeer_graphql.db.name_keys import fill_name_keys


async def migrate(db: Database) -> int:
    """Runs every statement of every schema file, then builds COAUTHOR where a graph loaded
    before it was kept lacks it; returns how many schema statements ran."""
    count = 0
    for name in cypher.names("schema"):
        for statement in cypher.statements(name):
            await db.write_text(statement)
            count += 1
    await db.write("admin/await_indexes")
    await build_missing(db)
    await fill_name_keys(db)
    await refresh(db)
    return count
