"""Applies the constraints and indexes of `cypher/schema/`, then builds missing COAUTHOR,
RELATED and WORKS_ON, topic rankings, name keys and duplicate candidate pairs."""

from __future__ import annotations

from bzpeer_graphql.db import cypher
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.duplicate_pairs import refresh
from bzpeer_graphql.db.name_keys import fill_name_keys
from bzpeer_graphql.db.shared_papers import (
    COAUTHORS,
    RELATED,
    WORKS_ON,
    build_missing,
    rank_topics,
    refresh_works_on,
)

#: topics one migration transaction builds RELATED for: a topic's papers are many
RELATED_BATCH = 100


async def apply_schema(db: Database) -> int:
    """Runs every statement of every schema file and waits for the indexes to come online;
    returns how many statements ran."""
    count = 0
    for name in cypher.names("schema"):
        for statement in cypher.statements(name):
            await db.write_text(statement)
            count += 1
    await db.write("admin/await_indexes")
    return count


async def migrate(db: Database) -> int:
    """Runs every statement of every schema file, then builds COAUTHOR, RELATED and WORKS_ON
    where a graph loaded before they were kept lacks them, and the topic rankings missing;
    returns how many schema statements ran."""
    count = await apply_schema(db)
    await build_missing(db, COAUTHORS)
    await build_missing(db, RELATED, batch=RELATED_BATCH)
    await build_missing(db, WORKS_ON)
    await refresh_works_on(db)  # what a load that stopped early left marked
    await rank_topics(db)
    await fill_name_keys(db)
    await refresh(db)
    return count
