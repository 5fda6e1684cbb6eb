"""Node ids are unique across kinds: records checked against each other and against the graph."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bzpeer_graphql.ingest.records import RecordError, references

if TYPE_CHECKING:
    from bzpeer_graphql.ingest.batch import Batch

#: runs a named Cypher file (a read on the database, or a statement of a write transaction)
Run = Callable[[str, dict[str, Any]], Awaitable[list[dict[str, Any]]]]
#: (kind, id, input line) of a node a record writes or names
Named = tuple[str, str, int]
#: ids one look-up checks
CHUNK = 10_000
#: the kinds of node (`Node` in the schema)
KINDS = ("researcher", "paper", "topic", "institution")


@dataclass(frozen=True)
class Clash:
    """A record giving a node the id that another kind holds (on `held_line`, or the graph)."""

    kind: str
    id: str
    line: int
    held: str
    #: the input line of the record that holds the id; None: a node in the graph
    held_line: int | None
    where: str = ""
    #: the file of `held_line`, when it is another file than `where`'s
    held_where: str = ""

    def error(self) -> RecordError:
        """The bad record, as the writer reports it."""
        if self.held_line is None:
            holder = f"a {self.held} in the graph"
        else:
            holder = f"the {self.held} on line {self.held_line}"
            if self.held_where != self.where:
                holder += f" of {self.held_where.removesuffix(': ')}"
        return RecordError(
            self.line,
            f"{self.kind} {self.id!r} has the id of {holder} (ids are unique across kinds)",
            where=self.where,
        )


class IdClashes(Exception):
    """A batch would give a node the id of another kind; nothing of it was written."""

    def __init__(self, clashes: list[Clash]) -> None:
        super().__init__("; ".join(str(c.error()) for c in clashes[:5]))
        self.clashes = clashes


def within(named: Iterable[Named], where: str = "") -> list[Clash]:
    """Ids named as two kinds: the earliest line's kind keeps the id, the others clash."""
    first: dict[str, tuple[str, int]] = {}
    clashes = []
    for kind, node_id, line in sorted(named, key=lambda n: n[2]):
        held = first.setdefault(node_id, (kind, line))
        if held[0] != kind:
            clashes.append(Clash(kind, node_id, line, held[0], held[1], where))
    return clashes


async def in_graph(run: Run, named: Iterable[Named], where: str = "") -> list[Clash]:
    """Ids the graph holds as another kind (`cypher/ingest/id_conflicts.cypher`)."""
    lines: dict[tuple[str, str], int] = {}
    for kind, node_id, line in named:
        key = (kind, node_id)
        lines[key] = min(line, lines.get(key, line))
    keys = list(lines)
    clashes = []
    for start in range(0, len(keys), CHUNK):
        given: dict[str, list[str]] = {f"{kind}s": [] for kind in KINDS}
        for kind, node_id in keys[start : start + CHUNK]:
            given[f"{kind}s"].append(node_id)
        for row in await run("ingest/id_conflicts", dict(given)):
            line = lines[(row["kind"], row["id"])]
            clashes.append(Clash(row["kind"], row["id"], line, row["held"], None, where))
    return sorted(clashes, key=lambda c: (c.line, c.kind, c.id))


def distinct(clashes: Iterable[Clash]) -> list[Clash]:
    """One clash per record (kind, id, line), the first given; in line order."""
    seen: dict[tuple[int, str, str], Clash] = {}
    for clash in clashes:
        seen.setdefault((clash.line, clash.kind, clash.id), clash)
    return sorted(seen.values(), key=lambda c: (c.line, c.kind, c.id))


def named(batch: Batch) -> list[Named]:
    """(kind, id, input line) of each node a batch writes or points at (not the works it
    cites: one not loaded waits as a stub)."""
    out: list[Named] = []
    for key, record in batch.records.items():
        line = batch.lines_of[key]
        if record.kind != "affiliation":
            out.append((record.kind, record.id, line))
        out += [(kind, ref, line) for kind, ref in references(record) if kind != "paper"]
    for (kind, _, node_id), candidates in batch.partials.items():
        for _, came_with in candidates:
            out.append((kind, node_id, came_with[2] if came_with is not None else 0))
    return out


async def check(run: Run, batch: Batch) -> None:
    """Raises IdClashes when a node of the batch has the id of another kind, in the batch or
    in the graph."""
    nodes = named(batch)
    clashes = within(nodes, batch.where) + await in_graph(run, nodes, batch.where)
    if clashes:
        raise IdClashes(distinct(clashes))


def drop(batch: Batch, clashes: list[Clash]) -> list[str]:
    """Leaves the lines of clashing records out of a batch (and what came with them); returns
    the kinds of the records left out."""
    lines = {c.line for c in clashes}
    ids = {(c.kind, c.id) for c in clashes}
    dropped = []
    for key in [k for k, line in batch.lines_of.items() if line in lines]:
        dropped.append(batch.records.pop(key).kind)
        del batch.lines_of[key]
    for key, candidates in list(batch.partials.items()):
        kept = [
            (record, came_with)
            for record, came_with in candidates
            if (came_with[2] not in lines if came_with else (key[0], key[2]) not in ids)
        ]
        if kept:
            batch.partials[key] = kept
        else:
            del batch.partials[key]
    return dropped
