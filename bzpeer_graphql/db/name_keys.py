"""Blocking keys for graphs loaded before the writer computed them."""

from __future__ import annotations

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.identity.names import name_keys

#: researchers one migration transaction updates
BATCH = 5000


async def fill_name_keys(db: Database) -> int:
    """Computes `nameKey`/`nameKeyAlt` where missing; returns how many records got them."""
    filled = 0
    while rows := await db.read("admin/researchers_without_name_key", {"limit": BATCH}):
        updates = [{"id": row["id"], **name_keys(row["name"])} for row in rows]
        await db.write("admin/set_name_keys", {"rows": updates})
        filled += len(updates)
    return filled
