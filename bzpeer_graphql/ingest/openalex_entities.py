"""OpenAlex author and institution records (the snapshot's entity files) as bzpeer records."""

from __future__ import annotations

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
