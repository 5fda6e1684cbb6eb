"""The work types of OpenAlex's vocabulary, the one every source's types are mapped onto."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(
    description="A work's type, in OpenAlex's vocabulary (older Crossref names such as "
    "journal-article are mapped onto it when loaded; `typeOriginal` keeps the source's name). A "
    "stored type outside it reads as OTHER."
)
class WorkType(Enum):
    ARTICLE = strawberry.enum_value(
        "article",
        description="A journal or proceedings article (Crossref's journal-article).",
    )
    BOOK = strawberry.enum_value(
        "book", description="A whole book (Crossref's monograph, edited-book, reference-book)."
    )
    BOOK_CHAPTER = strawberry.enum_value("book-chapter", description="A chapter or part of a book.")
    DATASET = strawberry.enum_value("dataset", description="A data set.")
    DISSERTATION = strawberry.enum_value("dissertation", description="A thesis or dissertation.")
    EDITORIAL = strawberry.enum_value("editorial", description="An editorial.")
    ERRATUM = strawberry.enum_value("erratum", description="A correction of an earlier work.")
    GRANT = strawberry.enum_value("grant", description="A grant.")
    LETTER = strawberry.enum_value("letter", description="A letter to a journal.")
    LIBGUIDES = strawberry.enum_value("libguides", description="A library guide.")
    OTHER = strawberry.enum_value(
        "other", description="Any other kind of work, and a stored type outside this vocabulary."
    )
    PARATEXT = strawberry.enum_value(
        "paratext", description="Front matter, a journal issue or volume, a table of contents."
    )
    PEER_REVIEW = strawberry.enum_value("peer-review", description="A published peer review.")
    PREPRINT = strawberry.enum_value(
        "preprint", description="A preprint (Crossref's posted-content), e.g. on arXiv."
    )
    REFERENCE_ENTRY = strawberry.enum_value(
        "reference-entry", description="An entry of an encyclopedia or dictionary."
    )
    REPORT = strawberry.enum_value("report", description="A report.")
    RETRACTION = strawberry.enum_value("retraction", description="A retraction notice.")
    REVIEW = strawberry.enum_value("review", description="A review article.")
    STANDARD = strawberry.enum_value("standard", description="A standard.")
    SUPPLEMENTARY_MATERIALS = strawberry.enum_value(
        "supplementary-materials", description="Supplementary material of another work."
    )


#: the stored names (strawberry's `enum_value` leaves each member's value the plain string)
_KNOWN: frozenset[str] = frozenset(str(kind.value) for kind in WorkType)


def work_type(stored: str | None) -> str | None:
    """A stored type as a `WorkType` value: as stored when the vocabulary has it, else other."""
    if stored is None:
        return None
    return stored if stored in _KNOWN else "other"


def as_work_type(stored: str | None) -> WorkType | None:
    """A stored type as a `WorkType` member (None for an untyped work)."""
    value = work_type(stored)
    return None if value is None else WorkType(value)
