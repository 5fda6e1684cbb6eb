"""The synthetic research graph written as OpenAlex works (the snapshot's JSON Lines)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bzpeer_graphql.ingest import jsonl
from bzpeer_graphql.ingest.records import Affiliation, Institution, Paper, Researcher, Topic
from bzpeer_graphql.ingest.synthetic import generate

OA = "https://openalex.org/"
UPDATED = "2024-01-01T00:00:00"


def _inverted(text: str | None) -> dict[str, list[int]] | None:
    if not text:
        return None
    index: dict[str, list[int]] = {}
    for position, word in enumerate(text.split()):
        index.setdefault(word, []).append(position)
    return index


def _institution(record: Institution) -> dict[str, Any]:
    return {
        "id": OA + record.id,
        "display_name": record.name,
        "ror": f"https://ror.org/{record.ror}" if record.ror else None,
        "country_code": record.country,
        "type": "education",
    }


def work(
    paper: Paper,
    researchers: dict[str, Researcher],
    homes: dict[str, Institution],
    topics: dict[str, Topic],
) -> dict[str, Any]:
    """One paper as an OpenAlex work in the newer schema."""
    count = len(paper.authors)
    return {
        "id": OA + paper.id,
        "doi": f"https://doi.org/{paper.doi}" if paper.doi else None,
        "title": paper.title,
        "display_name": paper.title,
        "publication_year": paper.year,
        "publication_date": f"{paper.year}-01-01" if paper.year else None,
        "type": paper.type,
        "language": "en",
        "primary_location": {
            "landing_page_url": None,
            "source": {"display_name": paper.venue} if paper.venue else None,
        },
        "open_access": {
            "is_oa": paper.openAccess,
            "oa_status": "green" if paper.openAccess else "closed",
        },
        "authorships": [
            {
                "author_position": "first" if i == 0 else "last" if i == count - 1 else "middle",
                "author": {
                    "id": OA + a,
                    "display_name": researchers[a].name,
                    "orcid": f"https://orcid.org/{researchers[a].orcid}"
                    if researchers[a].orcid
                    else None,
                },
                "institutions": [_institution(homes[a])] if a in homes else [],
                "raw_author_name": researchers[a].name,
            }
            for i, a in enumerate(paper.authors)
        ],
        "topics": [
            {"id": OA + t.id, "display_name": topics[t.id].name, "score": t.score}
            for t in paper.topics
        ],
        "cited_by_count": 0,
        "is_retracted": False,
        "referenced_works": [OA + r for r in paper.references],
        "abstract_inverted_index": _inverted(paper.abstract),
        "updated_date": UPDATED,
    }


def write(path: Path, papers: int, seed: int) -> dict[str, int]:
    """Writes `papers` synthetic works as OpenAlex JSON Lines (gzip if .gz); counts kinds."""
    institutions: dict[str, Institution] = {}
    topics: dict[str, Topic] = {}
    researchers: dict[str, Researcher] = {}
    homes: dict[str, Institution] = {}
    counts = {"work": 0}
    with jsonl.open_text_out(path) as out:
        for record in generate(papers, seed):
            if isinstance(record, Institution):
                institutions[record.id] = record
            elif isinstance(record, Topic):
                topics[record.id] = record
            elif isinstance(record, Researcher):
                researchers[record.id] = record
            elif isinstance(record, Affiliation) and record.current:
                homes[record.researcher] = institutions[record.institution]
            elif isinstance(record, Paper):
                counts["work"] += 1
                line = work(record, researchers, homes, topics)
                out.write(json.dumps(line, separators=(",", ":")) + "\n")
    return counts
