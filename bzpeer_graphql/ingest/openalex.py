"""OpenAlex records (works, authors, institutions; older and newer schema) as bzpeer records."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bzpeer_graphql.ingest.checked import Checked
from bzpeer_graphql.ingest.records import (
    Authorship,
    Institution,
    Note,
    Paper,
    PaperTopic,
    Record,
    Researcher,
    Topic,
)
from bzpeer_graphql.ingest.vocabulary import work_type

NO_AUTHOR = "A9999999999"  # OpenAlex's marker for "no author", not a person
#: an id as OpenAlex writes it -> the id the graph keeps (merged ids redirected)
IdOf = Callable[[str, Any], str | None]
#: what one input record becomes: records, and notes on what the line loads without
Converted = list[Record | Note]
_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/([^\s?#]+?)(?:v\d+)?(?:\.pdf)?$", re.IGNORECASE)
_ARXIV_DOI = re.compile(r"10\.48550/arxiv\.(.+)$", re.IGNORECASE)


def short_id(value: Any) -> str | None:
    """`https://openalex.org/W123` -> `W123`; None stays None."""
    if not isinstance(value, str) or not value:
        return None
    return value.rstrip("/").rsplit("/", 1)[-1]


def strip_prefix(value: str | None, prefix: str) -> str | None:
    """`https://doi.org/10.1/x` -> `10.1/x` (any case of the prefix); None stays None."""
    if value is None:
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


def arxiv_id(urls: list[str | None]) -> str | None:
    """The arXiv id in the first arXiv landing page, PDF link or arXiv DOI (version dropped)."""
    for url in urls:
        if url:
            found = _ARXIV.search(url) or _ARXIV_DOI.search(url)
            if found:
                return found.group(1)
    return None


def _check_abstract(check: Checked, work: dict[str, Any]) -> str | None:
    """The abstract from `abstract_inverted_index`, each position checked to be an integer."""
    inverted = check.obj(work, "abstract_inverted_index", "abstract_inverted_index")
    words: dict[int, str] = {}
    for word, positions in inverted.items():
        if positions is None:
            continue
        if not isinstance(positions, list):
            check.fail(f"abstract_inverted_index.{word}", "list or null", positions)
        for index, position in enumerate(positions):
            if type(position) is not int:
                check.fail(f"abstract_inverted_index.{word}[{index}]", "integer", position)
            words[position] = word
    return " ".join(words[i] for i in sorted(words)) or None


def institution_of(
    check: Checked, item: dict[str, Any], path: str, id_of: IdOf, updated: str | None
) -> Institution | None:
    """A dehydrated institution (in an authorship or an author) as a partial record."""
    institution_id = id_of("institution", check.text(item, "id", f"{path}.id"))
    if not institution_id:
        return None
    return Institution(
        institution_id,
        check.text(item, "display_name", f"{path}.display_name"),
        country=check.text(item, "country_code", f"{path}.country_code"),
        ror=strip_prefix(check.text(item, "ror", f"{path}.ror"), "https://ror.org/"),
        type=check.text(item, "type", f"{path}.type"),
        updatedDate=updated,
        partial=True,
    )


def _topics(
    check: Checked, work: dict[str, Any], id_of: IdOf, updated: str | None, out: Converted
) -> list[PaperTopic]:
    """Topics (newer schema), else concepts (older), as Topic records and scored links."""
    key = "topics" if check.items(work, "topics", "topics") else "concepts"
    scored: list[PaperTopic] = []
    for index, item in enumerate(check.objects(work, key, key)):
        path = f"{key}[{index}]"
        topic_id = id_of("topic", check.text(item, "id", f"{path}.id"))
        score = check.number(item, "score", f"{path}.score")
        if not topic_id or any(t.id == topic_id for t in scored):
            continue
        out.append(_topic(check, item, path, topic_id, updated))
        scored.append(PaperTopic(topic_id, score if score is not None else 0.0))
    return scored


def _topic(
    check: Checked, item: dict[str, Any], path: str, topic_id: str, updated: str | None
) -> Topic:
    levels: dict[str, tuple[str | None, str | None]] = {}
    for level in ("subfield", "field", "domain"):
        part = check.obj(item, level, f"{path}.{level}")
        levels[level] = (
            short_id(check.identifier(part, "id", f"{path}.{level}.id")),
            check.text(part, "display_name", f"{path}.{level}.display_name"),
        )
    return Topic(
        topic_id,
        check.text(item, "display_name", f"{path}.display_name"),
        subfieldId=levels["subfield"][0],
        subfield=levels["subfield"][1],
        fieldId=levels["field"][0],
        field=levels["field"][1],
        domainId=levels["domain"][0],
        domain=levels["domain"][1],
        level=check.integer(item, "level", f"{path}.level"),
        updatedDate=updated,
        partial=True,
    )


def _authorships(
    check: Checked, work: dict[str, Any], id_of: IdOf, updated: str | None, out: Converted
) -> tuple[list[str], list[Authorship]]:
    authors: list[str] = []
    details: list[Authorship] = []
    if work.get("authorships") is None:
        out.append(Note(0, f"{check.label}: authorships is null: loaded without authors"))
    for index, authorship in enumerate(check.objects(work, "authorships", "authorships")):
        path = f"authorships[{index}]"
        author = check.obj(authorship, "author", f"{path}.author")
        author_id = id_of("researcher", check.text(author, "id", f"{path}.author.id"))
        name = check.text(author, "display_name", f"{path}.author.display_name")
        raw_name = check.text(authorship, "raw_author_name", f"{path}.raw_author_name")
        orcid = check.text(author, "orcid", f"{path}.author.orcid")
        institutions = []
        for number, item in enumerate(
            check.objects(authorship, "institutions", f"{path}.institutions")
        ):
            institution = institution_of(
                check, item, f"{path}.institutions[{number}]", id_of, updated
            )
            if institution and institution.id not in institutions:
                out.append(institution)
                institutions.append(institution.id)
        raw = check.texts(authorship, "raw_affiliation_strings", f"{path}.raw_affiliation_strings")
        older_raw = check.text(
            authorship, "raw_affiliation_string", f"{path}.raw_affiliation_string"
        )
        corresponding = check.boolean(authorship, "is_corresponding", f"{path}.is_corresponding")
        if not author_id:
            out.append(Note(0, f"{check.label}: {path} has no author id: left out"))
            continue
        if author_id == NO_AUTHOR or author_id in authors:
            continue  # no person, or the same author listed twice
        authors.append(author_id)
        out.append(
            Researcher(
                author_id,
                name or raw_name,
                orcid=strip_prefix(orcid, "https://orcid.org/"),
                updatedDate=updated,
                partial=True,
            )
        )
        details.append(
            Authorship(
                institutions=institutions,
                rawAffiliations=[] if institutions else raw or ([older_raw] if older_raw else []),
                corresponding=corresponding,
            )
        )
    return authors, details


def work_records(work: dict[str, Any], id_of: IdOf) -> Converted:
    """The paper of an OpenAlex work, with its authors, institutions and topics before it."""
    work_id = id_of("paper", work.get("id") if isinstance(work.get("id"), str) else None)
    check = Checked(f"work {work_id}" if work_id else "work")
    if not work_id:
        check.fail("id", "an OpenAlex work id", work.get("id"))
    updated = check.text(work, "updated_date", "updated_date")
    out: Converted = []
    authors, authorships = _authorships(check, work, id_of, updated, out)
    topics = _topics(check, work, id_of, updated, out)
    primary_topic = check.obj(work, "primary_topic", "primary_topic")
    references: list[str] = []
    for ref in check.texts(work, "referenced_works", "referenced_works"):
        ref_id = id_of("paper", ref)
        if ref_id and ref_id != work_id and ref_id not in references:
            references.append(ref_id)
    paper = _paper(
        check,
        work,
        work_id,
        updated,
        authors,
        authorships,
        topics,
        references,
        id_of("topic", check.text(primary_topic, "id", "primary_topic.id")),
    )
    if paper.title is None:
        out.append(Note(0, f"{check.label}: title and display_name are null: loaded untitled"))
    out.append(paper)
    return out


def _locations(check: Checked, work: dict[str, Any]) -> list[dict[str, Any]]:
    """Primary location, every location, and the older host venues, in that order."""
    return [
        check.obj(work, "primary_location", "primary_location"),
        *check.objects(work, "locations", "locations"),
        check.obj(work, "best_oa_location", "best_oa_location"),
        check.obj(work, "host_venue", "host_venue"),
        *check.objects(work, "alternate_host_venues", "alternate_host_venues"),
    ]


def _paper(
    check: Checked,
    work: dict[str, Any],
    work_id: str,
    updated: str | None,
    authors: list[str],
    authorships: list[Authorship],
    topics: list[PaperTopic],
    references: list[str],
    primary_topic: str | None,
) -> Paper:
    ids = check.obj(work, "ids", "ids")
    primary = check.obj(work, "primary_location", "primary_location")
    source = check.obj(primary, "source", "primary_location.source")
    host = check.obj(work, "host_venue", "host_venue")  # the older schema's primary location
    access = check.obj(work, "open_access", "open_access")
    urls: list[str | None] = [check.text(ids, "arxiv", "ids.arxiv")]
    licenses: list[str | None] = []
    for index, location in enumerate(_locations(check, work)):
        path = f"locations[{index}]"
        for key in ("landing_page_url", "pdf_url", "url"):
            urls.append(check.text(location, key, f"{path}.{key}"))
        licenses.append(check.text(location, "license", f"{path}.license"))
    doi = strip_prefix(check.text(work, "doi", "doi"), "https://doi.org/")
    urls.append(doi)
    counts: list[int] = []
    for index, item in enumerate(check.objects(work, "counts_by_year", "counts_by_year")):
        year = check.integer(item, "year", f"counts_by_year[{index}].year")
        cited = check.integer(item, "cited_by_count", f"counts_by_year[{index}].cited_by_count")
        if year is not None:
            counts += [year, cited or 0]
    original_type = check.text(work, "type", "type") or check.text(
        work, "type_crossref", "type_crossref"
    )
    is_oa = check.boolean(access, "is_oa", "open_access.is_oa")
    corresponding = [
        i
        for i in (
            short_id(v)
            for v in check.texts(work, "corresponding_author_ids", "corresponding_author_ids")
        )
        if i
    ]
    return Paper(
        id=work_id,
        title=check.text(work, "title", "title")
        or check.text(work, "display_name", "display_name"),
        abstract=_check_abstract(check, work),
        year=check.integer(work, "publication_year", "publication_year"),
        type=work_type(original_type),
        typeOriginal=original_type,
        venue=check.text(source, "display_name", "primary_location.source.display_name")
        or check.text(host, "display_name", "host_venue.display_name"),
        doi=doi,
        arxivId=arxiv_id(urls),
        url=check.text(primary, "landing_page_url", "primary_location.landing_page_url")
        or check.text(host, "url", "host_venue.url"),
        openAccess=is_oa if is_oa is not None else check.boolean(host, "is_oa", "host_venue.is_oa"),
        authors=authors,
        authorships=authorships,
        topics=topics,
        references=references,
        publicationDate=check.text(work, "publication_date", "publication_date"),
        openAlexCitedByCount=check.integer(work, "cited_by_count", "cited_by_count"),
        countsByYear=counts,
        primaryTopicId=primary_topic,
        keywords=_keywords(check, work),
        openAccessStatus=check.text(access, "oa_status", "open_access.oa_status"),
        openAccessUrl=check.text(access, "oa_url", "open_access.oa_url"),
        license=next((lic for lic in licenses if lic), None),
        isRetracted=check.boolean(work, "is_retracted", "is_retracted"),
        language=check.text(work, "language", "language"),
        pmid=strip_prefix(
            check.identifier(ids, "pmid", "ids.pmid"), "https://pubmed.ncbi.nlm.nih.gov/"
        ),
        pmcid=strip_prefix(
            check.identifier(ids, "pmcid", "ids.pmcid"),
            "https://www.ncbi.nlm.nih.gov/pmc/articles/",
        ),
        mag=check.identifier(ids, "mag", "ids.mag"),
        correspondingAuthorIds=corresponding
        or [a for a, s in zip(authors, authorships, strict=True) if s.corresponding],
        updatedDate=updated,
    )


def _keywords(check: Checked, work: dict[str, Any]) -> list[str]:
    """Keywords: objects with `display_name` (newer) or `keyword` (older), or plain strings."""
    out: list[str] = []
    for index, item in enumerate(check.items(work, "keywords", "keywords")):
        path = f"keywords[{index}]"
        if isinstance(item, str):
            word: str | None = item
        elif isinstance(item, dict):
            word = check.text(item, "display_name", f"{path}.display_name") or check.text(
                item, "keyword", f"{path}.keyword"
            )
        elif item is None:
            continue
        else:
            check.fail(path, "object or string", item)
        if word and word not in out:
            out.append(word)
    return out
