"""What a load did: rows written by kind, bad lines skipped, notes, merges, parts and time."""

from __future__ import annotations

from dataclasses import dataclass, field

from bzpeer_graphql.ingest.batch import KINDS, PLURAL
from bzpeer_graphql.ingest.records import Note, RecordError


@dataclass
class KindCount:
    """Rows written of one kind: new nodes, replaced ones, and ones an older version left as is."""

    written: int = 0
    created: int = 0
    replaced: int = 0
    skipped: int = 0

    @property
    def updated(self) -> int:
        return self.replaced - self.created

    @property
    def unchanged(self) -> int:
        return self.written - self.replaced


@dataclass
class LoadSummary:
    """What a load did, by kind, with the bad records it skipped."""

    counts: dict[str, KindCount] = field(default_factory=lambda: {k: KindCount() for k in KINDS})
    errors: list[RecordError] = field(default_factory=list)
    #: lines loaded with something to say (a field cut at its limit, a work without authors)
    notes: list[Note] = field(default_factory=list)
    folded: int = 0
    #: records merged by the importer because they share an ORCID
    orcid_merged: int = 0
    records: int = 0
    parts: int = 0
    parts_skipped: int = 0
    seconds: float = 0.0

    @property
    def unreadable(self) -> int:
        """Bad lines that are not even JSON (or a file that breaks off)."""
        return sum(1 for e in self.errors if e.unreadable)

    @property
    def skipped(self) -> int:
        """Input lines not written because they were bad or pointed at something missing."""
        return len({(e.where, e.line) for e in self.errors})

    def lines(self) -> list[str]:
        out = []
        for kind in KINDS:
            c = self.counts[kind]
            if c.written or c.skipped:
                unchanged = (
                    f", {c.unchanged} unchanged (stored version as new or newer)"
                    if c.unchanged
                    else ""
                )
                out.append(
                    f"{PLURAL[kind]:>13}: {c.created} created, {c.updated} updated, "
                    f"{c.skipped} skipped{unchanged}"
                )
        if self.skipped:
            out.append(
                f"{'bad lines':>13}: {self.skipped} skipped ({self.unreadable} not JSON, "
                f"{self.skipped - self.unreadable} with a wrong field or reference)"
            )
        if self.notes:
            noted = len({(n.where, n.line) for n in self.notes})
            out.append(
                f"{'notes':>13}: {len(self.notes)} on {noted} loaded line(s) (a field cut at its "
                "limit, a work without authors or title)"
            )
        if self.parts or self.parts_skipped:
            out.append(
                f"{'parts':>13}: {self.parts} loaded, {self.parts_skipped} skipped "
                "(loaded by an earlier run)"
            )
        if self.folded:
            out.append(f"{'merged ids':>13}: {self.folded} nodes folded into their new id")
        if self.orcid_merged:
            out.append(f"{'same ORCID':>13}: {self.orcid_merged} researchers merged")
        rate = self.records / self.seconds if self.seconds else 0.0
        out.append(f"{self.records} input records in {self.seconds:.1f}s ({rate:,.0f} records/s)")
        return out
