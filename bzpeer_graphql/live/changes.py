"""One change to the graph, as every write path describes it after its commit, and the ids that
order the change log."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ChangeKind(StrEnum):
    """What a write did."""

    FOLLOW = "FOLLOW"  # someone followed or unfollowed a researcher
    CLAIM = "CLAIM"  # a record was claimed or its claim released
    PROFILE = "PROFILE"  # a claimant edited the profile
    INVITE = "INVITE"  # a collaboration invite: seen by its sender and its recipient only
    MERGE = "MERGE"  # `other` was absorbed into `record`
    SPLIT = "SPLIT"  # works moved out of `record` into `other`
    UNDO_MERGE = "UNDO_MERGE"  # `other` (absorbed) came back out of `record`
    IMPORT = "IMPORT"  # an importer batch wrote works, authorships or affiliations


@dataclass(frozen=True)
class Change:
    """What one committed write changed: the record acted on (and the other record of a merge,
    split or undo), every node whose properties or edges changed, and who may see it."""

    kind: ChangeKind
    record: str | None = None
    other: str | None = None
    #: every node id whose properties or edges changed (the records included)
    nodes: tuple[str, ...] = ()
    #: user ids that alone may see the change; empty: everyone
    audience: tuple[str, ...] = ()
    #: researcher records it concerns beyond `record` and `other` (an importer batch)
    researchers: tuple[str, ...] = field(default=())

    def concerns(self, researcher: str) -> bool:
        """Whether the change is about this researcher record."""
        return researcher in (self.record, self.other) or researcher in self.researchers

    def visible_to(self, user: str | None) -> bool:
        """Whether a subscriber signed in as `user` (None: anonymous) may see it."""
        return not self.audience or (user is not None and user in self.audience)

    def encode(self) -> str:
        """The change as one JSON text (what the log keeps)."""
        fields: dict[str, Any] = {"kind": self.kind.value}
        for name in ("record", "other"):
            if getattr(self, name) is not None:
                fields[name] = getattr(self, name)
        for name in ("nodes", "audience", "researchers"):
            if getattr(self, name):
                fields[name] = list(getattr(self, name))
        return json.dumps(fields, separators=(",", ":"))

    @classmethod
    def decode(cls, text: str) -> Change:
        fields = json.loads(text)
        return cls(
            kind=ChangeKind(fields["kind"]),
            record=fields.get("record"),
            other=fields.get("other"),
            nodes=tuple(fields.get("nodes", ())),
            audience=tuple(fields.get("audience", ())),
            researchers=tuple(fields.get("researchers", ())),
        )


def about(
    kind: ChangeKind, record: str, other: str | None = None, audience: tuple[str, ...] = ()
) -> Change:
    """A change to one record (and another): both are the nodes it changed."""
    nodes = (record,) if other is None else (record, other)
    return Change(kind, record, other, nodes, audience)


_EVENT_ID = re.compile(r"^(\d{1,15})-(\d{1,15})$")


def event_key(event_id: str) -> tuple[int, int] | None:
    """An event id (`<milliseconds>-<sequence>`, as Redis Streams number entries) as a sortable
    pair; None when it is not one."""
    matched = _EVENT_ID.match(event_id)
    if matched is None:
        return None
    return int(matched.group(1)), int(matched.group(2))
