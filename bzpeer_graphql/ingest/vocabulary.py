"""Work types in one vocabulary: OpenAlex's, onto which the older Crossref names are mapped."""

from __future__ import annotations

#: Crossref's type names (older OpenAlex records) -> OpenAlex's names for the same kind of work
_CROSSREF = {
    "journal-article": "article",
    "proceedings-article": "article",
    "posted-content": "preprint",
    "book-part": "book-chapter",
    "book-section": "book-chapter",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "book-set": "book",
    "book-series": "book",
    "book-track": "book",
    "report-series": "report",
    "report-component": "report",
    "journal-issue": "paratext",
    "journal-volume": "paratext",
    "journal": "paratext",
    "proceedings": "paratext",
    "proceedings-series": "paratext",
    "component": "other",
}


def work_type(original: str | None) -> str | None:
    """The type in OpenAlex's vocabulary (article, preprint, book-chapter, ...); others as given."""
    if original is None:
        return None
    return _CROSSREF.get(original.lower(), original.lower())
