"""OpenAlex author and institution records (the snapshot's entity files) as bzpeer records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bzpeer_graphql.ingest.checked import Checked
from bzpeer_graphql.ingest.openalex import Converted, IdOf, institution_of, strip_prefix
from bzpeer_graphql.ingest.records import Affiliation, Institution, Researcher


def _record_id(kind: str, label: str, record: dict[str, Any], id_of: IdOf) -> tuple[str, Checked]:
    raw = record.get("id")
    record_id = id_of(kind, raw if isinstance(raw, str) else None)
    check = Checked(f"{label} {record_id}" if record_id else label)
    if not record_id:
        check.fail("id", f"an OpenAlex {label} id", raw)
    return record_id, check


def stints(years: list[int]) -> list[tuple[int, int]]:
    """Runs of consecutive years as (since, until): [2010, 2011, 2018] -> two runs."""
    runs: list[tuple[int, int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


@dataclass(frozen=True)
class SourceFigures:
    """An author record's own counts and summary statistics, as the source gave them."""

    works: int | None
    cited_by: int | None
    h_index: int | None
    i10_index: int | None
    mean_citedness_2yr: float | None


def _count(check: Checked, parent: dict[str, Any], key: str, path: str) -> int | None:
    value = check.integer(parent, key, path)
    if value is not None and value < 0:
        check.fail(path, "a count of 0 or more", parent[key])
    return value


def source_figures(check: Checked, author: dict[str, Any]) -> SourceFigures:
    """The figures of every generation of the author record: `works_count` and `cited_by_count`
    at the top (2022 on), `summary_stats` with `h_index`, `i10_index`, `2yr_mean_citedness`
    (2023 on; the 2023 records also repeat both counts there, read when the top is silent).
    Numbers written as text read too."""
    stats = check.obj(author, "summary_stats", "summary_stats")
    mean = check.number(stats, "2yr_mean_citedness", "summary_stats.2yr_mean_citedness")
    if mean is not None and mean < 0:
        check.fail("summary_stats.2yr_mean_citedness", "a number of 0 or more", mean)
    works = _count(check, author, "works_count", "works_count")
    cited_by = _count(check, author, "cited_by_count", "cited_by_count")
    return SourceFigures(
        works=works
        if works is not None
        else _count(check, stats, "works_count", "summary_stats.works_count"),
        cited_by=cited_by
        if cited_by is not None
        else _count(check, stats, "cited_by_count", "summary_stats.cited_by_count"),
        h_index=_count(check, stats, "h_index", "summary_stats.h_index"),
        i10_index=_count(check, stats, "i10_index", "summary_stats.i10_index"),
        mean_citedness_2yr=mean,
    )


def author_records(author: dict[str, Any], id_of: IdOf) -> Converted:
    """An OpenAlex author: the researcher with its affiliations, their institutions before it.

    Each run of consecutive `years` at an institution is one stint; the latest stint at a
    last known institution is current.
    """
    author_id, check = _record_id("researcher", "author", author, id_of)
    updated = check.text(author, "updated_date", "updated_date")
    out: Converted = []
    last_known: list[str] = []
    older = check.obj(author, "last_known_institution", "last_known_institution")
    known = [("last_known_institution", older)] if older else []
    known += [
        (f"last_known_institutions[{i}]", item)
        for i, item in enumerate(
            check.objects(author, "last_known_institutions", "last_known_institutions")
        )
    ]
    for path, item in known:
        institution = institution_of(check, item, path, id_of, updated)
        if institution and institution.id not in last_known:
            out.append(institution)
            last_known.append(institution.id)
    affiliations: list[Affiliation] = []
    for index, entry in enumerate(check.objects(author, "affiliations", "affiliations")):
        path = f"affiliations[{index}]"
        item = check.obj(entry, "institution", f"{path}.institution")
        institution = institution_of(check, item, f"{path}.institution", id_of, updated)
        years = [
            year
            for number, item in enumerate(check.items(entry, "years", f"{path}.years"))
            if (year := check.whole(item, f"{path}.years[{number}]")) is not None
        ]
        if institution is None:
            continue
        out.append(institution)
        runs = stints(years)
        for position, (since, until) in enumerate(runs):
            current = institution.id in last_known and position == len(runs) - 1
            affiliations.append(Affiliation(author_id, institution.id, current, since, until))
    figures = source_figures(check, author)
    stinted = {a.institution for a in affiliations}
    for institution_id in last_known:
        if institution_id not in stinted:
            affiliations.append(Affiliation(author_id, institution_id, current=True))
    out.append(
        Researcher(
            author_id,
            check.text(author, "display_name", "display_name"),
            nameVariants=check.texts(
                author, "display_name_alternatives", "display_name_alternatives"
            ),
            orcid=strip_prefix(check.text(author, "orcid", "orcid"), "https://orcid.org/"),
            updatedDate=updated,
            affiliations=affiliations,
            sourceWorksCount=figures.works,
            sourceCitedByCount=figures.cited_by,
            sourceHIndex=figures.h_index,
            sourceI10Index=figures.i10_index,
            sourceMeanCitedness2yr=figures.mean_citedness_2yr,
        )
    )
    return out


def institution_records(institution: dict[str, Any], id_of: IdOf) -> Converted:
    """An OpenAlex institution with its ROR, country, type, other names and place."""
    institution_id, check = _record_id("institution", "institution", institution, id_of)
    geo = check.obj(institution, "geo", "geo")
    return [
        Institution(
            institution_id,
            check.text(institution, "display_name", "display_name"),
            country=check.text(institution, "country_code", "country_code")
            or check.text(geo, "country_code", "geo.country_code"),
            ror=strip_prefix(check.text(institution, "ror", "ror"), "https://ror.org/"),
            type=check.text(institution, "type", "type"),
            nameVariants=check.texts(
                institution, "display_name_alternatives", "display_name_alternatives"
            ),
            city=check.text(geo, "city", "geo.city"),
            region=check.text(geo, "region", "geo.region"),
            latitude=check.number(geo, "latitude", "geo.latitude"),
            longitude=check.number(geo, "longitude", "geo.longitude"),
            updatedDate=check.text(institution, "updated_date", "updated_date"),
        )
    ]
