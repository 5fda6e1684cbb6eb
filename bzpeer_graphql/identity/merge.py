"""The one merge of author records, shared by the API's mutations and the importer."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from bzpeer_graphql.db.database import Row, Transaction
from bzpeer_graphql.db.duplicate_pairs import rescore_around


@dataclass(frozen=True)
class Actor:
    """Who does an identity action: a signed-in user, or the importer."""

    id: str
    handle: str
    curator: bool

    def params(self) -> dict[str, Any]:
        """The parameters the mutation files take for the one who acts."""
        return {"viewerId": self.id, "viewerHandle": self.handle, "curator": self.curator}


#: the importer, as the identity history names it: merges of OpenAlex merged_ids and of records
#: sharing an ORCID are recorded as done by the user `importer`, with the curator's rights
IMPORTER = Actor(id="importer", handle="importer", curator=True)


def new_event() -> str:
    """A fresh id for a recorded identity action."""
    return f"ev-{uuid.uuid4().hex}"


async def recount(tx: Transaction, *ids: str) -> None:
    """What is read off the records' authorships made exact again, by the writer's own files:
    COAUTHOR, WORKS_ON, and the affiliations read off works (so a reload finds them as it
    makes them); then the records' duplicate candidate pairs, their coauthors' marked for
    rescoring."""
    await tx.run("ingest/coauthors", {"researchers": list(ids), "papers": []})
    await tx.run("ingest/works_on", {"researchers": list(ids), "limit": len(ids)})
    await tx.run("ingest/work_affiliations", {"researchers": list(ids)})
    await rescore_around(tx, list(ids))


async def record(tx: Transaction, actor: Actor, event: str, action: str, **params: Any) -> None:
    """Records the action in the history of every record it concerns."""
    defaults: dict[str, Any] = {"works": [], "proposal": None}
    await tx.run(
        "mutations/record_identity_event",
        {**actor.params(), **defaults, "event": event, "action": action, **params},
    )


async def merge(
    tx: Transaction, actor: Actor, event: str, into: str, from_: str, proposal: str | None = None
) -> Row:
    """Absorbs `from_` into `into` inside `tx`: checks, moves everything with its origin,
    recounts COAUTHOR, records the action. Returns the checking row (`status` OK when done
    now, DONE when it was done before, else the refusal)."""
    row = (
        await tx.run("mutations/merge_researchers", {**actor.params(), "into": into, "from": from_})
    )[0]
    if row["status"] != "OK":
        return row
    moved = await tx.run(
        "mutations/move_authorships",
        {"source": from_, "target": into, "works": None, "undo": False},
    )
    await recount(tx, into)
    await rescore_around(tx, [from_])  # an absorbed record loses its candidate pairs
    await record(
        tx,
        actor,
        event,
        "MERGE",
        before=[into, from_],
        after=[into],
        works=sorted(moved[0]["works"]),
        proposal=proposal,
        concerns=[into, from_],
    )
    return row
