"""Realistic OpenAlex records, written from the Work, Author and Institution object field lists
of OpenAlex's documentation (newer and older schema), with nulls where OpenAlex has them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

OA = "https://openalex.org/"


def authorship(
    author: str,
    name: str,
    position: str,
    institutions: list[dict[str, Any]],
    *,
    orcid: str | None = None,
    corresponding: bool = False,
    raw: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "author_position": position,
        "author": {"id": OA + author, "display_name": name, "orcid": orcid},
        "institutions": institutions,
        "countries": [i["country_code"] for i in institutions],
        "is_corresponding": corresponding,
        "raw_author_name": name,
        "raw_affiliation_strings": raw or [],
    }


def institution(iid: str, name: str, country: str, ror: str) -> dict[str, Any]:
    return {
        "id": OA + iid,
        "display_name": name,
        "ror": "https://ror.org/" + ror,
        "country_code": country,
        "type": "education",
        "lineage": [OA + iid],
    }


NUS = institution("I165932596", "National University of Singapore", "SG", "01tgyzw49")
ZJU = institution("I76130692", "Zhejiang University", "CN", "00a2xv884")
TOPIC = {
    "id": OA + "T10203",
    "display_name": "Knowledge Distillation",
    "score": 0.99,
    "subfield": {"id": OA + "subfields/1702", "display_name": "Artificial Intelligence"},
    "field": {"id": OA + "fields/17", "display_name": "Computer Science"},
    "domain": {"id": OA + "domains/3", "display_name": "Physical Sciences"},
}


def newer_work(wid: str, updated: str, **changes: Any) -> dict[str, Any]:
    """A work in the newer schema (primary_location, locations, topics, keywords)."""
    work: dict[str, Any] = {
        "id": OA + wid,
        "doi": None,
        "title": "Data-Free Adversarial Distillation",
        "display_name": "Data-Free Adversarial Distillation",
        "publication_year": 2019,
        "publication_date": "2019-12-23",
        "ids": {"openalex": OA + wid, "mag": "2996110155"},
        "language": "en",
        "primary_location": {
            "is_oa": True,
            "landing_page_url": "https://arxiv.org/abs/1912.11006",
            "pdf_url": "https://arxiv.org/pdf/1912.11006",
            "source": {"id": OA + "S4306400194", "display_name": "arXiv (Cornell University)"},
            "license": "other-oa",
            "version": "submittedVersion",
        },
        "type": "preprint",
        "type_crossref": "posted-content",
        "open_access": {
            "is_oa": True,
            "oa_status": "green",
            "oa_url": "https://arxiv.org/pdf/1912.11006",
            "any_repository_has_fulltext": True,
        },
        "authorships": [
            authorship("A5012345601", "Gongfan Fang", "first", [ZJU], corresponding=True),
            authorship("A5012345602", "Jie Song", "middle", [ZJU]),
            authorship("A5012345603", "Xinchao Wang", "last", [], raw=["Stevens Inst. Tech."]),
        ],
        "corresponding_author_ids": [OA + "A5012345601"],
        "cited_by_count": 120,
        "counts_by_year": [
            {"year": 2024, "cited_by_count": 30},
            {"year": 2023, "cited_by_count": 41},
        ],
        "is_retracted": False,
        "is_paratext": False,
        "primary_topic": TOPIC,
        "topics": [TOPIC],
        "keywords": [
            {"id": OA + "keywords/distillation", "display_name": "Distillation", "score": 0.6}
        ],
        "concepts": [],
        "locations": [],
        "referenced_works": [],
        "related_works": [],
        "abstract_inverted_index": {"Knowledge": [0], "distillation": [1]},
        "updated_date": updated,
        "created_date": "2019-12-30",
    }
    work.update(changes)
    return work


def older_work(wid: str, updated: str, **changes: Any) -> dict[str, Any]:
    """A work in the older schema (host_venue, alternate_host_venues, concepts, Crossref types)."""
    work: dict[str, Any] = {
        "id": OA + wid,
        "doi": "https://doi.org/10.1109/cvpr42600.2020.00331",
        "title": "Data-Free Adversarial Distillation (old record)",
        "display_name": "Data-Free Adversarial Distillation (old record)",
        "publication_year": 2020,
        "publication_date": "2020-06-01",
        "ids": {
            "openalex": OA + wid,
            "doi": "https://doi.org/10.1109/cvpr42600.2020.00331",
            "mag": 3035050853,
        },
        "host_venue": {
            "id": OA + "V4306419272",
            "issn_l": None,
            "display_name": "Computer Vision and Pattern Recognition",
            "publisher": None,
            "type": "conference",
            "url": "https://doi.org/10.1109/cvpr42600.2020.00331",
            "is_oa": False,
            "version": None,
            "license": None,
        },
        "alternate_host_venues": [
            {"display_name": "arXiv", "url": "http://arxiv.org/abs/1912.11006v3", "is_oa": True}
        ],
        "type": "journal-article",
        "open_access": {"is_oa": False, "oa_status": "closed", "oa_url": None},
        "authorships": [
            authorship("A5012345601", "G. Fang", "first", [NUS]),
            authorship("A5012345699", "Someone Dropped", "last", []),
        ],
        "cited_by_count": 55,
        "is_retracted": False,
        "concepts": [
            {
                "id": OA + "C154945302",
                "wikidata": "https://www.wikidata.org/wiki/Q11660",
                "display_name": "Artificial intelligence",
                "level": 1,
                "score": 0.51,
            },
            {
                "id": OA + "C41008148",
                "wikidata": "https://www.wikidata.org/wiki/Q21198",
                "display_name": "Computer science",
                "level": 0,
                "score": 0.44,
            },
        ],
        "referenced_works": [],
        "abstract_inverted_index": None,
        "updated_date": updated,
    }
    work.update(changes)
    return work


def author(aid: str, updated: str, **changes: Any) -> dict[str, Any]:
    """An OpenAlex author entity record: two stints at NUS, the second current."""
    record: dict[str, Any] = {
        "id": OA + aid,
        "orcid": "https://orcid.org/0000-0001-2345-6789",
        "display_name": "Gongfan Fang",
        "display_name_alternatives": ["G. Fang", "Fang Gongfan"],
        "works_count": 25,
        "cited_by_count": 2000,
        "last_known_institutions": [NUS],
        "affiliations": [
            {"institution": NUS, "years": [2024, 2023, 2018, 2017]},
            {"institution": ZJU, "years": [2019, 2020, 2021]},
        ],
        "updated_date": updated,
        "created_date": "2023-07-21",
    }
    record.update(changes)
    return record


def institution_record(updated: str) -> dict[str, Any]:
    """An OpenAlex institution entity record."""
    return {
        **NUS,
        "display_name_alternatives": ["NUS"],
        "geo": {
            "city": "Singapore",
            "region": None,
            "country_code": "SG",
            "country": "Singapore",
            "latitude": 1.2966,
            "longitude": 103.7764,
        },
        "updated_date": updated,
    }


def write_lines(path: Path, records: list[Any]) -> Path:
    """JSON Lines, gzipped when the name ends in .gz; a str item is written as it is."""
    text = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".gz":
        with gzip.open(path, "wt", encoding="utf-8") as out:
            out.write(text)
    else:
        path.write_text(text)
    return path
