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
    con.execute("""
        CREATE OR REPLACE TABLE res AS SELECT id,
          json_extract_string(props, '$.name') AS name,
          CAST(json_extract(props, '$.nameVariants') AS VARCHAR[]) AS variants,
          json_extract_string(props, '$.orcid') AS orcid,
          json_extract_string(props, '$.nameKey') AS nk,
          json_extract_string(props, '$.nameKeyAlt') AS alt,
          json_extract_string(props, '$.nameKeyHead') AS head,
          json_extract_string(props, '$.nameKeyTail') AS tail,
          CAST(json_extract(props, '$.nameKeyNear') AS VARCHAR[]) AS near
        FROM node_final WHERE kind = 'researcher'""")
    # a record's crowd as duplicates/blocks counts it; its batch as duplicates/stale_ids
    # orders a full rescoring (name key, nulls last, then id)
    con.execute(f"""
        CREATE OR REPLACE TABLE crowd AS
        WITH k AS (SELECT nk AS v, count(*) AS n FROM res WHERE nk IS NOT NULL GROUP BY 1),
             a AS (SELECT alt AS v, count(*) AS n FROM res WHERE alt IS NOT NULL GROUP BY 1)
        SELECT r.id,
               CASE WHEN r.nk <> '' THEN coalesce(k1.n, 0) + coalesce(a1.n, 0) ELSE 0 END
               + CASE WHEN r.alt <> '' THEN coalesce(k2.n, 0) ELSE 0 END AS crowd,
               (row_number() OVER (ORDER BY r.nk IS NULL, r.nk, r.id) - 1) // {BATCH} AS batch
        FROM res r LEFT JOIN k k1 ON k1.v = r.nk LEFT JOIN a a1 ON a1.v = r.nk
                   LEFT JOIN k k2 ON k2.v = r.alt""")


def _mates(con: duckdb.DuckDBPyConnection, folder: Path, prefilter: bool) -> None:
    """What duplicates/blocks returns for every record: (record, mate, linked), with the block
    each pair was found in (`via`: the key, the probe's letters, or the ORCID), so that the
    comparison pass meets the names of one block together. With `prefilter`, the rows
    of the name blocks are only those `comparable` may keep (ingest/bulk/prefilter.py)."""
    small = f"(SELECT res.* FROM res JOIN crowd USING (id) WHERE crowd <= {CROWD})"
    large = f"(SELECT res.* FROM res JOIN crowd USING (id) WHERE crowd > {CROWD})"
    blocks = prefiltered_mates(con, folder) if prefilter else _blocks(small)
    con.execute(f"""
        CREATE OR REPLACE TABLE mates AS
        {blocks}
        UNION ALL
        SELECT r.id, c.id, true, r.nk FROM {large} r
          JOIN coauthor x ON x.a = r.id JOIN coauthor y ON y.a = x.b JOIN res c ON c.id = y.b
          WHERE c.id <> r.id AND ((r.nk <> '' AND c.nk = r.nk) OR (r.alt <> '' AND c.nk = r.alt)
                                  OR (r.nk <> '' AND c.alt = r.nk))
        UNION ALL
        SELECT r.id, c.id, true, r.orcid FROM res r JOIN res c ON c.orcid = r.orcid
          AND c.id <> r.id""")
    if prefilter:
        con.execute("DROP TABLE met")


def _blocks(small: str) -> str:
    """The name block rows of duplicates/blocks as it finds them: every record of the same
    key, and every record of a held block whose near key one of the six probes names."""
    near = "\nUNION ALL\n".join(
        f"""SELECT r.id AS r, c.id AS c, false AS linked,
                   regexp_replace(r.probe, '[0-9]+', '') AS via
            FROM (SELECT id, unnest(near) AS probe FROM {small}) r
            JOIN (SELECT {end} AS probe FROM res WHERE {end} IS NOT NULL
                  GROUP BY 1 HAVING count(*) <= {CROWD}) held USING (probe)
            JOIN res c ON c.{end} = r.probe WHERE c.id <> r.id"""
        for end in ("head", "tail")
    )
    return f"""
        SELECT r.id AS r, c.id AS c, false AS linked, r.nk AS via FROM {small} r
          JOIN res c ON c.nk = r.nk WHERE r.nk <> '' AND c.id <> r.id
        UNION ALL
        SELECT r.id, c.id, false, r.alt FROM {small} r
          JOIN res c ON c.nk = r.alt WHERE r.alt <> '' AND c.id <> r.id
        UNION ALL
        SELECT r.id, c.id, false, r.nk FROM {small} r
          JOIN res c ON c.alt = r.nk WHERE r.nk <> '' AND c.id <> r.id
        UNION ALL
        {near}"""


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
    columns = ", ".join(f"{n}: 'VARCHAR'" for n in names)
    con.execute(f"CREATE OR REPLACE TABLE {table} ({', '.join(f'{n} VARCHAR' for n in names)})")
    if rows:
        con.execute(
            f"INSERT INTO {table} SELECT * FROM read_json('{path}', "
            f"format = 'newline_delimited', columns = {{{columns}}})"
        )
    path.unlink()


def _wanted(con: duckdb.DuckDBPyConnection, folder: Path, progress: ProgressReporter) -> int:
    """The pairs a full rescoring leaves (duplicate_pairs.rescore): of each pair, what the
    record rescored last finds (both records, when one batch rescores them together). Whether
    two records are comparable does not depend on which side asks: each pair is tested once,
    block by block (the names cache then holds the names of the blocks at hand)."""
    con.execute(f"""
        CREATE OR REPLACE TABLE tried AS
        SELECT least(m.r, m.c) AS a, greatest(m.r, m.c) AS b,
               bool_or(m.linked OR cc.crowd <= {CROWD}) AS direct, min(m.via) AS via
        FROM mates m JOIN crowd cr ON cr.id = m.r JOIN crowd cc ON cc.id = m.c
        WHERE cr.batch >= cc.batch GROUP BY ALL""")
    total = count_of(con, "SELECT count(*) FROM tried")
    rows = con.execute("""
        SELECT p.a, p.b, p.direct, r.name, r.variants, r.orcid, c.name, c.variants, c.orcid
        FROM tried p JOIN res r ON r.id = p.a JOIN res c ON c.id = p.b
        ORDER BY p.via, p.a, p.b""")
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
        con.execute("""
            INSERT INTO wanted SELECT DISTINCT p.a, p.b FROM crowded p
            JOIN coauthor x ON x.a = p.a JOIN coauthor y ON y.a = x.b AND y.b = p.b""")
    return len(wanted)


_FEATURES = {
    "coauthors": "SELECT a, list(b) FROM coauthor WHERE a IN (SELECT a FROM round) GROUP BY a",
    "network": """
        SELECT x.a, list(DISTINCT y.b) FROM coauthor x JOIN coauthor y ON y.a = x.b
        WHERE x.a IN (SELECT a FROM round) AND y.b <> x.a GROUP BY x.a""",
    "institutions": """
        SELECT researcher, list(DISTINCT institution) FROM affiliated
        WHERE researcher IN (SELECT a FROM round) GROUP BY researcher""",
    "topics": """
        SELECT a.researcher, list(DISTINCT t.topic) FROM authored a
        JOIN about t ON t.paper = a.paper
        WHERE a.researcher IN (SELECT a FROM round) GROUP BY a.researcher""",
    "fields": """
        SELECT researcher, list(DISTINCT field) FROM (
          SELECT a.researcher, unnest(CASE
              WHEN json_extract(n.props, '$.level') IS NULL
                OR json_type(json_extract(n.props, '$.level')) = 'NULL'
              THEN [json_extract_string(n.props, '$.subfield'),
                    json_extract_string(n.props, '$.field')]
              WHEN CAST(json_extract(n.props, '$.level') AS BIGINT) <= 1
              THEN [json_extract_string(n.props, '$.name')]
              ELSE [] END) AS field
          FROM authored a JOIN about t ON t.paper = a.paper
          JOIN node_final n ON n.kind = 'topic' AND n.id = t.topic
          WHERE a.researcher IN (SELECT a FROM round))
        WHERE field IS NOT NULL GROUP BY researcher""",
    "years": """
        SELECT a.researcher, [min(y.year), max(y.year)] FROM authored a
        JOIN (SELECT id, CAST(json_extract(props, '$.year') AS BIGINT) AS year FROM paper_w) y
          ON y.id = a.paper
        WHERE a.researcher IN (SELECT a FROM round) GROUP BY a.researcher""",
    "names": """
        SELECT id, [name, orcid], variants FROM res WHERE id IN (SELECT a FROM round)""",
}


#: the features read once for every record of a wanted pair (each query scans its tables once,
#: not once a round); the collaboration network, which joins coauthor with itself, a round at a time
_ONCE = [name for name in _FEATURES if name != "network"]


def _features_once(con: duckdb.DuckDBPyConnection) -> None:
    """Reads the features of `_ONCE` for every record of a wanted pair into `feature_<name>`
    tables keyed by `k` (a round then looks its records up there)."""
    con.execute("CREATE OR REPLACE TABLE scored AS SELECT a FROM wanted UNION SELECT b FROM wanted")
    for name in _ONCE:
        query = _FEATURES[name].replace("(SELECT a FROM round)", "(SELECT a FROM scored)")
        columns = "k, v, w" if name == "names" else "k, v"
        con.execute(
            f"CREATE OR REPLACE TABLE feature_{name} AS SELECT * FROM ({query}) q({columns})"
        )


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
    for name, query in _FEATURES.items():
        if name in _ONCE:
            query = f"SELECT * FROM feature_{name} WHERE k IN (SELECT a FROM round)"
        for row in con.execute(query).fetchall():
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
    for a, b in con.execute("SELECT a, b FROM wanted ORDER BY a, b").fetchall():
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


def _list_of(column: str, element: str) -> str:
    """A delimited CSV column as a typed list; an empty field stays absent, as in the CSV."""
    return (
        f"CASE WHEN coalesce({column}, '') <> '' THEN list_transform(string_split({column}, "
        f"'{ARRAY_DELIMITER}'), lambda x: CAST(x AS {element})) END"
    )


def as_import_file(con: duckdb.DuckDBPyConnection, path: Path) -> Path:
    """The relationship file `duplicate_candidates` wrote, as a Parquet file next to it (typed
    lists); every value read back exactly (a double's repr is its shortest exact text)."""
    names = ["a", "b", "score", "reasons", "counts", "weights"]
    types = ", ".join(f"'{name}': 'VARCHAR'" for name in names)
    query = f"""
        SELECT a AS "{HEADER[0]}", b AS "{HEADER[1]}", CAST(score AS DOUBLE) AS "{HEADER[2]}",
               {_list_of("reasons", "VARCHAR")} AS "{HEADER[3]}",
               {_list_of("counts", "BIGINT")} AS "{HEADER[4]}",
               {_list_of("weights", "DOUBLE")} AS "{HEADER[5]}"
        FROM read_csv('{path}', header = true, columns = {{{types}}}, quote = '"',
                      escape = '"', delim = ',')"""
    return copy_parquet(con, query, path.with_suffix(".parquet"))


def pair_batches(path: Path, size: int) -> Iterator[list[dict[str, Any]]]:
    """The pairs of the file `as_import_file` wrote, `size` at a time, as
    cypher/bulk/duplicate_pairs takes them."""
    con = duckdb.connect()
    try:
        rows = con.execute(f"SELECT * FROM read_parquet('{path}')")
        while chunk := rows.fetchmany(size):
            yield [dict(zip(("a", "b", "score", "reasons", "counts", "weights"), row, strict=True))
                   for row in chunk]  # fmt: skip
    finally:
        con.close()
