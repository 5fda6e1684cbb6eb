"""OpenAlex works (JSON Lines, plain or .gz, as in the snapshot) turned into bzpeer records."""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bzpeer_graphql.ingest import jsonl
from bzpeer_graphql.ingest.records import (
    Affiliation,
    Institution,
    Numbered,
    Paper,
    PaperTopic,
    Record,
    RecordError,
    Researcher,
    Topic,
)

NO_AUTHOR = "A9999999999"  # OpenAlex's marker for "no author", not a person
#: merged_ids/<folder> of the snapshot -> the record kind whose ids it redirects
MERGED_FOLDERS = {
    "authors": "researcher",
    "works": "paper",
    "institutions": "institution",
    "topics": "topic",
}


def short_id(value: Any) -> str | None:
    """`https://openalex.org/W123` -> `W123`; None stays None."""
    if not isinstance(value, str) or not value:
        return None
    return value.rstrip("/").rsplit("/", 1)[-1]


def _strip_prefix(value: Any, prefix: str) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    return value[len(prefix) :] if value.lower().startswith(prefix) else value


def abstract_text(inverted: Any) -> str | None:
    """The abstract rebuilt from OpenAlex's `abstract_inverted_index` (word -> positions)."""
    if not isinstance(inverted, dict) or not inverted:
        return None
    words: dict[int, str] = {}
    for word, positions in inverted.items():
        for position in positions or []:
            words[int(position)] = word
    return " ".join(words[i] for i in sorted(words)) or None


def read_merged_ids(folder: Path) -> dict[str, dict[str, str]]:
    """{kind: {merged id: surviving id}} from the snapshot's `merged_ids/<entity>/*.csv.gz`."""
    redirects: dict[str, dict[str, str]] = {}
    for entity, kind in MERGED_FOLDERS.items():
        for path in sorted((folder / entity).glob("*.csv*")):
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rt", encoding="utf-8", newline="") as rows:
                for row in csv.DictReader(rows):
                    old, new = short_id(row.get("id")), short_id(row.get("merge_into_id"))
                    if old and new and old != new:
                        redirects.setdefault(kind, {})[old] = new
    return redirects


@dataclass
class OpenAlexWorks:
    """An OpenAlex works file as a loader source; citations to works not loaded are dropped."""

    path: Path
    merged_ids: Path | None = None
    drops_unknown_citations: bool = True
    _redirects: dict[str, dict[str, str]] | None = field(default=None, repr=False)

    def redirects(self) -> dict[str, dict[str, str]]:
        """The merged ids of the snapshot, by kind (empty without a merged_ids folder)."""
        if self._redirects is None:
            self._redirects = read_merged_ids(self.merged_ids) if self.merged_ids else {}
        return self._redirects

    def _id(self, kind: str, value: Any) -> str | None:
        key = short_id(value)
        return self.redirects().get(kind, {}).get(key, key) if key else None

    def records(self) -> Iterator[Numbered | RecordError]:
        seen: set[tuple[str, str]] = set()
        for line, work in jsonl.read(self.path):
            if isinstance(work, ValueError):
                yield RecordError(line, str(work))
                continue
            try:
                records = self._convert(work, line)
            except RecordError as exc:
                yield exc
                continue
            for record in records:
                key = (record.kind, record.id)
                if isinstance(record, Affiliation):
                    key = (record.kind, f"{record.id}@{record.since}")
                if record.kind == "paper" or key not in seen:
                    seen.add(key)
                    yield Numbered(line, record)

    def _convert(self, work: Any, line: int) -> list[Record]:
        if not isinstance(work, dict):
            raise RecordError(line, "not a JSON object")
        work_id = self._id("paper", work.get("id"))
        if not work_id:
            raise RecordError(line, "work: missing id")
        title = work.get("title") or work.get("display_name")
        if not isinstance(title, str) or not title:
            raise RecordError(line, f"work {work_id}: missing title")
        year = work.get("publication_year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            raise RecordError(line, f"work {work_id}: publication_year is not an integer")
        out: list[Record] = []
        authors = self._authorships(work.get("authorships") or [], year, out)
        topics = []
        for topic in work.get("topics") or []:
            topic_id = self._id("topic", (topic or {}).get("id"))
            if topic_id and topic.get("display_name"):
                out.append(Topic(topic_id, topic["display_name"]))
                topics.append(PaperTopic(topic_id, float(topic.get("score") or 0.0)))
        references = []
        for ref in work.get("referenced_works") or []:
            ref_id = self._id("paper", ref)
            if ref_id and ref_id != work_id and ref_id not in references:
                references.append(ref_id)
        source = (work.get("primary_location") or {}).get("source") or {}
        out.append(
            Paper(
                id=work_id,
                title=title,
                year=year,
                type=work.get("type"),
                abstract=abstract_text(work.get("abstract_inverted_index")),
                venue=source.get("display_name"),
                doi=_strip_prefix(work.get("doi"), "https://doi.org/"),
                arxivId=_strip_prefix(
                    (work.get("ids") or {}).get("arxiv"), "https://arxiv.org/abs/"
                ),
                url=(work.get("primary_location") or {}).get("landing_page_url"),
                openAccess=(work.get("open_access") or {}).get("is_oa"),
                authors=authors,
                topics=topics,
                references=references,
            )
        )
        return out

    def _authorships(
        self, authorships: list[Any], year: int | None, out: list[Record]
    ) -> list[str]:
        authors: list[str] = []
        for authorship in authorships:
            author = (authorship or {}).get("author") or {}
            author_id = self._id("researcher", author.get("id"))
            if not author_id or author_id == NO_AUTHOR or author_id in authors:
                continue  # no person, or the same author listed twice
            name = author.get("display_name") or authorship.get("raw_author_name")
            if not name:
                continue
            authors.append(author_id)
            out.append(
                Researcher(
                    author_id, name, orcid=_strip_prefix(author.get("orcid"), "https://orcid.org/")
                )
            )
            for institution in authorship.get("institutions") or []:
                institution_id = self._id("institution", (institution or {}).get("id"))
                if not institution_id or not institution.get("display_name"):
                    continue
                out.append(
                    Institution(
                        institution_id,
                        institution["display_name"],
                        country=institution.get("country_code"),
                        ror=_strip_prefix(institution.get("ror"), "https://ror.org/"),
                    )
                )
                out.append(
                    Affiliation(author_id, institution_id, current=False, since=year, until=year)
                )
        return authors
