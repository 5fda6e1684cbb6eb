"""The duplicate candidate pairs of a bulk build, found and scored in the conversion: the blocks
of `cypher/duplicates/blocks.cypher` joined in DuckDB, the features of
`cypher/duplicates/features.cypher` aggregated there, and each pair scored by the writer's own
rules (identity/likeness.py) in one streaming pass, so no pair is scored through Cypher after
the import (cypher/bulk/duplicate_pairs stores them)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import orjson

from bzpeer_graphql.db.duplicate_pairs import BATCH
from bzpeer_graphql.identity.likeness import CROWD, comparable, likeness
from bzpeer_graphql.identity.name_fit import name_fit
from bzpeer_graphql.identity.names import readings
from bzpeer_graphql.ingest.bulk.columns import ARRAY_DELIMITER, copy_parquet, count_of
from bzpeer_graphql.ingest.bulk.prefilter import prefiltered_mates
from bzpeer_graphql.ingest.bulk.sql import render, run
from bzpeer_graphql.ingest.bulk.timing import Steps
from bzpeer_graphql.ingest.progress import ProgressReporter

#: records whose features one round of the scoring pass holds at once
KEYS_PER_ROUND = 4000
#: the columns of the relationship file
HEADER = [
    ":START_ID(Researcher)",
    ":END_ID(Researcher)",
    "score:double",
    "reasons:string[]",
    "counts:long[]",
    "weights:double[]",
]


def _researchers(con: duckdb.DuckDBPyConnection) -> None:
    """The researchers as blocking sees them: names, ORCID, keys, crowd and rescoring batch."""
    run(con, "res")
    run(con, "crowd", {"batch": BATCH})


def _mates(con: duckdb.DuckDBPyConnection, folder: Path, prefilter: bool) -> None:
    """What duplicates/blocks returns for every record: (record, mate, linked), with the block
    each pair was found in (`via`: the key, the probe's letters, or the ORCID), so that the
    comparison pass meets the names of one block together. With `prefilter`, the rows
    of the name blocks are only those `comparable` may keep (ingest/bulk/prefilter.py)."""
    if prefilter:
        blocks = render(prefiltered_mates(con, folder))
    else:
        near = "\nUNION ALL\n".join(render("near_block", end=end) for end in ("head", "tail"))
        blocks = render("name_blocks", near=near)
    run(con, "mates", {"crowd": CROWD}, blocks=blocks)
    if prefilter:
        run(con, "drop_table", table="met")


def _comparable(names: tuple[Any, ...]) -> bool:
    """`comparable` of two records, by (name, variants, orcid) of each; a pair of lone names
    goes straight to name_fit (what comparable comes to for them)."""
    name, variants, orcid, mate_name, mate_variants, mate_orcid = names
    if not (variants or orcid or mate_variants or mate_orcid):
        return name_fit(name or "", mate_name or "") is not None
    return comparable(
        {"name": name, "nameVariants": variants, "orcid": orcid},
        {"name": mate_name, "nameVariants": mate_variants, "orcid": mate_orcid},
    )


def _fill(
    con: duckdb.DuckDBPyConnection, table: str, names: str, rows: list[tuple[str, ...]],
    folder: Path,
) -> None:  # fmt: skip
    """Creates `table` of VARCHAR columns named by the letters of `names`, holding `rows`, read
    from a JSON-lines file in one statement (an INSERT costs a statement a row)."""
    path = folder / f"{table}.jsonl"
    path.write_bytes(
        b"".join(orjson.dumps(dict(zip(names, row, strict=True))) + b"\n" for row in rows)
    )
    run(con, "fill_create", table=table, columns=", ".join(f"{n} VARCHAR" for n in names))
    if rows:
        columns = "{" + ", ".join(f"{n}: 'VARCHAR'" for n in names) + "}"
        run(con, "fill_insert", {"path": str(path)}, table=table, columns=columns)
    path.unlink()


def _wanted(con: duckdb.DuckDBPyConnection, folder: Path, progress: ProgressReporter) -> int:
    """The pairs a full rescoring leaves (duplicate_pairs.rescore): of each pair, what the
    record rescored last finds (both records, when one batch rescores them together). Whether
    two records are comparable does not depend on which side asks: each pair is tested once,
    block by block (the names cache then holds the names of the blocks at hand)."""
    run(con, "tried", {"crowd": CROWD})
    total = count_of(con, "count", table="tried")
    rows = run(con, "tried_names")
    wanted: set[tuple[str, str]] = set()
    crowded: set[tuple[str, str]] = set()
    done = 0
    progress(0, total)
    while chunk := rows.fetchmany(50_000):
        for a, b, direct, *names in chunk:
            if _comparable(tuple(names)):
                (wanted if direct else crowded).add((a, b))
        done += len(chunk)
        progress(done, total)
    progress(total, total)
    crowded -= wanted
    _fill(con, "wanted", "ab", sorted(wanted), folder)
    if crowded:
        _fill(con, "crowded", "ab", sorted(crowded), folder)
        run(con, "crowded")
    return len(wanted)


#: the features of duplicates/features, each read by `feature_<name>` (sql/bulk) once for every
#: record of a wanted pair (each query scans its tables once, not once a round); the
#: collaboration network only as far as the record's pairs look in it
_FEATURES = ("coauthors", "network", "institutions", "topics", "fields", "years", "names")


def _features_once(con: duckdb.DuckDBPyConnection) -> None:
    """Reads the features of `_FEATURES` for every record of a wanted pair into `feature_<name>`
    tables keyed by `k` (a round then looks its records up there)."""
    run(con, "scored")
    for name in _FEATURES:
        query = render(f"feature_{name}", keys="scored")
        columns = "k, v, w" if name == "names" else "k, v"
        run(con, "feature_table", name=name, query=query, columns=columns)


def _features(
    con: duckdb.DuckDBPyConnection, keys: list[str], folder: Path
) -> dict[str, dict[str, Any]]:
    """The rows duplicates/features returns for `keys` (after `_features_once`)."""
    _fill(con, "round", "a", [(k,) for k in keys], folder)
    out: dict[str, dict[str, Any]] = {
        k: {"key": k, "coauthors": [], "network": [], "institutions": [], "topics": [],
            "fields": [], "firstYear": None, "lastYear": None}
        for k in keys
    }  # fmt: skip
    for name in _FEATURES:
        for row in run(con, "feature_read", name=name).fetchall():
            found = out[row[0]]
            if name == "years":
                found["firstYear"], found["lastYear"] = row[1]
            elif name == "names":
                found["name"], found["orcid"] = row[1]
                found["nameVariants"] = row[2]
            elif name == "fields":
                found["fields"] = sorted({f.lower() for f in row[1]})
            else:
                found[name] = row[1]
    return out


def _rounds(con: duckdb.DuckDBPyConnection) -> Iterator[list[tuple[str, str]]]:
    """The wanted pairs in rounds whose records number at most KEYS_PER_ROUND. All fetched
    first: each round's queries run on the same connection, and a statement ends the result
    of the one before (a second fetch of it finds nothing)."""
    batch: list[tuple[str, str]] = []
    keys: set[str] = set()
    for a, b in run(con, "wanted_read").fetchall():
        fresh = {a, b} - keys
        if len(keys) + len(fresh) > KEYS_PER_ROUND and batch:
            yield batch
            batch, keys, fresh = [], set(), {a, b}
        batch.append((a, b))
        keys |= fresh
    if batch:
        yield batch


def duplicate_candidates(
    con: duckdb.DuckDBPyConnection, out: Path, steps: Steps, prefilter: bool = True
) -> tuple[Path, int]:
    """Writes the DUPLICATE_CANDIDATE relationship file of the converted graph; returns it and
    how many pairs it holds. Without `prefilter`, every near-key pair is tried in Python (the
    same pairs are kept: tests/ingest/test_bulk_pairs.py)."""
    with steps.step("pairs: blocks"):
        _researchers(con)
        _mates(con, out, prefilter)
    before = readings.cache_info()
    with steps.step("pairs: comparable"):
        total = _wanted(con, out, ProgressReporter(stage="pairs", unit="pairs"))
    after = readings.cache_info()
    hits, misses = after.hits - before.hits, after.misses - before.misses
    steps.log(
        f"pairs: names cache {hits:,} hits, {misses:,} misses "
        f"({hits / max(hits + misses, 1):.1%} hits, {after.maxsize:,} entries)"
    )
    path = out / "duplicate_candidate.csv"
    with steps.step("pairs: scoring"):
        written = _score(con, path, total, ProgressReporter(stage="scoring", unit="pairs"))
    return path, written


def _score(
    con: duckdb.DuckDBPyConnection, path: Path, total: int, progress: ProgressReporter
) -> int:
    """Scores the wanted pairs into the relationship file; returns how many it holds."""
    written = done = 0
    progress(0, total)
    _features_once(con)
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        for pairs in _rounds(con):
            features = _features(con, sorted({k for pair in pairs for k in pair}), path.parent)
            for a, b in pairs:
                alike = likeness(features[a], features[b])
                if alike is None:
                    continue
                writer.writerow(_row(a, b, alike.score, alike.reasons))
                written += 1
            done += len(pairs)
            progress(done, total)
    progress(total, total)
    return written


def _row(a: str, b: str, score: float, reasons: list[Any]) -> list[str]:
    return [
        a,
        b,
        repr(score),
        ARRAY_DELIMITER.join(r.kind for r in reasons),
        ARRAY_DELIMITER.join(str(r.count) for r in reasons),
        ARRAY_DELIMITER.join(repr(r.weight) for r in reasons),
    ]


def as_import_file(con: duckdb.DuckDBPyConnection, path: Path) -> Path:
    """The relationship file `duplicate_candidates` wrote, as a Parquet file next to it (typed
    lists); every value read back exactly (a double's repr is its shortest exact text)."""
    parameters = {"path": str(path), "delimiter": ARRAY_DELIMITER}
    return copy_parquet(con, "pairs_file", path.with_suffix(".parquet"), parameters)


def pair_batches(path: Path, size: int) -> Iterator[list[dict[str, Any]]]:
    """The pairs of the file `as_import_file` wrote, `size` at a time, as
    cypher/bulk/duplicate_pairs takes them."""
    con = duckdb.connect()
    try:
        rows = run(con, "read_pairs", {"path": str(path)})
        while chunk := rows.fetchmany(size):
            yield [dict(zip(("a", "b", "score", "reasons", "counts", "weights"), row, strict=True))
                   for row in chunk]  # fmt: skip
    finally:
        con.close()
