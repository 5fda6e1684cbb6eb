"""Cases the loader once passed over in silence: each now loads in full, reports, or refuses."""

from __future__ import annotations

import gzip
from pathlib import Path

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest import synthetic
from bzpeer_graphql.ingest.bzpeer import BzpeerFile
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.snapshot import MergedIdsError, OpenAlexFile, read_merged_ids
from tests.helpers import cli_env, data, graph_counts, run_cli, wipe
from tests.ingest.openalex_records import write_lines

REAL_2025 = Path(__file__).parent.parent / "fixtures" / "openalex" / "real" / "works-2025.jsonl"
CSV = "merge_date,id,merge_into_id\n2024-05-01,A5048491430,A1969205032\n"


@pytest.fixture
async def empty(db: Database) -> Database:
    await wipe(db)
    return db


def merged_ids(root: Path) -> Path:
    """A snapshot's merged_ids/ folder with one authors file (gzipped, as the snapshot has it)."""
    folder = root / "merged_ids" / "authors"
    folder.mkdir(parents=True)
    with gzip.open(folder / "2024-05-01.csv.gz", "wt") as out:
        out.write(CSV)
    return root / "merged_ids"


def test_merged_ids_are_read_from_the_folder_an_entity_folder_or_one_file(
    tmp_path: Path,
) -> None:
    root = merged_ids(tmp_path)
    expected = {"researcher": {"A5048491430": "A1969205032"}}
    assert read_merged_ids(root) == expected
    assert read_merged_ids(root / "authors") == expected
    assert read_merged_ids(root / "authors" / "2024-05-01.csv.gz") == expected


def test_merged_ids_that_name_nothing_readable_are_refused(tmp_path: Path) -> None:
    loose = tmp_path / "loose.csv"
    loose.write_text(CSV)
    (tmp_path / "empty").mkdir()
    (tmp_path / "authors").mkdir()
    (tmp_path / "authors" / "wrong.csv").write_text("id,into\nA1,A2\n")
    refusals = {
        loose: f"{loose}: a merged_ids file is read by the folder it is in (merged_ids/"
        f"<authors|works|institutions|topics>/), and {tmp_path.name!r} is none",
        tmp_path / "empty": f"{tmp_path / 'empty'}: no merged_ids CSV files in it (expected "
        "<authors|works|institutions|topics>/*.csv[.gz], as in the snapshot's merged_ids/ folder)",
        tmp_path / "missing": f"{tmp_path / 'missing'}: no such file or folder",
        tmp_path / "authors": f"{tmp_path / 'authors' / 'wrong.csv'}: not a merged_ids CSV (its "
        "header has no id and merge_into_id)",
    }
    for path, message in refusals.items():
        with pytest.raises(MergedIdsError) as refused:
            read_merged_ids(path)
        assert str(refused.value) == message


def test_the_command_refuses_merged_ids_it_cannot_use(tmp_path: Path) -> None:
    loose = tmp_path / "loose.csv"
    loose.write_text(CSV)
    works = str(REAL_2025)
    refused = run_cli(
        "load", works, "--format", "openalex", "--merged-ids", str(loose),
        env=cli_env(), cwd=tmp_path,
    )  # fmt: skip
    assert refused.returncode == 1
    last = refused.stderr.strip().splitlines()[-1]
    assert last.startswith(f"bzpeer-graphql: --merged-ids {loose}: a merged_ids file is read by")
    bzpeer = run_cli("load", works, "--merged-ids", str(tmp_path), env=cli_env(), cwd=tmp_path)
    assert bzpeer.stderr.strip().splitlines()[-1] == (
        "bzpeer-graphql: --merged-ids is for one OpenAlex file (--format openalex); a snapshot "
        "directory reads its own data/merged_ids/"
    )


async def test_a_merged_ids_file_given_alone_is_used(empty: Database, tmp_path: Path) -> None:
    file = merged_ids(tmp_path) / "authors" / "2024-05-01.csv.gz"
    summary = await Loader(empty).load(OpenAlexFile(REAL_2025, merged_ids=file))
    # Heather Piwowar's current id lands on the id the file says it was merged into
    records, _, _ = await empty.driver.execute_query(
        "MATCH (r:Researcher)-[a:AUTHORED]->(:Paper) WHERE a.position = 1 RETURN r.id AS id"
    )
    assert [r["id"] for r in records] == ["A1969205032"]
    assert summary.counts["researcher"].created == 9


async def test_two_stints_that_begin_in_one_year_are_both_kept(
    empty: Database, tmp_path: Path, client: httpx.AsyncClient
) -> None:
    records = [
        {"kind": "institution", "id": "inst-a", "name": "Institute A"},
        {"kind": "researcher", "id": "res-1", "name": "Ada One"},
        {"kind": "affiliation", "researcher": "res-1", "institution": "inst-a", "since": 2010,
         "until": 2012},
        {"kind": "affiliation", "researcher": "res-1", "institution": "inst-a", "since": 2010,
         "current": True},
    ]  # fmt: skip
    path = write_lines(tmp_path / "g.jsonl", records)
    first = await Loader(empty).load(BzpeerFile(path))
    again = await Loader(empty).load(BzpeerFile(path))
    assert (first.counts["affiliation"].created, again.counts["affiliation"].created) == (2, 0)
    answer = await data(
        client,
        '{ researcher(id: "res-1") { affiliation { id } affiliations { current since until } } }',
    )
    assert answer["researcher"] == {
        "affiliation": {"id": "inst-a"},
        "affiliations": [
            {"current": True, "since": 2010, "until": None},
            {"current": False, "since": 2010, "until": 2012},
        ],
    }


async def test_every_generated_stint_is_created(empty: Database, tmp_path: Path) -> None:
    path = tmp_path / "syn.jsonl"
    written = synthetic.write(path, 300, 5)  # two researchers hold two stints from one year
    summary = await Loader(empty).load(BzpeerFile(path))
    assert written["affiliation"] == 208
    assert summary.counts["affiliation"].created == 208
    assert (await graph_counts(empty))["AFFILIATED_WITH"] == 208
    records, _, _ = await empty.driver.execute_query(
        "MATCH (:Researcher {id: 'syn-r73'})-[a:AFFILIATED_WITH]->(:Institution {id: 'syn-i1'}) "
        "RETURN a.since AS since, a.until AS until, a.current AS current ORDER BY until"
    )
    assert [tuple(r.values()) for r in records] == [(2008, 2009, False), (2008, None, True)]


def test_the_load_help_states_the_limits(tmp_path: Path) -> None:
    shown = run_cli("load", "--help", env=cli_env(), cwd=tmp_path)
    bounded = (
        "Text is bounded at import: a paper's title at 2,000 characters, its abstract at 10,000 "
        "and venue at 500; names (researchers, institutions, topics) at 500."
    )
    assert bounded in " ".join(shown.stdout.split())
