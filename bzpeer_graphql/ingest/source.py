"""What the writer reads: the `Source` protocol every input format implements, the records of
one input line grouped, and the error of an input with bad records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from bzpeer_graphql.ingest.records import Loaded, Note, Numbered, PartEnd, Record, RecordError


class Source(Protocol):
    """Something that yields numbered records (or the errors of bad lines), as often as asked."""

    @property
    def self_contained(self) -> bool:
        """Each record carries what it points at (an OpenAlex work its authors, institutions
        and topics); citations of works not loaded wait as stubs. Otherwise every reference
        must resolve in the input or the graph."""
        ...

    def records(
        self, loaded: Loaded | None = None
    ) -> Iterator[Numbered | RecordError | PartEnd | Note]:
        """The records (a line's notes before them); a snapshot skips the parts in `loaded` and
        ends each part with PartEnd."""
        ...

    def redirects(self) -> dict[str, dict[str, str]]:
        """{kind: {merged id: surviving id}}: nodes to fold into the one they were merged into."""
        ...

    def expected_records(self, loaded: Loaded | None = None) -> int | None:
        """How many input records (lines) `records` will read, when known without reading."""
        ...


class LoadError(RuntimeError):
    """The input has bad records and the run was asked to fail on them; nothing was written."""

    def __init__(self, errors: list[RecordError], written: str = "nothing written") -> None:
        shown = "; ".join(str(e) for e in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        super().__init__(f"{len(errors)} bad record(s), {written}: {shown}{more}")
        self.errors = errors


def lines_of(
    items: Iterator[Numbered | RecordError | PartEnd | Note],
) -> Iterator[list[Numbered] | RecordError | PartEnd | Note]:
    """Groups the records of one input line (a work and its authors...) together."""
    group: list[Numbered] = []
    for item in items:
        if isinstance(item, Numbered) and group and item.line == group[0].line:
            group.append(item)
            continue
        if group:
            yield group
            group = []
        if isinstance(item, Numbered):
            group.append(item)
        else:
            yield item
    if group:
        yield group


def numbered(items: Iterable[Record]) -> Iterator[Numbered]:
    """Numbers records from 1, for sources made in memory."""
    for line, record in enumerate(items, start=1):
        yield Numbered(line, record)
