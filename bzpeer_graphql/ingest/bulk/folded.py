"""The absorbed records of a bulk build: each researcher id merged_ids folded while reading."""

from __future__ import annotations

from pathlib import Path

import duckdb

from bzpeer_graphql.identity.merge import IMPORTER
from bzpeer_graphql.ingest.bulk.columns import ARRAY_DELIMITER, count_of
from bzpeer_graphql.ingest.bulk.numbered import import_file
from bzpeer_graphql.ingest.bulk.sql import run


def folded_files(
    con: duckdb.DuckDBPyConnection, out: Path, relationships: list[Path], counts: dict[str, int]
) -> Path:
    """Writes the absorbed records of the researcher ids merged_ids folded while reading, each
    MERGED_INTO its survivor, as cypher/ingest/record_folds leaves them: the first fold read of
    an id the graph holds no researcher under, into a researcher it holds. Returns the node
    file; the relationship file joins `relationships`."""
    run(con, "folded")
    path = out / "merged_into.parquet"
    relationships.append(import_file(con, "merged_into_file", path, {"by": IMPORTER.id}))
    counts["Merged"] = count_of(con, "count", table="folded")
    parameters = {"delimiter": ARRAY_DELIMITER}
    return import_file(con, "merged_file", out / "merged.parquet", parameters)
