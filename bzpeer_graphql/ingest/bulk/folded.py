"""The absorbed records of a bulk build: each researcher id merged_ids folded while reading."""

from __future__ import annotations

from pathlib import Path

import duckdb

from bzpeer_graphql.identity.merge import IMPORTER
from bzpeer_graphql.ingest.bulk.columns import ARRAY_DELIMITER, copy_parquet, count_of


def folded_files(
    con: duckdb.DuckDBPyConnection, out: Path, relationships: list[Path], counts: dict[str, int]
) -> Path:
    """Writes the absorbed records of the researcher ids merged_ids folded while reading, each
    MERGED_INTO its survivor, as cypher/ingest/record_folds leaves them: the first fold read of
    an id the graph holds no researcher under, into a researcher it holds. Returns the node
    file; the relationship file joins `relationships`."""
    con.execute("""
        CREATE TABLE folded AS
        SELECT * FROM (SELECT old, first(new ORDER BY seq) AS new, first(name ORDER BY seq) AS name
                       FROM raw_folds GROUP BY old) f
        WHERE EXISTS (SELECT 1 FROM node_final n WHERE n.kind = 'researcher' AND n.id = f.new)
          AND NOT EXISTS (SELECT 1 FROM node_final n
                          WHERE n.kind = 'researcher' AND n.id = f.old)""")
    query = f"""
        SELECT old AS ":START_ID(Merged)", new AS ":END_ID(Researcher)", '{IMPORTER.id}' AS by
        FROM folded"""
    relationships.append(copy_parquet(con, query, out / "merged_into.parquet"))
    counts["Merged"] = count_of(con, "SELECT count(*) FROM folded")
    query = f"""
        SELECT old AS "id:ID(Merged)", new AS mergedInto, true AS "folded:boolean", name,
               CASE WHEN name = '' THEN ['name'] END AS "bulkBlank:string[]",
               CASE WHEN name = '' THEN 'Merged{ARRAY_DELIMITER}BlankStrings' ELSE 'Merged' END
                 AS ":LABEL" FROM folded"""
    return copy_parquet(con, query, out / "merged.parquet")
