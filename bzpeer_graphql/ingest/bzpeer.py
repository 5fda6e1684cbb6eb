"""The bzpeer format: JSON Lines, one record a line, each with a `kind` (see docs/data.md)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bzpeer_graphql.ingest import jsonl
from bzpeer_graphql.ingest.records import Loaded, Numbered, PartEnd, RecordError, parse


@dataclass(frozen=True)
class BzpeerFile:
    """A bzpeer-format file as a loader source; every reference must resolve."""

    path: Path
    self_contained: bool = False

    def redirects(self) -> dict[str, dict[str, str]]:
        return {}

    def expected_records(self, loaded: Loaded | None = None) -> int | None:
        return None

    def records(self, loaded: Loaded | None = None) -> Iterator[Numbered | RecordError | PartEnd]:
        for line, obj in jsonl.read(self.path):
            if isinstance(obj, ValueError):
                yield RecordError(line, str(obj), unreadable=True)
                continue
            try:
                yield Numbered(line, parse(obj, line))
            except RecordError as exc:
                yield exc
