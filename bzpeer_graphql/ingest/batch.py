"""One batch of the writer: rows by kind, each node once (its newest version), written together."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from bzpeer_graphql.db import duplicate_pairs
from bzpeer_graphql.db.database import Transaction
from bzpeer_graphql.identity.merge import IMPORTER
from bzpeer_graphql.identity.names import name_keys
from bzpeer_graphql.ingest import routes
from bzpeer_graphql.ingest.pair_changes import apply_link_changes, paper_links
from bzpeer_graphql.ingest.records import (
    Affiliation,
    Institution,
    Paper,
    Record,
    Researcher,
    Topic,
)
from bzpeer_graphql.ingest.versions import decide, newer

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


#: what a replaced version of a paper named (see cypher/ingest/drop_orphans.cypher)
_FORMER = ("researchers", "institutions", "topics", "stubs")
#: the kinds whose records carry a version date (`updatedDate`) the graph compares
_DATED = ("researcher", "institution", "paper")

_NAMES: dict[tuple[type, bool], tuple[str, ...]] = {}


def node_properties(record_type: type[Record]) -> list[str]:
    """The names of the node properties a full record of this type sets."""
    return [f.name for f in fields(record_type) if f.name not in _NOT_PROPERTIES]


def _property_names(record: Record, partial: bool) -> tuple[str, ...]:
    key = (type(record), partial)
    if key not in _NAMES:
        names = node_properties(type(record))
        if partial:
            names = [n for n in names if n in _PARTIAL.get(record.kind, names)]
        _NAMES[key] = tuple(names)
    return _NAMES[key]


def properties(
    record: Institution | Topic | Researcher | Paper, with_keys: bool = True
) -> dict[str, Any]:
    """The node properties a record sets (all of them: a None one is removed); a researcher's
    name keys unless `with_keys` is False (a bulk build computes them once per name)."""
    names = _property_names(record, getattr(record, "partial", False))
    props = {name: getattr(record, name) for name in names}
    if with_keys and isinstance(record, Researcher) and record.name:
        props.update(name_keys(record.name))
    return props


def own_affiliations(record: Researcher) -> list[dict[str, Any]] | None:
    """The affiliation rows of an author record's own affiliations (None: not known here)."""
    if record.affiliations is None:
        return None
    return [
        {"institution": a.institution, "current": a.current, "since": a.since, "until": a.until}
        for a in record.affiliations
    ]


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
        out["affiliations"] = own_affiliations(record)
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
        out["references"] = list(dict.fromkeys(record.references))  # each once: CITES is created
    return out


@dataclass
class BatchResult:
    """What one batch wrote: per kind (rows, created, replaced), and the researchers touched."""

    counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    #: researchers who gained or lost an authorship (derived data of theirs is now stale)
    touched: set[str] = field(default_factory=set)
    #: those of them whose old or new authorship names institutions (affiliations to reread)
    named: set[str] = field(default_factory=set)
    #: what replaced versions of papers named, by kind (researchers, institutions, topics,
    #: stubs): dropped at the end of the batch when nothing refers to it any more
    former: dict[str, set[str]] = field(default_factory=dict)

    def count(self, kind: str, written: int, created: int, replaced: int) -> None:
        before = self.counts.get(kind, (0, 0, 0))
        self.counts[kind] = (before[0] + written, before[1] + created, before[2] + replaced)


#: (kind, id, input line) of the record a partial record came with
Owner = tuple[str, str, int]


@dataclass
class Batch:
    """Records waiting to be written, each node once: a second version replaces the first
    only when it is newer (the graph compares again when writing). A partial record (what a
    work says about its authors...) is written only with the version of the record it came
    with, and only when that version is written: a refused or older work writes nothing."""

    records: dict[tuple[str, bool, str], Record] = field(default_factory=dict)
    #: the input line of each full record held
    lines_of: dict[tuple[str, bool, str], int] = field(default_factory=dict)
    #: partial records, each with the record it came with (None: stands alone)
    partials: dict[tuple[str, bool, str], list[tuple[Record, Owner | None]]] = field(
        default_factory=dict
    )
    #: input lines the batch holds (the writer flushes at its batch size)
    lines: int = 0
    #: absorbed researcher id -> survivor, from the source's merged_ids (see ingest/identity.py)
    redirects: dict[str, str] = field(default_factory=dict)
    #: the file its lines are in, when a source reads more than one (a batch ends with a file)
    where: str = ""

    @property
    def empty(self) -> bool:
        return not self.records and not self.partials

    def add(self, record: Record, owner: Record | None = None, line: int = 0) -> None:
        """Holds a record read on `line`; a partial one with the full record it came with."""
        key = (record.kind, getattr(record, "partial", False), record.id)
        if key[1]:
            came_with = (owner.kind, owner.id, line) if owner is not None else None
            self.partials.setdefault(key, []).append((record, came_with))
            return
        held = self.records.get(key)
        if held is None or newer(
            getattr(record, "updatedDate", None), getattr(held, "updatedDate", None)
        ):
            self.records[key] = record
            self.lines_of[key] = line

    def clear(self) -> None:
        self.records.clear()
        self.lines_of.clear()
        self.partials.clear()
        self.lines = 0

    def _kept_partials(self, refused: set[tuple[str, str]]) -> list[Record]:
        """Of each partial node, the newest version whose record is the version held and is
        not refused by the graph (`refused`: (kind, id) the graph holds as new or newer)."""
        kept: list[Record] = []
        for candidates in self.partials.values():
            best: Record | None = None
            for record, came_with in candidates:
                if came_with is not None:
                    kind, id, line = came_with
                    if (kind, id) in refused or self.lines_of.get((kind, False, id)) != line:
                        continue
                if best is None or newer(
                    getattr(record, "updatedDate", None), getattr(best, "updatedDate", None)
                ):
                    best = record
            if best is not None:
                kept.append(best)
        return kept

    async def write(self, tx: Transaction) -> BatchResult:
        """Writes the batch inside one transaction: nodes (only the rows that change something),
        affiliations, papers, then what is derived from the authorships of the researchers the
        papers touched."""
        result = BatchResult()
        full = list(self.records.values())
        candidates = full + [r for c in self.partials.values() for r, _ in c]
        # ids of absorbed records and works split out land where they belong (ingest/routes.py)
        landings = await routes.land(tx, routes.keys(candidates), self.redirects)
        landed = routes.reroute(candidates, landings) if landings else candidates
        ids = {kind: sorted({r.id for r in landed if r.kind == kind}) for kind in KINDS}
        for record in full:  # what the graph holds of the records partial ones came with
            if self.partials and record.kind in _DATED and record.id not in ids[record.kind]:
                ids[record.kind].append(record.id)
        stored = (
            await tx.run(
                "ingest/stored_versions",
                {PLURAL[k]: ids[k] for k in ("researcher", "topic", "institution", "paper")},
            )
        )[0]
        held: dict[str, dict[str, dict[str, Any]]] = {
            kind: {n["id"]: n for n in stored[PLURAL[kind]]}
            for kind in ("researcher", "topic", "institution", "paper")
        }
        refused = {
            (r.kind, r.id)
            for r in full
            if r.kind in _DATED
            and r.id in held[r.kind]
            and not newer(getattr(r, "updatedDate", None), held[r.kind][r.id].get("updatedDate"))
        }
        records = full + self._kept_partials(refused)
        names = {r.id: r.name for r in records if isinstance(r, Researcher)}
        moved = {
            old: landing.id
            for (work, old), landing in landings.items()
            if work is None
            and old in self.redirects
            and (("researcher", False, old) in self.records)
        }
        if landings:
            records = routes.reroute(records, landings)
        # full records first, so a partial one of the same node sees the full one's date
        records.sort(key=lambda r: getattr(r, "partial", False))
        rows: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
        for record in records:
            rows[record.kind] += self._decide(record, held, result)
        for kind in ("institution", "topic", "researcher"):
            if rows[kind]:
                await tx.run(f"ingest/{PLURAL[kind]}", {"rows": rows[kind]})
        created = 0
        if rows["affiliation"]:
            written = await tx.run("ingest/affiliations", {"rows": rows["affiliation"]})
            created = sum(1 for r in written if r["created"])
            result.count("affiliation", len(written), created, len(written))
        if rows["paper"]:
            if landings:
                rows["paper"] = [routes.reroute_paper(paper, landings) for paper in rows["paper"]]
            await self._write_papers(tx, rows["paper"], result)
        await self._record_folds(tx, rows, moved, names)
        # an author record replacing its stints drops those read off works: read them again
        recorded = {r["id"] for r in rows["researcher"] if r.get("affiliations") is not None}
        if result.named or recorded:
            await tx.run(
                "ingest/work_affiliations", {"researchers": sorted(result.named | recorded)}
            )
        if any(result.former.values()):
            await tx.run(
                "ingest/drop_orphans",
                {k: sorted(result.former.get(k, ())) for k in _FORMER},
            )
        # what duplicate scoring compares changed for these: their candidate pairs are stale (a
        # stint seen again changes no institution set)
        changed = {r["id"] for r in rows["researcher"]}
        if created:
            changed |= {r["researcher"] for r in rows["affiliation"]}
        await duplicate_pairs.mark_stale(
            tx, sorted(changed | result.touched | result.named), [p["id"] for p in rows["paper"]]
        )
        return result

    async def _record_folds(
        self,
        tx: Transaction,
        rows: dict[str, list[dict[str, Any]]],
        moved: dict[str, str],
        names: dict[str, str | None],
    ) -> None:
        """The ids of merged_ids that written rows came under, kept resolving to their survivor
        (`cypher/ingest/record_folds.cypher`): an author record's, a work's author's."""
        written = {r["id"] for r in rows["researcher"]}
        folds = {old: new for old, new in moved.items() if new in written}
        for paper in rows["paper"]:
            for authorship in paper["authorships"]:
                for origin in authorship["props"].get("origins") or ():
                    if origin in self.redirects:
                        folds.setdefault(origin, authorship["id"])
        if folds:
            await tx.run(
                "ingest/record_folds",
                {
                    "folds": [
                        {"old": old, "new": new, "name": names.get(old)}
                        for old, new in sorted(folds.items())
                    ],
                    "by": IMPORTER.id,
                },
            )

    @staticmethod
    async def _write_papers(
        tx: Transaction, papers: list[dict[str, Any]], result: BatchResult
    ) -> None:
        """Writes papers and what their new author and topic lists change in COAUTHOR, RELATED
        and WORKS_ON (read from the authors and topics they had before)."""
        ids = [paper["id"] for paper in papers]
        before = await paper_links(tx, ids)
        for r in await tx.run("ingest/papers", {"rows": papers}):
            result.touched.update(r["touched"])
            result.named.update(r["named"])
            for kind, ids in r["former"].items():
                result.former.setdefault(kind, set()).update(ids)
        after = {
            "authors": {p["id"]: [a["id"] for a in p["authorships"]] for p in papers},
            "topics": {p["id"]: [t["id"] for t in p["topics"]] for p in papers},
        }
        await apply_link_changes(tx, before, after)

    def _decide(
        self, record: Record, held: dict[str, dict[str, dict[str, Any]]], result: BatchResult
    ) -> list[dict[str, Any]]:
        """The rows to send for one record (none when the graph holds it as new or newer)."""
        if isinstance(record, Affiliation):
            return [row(record)]
        stored = held[record.kind].get(record.id)
        partial = getattr(record, "partial", False)
        decision = decide(properties(record), record.updatedDate, partial, stored)
        if partial:  # what a work says about a node counts only when it makes the node
            result.count(
                record.kind, int(decision.created), int(decision.created), int(decision.created)
            )
        else:
            result.count(record.kind, 1, int(decision.created), int(decision.replaced))
        if decision.set is None:
            return []
        if isinstance(record, Paper):
            held["paper"][record.id] = {"id": record.id, "updatedDate": record.updatedDate}
            return [row(record)]
        held[record.kind][record.id] = {**(stored or {}), **decision.set}
        out: dict[str, Any] = {"id": record.id, "set": decision.set}
        if isinstance(record, Researcher):
            out["affiliations"] = row(record)["affiliations"] if decision.replaced else None
        return [out]
