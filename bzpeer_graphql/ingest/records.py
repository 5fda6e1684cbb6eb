"""The records every source is turned into, and their validation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any


class RecordError(ValueError):
    """A record that cannot be written; says where it came from and what is wrong."""

    def __init__(
        self, line: int, message: str, *, unreadable: bool = False, where: str = ""
    ) -> None:
        super().__init__(f"{where}line {line}: {message}")
        self.line = line
        self.message = message
        #: not even a JSON object (as opposed to a record with a wrong or missing field)
        self.unreadable = unreadable
        #: the file the line is in, when a source reads more than one ("part.gz: ")
        self.where = where


# Versions: `updatedDate` (OpenAlex's `updated_date`, ISO text) orders versions of one record;
# None (the bzpeer format) always replaces. A `partial` record is what a work says about its
# authors, institutions and topics: it sets a few properties, and only on nodes that no record
# of their own (full, with a date) has written.


@dataclass(frozen=True)
class Institution:
    id: str
    name: str | None
    country: str | None = None
    ror: str | None = None
    type: str | None = None
    nameVariants: list[str] = field(default_factory=list)
    city: str | None = None
    region: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    updatedDate: str | None = None
    partial: bool = False
    kind = "institution"


@dataclass(frozen=True)
class Topic:
    id: str
    name: str | None
    subfieldId: str | None = None
    subfield: str | None = None
    fieldId: str | None = None
    field: str | None = None
    domainId: str | None = None
    domain: str | None = None
    level: int | None = None
    updatedDate: str | None = None
    partial: bool = False
    kind = "topic"


@dataclass(frozen=True)
class Affiliation:
    researcher: str
    institution: str
    current: bool = False
    since: int | None = None
    until: int | None = None
    kind = "affiliation"

    @property
    def id(self) -> str:
        """One stint: a researcher at an institution over its years (since, until); two stints
        that share a `since` stay two."""
        return f"{self.researcher}->{self.institution}@{self.since}-{self.until}"


@dataclass(frozen=True)
class Researcher:
    id: str
    name: str | None
    nameVariants: list[str] = field(default_factory=list)
    headline: str | None = None
    orcid: str | None = None
    openToCollaborate: bool = False
    updatedDate: str | None = None
    partial: bool = False
    #: an OpenAlex author's own affiliations, replacing its earlier ones; None = not known here
    affiliations: list[Affiliation] | None = None
    #: the source's own figures of the author record (OpenAlex `works_count`, `cited_by_count`,
    #: `summary_stats`), kept beside the graph's counts; None where the source is silent
    sourceWorksCount: int | None = None
    sourceCitedByCount: int | None = None
    sourceHIndex: int | None = None
    sourceI10Index: int | None = None
    sourceMeanCitedness2yr: float | None = None
    kind = "researcher"


@dataclass(frozen=True)
class PaperTopic:
    id: str
    score: float


@dataclass(frozen=True)
class Authorship:
    """What an OpenAlex work says about one of its authors beyond the order."""

    institutions: list[str] = field(default_factory=list)
    #: the affiliation as printed, kept when OpenAlex matched no institution to it
    rawAffiliations: list[str] = field(default_factory=list)
    corresponding: bool | None = None


@dataclass(frozen=True)
class Paper:
    id: str
    title: str | None
    abstract: str | None = None
    year: int | None = None
    type: str | None = None
    venue: str | None = None
    doi: str | None = None
    arxivId: str | None = None
    url: str | None = None
    codeUrl: str | None = None
    openAccess: bool | None = None
    authors: list[str] = field(default_factory=list)
    topics: list[PaperTopic] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    #: per author (same order), when the source knows more than the order
    authorships: list[Authorship] | None = None
    typeOriginal: str | None = None
    publicationDate: str | None = None
    openAlexCitedByCount: int | None = None
    #: [year, cited_by_count, year, cited_by_count, ...] as OpenAlex's counts_by_year
    countsByYear: list[int] = field(default_factory=list)
    primaryTopicId: str | None = None
    keywords: list[str] = field(default_factory=list)
    openAccessStatus: str | None = None
    openAccessUrl: str | None = None
    license: str | None = None
    isRetracted: bool | None = None
    language: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    mag: str | None = None
    correspondingAuthorIds: list[str] = field(default_factory=list)
    updatedDate: str | None = None
    kind = "paper"


Record = Institution | Topic | Researcher | Affiliation | Paper


@dataclass(frozen=True)
class Numbered:
    """A record with the line of the input it came from."""

    line: int
    record: Record
    #: the file the line is in, when a source reads more than one ("part.gz: ")
    where: str = ""


@dataclass(frozen=True)
class Note:
    """What a line loaded with that its reader should know (a field cut at its limit, a work
    without authors or title); the line is written."""

    line: int
    message: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.where}line {self.line}: {self.message}"


def references(record: Record) -> Iterator[tuple[str, str]]:
    """The (kind, id) pairs a record points at, which must exist for it to be written."""
    if isinstance(record, Affiliation):
        yield "researcher", record.researcher
        yield "institution", record.institution
    elif isinstance(record, Paper):
        for author in record.authors:
            yield "researcher", author
        for topic in record.topics:
            yield "topic", topic.id
        for cited in record.references:
            yield "paper", cited


# ---- parsing the bzpeer format (one JSON object per line, with a "kind") ----

_Check = Callable[[Any], bool]


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


def _is_topic_list(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, dict)
        and set(v) == {"id", "score"}
        and isinstance(v["id"], str)
        and v["id"]
        and isinstance(v["score"], int | float)
        and not isinstance(v["score"], bool)
        for v in value
    )


_FIELDS: dict[str, dict[str, tuple[_Check, str, bool]]] = {
    # field: (check, expected type in words, required)
    "institution": {
        "id": (_is_str, "string", True),
        "name": (_is_str, "string", True),
        "country": (_is_str, "string", False),
        "ror": (_is_str, "string", False),
    },
    "topic": {"id": (_is_str, "string", True), "name": (_is_str, "string", True)},
    "researcher": {
        "id": (_is_str, "string", True),
        "name": (_is_str, "string", True),
        "nameVariants": (_is_str_list, "list of strings", False),
        "headline": (_is_str, "string", False),
        "orcid": (_is_str, "string", False),
        "openToCollaborate": (_is_bool, "boolean", False),
    },
    "affiliation": {
        "researcher": (_is_str, "string", True),
        "institution": (_is_str, "string", True),
        "current": (_is_bool, "boolean", False),
        "since": (_is_int, "integer", False),
        "until": (_is_int, "integer", False),
    },
    "paper": {
        "id": (_is_str, "string", True),
        "title": (_is_str, "string", True),
        "abstract": (_is_str, "string", False),
        "year": (_is_int, "integer", False),
        "type": (_is_str, "string", False),
        "venue": (_is_str, "string", False),
        "doi": (_is_str, "string", False),
        "arxivId": (_is_str, "string", False),
        "url": (_is_str, "string", False),
        "codeUrl": (_is_str, "string", False),
        "openAccess": (_is_bool, "boolean", False),
        "authors": (_is_str_list, "list of researcher ids", False),
        "topics": (_is_topic_list, "list of {id, score}", False),
        "references": (_is_str_list, "list of paper ids", False),
    },
}

_TYPES: dict[str, type[Record]] = {
    "institution": Institution,
    "topic": Topic,
    "researcher": Researcher,
    "affiliation": Affiliation,
    "paper": Paper,
}


def parse(obj: Any, line: int) -> Record:
    """A validated record from one decoded JSON line of the bzpeer format."""
    if not isinstance(obj, dict):
        raise RecordError(line, "not a JSON object")
    kind = obj.get("kind")
    if kind not in _FIELDS:
        raise RecordError(line, f"unknown kind {kind!r} (expected one of {', '.join(_FIELDS)})")
    spec = _FIELDS[kind]
    values = {k: v for k, v in obj.items() if k != "kind" and v is not None}
    unknown = sorted(set(values) - set(spec))
    if unknown:
        raise RecordError(line, f"{kind}: unknown field(s) {', '.join(unknown)}")
    for name, (check, expected, required) in spec.items():
        if name not in values:
            if required:
                raise RecordError(line, f"{kind}: missing {name}")
            continue
        if not check(values[name]) or (required and values[name] == ""):
            raise RecordError(line, f"{kind}.{name}: expected {expected}, got {values[name]!r}")
    if kind == "paper":
        if len(set(values.get("authors", []))) != len(values.get("authors", [])):
            raise RecordError(line, "paper.authors: the same researcher is listed twice")
        values["topics"] = [
            PaperTopic(t["id"], float(t["score"])) for t in values.get("topics", [])
        ]
    return _TYPES[kind](**values)


def to_json(record: Record) -> dict[str, Any]:
    """The bzpeer-format JSON object of a record (None fields left out)."""
    out: dict[str, Any] = {"kind": record.kind}
    for name in _FIELDS[record.kind]:
        value = getattr(record, name)
        if name == "topics":
            value = [{"id": t.id, "score": t.score} for t in value]
        if value is None or value == [] or (name == "openToCollaborate" and value is False):
            continue
        out[name] = value
    return out


@dataclass(frozen=True)
class PartEnd:
    """A source finished one file of a snapshot: what the loader records as loaded."""

    path: str
    size: int
    sha256: str
    #: loaded whole by an earlier run and unchanged since, so not read again
    skipped: bool = False


#: {part path: (size, sha256)} of the snapshot parts the graph has loaded already
Loaded = dict[str, tuple[int, str]]
