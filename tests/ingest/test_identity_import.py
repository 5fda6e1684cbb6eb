"""Imports through the identity merge: OpenAlex merged_ids and shared ORCIDs merged as the
importer, absorbed ids never made again, splits and undos kept over a reload."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.shared_papers import differences
from bzpeer_graphql.ingest.identity import flatten, is_current, survivor_order
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.seed import load_seed
from bzpeer_graphql.ingest.snapshot import OpenAlexFile
from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.settings import Settings
from tests.helpers import data, graph_digest, wipe
from tests.ingest.openalex_records import (
    ZJU,
    authorship,
    newer_work,
    older_work,
    write_lines,
)

ORCID = "0000-0003-1111-2222"
NAMES = {
    "A1": "Ann Example",
    "A9": "A. Example",
    "A2": "Bob Builder",
    "A3": "Cat Coder",
    "A5": "Dan Duo",
    "A6": "D. Duo",
    "A7": "Dan Duo",
}
#: work -> its authors, in order
BASE = {"W1": ["A1", "A2"], "W2": ["A1", "A3"], "W3": ["A9", "A2"], "W4": ["A1", "A9"]}
SHARED_ORCID = {"W5": ["A5", "A2"], "W6": ["A6", "A3"]}

PAGE = """query($id: ID!) { researcher(id: $id) { id mergedIds counts { works coauthors }
  identityHistory { action byId byHandle curator before after works } } }"""
SEED_PAGE = """{ researcher(id: "gongfan-fang") { trust { score label verificationLevel }
  counts { works followers topics closeCollaborators coauthors } mergedIds } }"""
UNDO = "mutation($id: ID!) { undoMerge(id: $id) { researcher { id } } }"
MERGE = """mutation($into: ID!, $from: ID!) { mergeResearchers(into: $into, from: $from) {
  changed } }"""
CLAIM = "mutation($id: ID!) { claimResearcher(id: $id) { researcher { id } } }"
SPLIT = """mutation($id: ID!, $works: [ID!]!) { splitResearcher(id: $id, works: $works) {
  other { id } } }"""


def works_file(
    path: Path, works: dict[str, list[str]], orcids: tuple[str, ...] = ("A5", "A6")
) -> Path:
    records = []
    for wid, authors in works.items():
        people = [
            authorship(a, NAMES[a], "middle", [ZJU], orcid=ORCID if a in orcids else None)
            for a in authors
        ]
        records.append(newer_work(wid, "2024-01-01", authorships=people, title=f"Work {wid}"))
    return write_lines(path, records)


def merged_ids(folder: Path, rows: list[str]) -> Path:
    (folder / "authors").mkdir(parents=True)
    with gzip.open(folder / "authors" / "2024-02-01.csv.gz", "wt") as out:
        out.write("merge_date,id,merge_into_id\n" + "\n".join(rows) + "\n")
    return folder


@pytest.fixture(autouse=True)
async def fresh(db: Database) -> Database:
    await wipe(db)
    await load_seed(db)
    return db


async def load(db: Database, path: Path, merged: Path | None = None) -> None:
    await Loader(db).load(OpenAlexFile(path, merged_ids=merged))
    assert (await differences(db)).count == 0  # COAUTHOR exact after every load


async def authored(db: Database, *ids: str) -> dict[str, list[str]]:
    """{researcher id: [work id]} of the live records named (absent ones left out)."""
    rows, _, _ = await db.driver.execute_query(
        "UNWIND $ids AS id MATCH (r:Researcher {id: id}) "
        "OPTIONAL MATCH (r)-[:AUTHORED]->(p:Paper) WHERE p.id STARTS WITH 'W' "
        "WITH r, p ORDER BY p.id RETURN r.id AS id, collect(p.id) AS works",
        {"ids": list(ids)},
    )
    return {r["id"]: r["works"] for r in rows}


async def affiliated(db: Database, *ids: str) -> dict[str, list[int]]:
    """{researcher id: [since]} of the affiliations read off the records' works."""
    rows, _, _ = await db.driver.execute_query(
        "UNWIND $ids AS id MATCH (r:Researcher {id: id})-[a:AFFILIATED_WITH {origin: 'works'}]->() "
        "WITH r, a ORDER BY a.since RETURN r.id AS id, collect(a.since) AS since",
        {"ids": list(ids)},
    )
    return {r["id"]: r["since"] for r in rows}


async def page(client: httpx.AsyncClient, id: str) -> dict[str, Any]:
    profile: dict[str, Any] = (await data(client, PAGE, {"id": id}))["researcher"]
    return profile


def curator(settings: Settings) -> str:
    return mint(settings, "cu-1", "cu-1", roles=("curator",))


IMPORTER_MERGE = {"action": "MERGE", "byId": "importer", "byHandle": "importer", "curator": True}


def test_merged_id_chains_settle_on_their_end() -> None:
    assert flatten({"A": "B", "B": "C", "X": "Y", "P": "Q", "Q": "P"}) == {
        "A": "C",
        "B": "C",
        "X": "Y",
    }


async def test_merged_ids_merge_through_the_identity_merge_and_an_undo_stays(
    db: Database, client: httpx.AsyncClient, settings: Settings, tmp_path: Path
) -> None:
    works = works_file(tmp_path / "works.jsonl", BASE)
    folder = merged_ids(tmp_path / "merged_ids", ["2024-02-01,A9,A1"])
    await load(db, works)
    assert await authored(db, "A1", "A9") == {"A1": ["W1", "W2", "W4"], "A9": ["W3", "W4"]}

    await load(db, works, folder)
    assert await authored(db, "A1", "A9") == {"A1": ["W1", "W2", "W3", "W4"]}
    ann = await page(client, "A9")  # the absorbed id resolves to its survivor
    assert (ann["id"], ann["mergedIds"], ann["counts"]) == (
        "A1",
        ["A9"],
        {"works": 4, "coauthors": 2},
    )
    assert ann["identityHistory"] == [
        {**IMPORTER_MERGE, "before": ["A1", "A9"], "after": ["A1"], "works": ["W3", "W4"]}
    ]
    merged = await graph_digest(db)
    await load(db, works, folder)  # a reload changes nothing, provenance included
    assert await graph_digest(db) == merged

    await data(client, UNDO, {"id": "A9"}, token=curator(settings))
    assert await authored(db, "A1", "A9") == {"A1": ["W1", "W2", "W4"], "A9": ["W3", "W4"]}
    await load(db, works, folder)  # the same merged_ids again: the undo stands
    assert await authored(db, "A1", "A9") == {"A1": ["W1", "W2", "W4"], "A9": ["W3", "W4"]}
    assert await affiliated(db, "A1", "A9") == {"A1": [2019], "A9": [2019]}
    history = (await page(client, "A1"))["identityHistory"]
    assert [(e["action"], e["byId"]) for e in history] == [
        ("UNDO_MERGE", "cu-1"),
        ("MERGE", "importer"),
    ]
    assert (await page(client, "A9"))["mergedIds"] == []


async def test_a_fresh_load_lands_absorbed_ids_on_the_survivor(
    db: Database, tmp_path: Path
) -> None:
    works = works_file(tmp_path / "works.jsonl", BASE)
    await load(db, works, merged_ids(tmp_path / "merged_ids", ["2024-02-01,A9,A1"]))
    assert await authored(db, "A1", "A9") == {"A1": ["W1", "W2", "W3", "W4"]}
    rows, _, _ = await db.driver.execute_query(
        "MATCH (:Researcher {id: 'A1'})-[a:AUTHORED]->(p:Paper) WHERE p.id IN ['W3', 'W4'] "
        "RETURN p.id AS work, a.position AS position, a.from AS from, a.alsoBy AS alsoBy, "
        "a.alsoPositions AS alsoPositions, EXISTS { (:Researcher {id: 'A9'}) } AS made "
        "ORDER BY work"
    )
    assert [r.data() for r in rows] == [
        {
            "work": "W3",
            "position": 1,
            "from": "A9",
            "alsoBy": None,
            "alsoPositions": None,
            "made": False,
        },
        {
            "work": "W4",
            "position": 1,
            "from": None,
            "alsoBy": ["A9"],
            "alsoPositions": [2],
            "made": False,
        },
    ]


async def test_records_sharing_an_orcid_merge_on_import(
    db: Database, client: httpx.AsyncClient, settings: Settings, tmp_path: Path
) -> None:
    seed = await data(client, SEED_PAGE)
    works = works_file(tmp_path / "works.jsonl", SHARED_ORCID)
    await load(db, works)
    assert await authored(db, "A5", "A6") == {"A5": ["W5", "W6"]}
    dan = await page(client, "A6")
    assert (dan["id"], dan["mergedIds"], dan["counts"]) == (
        "A5",
        ["A6"],
        {"works": 2, "coauthors": 2},
    )
    assert dan["identityHistory"] == [
        {**IMPORTER_MERGE, "before": ["A5", "A6"], "after": ["A5"], "works": ["W6"]}
    ]
    merged = await graph_digest(db)
    await load(db, works)
    assert await graph_digest(db) == merged

    await data(client, UNDO, {"id": "A6"}, token=curator(settings))
    await load(db, works)  # the same ORCID still, but someone kept the two apart
    assert await authored(db, "A5", "A6") == {"A5": ["W5"], "A6": ["W6"]}
    assert await data(client, SEED_PAGE) == seed
    assert seed["researcher"] == {
        "trust": {"score": 19, "label": "Unverified", "verificationLevel": 1},
        "counts": {
            "works": 5,
            "followers": 0,
            "topics": 4,
            "closeCollaborators": 4,
            "coauthors": 15,
        },
        "mergedIds": [],
    }


async def test_a_reload_after_a_split_keeps_the_split(
    db: Database, client: httpx.AsyncClient, settings: Settings, tmp_path: Path
) -> None:
    works = works_file(tmp_path / "works.jsonl", BASE)
    await load(db, works)
    split = await data(client, SPLIT, {"id": "A1", "works": ["W2"]}, token=curator(settings))
    other = split["splitResearcher"]["other"]["id"]
    assert await authored(db, "A1", other) == {"A1": ["W1", "W4"], other: ["W2"]}
    before = await graph_digest(db)
    await load(db, works)
    assert await authored(db, "A1", other) == {"A1": ["W1", "W4"], other: ["W2"]}
    assert await graph_digest(db) == before
    assert [e["action"] for e in (await page(client, "A1"))["identityHistory"]] == ["SPLIT"]


async def test_a_reload_after_merges_makes_no_absorbed_record_again(
    db: Database, client: httpx.AsyncClient, settings: Settings, tmp_path: Path
) -> None:
    works = works_file(tmp_path / "works.jsonl", BASE)
    await load(db, works)
    token = curator(settings)
    await data(client, MERGE, {"into": "A2", "from": "A3"}, token=token)
    await data(client, MERGE, {"into": "A1", "from": "A2"}, token=token)  # a chain: A3, A2, A1
    assert await authored(db, "A1", "A2", "A3", "A9") == {
        "A1": ["W1", "W2", "W3", "W4"],
        "A9": ["W3", "W4"],
    }
    before = await graph_digest(db)
    await load(db, works)
    assert await graph_digest(db) == before
    ann = await page(client, "A3")
    assert (ann["id"], ann["mergedIds"], ann["counts"]) == (
        "A1",
        ["A2", "A3"],
        {"works": 4, "coauthors": 1},
    )


async def test_an_orcid_merge_keeps_claims_of_different_people_apart(
    db: Database, client: httpx.AsyncClient, settings: Settings, tmp_path: Path
) -> None:
    works = {**SHARED_ORCID, "W7": ["A7"]}
    await load(db, works_file(tmp_path / "before.jsonl", works, orcids=()))
    for user, record in (("ann", "A5"), ("bob", "A6")):
        await data(client, CLAIM, {"id": record}, token=mint(settings, user, user))
    await load(db, works_file(tmp_path / "after.jsonl", works, orcids=("A5", "A6", "A7")))
    assert await authored(db, "A5", "A6", "A7") == {"A5": ["W5", "W7"], "A6": ["W6"]}
    dan = await page(client, "A5")
    assert dan["mergedIds"] == ["A7"] and dan["identityHistory"] == [
        {**IMPORTER_MERGE, "before": ["A5", "A7"], "after": ["A5"], "works": ["W7"]}
    ]
    assert (await page(client, "A6"))["identityHistory"] == []


async def test_a_merged_id_without_its_survivor_in_the_graph_gets_one(
    db: Database, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    works = works_file(tmp_path / "works.jsonl", BASE)
    await load(db, works)
    await load(db, works, merged_ids(tmp_path / "merged_ids", ["2024-02-01,A3,A8"]))
    assert await authored(db, "A3", "A8") == {"A8": ["W2"]}
    cat = await page(client, "A3")
    assert (cat["id"], cat["mergedIds"], cat["counts"]) == (
        "A8",
        ["A3"],
        {"works": 1, "coauthors": 1},
    )
    rows, _, _ = await db.driver.execute_query(
        "MATCH (r:Researcher {id: 'A8'}) RETURN r.name AS name"
    )
    assert [r["name"] for r in rows] == ["Cat Coder"]


#: Jason Priem's OpenAlex records: the id of the OpenAlex documentation's example (retired in the
#: 2023 re-issue of author ids) and a current one; his ORCID as the documentation gives it
PRIEM_RETIRED, PRIEM_CURRENT, PRIEM_ORCID = "A2208157607", "A5023888391", "0000-0001-6187-6610"
NAMED = """query($id: ID!) { researcher(id: $id) { id name mergedIds counts { works }
  identityHistory { action before after } } }"""


def test_the_current_openalex_record_ranks_first_as_survivor() -> None:
    assert (is_current(PRIEM_CURRENT), is_current(PRIEM_RETIRED)) == (True, False)
    assert is_current("A5") is False and is_current("syn-r5000000000") is False
    ranked = sorted(
        [PRIEM_RETIRED, "A1969205032", PRIEM_CURRENT], key=lambda i: survivor_order(i, None)
    )
    assert ranked == [PRIEM_CURRENT, "A1969205032", PRIEM_RETIRED]
    # a claim still comes first: the claimant's record keeps their claim
    assert (
        min(
            [PRIEM_CURRENT, PRIEM_RETIRED],
            key=lambda i: survivor_order(i, "ann" if i == PRIEM_RETIRED else None),
        )
        == PRIEM_RETIRED
    )


async def test_an_orcid_merge_keeps_the_current_record_and_the_retired_id_resolves(
    db: Database, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    old = older_work(
        "W2741809807",
        "2022-05-01",
        authorships=[authorship(PRIEM_RETIRED, "Jason R Priem", "first", [], orcid=PRIEM_ORCID)],
    )
    new = newer_work(
        "W4200000001",
        "2024-01-01",
        title="A newer work",
        authorships=[authorship(PRIEM_CURRENT, "Jason Priem", "first", [], orcid=PRIEM_ORCID)],
    )
    # the retired record comes first in the file and has the smaller id: the current one stays
    await load(db, write_lines(tmp_path / "works.jsonl", [old, new]))
    assert await authored(db, PRIEM_RETIRED, PRIEM_CURRENT) == {
        PRIEM_CURRENT: ["W2741809807", "W4200000001"]
    }
    for asked in (PRIEM_RETIRED, PRIEM_CURRENT):
        found = (await data(client, NAMED, {"id": asked}))["researcher"]
        assert found == {
            "id": PRIEM_CURRENT,
            "name": "Jason Priem",
            "mergedIds": [PRIEM_RETIRED],
            "counts": {"works": 2},
            "identityHistory": [
                {
                    "action": "MERGE",
                    "before": [PRIEM_CURRENT, PRIEM_RETIRED],
                    "after": [PRIEM_CURRENT],
                }
            ],
        }


async def test_merged_ids_keep_their_merge_into_id_even_when_it_is_older(
    db: Database, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    """The merged_ids file names the survivor, its merge_into_id, whatever the ids look like; a
    stored record absorbed so keeps resolving."""
    works = works_file(tmp_path / "works.jsonl", BASE)
    await load(db, works)
    await load(db, works, merged_ids(tmp_path / "merged_ids", ["2024-02-01,A1,A9"]))
    assert await authored(db, "A1", "A9") == {"A9": ["W1", "W2", "W3", "W4"]}
    found = (await data(client, NAMED, {"id": "A1"}))["researcher"]
    assert (found["id"], found["name"], found["mergedIds"]) == ("A9", "A. Example", ["A1"])


CANDIDATES = """query($id: ID!) { researcher(id: $id) { duplicateCandidates(minScore: 0) {
  candidate { id } score evidence { reason count weight } } } }"""


async def test_older_concepts_and_newer_topics_meet_in_their_fields(
    db: Database, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    """An older record about the concepts 'Artificial intelligence' and 'Computer science' and
    a newer one about a topic of subfield 'Artificial Intelligence', field 'Computer Science'
    share no topic id; their fields speak for them."""
    old = older_work(
        "W2741809807",
        "2022-05-01",
        authorships=[authorship(PRIEM_RETIRED, "Jason R Priem", "first", [])],
    )
    new = newer_work(
        "W4200000001",
        "2024-01-01",
        title="A newer work",
        authorships=[authorship(PRIEM_CURRENT, "Jason Priem", "first", [])],
    )
    await load(db, write_lines(tmp_path / "works.jsonl", [old, new]))
    found = (await data(client, CANDIDATES, {"id": PRIEM_CURRENT}))["researcher"]
    assert found["duplicateCandidates"] == [
        {
            "candidate": {"id": PRIEM_RETIRED},
            "score": 0.45,
            "evidence": [
                {"reason": "NAME_INITIALS", "count": 1, "weight": 0.3},
                {"reason": "SHARED_FIELDS", "count": 2, "weight": 0.15},
            ],
        }
    ]
