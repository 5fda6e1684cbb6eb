"""Blocking keys for graphs loaded before the writer computed them, or keyed by older rules."""

from __future__ import annotations

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.identity.names import KEY_VERSION, name_keys

#: researchers one migration transaction updates
BATCH = 5000


async def fill_name_keys(db: Database) -> int:
    """Computes the blocking keys where missing or computed by another KEY_VERSION (the records
    are marked for rescoring); returns how many records got them."""
    filled, after = 0, ""
    params = {"version": KEY_VERSION, "limit": BATCH}
    while rows := await db.read("admin/researchers_without_name_key", {**params, "after": after}):
        updates = [{"id": row["id"], **name_keys(row["name"])} for row in rows]
        await db.write("admin/set_name_keys", {"rows": updates})
        filled += len(updates)
        after = rows[-1]["id"]
    return filled
