"""The near-key pairs of the duplicate candidate pass (a long family name one edit away, found
by the head and tail keys of `cypher/duplicates/blocks.cypher`), only those that `comparable`
may keep: two records meet when their keys are near AND some reading of one name and some
reading of the other share a family name part, the joined family name, or a spelling one
deletion apart (every name pair that `family_fit` accepts does), or their ORCIDs are one. The
pairs met are then checked as `name_fit` begins (the family names fit, the first given names
agree) before the exact test in Python; a pair dropped here is one `comparable` rejects."""

from __future__ import annotations

from pathlib import Path

import duckdb
import orjson

from bzpeer_graphql.identity.likeness import CROWD
from bzpeer_graphql.identity.names import LONG_FAMILY, readings
from bzpeer_graphql.ingest.bulk.columns import count_of
from bzpeer_graphql.ingest.progress import ProgressReporter
from bzpeer_graphql.policy.auth import normalize_orcid


def _readings(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """`spelt` (record, spelling) of every record with near keys, its normalized ORCID in
    `orcids`, and `rd`, the readings of each spelling as `reading_fit` compares them: the joined
    family name, its parts, the first given name and the given names joined."""
    con.execute("""
        CREATE TEMP TABLE spelt AS
        SELECT DISTINCT id, s FROM (
          SELECT id, name AS s FROM res WHERE head IS NOT NULL
          UNION ALL SELECT id, unnest(variants) FROM res WHERE head IS NOT NULL)
        WHERE coalesce(s, '') <> ''""")
    path = folder / "near_readings.jsonl"
    progress = ProgressReporter(stage="near readings", unit="rows")
    with path.open("wb") as out:
        rows = con.execute("SELECT id, orcid FROM res WHERE head IS NOT NULL AND orcid <> ''")
        while chunk := rows.fetchmany(50_000):
            for key, orcid in chunk:
                if (bare := normalize_orcid(orcid)) is not None:
                    out.write(orjson.dumps({"id": key, "o": bare}) + b"\n")
        con.execute("CREATE TEMP TABLE spellings AS SELECT DISTINCT s FROM spelt")
        total = count_of(con, "SELECT count(*) FROM spellings")
        names = con.execute("SELECT s FROM spellings")
        done = 0
        progress(0, total)
        while chunk := names.fetchmany(50_000):
            for (name,) in chunk:
                for k, r in enumerate(readings(name)):
                    given = r.given[0] if r.given else None
                    line = {"s": name, "k": k, "j": "".join(r.family), "p": list(r.family),
                            "g": given, "gj": "".join(r.given)}  # fmt: skip
                    out.write(orjson.dumps(line) + b"\n")
            done += len(chunk)
            progress(done, total)
    progress(total, total)
    con.execute(
        f"CREATE TEMP TABLE near_in AS SELECT * FROM read_json('{path}', "
        "format = 'newline_delimited', columns = {id: 'VARCHAR', o: 'VARCHAR', s: 'VARCHAR', "
        "k: 'INTEGER', j: 'VARCHAR', p: 'VARCHAR[]', g: 'VARCHAR', gj: 'VARCHAR'})"
    )
    path.unlink()
    con.execute("CREATE TEMP TABLE orcids AS SELECT id, o FROM near_in WHERE id IS NOT NULL")
    con.execute("CREATE TEMP TABLE rd AS SELECT s, k, j, p, g, gj FROM near_in WHERE s IS NOT NULL")
    con.execute("DROP TABLE near_in")


def near_mates(con: duckdb.DuckDBPyConnection, folder: Path) -> str:
    """Creates `near` (r, c, via): the near-key rows of `mates` whose records may be one
    person; returns the query that reads them as mates rows."""
    _readings(con, folder)
    # each record's ends: the key's letters and initial (via), the family name's length, and
    # whether the key is held (its block within the crowd bound) and the record small
    con.execute(f"""
        CREATE TEMP TABLE ends AS
        WITH k AS (SELECT r.id, unnest([r.head, r.tail]) AS key FROM res r
                   WHERE r.head IS NOT NULL),
             held AS (SELECT key FROM k GROUP BY 1 HAVING count(*) <= {CROWD})
        SELECT k.id, regexp_replace(k.key, '[0-9]+', '') AS via,
               CAST(regexp_extract(k.key, '[0-9]+') AS INTEGER) AS len,
               k.key IN (SELECT key FROM held) AS held, c.crowd <= {CROWD} AS small
        FROM k JOIN crowd c USING (id)""")
    # what a record meets others by: '=' a family part or the joined family name, '~' the
    # joined family name (a long one) with one letter or none left out, '@' the ORCID
    con.execute(f"""
        CREATE TEMP TABLE tokens AS
        WITH t AS (
          SELECT s, k, '=' || part AS token
          FROM (SELECT s, k, unnest(list_distinct(list_append(p, j))) AS part FROM rd)
          UNION
          SELECT s, k, '~' || CASE WHEN i = 0 THEN j
                                   ELSE substr(j, 1, i - 1) || substr(j, i + 1) END
          FROM (SELECT s, k, j, unnest(range(0, length(j) + 1)) AS i FROM rd
                WHERE length(j) >= {LONG_FAMILY}))
        SELECT sp.id, t.s, t.k, t.token FROM spelt sp JOIN t USING (s)
        UNION ALL SELECT id, NULL, NULL, '@' || o FROM orcids""")
    con.execute("""
        CREATE TEMP TABLE side AS
        SELECT e.id, e.via, e.len, e.held, e.small, t.s, t.k, t.token
        FROM ends e JOIN tokens t USING (id)""")
    con.execute(f"""
        CREATE TEMP TABLE near AS
        WITH met AS (
          SELECT DISTINCT r.id AS r, c.id AS c, r.via, r.s AS rs, r.k AS rk, c.s AS cs,
                 c.k AS ck
          FROM side r JOIN side c ON c.via = r.via AND c.token = r.token
          WHERE r.small AND c.held AND abs(r.len - c.len) <= 1 AND c.id <> r.id)
        SELECT DISTINCT m.r, m.c, m.via FROM met m
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
    for table in ("ends", "tokens", "side", "spelt", "spellings", "rd", "orcids"):
        con.execute(f"DROP TABLE {table}")
    return "SELECT r, c, false AS linked, via FROM near"
