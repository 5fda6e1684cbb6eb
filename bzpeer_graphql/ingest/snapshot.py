"""OpenAlex sources: one JSON Lines file, or a snapshot directory read part by part."""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bzpeer_graphql.ingest import jsonl
from bzpeer_graphql.ingest.checked import CheckError
from bzpeer_graphql.ingest.openalex import Converted, IdOf, short_id, work_records
from bzpeer_graphql.ingest.openalex_entities import author_records, institution_records
from bzpeer_graphql.ingest.records import Loaded, Note, Numbered, PartEnd, RecordError

#: entity folder of a snapshot -> how its records become ours; loaded in this order
ENTITIES: dict[str, Callable[[dict[str, Any], IdOf], Converted]] = {
    "institutions": institution_records,
    "authors": author_records,
    "works": work_records,
}
#: merged_ids/<folder> of the snapshot -> the record kind whose ids it redirects
MERGED_FOLDERS = {
    "authors": "researcher",
    "works": "paper",
    "institutions": "institution",
    "topics": "topic",
}
Redirects = dict[str, dict[str, str]]


class MergedIdsError(ValueError):
    """A merged_ids path that holds nothing the importer can read."""


def merged_id_files(path: Path) -> list[tuple[str, Path]]:
    """(record kind, CSV file) of a `merged_ids/` folder, of one entity's folder in it
    (`merged_ids/authors/`), or of one file in such a folder; refuses a path with none."""
    if path.is_file():
        kind = MERGED_FOLDERS.get(path.parent.name)
        if kind is None:
            raise MergedIdsError(
                f"{path}: a merged_ids file is read by the folder it is in "
                f"(merged_ids/<{'|'.join(MERGED_FOLDERS)}>/), and {path.parent.name!r} is none"
            )
        return [(kind, path)]
    if not path.is_dir():
        raise MergedIdsError(f"{path}: no such file or folder")
    if path.name in MERGED_FOLDERS and not any((path / e).is_dir() for e in MERGED_FOLDERS):
        files = [(MERGED_FOLDERS[path.name], p) for p in sorted(path.glob("*.csv*"))]
    else:
        files = [
            (kind, p)
            for entity, kind in MERGED_FOLDERS.items()
            for p in sorted((path / entity).glob("*.csv*"))
        ]
    if not files:
        raise MergedIdsError(
            f"{path}: no merged_ids CSV files in it (expected <{'|'.join(MERGED_FOLDERS)}>/"
            "*.csv[.gz], as in the snapshot's merged_ids/ folder)"
        )
    return files


def read_merged_ids(path: Path) -> Redirects:
    """{kind: {merged id: surviving id}} from the files `merged_id_files` finds."""
    redirects: Redirects = {}
    for kind, file in merged_id_files(path):
        opener = gzip.open if file.suffix == ".gz" else open
        with opener(file, "rt", encoding="utf-8", newline="") as rows:
            reader = csv.DictReader(rows)
            if not {"id", "merge_into_id"} <= set(reader.fieldnames or []):
                raise MergedIdsError(
                    f"{file}: not a merged_ids CSV (its header has no id and merge_into_id)"
                )
            for row in reader:
                old, new = short_id(row.get("id")), short_id(row.get("merge_into_id"))
                if old and new and old != new:
                    redirects.setdefault(kind, {})[old] = new
    return redirects


LineItems = list[Numbered | RecordError | Note]


def line_converter(
    entity: str, redirects: Redirects, where: str = ""
) -> Callable[[int, Any], LineItems]:
    """What one decoded line of an OpenAlex file of `entity` gives: its notes, then its records,
    or its error."""
    convert = ENTITIES[entity]

    def id_of(kind: str, value: Any) -> str | None:
        key = short_id(value)
        if not key or kind == "researcher":  # the writer routes these (ingest/routes.py)
            return key
        return redirects.get(kind, {}).get(key, key)

    def items(line: int, obj: Any) -> LineItems:
        if isinstance(obj, ValueError):
            return [RecordError(line, str(obj), unreadable=True, where=where)]
        if not isinstance(obj, dict):
            return [RecordError(line, f"{entity[:-1]}: not a JSON object", where=where)]
        try:
            converted = convert(obj, id_of)
        except CheckError as exc:
            return [RecordError(line, str(exc), where=where)]
        out: LineItems = [Note(line, i.message, where) for i in converted if isinstance(i, Note)]
        return out + [Numbered(line, i, where) for i in converted if not isinstance(i, Note)]

    return items


def convert_lines(
    path: Path, entity: str, redirects: Redirects, where: str = ""
) -> Iterator[Numbered | RecordError | Note]:
    """The records of one OpenAlex file of `entity` (each line's notes first), or the error of
    each bad line."""
    items = line_converter(entity, redirects, where)
    for line, obj in jsonl.read(path):
        yield from items(line, obj)


@dataclass
class OpenAlexFile:
    """One OpenAlex JSON Lines file (plain or .gz) of works, authors or institutions."""

    path: Path
    merged_ids: Path | None = None
    entity: str = "works"
    self_contained: bool = True
    _redirects: Redirects | None = field(default=None, repr=False)

    def redirects(self) -> Redirects:
        """The merged ids of the snapshot, by kind (empty without a merged_ids folder)."""
        if self._redirects is None:
            self._redirects = read_merged_ids(self.merged_ids) if self.merged_ids else {}
        return self._redirects

    def expected_records(self, loaded: Loaded | None = None) -> int | None:
        return None

    def records(
        self, loaded: Loaded | None = None
    ) -> Iterator[Numbered | RecordError | PartEnd | Note]:
        yield from convert_lines(self.path, self.entity, self.redirects())


def _part_order(path: Path) -> tuple[str, int, str]:
    number = re.search(r"(\d+)", path.name)
    return (path.parent.name, int(number.group(1)) if number else -1, path.name)


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class OpenAlexSnapshot:
    """A snapshot directory: `data/<entity>/updated_date=*/part_*.gz` with manifests and
    `data/merged_ids/`; parts are read oldest folder first, and parts already loaded (same
    path, size and SHA-256) are skipped."""

    root: Path
    self_contained: bool = True
    _redirects: Redirects | None = field(default=None, repr=False)

    @property
    def data(self) -> Path:
        return self.root / "data" if (self.root / "data").is_dir() else self.root

    def parts(self) -> list[tuple[str, Path]]:
        """(entity, part file) in load order."""
        out = []
        for entity in ENTITIES:
            files = [p for p in (self.data / entity).glob("updated_date=*/*") if p.is_file()]
            out += [(entity, p) for p in sorted(files, key=_part_order)]
        return out

    def key(self, part: Path) -> str:
        """A part's path inside the snapshot, e.g. `works/updated_date=2024-01-01/part_000.gz`."""
        return part.relative_to(self.data).as_posix()

    def redirects(self) -> Redirects:
        if self._redirects is None:
            folder = self.data / "merged_ids"
            found = folder.is_dir() and any(folder.glob("*/*.csv*"))
            self._redirects = read_merged_ids(folder) if found else {}
        return self._redirects

    def manifest_counts(self) -> dict[str, int]:
        """{part key: record count} from every entity's `manifest` (parts it lists)."""
        counts: dict[str, int] = {}
        for entity in ENTITIES:
            path = self.data / entity / "manifest"
            try:
                entries = json.loads(path.read_text()).get("entries") or []
            except (OSError, ValueError, AttributeError):
                continue
            for entry in entries:
                url = str(entry.get("url", "")) if isinstance(entry, dict) else ""
                count = (entry.get("meta") or {}).get("record_count") if url else None
                if "/data/" in url and isinstance(count, int):
                    counts[url.split("/data/", 1)[1]] = count
        return counts

    def expected_records(self, loaded: Loaded | None = None) -> int | None:
        """Lines still to read by the manifests, or None when a part has no manifest entry."""
        counts = self.manifest_counts()
        keys = [self.key(p) for _, p in self.parts() if self.key(p) not in (loaded or {})]
        if any(k not in counts for k in keys):
            return None
        return sum(counts[k] for k in keys)

    def records(
        self, loaded: Loaded | None = None
    ) -> Iterator[Numbered | RecordError | PartEnd | Note]:
        for entity, part in self.parts():
            key = self.key(part)
            size, digest = part.stat().st_size, file_digest(part)
            if (loaded or {}).get(key) == (size, digest):
                yield PartEnd(key, size, digest, skipped=True)
                continue
            yield from convert_lines(part, entity, self.redirects(), where=f"{key}: ")
            yield PartEnd(key, size, digest)
