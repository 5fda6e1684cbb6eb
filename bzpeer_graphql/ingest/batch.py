"""One batch of the writer: rows by kind, each node once (its newest version), written together."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from bzpeer_graphql.db.database import RunNamed
from bzpeer_graphql.ingest.records import (
    Affiliation,
    Institution,
    Paper,
    Record,
    Researcher,
    Topic,
)

KINDS = ("institution", "topic", "researcher", "affiliation", "paper")
PLURAL = {
    "institution": "institutions",
    "topic": "topics",
    "researcher": "researchers",
    "affiliation": "affiliations",
    "paper": "papers",
}
#: fields of a record that are not node properties (structure and bookkeeping)
_NOT_PROPERTIES = {
    "id",
    "partial",
    "updatedDate",
    "affiliations",
    "authors",
    "authorships",
    "topics",
    "references",
}
#: the properties a partial record (what a work says about an author...) sets
_PARTIAL = {
    "researcher": ("name", "orcid"),
    "institution": ("name", "country", "ror", "type"),
}


def properties(record: Institution | Topic | Researcher | Paper) -> dict[str, Any]:
    """The node properties a record sets (all of them: a None one is removed)."""
    names = [f.name for f in fields(record) if f.name not in _NOT_PROPERTIES]
    if getattr(record, "partial", False):
        names = [n for n in names if n in _PARTIAL.get(record.kind, names)]
    return {name: getattr(record, name) for name in names}


def _newer(record: Record, than: Record) -> bool:
    """Whether `record` wins over `than` (same node): a later or equal date, or no date."""
    new, old = getattr(record, "updatedDate", None), getattr(than, "updatedDate", None)
    return new is None or old is None or new >= old


def row(record: Record) -> dict[str, Any]:
    """The row the record's Cypher file expects."""
    if isinstance(record, Affiliation):
        return {
            "researcher": record.researcher,
            "institution": record.institution,
            "current": record.current,
            "since": record.since,
            "until": record.until,
        }
    out: dict[str, Any] = {
        "id": record.id,
        "updatedDate": record.updatedDate,
        "props": properties(record),
    }
    if isinstance(record, Institution | Topic | Researcher):
        out["partial"] = record.partial
    if isinstance(record, Researcher):
        out["affiliations"] = (
            None
            if record.affiliations is None
            else [
                {
                    "institution": a.institution,
                    "current": a.current,
                    "since": a.since,
                    "until": a.until,
                }
                for a in record.affiliations
            ]
        )
    if isinstance(record, Paper):
        details = record.authorships or []
        out["authorships"] = [
            {
                "id": author,
                "props": (
                    {
                        "institutions": details[i].institutions,
                        "rawAffiliations": details[i].rawAffiliations,
                        "corresponding": details[i].corresponding,
                    }
                    if i < len(details)
                    else {}
                ),
            }
            for i, author in enumerate(record.authors)
        ]
        out["topics"] = [{"id": t.id, "score": t.score} for t in record.topics]
        out["references"] = record.references
    return out


@dataclass
class BatchResult:
    """What one batch wrote: per kind (rows, created, replaced), and the researchers touched."""

    counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    #: researchers who gained or lost an authorship (derived data of theirs is now stale)
    touched: set[str] = field(default_factory=set)
    #: those of them whose old or new authorship names institutions (affiliations to reread)
    named: set[str] = field(default_factory=set)


@dataclass
class Batch:
    """Records waiting to be written, each node once: a second version replaces the first
    only when it is newer (the graph compares again when writing)."""

    records: dict[tuple[str, bool, str], Record] = field(default_factory=dict)
    #: input lines the batch holds (the writer flushes at its batch size)
    lines: int = 0

    @property
    def empty(self) -> bool:
        return not self.records

    def add(self, record: Record) -> None:
        key = (record.kind, getattr(record, "partial", False), record.id)
        held = self.records.get(key)
        if held is None or _newer(record, held):
            self.records[key] = record

    def clear(self) -> None:
        self.records.clear()
        self.lines = 0

    async def write(self, run: RunNamed) -> BatchResult:
        """Writes the batch inside one transaction: nodes, affiliations, papers, then what is
        derived from the authorships of the researchers the papers touched."""
        result = BatchResult()
        by_kind: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
        for (kind, _, _), record in self.records.items():
            by_kind[kind].append(row(record))
        for kind in KINDS:
            if not by_kind[kind]:
                continue
            rows = await run(f"ingest/{PLURAL[kind]}", {"rows": by_kind[kind]})
            result.counts[kind] = (
                len(rows),
                sum(1 for r in rows if r["created"]),
                sum(1 for r in rows if r["replaced"]),
            )
            for r in rows:
                result.touched.update(r.get("touched") or [])
                result.named.update(r.get("named") or [])
        if result.named:
            await run("ingest/work_affiliations", {"researchers": sorted(result.named)})
        # derived data of the touched researchers (e.g. coauthorship) is recomputed here
        return result
