"""The pairs of the duplicate candidate pass's name blocks that `comparable` may keep. Two
records of one block (the same name key, or long family names near by the head and tail keys of
`cypher/duplicates/blocks.cypher`) meet only when some reading of one name and some reading of
the other share a family name part, the joined family name, or a spelling one deletion apart
(every pair of family names `family_fit` accepts does), with first given names that may agree
(`given_compatible`), or when their ORCIDs are one; the pairs met are checked as `name_fit`
begins before the exact test in Python. Every join is keyed, so the rows grow with the records,
not with the pairs of a block; a pair dropped here is one `comparable` rejects."""

from __future__ import annotations

from pathlib import Path

import duckdb
import orjson

from bzpeer_graphql.identity.likeness import CROWD
from bzpeer_graphql.identity.names import LONG_FAMILY
from bzpeer_graphql.ingest.bulk.columns import count_of
from bzpeer_graphql.ingest.bulk.name_keys import READING_COLUMNS, reading_rows
from bzpeer_graphql.ingest.bulk.sql import render, run
from bzpeer_graphql.ingest.progress import ProgressReporter
from bzpeer_graphql.policy.auth import normalize_orcid

#: the joins of two sides (r, c) of one block and one token that may hold a pair of readings
#: whose given names agree: the same first given name, an initial and a name it begins, no
#: given name on one side, the given names joined the same
_GIVEN = (
    "c.g = r.g",
    "c.g0 = r.g AND length(r.g) = 1",
    "r.g0 = c.g AND length(c.g) = 1",
    "r.g IS NULL",
    "c.g IS NULL",
    "c.gj = r.gj AND r.gj <> ''",
)


def _readings(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """`spelt` (record, spelling) of every record, its normalized ORCID in `orcids`, and `rd`,
    the readings of each spelling (`name_readings`, and those of the name variants)."""
    run(con, "spelt")
    path = folder / "variant_readings.jsonl"
    with path.open("wb") as out:
        rows = run(con, "unread_spellings")
        while chunk := rows.fetchmany(10_000):
            for (name,) in chunk:
                for row in reading_rows(name):
                    out.write(orjson.dumps(row) + b"\n")
    run(con, "rd", {"path": str(path)}, columns=READING_COLUMNS)
    path.unlink()
    with path.open("wb") as out:
        rows = run(con, "res_orcids")
        while chunk := rows.fetchmany(10_000):
            for key, orcid in chunk:
                if (bare := normalize_orcid(orcid)) is not None:
                    out.write(orjson.dumps({"id": key, "o": bare}) + b"\n")
    run(con, "orcids", {"path": str(path)})
    path.unlink()


def _ends(con: duckdb.DuckDBPyConnection) -> None:
    """Each record's places in the blocks: the block (`via`), the family name's length (near
    keys), the kind of key ('n' the name key, 'a' the other, 'near'), whether the block is
    held (within the crowd bound, near keys) and whether the record is small (its crowd)."""
    run(con, "ends", {"crowd": CROWD})


def prefiltered_mates(con: duckdb.DuckDBPyConnection, folder: Path) -> str:
    """Creates `met` (r, c, via): the rows of `mates` from name blocks whose records may be one
    person; returns the name of the statement that reads them as mates rows."""
    total = count_of(con, "count", table="res")
    progress = ProgressReporter(stage="prefilter", unit="records")
    progress(0, total)
    _readings(con, folder)
    _ends(con)
    run(con, "side", {"long_family": LONG_FAMILY})
    pairs = "\nUNION\n".join(render("met_given", given=given) for given in _GIVEN)
    run(con, "met", {"long_family": LONG_FAMILY}, pairs=pairs)
    for table in ("ends", "side", "spelt", "rd", "orcids"):
        run(con, "drop_table", table=table)
    progress(total, total)
    return "met_blocks"
