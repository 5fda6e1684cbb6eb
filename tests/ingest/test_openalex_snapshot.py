"""OpenAlex as real snapshots hold it: versions, parts, stubs, both schemas, bad lines, stints."""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.ingest.bzpeer import BzpeerFile
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Loaded, Numbered, PartEnd, RecordError
from bzpeer_graphql.ingest.snapshot import OpenAlexFile, OpenAlexSnapshot
from bzpeer_graphql.ingest.source import LoadError
from tests.helpers import cli_env, data, graph_counts, run_cli, wipe
from tests.ingest.openalex_records import (
    OA,
    author,
    institution_record,
    newer_work,
    older_work,
    write_lines,
)


@pytest.fixture
async def empty(db: Database) -> Database:
    await wipe(db)
    return db


async def graph_hash(db: Database) -> str:
    """A hash of every node (labels, properties) and relationship (ends, type, properties)."""
    nodes, _, _ = await db.driver.execute_query(
        "MATCH (n) WHERE NOT n:LoadedPart RETURN labels(n) AS labels, properties(n) AS props"
    )
    rels, _, _ = await db.driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props"
    )
    lines = sorted(json.dumps(r.data(), sort_keys=True, default=str) for r in [*nodes, *rels])
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


async def load_files(db: Database, files: list[Path]) -> None:
    for path in files:
        await Loader(db).load(OpenAlexFile(path))


async def test_versions_in_every_order_give_one_graph(empty: Database, tmp_path: Path) -> None:
    versions = {
        "old": older_work("W2996", "2022-01-02"),
        "mid": newer_work("W2996", "2024-01-05"),
        "new": newer_work(
            "W2996",
            "2024-06-01T05:21:04.012345",
            type="article",
            authorships=newer_work("W2996", "x")["authorships"][:2],
        ),
    }
    files = {k: write_lines(tmp_path / f"{k}.jsonl", [v]) for k, v in versions.items()}
    hashes = set()
    for order in itertools.permutations(versions):
        await wipe(empty)
        await load_files(empty, [files[k] for k in order])
        hashes.add(await graph_hash(empty))
    await wipe(empty)  # all three in one file, in one batch: the same
    await load_files(empty, [write_lines(tmp_path / "all.jsonl", list(versions.values())[::-1])])
    hashes.add(await graph_hash(empty))
    assert len(hashes) == 1
    records, _, _ = await empty.driver.execute_query(
        "MATCH (p:Paper {id: 'W2996'}) "
        "RETURN p.type AS type, p.updatedDate AS updated, p.venue AS venue, "
        "[(r)-[a:AUTHORED]->(p) | [a.position, r.id]] AS authors, "
        "[(r:Researcher {id: 'A5012345601'})-[f:AFFILIATED_WITH]->(i) | [i.id, f.since]] AS aff"
    )
    row = records[0].data()
    assert row["type"] == "article" and row["updated"] == "2024-06-01T05:21:04.012345"
    assert row["venue"] == "arXiv (Cornell University)"
    assert sorted(row["authors"]) == [[1, "A5012345601"], [2, "A5012345602"]]
    assert row["aff"] == [["I76130692", 2019]]  # from the newest authorships only


def cites(wid: str, *refs: str) -> dict[str, object]:
    return newer_work(
        wid, "2024-03-01", title=f"Work {wid}", referenced_works=[OA + r for r in refs]
    )


WORKS = [cites("W1", "W9"), cites("W2", "W1"), cites("W3", "W1"), cites("W4", "W1", "W2", "W3")]


async def test_a_file_split_in_parts_loaded_in_reverse_gives_the_same_graph(
    empty: Database, tmp_path: Path, client: httpx.AsyncClient
) -> None:
    await load_files(empty, [write_lines(tmp_path / "whole.jsonl", WORKS)])
    whole = await graph_hash(empty)
    await wipe(empty)
    parts = [write_lines(tmp_path / f"part_{i}.jsonl", [w]) for i, w in enumerate(WORKS)]
    await load_files(empty, parts[::-1])
    assert await graph_hash(empty) == whole
    counts = await graph_counts(empty)
    assert (counts["Paper"], counts["Stub"], counts["CITES"]) == (4, 1, 6)
    # W9, cited and never loaded, waits as a stub that lists, counts and search leave out
    answer = await data(
        client,
        '{ papers { totalCount } paper(id: "W9") { id } graphStats { papers } '
        'w1: paper(id: "W1") { citedByCount references { totalCount } } '
        'search(text: "work", kinds: [PAPER]) { ... on Paper { id } } }',
    )
    assert answer["papers"]["totalCount"] == 4 and answer["paper"] is None
    assert answer["graphStats"]["papers"] == 4
    assert answer["w1"] == {"citedByCount": 3, "references": {"totalCount": 0}}
    assert sorted(r["id"] for r in answer["search"]) == ["W1", "W2", "W3", "W4"]


def snapshot(root: Path) -> Path:
    """A snapshot directory with manifests, two works parts, authors, institutions, merged ids."""
    parts = {
        "institutions/updated_date=2024-01-01/part_000.gz": [institution_record("2024-01-01")],
        "authors/updated_date=2024-02-01/part_000.gz": [author("A5012345601", "2024-02-01")],
        "works/updated_date=2024-03-01/part_000.gz": [WORKS[0], WORKS[1]],
        "works/updated_date=2024-04-01/part_000.gz": [WORKS[2], WORKS[3], older_work("W7", "2021")],
    }
    for key, records in parts.items():
        write_lines(root / "data" / key, records)
    for entity in ("institutions", "authors", "works"):
        entries = [
            {"url": f"s3://openalex/data/{k}", "meta": {"record_count": len(v)}}
            for k, v in parts.items()
            if k.startswith(entity)
        ]
        (root / "data" / entity / "manifest").write_text(json.dumps({"entries": entries}))
    merged = root / "data" / "merged_ids" / "authors"
    merged.mkdir(parents=True)
    (merged / "2024-05-01.csv").write_text(
        "merge_date,id,merge_into_id\n2024-05-01,A5012345699,A5012345602\n"
    )
    return root


@dataclass
class StopsAfterParts:
    """A snapshot whose reading dies after `parts` parts, like a killed process."""

    inner: OpenAlexSnapshot
    parts: int
    self_contained: bool = True

    def redirects(self) -> dict[str, dict[str, str]]:
        return self.inner.redirects()

    def expected_records(self, loaded: Loaded | None = None) -> int | None:
        return self.inner.expected_records(loaded)

    def records(self, loaded: Loaded | None = None) -> Iterator[Numbered | RecordError | PartEnd]:
        ended = 0
        for item in self.inner.records(loaded):
            yield item
            ended += isinstance(item, PartEnd)
            if ended == self.parts:
                raise KeyboardInterrupt


async def test_a_snapshot_directory_loads_and_resumes(
    empty: Database, tmp_path: Path, client: httpx.AsyncClient
) -> None:
    source = OpenAlexSnapshot(snapshot(tmp_path))
    assert source.expected_records() == 7
    first = await Loader(empty).load(source)
    assert (first.parts, first.parts_skipped, first.records) == (4, 0, 7)
    whole = await graph_hash(empty)
    await wipe(empty)
    with pytest.raises(KeyboardInterrupt):
        await Loader(empty, on_error="skip").load(StopsAfterParts(source, 3))
    again = await Loader(empty).load(source)
    assert (again.parts, again.parts_skipped, again.records) == (1, 3, 3)
    assert await graph_hash(empty) == whole
    answer = await data(
        client,
        '{ researcher(id: "A5012345601") { name nameVariants orcid affiliation { id } '
        "affiliations { institution { id } current since until } } "
        'merged: researcher(id: "A5012345699") { id } '
        'institution(id: "I165932596") { name country ror } '
        'w7: paper(id: "W7") { authors { id } } }',
    )
    researcher = answer["researcher"]
    assert (researcher["name"], researcher["orcid"]) == ("Gongfan Fang", "0000-0001-2345-6789")
    assert researcher["nameVariants"] == ["G. Fang", "Fang Gongfan"]
    assert researcher["affiliation"] == {"id": "I165932596"}
    assert researcher["affiliations"] == [
        {"institution": {"id": "I165932596"}, "current": True, "since": 2023, "until": 2024},
        {"institution": {"id": "I76130692"}, "current": False, "since": 2019, "until": 2021},
        {"institution": {"id": "I165932596"}, "current": False, "since": 2017, "until": 2018},
    ]
    # folded into A5012345602 while read, and still resolving to it
    assert answer["merged"] == {"id": "A5012345602"}
    assert answer["w7"]["authors"] == [{"id": "A5012345601"}, {"id": "A5012345602"}]
    assert answer["institution"] == {
        "name": "National University of Singapore",
        "country": "SG",
        "ror": "01tgyzw49",
    }
    records, _, _ = await empty.driver.execute_query(
        "MATCH (i:Institution {id: 'I165932596'}) RETURN i.city AS city, i.latitude AS lat, "
        "i.nameVariants AS names"
    )
    assert records[0].data() == {"city": "Singapore", "lat": 1.2966, "names": ["NUS"]}


BAD = [
    newer_work("W10", "2024-01-01"),
    newer_work("W11", "2024-01-01", authorships="A. Author"),
    newer_work("W12", "2024-01-01", topics=[{"id": OA + "T1", "score": "high"}]),
    newer_work("W13", "2024-01-01", publication_year="2020"),  # a year as text reads
    "{not json",
    "[1, 2]",
    newer_work(
        "W14",
        "2024-01-01",
        counts_by_year=[{"year": 2024, "cited_by_count": None}],
        referenced_works=[None, 7],
    ),
]
BAD_LINES = [
    "line 2: work W11: field authorships: expected list or null, got string 'A. Author'",
    "line 3: work W12: field topics[0].score: expected number or null, got string 'high'",
    "line 5: not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 "
    "(char 1)",
    "line 6: work: not a JSON object",
    "line 7: work W14: field referenced_works[1]: expected string, got number 7",
]


async def test_bad_lines_name_the_line_work_and_field(empty: Database, tmp_path: Path) -> None:
    source = OpenAlexFile(write_lines(tmp_path / "bad.jsonl", BAD))
    with pytest.raises(LoadError) as failure:
        await Loader(empty).load(source)
    assert [str(e) for e in failure.value.errors] == BAD_LINES
    assert await graph_counts(empty) == {}
    summary = await Loader(empty, on_error="skip").load(source)
    assert [str(e) for e in summary.errors] == BAD_LINES
    assert (summary.skipped, summary.unreadable, summary.records) == (5, 1, 7)
    assert summary.counts["paper"].created == 2
    assert (await graph_counts(empty))["Paper"] == 2


async def test_older_schema_and_null_titles(
    empty: Database, tmp_path: Path, client: httpx.AsyncClient
) -> None:
    works = [
        older_work("W20", "2022-01-02"),
        newer_work("W21", "2024-01-01", title=None),  # display_name stands in
        newer_work("W22", "2024-01-01", title=None, display_name=None),
    ]
    await load_files(empty, [write_lines(tmp_path / "w.jsonl", works)])
    records, _, _ = await empty.driver.execute_query(
        "MATCH (p:Paper) RETURN p.id AS id, p.title AS title, p.type AS type, "
        "p.typeOriginal AS original, p.venue AS venue, p.url AS url, p.arxivId AS arxiv, "
        "p.mag AS mag, [(p)-[a:ABOUT]->(t) | [t.id, a.score, t.level]] AS topics ORDER BY id"
    )
    rows = [r.data() for r in records]
    assert rows[0] == {
        "id": "W20",
        "title": "Data-Free Adversarial Distillation (old record)",
        "type": "article",
        "original": "journal-article",
        "venue": "Computer Vision and Pattern Recognition",
        "url": "https://doi.org/10.1109/cvpr42600.2020.00331",
        "arxiv": "1912.11006",
        "mag": "3035050853",
        "topics": rows[0]["topics"],
    }
    assert sorted(rows[0]["topics"]) == [["C154945302", 0.51, 1], ["C41008148", 0.44, 0]]
    assert (rows[1]["title"], rows[2]["title"]) == ("Data-Free Adversarial Distillation", None)
    answer = await data(client, '{ paper(id: "W22") { id title type } }')
    assert answer["paper"] == {"id": "W22", "title": None, "type": "PREPRINT"}


async def test_the_fields_users_ask_for_are_in_graphql(
    empty: Database, tmp_path: Path, client: httpx.AsyncClient
) -> None:
    works = [
        newer_work("W30", "2024-01-01"),
        newer_work("W31", "2024-01-01", language="de", is_retracted=True),
    ]
    await load_files(empty, [write_lines(tmp_path / "w.jsonl", works)])
    answer = await data(
        client,
        """{ paper(id: "W30") { publicationDate openAlexCitedByCount citedByCount
             countsByYear { year citedByCount } keywords openAccess openAccessStatus
             openAccessUrl license isRetracted language pmid pmcid mag arxivId type typeOriginal
             updatedDate correspondingAuthors { id }
             primaryTopic { id name subfield { id name } field { name } domain { name } }
             authorships { position researcher { id } corresponding rawAffiliationStrings
                           institutionIds } }
           green: papers(filter: {openAccessStatus: "green", language: "en",
                                  isRetracted: false}) { totalCount edges { node { id } } }
           retracted: papers(filter: {isRetracted: true}) { totalCount } }""",
    )
    assert answer["paper"] == {
        "publicationDate": "2019-12-23",
        "openAlexCitedByCount": 120,
        "citedByCount": 0,
        "countsByYear": [{"year": 2024, "citedByCount": 30}, {"year": 2023, "citedByCount": 41}],
        "keywords": ["Distillation"],
        "openAccess": True,
        "openAccessStatus": "green",
        "openAccessUrl": "https://arxiv.org/pdf/1912.11006",
        "license": "other-oa",
        "isRetracted": False,
        "language": "en",
        "pmid": None,
        "pmcid": None,
        "mag": "2996110155",
        "arxivId": "1912.11006",
        "type": "PREPRINT",
        "typeOriginal": "preprint",
        "updatedDate": "2024-01-01",
        "correspondingAuthors": [{"id": "A5012345601"}],
        "primaryTopic": {
            "id": "T10203",
            "name": "Knowledge Distillation",
            "subfield": {"id": "subfields/1702", "name": "Artificial Intelligence"},
            "field": {"name": "Computer Science"},
            "domain": {"name": "Physical Sciences"},
        },
        "authorships": [
            {
                "position": 1,
                "researcher": {"id": "A5012345601"},
                "corresponding": True,
                "rawAffiliationStrings": [],
                "institutionIds": ["I76130692"],
            },
            {
                "position": 2,
                "researcher": {"id": "A5012345602"},
                "corresponding": False,
                "rawAffiliationStrings": [],
                "institutionIds": ["I76130692"],
            },
            {
                "position": 3,
                "researcher": {"id": "A5012345603"},
                "corresponding": False,
                "rawAffiliationStrings": ["Stevens Inst. Tech."],
                "institutionIds": [],
            },
        ],
    }
    assert answer["green"] == {"totalCount": 1, "edges": [{"node": {"id": "W30"}}]}
    assert answer["retracted"] == {"totalCount": 1}


async def test_two_stints_at_one_institution_stay_two_in_the_bzpeer_format(
    empty: Database, tmp_path: Path, client: httpx.AsyncClient
) -> None:
    records = [
        {"kind": "institution", "id": "inst-a", "name": "Institute A"},
        {"kind": "researcher", "id": "res-1", "name": "Ada One"},
        {
            "kind": "affiliation",
            "researcher": "res-1",
            "institution": "inst-a",
            "current": False,
            "since": 2010,
            "until": 2012,
        },
        {
            "kind": "affiliation",
            "researcher": "res-1",
            "institution": "inst-a",
            "current": True,
            "since": 2020,
        },
    ]
    path = write_lines(tmp_path / "g.jsonl", records)
    first = await Loader(empty).load(BzpeerFile(path))
    await Loader(empty).load(BzpeerFile(path))  # again: still two
    assert first.counts["affiliation"].created == 2
    answer = await data(
        client,
        '{ researcher(id: "res-1") { affiliation { id } affiliations { current since until } } }',
    )
    assert answer["researcher"] == {
        "affiliation": {"id": "inst-a"},
        "affiliations": [
            {"current": True, "since": 2020, "until": None},
            {"current": False, "since": 2010, "until": 2012},
        ],
    }


async def test_the_command_loads_a_snapshot_directory_and_reruns_it(
    empty: Database, connection: Connection, tmp_path: Path
) -> None:
    root = snapshot(tmp_path / "snapshot")
    env = cli_env(
        NEO4J_URI=connection.uri, NEO4J_USER=connection.user, NEO4J_PASSWORD=connection.password
    )
    first = run_cli("load", str(root), "--format", "openalex", env=env, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "        parts: 4 loaded, 0 skipped (loaded by an earlier run)" in first.stdout
    assert "load: 7/7 records (100%)" in first.stderr  # the manifests' record counts
    again = run_cli("load", str(root), "--format", "openalex", env=env, cwd=tmp_path)
    assert "        parts: 0 loaded, 4 skipped (loaded by an earlier run)" in again.stdout
    assert (await graph_counts(empty))["LoadedPart"] == 4
