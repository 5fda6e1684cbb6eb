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
    con.execute("""
        CREATE TEMP TABLE spelt AS
        SELECT DISTINCT id, s FROM (
          SELECT id, name AS s FROM res UNION ALL SELECT id, unnest(variants) FROM res)
        WHERE coalesce(s, '') <> ''""")
    path = folder / "variant_readings.jsonl"
    with path.open("wb") as out:
        rows = con.execute("""
            SELECT DISTINCT s FROM spelt
            WHERE s NOT IN (SELECT s FROM name_readings)""")
        while chunk := rows.fetchmany(10_000):
            for (name,) in chunk:
                for row in reading_rows(name):
                    out.write(orjson.dumps(row) + b"\n")
    con.execute(f"""
        CREATE TEMP TABLE rd AS
        SELECT *, left(g, 1) AS g0 FROM name_readings
        UNION ALL
        SELECT *, left(g, 1) FROM read_json('{path}', format = 'newline_delimited',
                                            columns = {READING_COLUMNS})""")
    path.unlink()
    with path.open("wb") as out:
        rows = con.execute("SELECT id, orcid FROM res WHERE orcid <> ''")
        while chunk := rows.fetchmany(10_000):
            for key, orcid in chunk:
                if (bare := normalize_orcid(orcid)) is not None:
                    out.write(orjson.dumps({"id": key, "o": bare}) + b"\n")
    con.execute(
        f"CREATE TEMP TABLE orcids AS SELECT * FROM read_json('{path}', "
        "format = 'newline_delimited', columns = {id: 'VARCHAR', o: 'VARCHAR'})"
    )
    path.unlink()


def _ends(con: duckdb.DuckDBPyConnection) -> None:
    """Each record's places in the blocks: the block (`via`), the family name's length (near
    keys), the kind of key ('n' the name key, 'a' the other, 'near'), whether the block is
    held (within the crowd bound, near keys) and whether the record is small (its crowd)."""
    con.execute(f"""
        CREATE TEMP TABLE ends AS
        WITH k AS (SELECT r.id, unnest([r.head, r.tail]) AS key FROM res r
                   WHERE r.head IS NOT NULL),
             held AS (SELECT key FROM k GROUP BY 1 HAVING count(*) <= {CROWD})
        SELECT k.id, regexp_replace(k.key, '[0-9]+', '') AS via,
               CAST(regexp_extract(k.key, '[0-9]+') AS INTEGER) AS len, 'near' AS kind,
               k.key IN (SELECT key FROM held) AS held, c.crowd <= {CROWD} AS small
        FROM k JOIN crowd c USING (id)
        UNION ALL
        SELECT r.id, r.nk, 0, 'n', true, c.crowd <= {CROWD} FROM res r JOIN crowd c USING (id)
        WHERE r.nk <> ''
        UNION ALL
        SELECT r.id, r.alt, 0, 'a', true, c.crowd <= {CROWD} FROM res r JOIN crowd c USING (id)
        WHERE r.alt <> ''""")


def prefiltered_mates(con: duckdb.DuckDBPyConnection, folder: Path) -> str:
    """Creates `met` (r, c, via): the rows of `mates` from name blocks whose records may be one
    person; returns the query that reads them as mates rows."""
    total = count_of(con, "SELECT count(*) FROM res")
    progress = ProgressReporter(stage="prefilter", unit="records")
    progress(0, total)
    _readings(con, folder)
    _ends(con)
    # what a record meets others by: '=' a family part or the joined family name, '~' the
    # joined family name (a long one) with one letter or none left out, '@' the ORCID
    con.execute(f"""
        CREATE TEMP TABLE side AS
        WITH t AS (
          SELECT s, k, '=' || part AS token
          FROM (SELECT s, k, unnest(list_distinct(list_append(p, j))) AS part FROM rd)
          UNION
          SELECT s, k, '~' || CASE WHEN i = 0 THEN j
                                   ELSE substr(j, 1, i - 1) || substr(j, i + 1) END
          FROM (SELECT s, k, j, unnest(range(0, length(j) + 1)) AS i FROM rd
                WHERE length(j) >= {LONG_FAMILY})),
        tokens AS (
          SELECT sp.id, t.s, t.k, t.token, rd.g, rd.g0, rd.gj
          FROM spelt sp JOIN t USING (s) JOIN rd ON rd.s = t.s AND rd.k = t.k
          UNION ALL SELECT id, NULL, NULL, '@' || o, NULL, NULL, '' FROM orcids)
        SELECT e.*, t.s, t.k, t.token, t.g, t.g0, t.gj FROM ends e JOIN tokens t USING (id)""")
    met = "\nUNION\n".join(
        f"""SELECT r.id AS r, c.id AS c, r.via, r.s AS rs, r.k AS rk, c.s AS cs, c.k AS ck
            FROM side r JOIN side c ON c.via = r.via AND c.token = r.token AND {given}
            WHERE r.small AND c.held AND abs(r.len - c.len) <= 1 AND c.id <> r.id
              AND NOT (r.kind = 'a' AND c.kind = 'a')"""
        for given in _GIVEN
    )
    con.execute(f"""
        CREATE TEMP TABLE met AS
        SELECT DISTINCT m.r, m.c, m.via FROM ({met}) m
          LEFT JOIN rd a ON a.s = m.rs AND a.k = m.rk
          LEFT JOIN rd b ON b.s = m.cs AND b.k = m.ck
          LEFT JOIN orcids oa ON oa.id = m.r LEFT JOIN orcids ob ON ob.id = m.c
        WHERE m.rs IS NULL
           OR ((oa.o IS NULL OR ob.o IS NULL)
               AND (a.j = b.j OR list_has_all(a.p, b.p) OR list_has_all(b.p, a.p)
                    OR (least(length(a.j), length(b.j)) >= {LONG_FAMILY}
                        AND levenshtein(a.j, b.j) <= 1))
               AND (a.g IS NULL OR b.g IS NULL OR a.gj = b.gj OR a.g = b.g
                    OR (length(a.g) = 1 AND starts_with(b.g, a.g))
                    OR (length(b.g) = 1 AND starts_with(a.g, b.g))))""")
    for table in ("ends", "side", "spelt", "rd", "orcids"):
        con.execute(f"DROP TABLE {table}")
    progress(total, total)
    return "SELECT r, c, false AS linked, via FROM met"
