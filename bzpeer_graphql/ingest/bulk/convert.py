"""The DuckDB pass of a bulk build: newest versions, what works say of their authors, links,
the derived COAUTHOR, RELATED and WORKS_ON, then the node and relationship files of the import."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from bzpeer_graphql.identity.likeness import SCORING_VERSION
from bzpeer_graphql.ingest.bulk.beside import Beside
from bzpeer_graphql.ingest.bulk.columns import (
    ARRAY_DELIMITER,
    AUTHORED,
    DATES,
    columns,
    copy_parquet,
    count_of,
)
from bzpeer_graphql.ingest.bulk.folded import folded_files
from bzpeer_graphql.ingest.bulk.numbered import numbered
from bzpeer_graphql.ingest.bulk.refused import drop_dangling, find_clashes
from bzpeer_graphql.ingest.bulk.sql import run
from bzpeer_graphql.ingest.bulk.timing import Steps
from bzpeer_graphql.ingest.unique_ids import Clash

_STAGING = {
    "nodes": "{seq: 'BIGINT', line: 'BIGINT', file: 'VARCHAR', kind: 'VARCHAR', id: 'VARCHAR', "
    "partial: 'BOOLEAN', "
    "date: 'VARCHAR', owner_kind: 'VARCHAR', owner_id: 'VARCHAR', props: 'JSON', "
    "affiliations: 'JSON', moved: 'BOOLEAN'}",
    "papers": "{seq: 'BIGINT', line: 'BIGINT', file: 'VARCHAR', id: 'VARCHAR', date: 'VARCHAR', "
    "props: 'JSON', "
    "authorships: 'JSON', topics: 'STRUCT(id VARCHAR, score DOUBLE)[]', refs: 'VARCHAR[]'}",
    "affiliations": "{seq: 'BIGINT', researcher: 'VARCHAR', institution: 'VARCHAR', "
    "current: 'BOOLEAN', since: 'BIGINT', until: 'BIGINT'}",
    "refs": "{seq: 'BIGINT', kind: 'VARCHAR', id: 'VARCHAR', line: 'BIGINT'}",
    "parts": "{path: 'VARCHAR', size: 'BIGINT', sha256: 'VARCHAR'}",
    "folds": "{seq: 'BIGINT', old: 'VARCHAR', new: 'VARCHAR', name: 'VARCHAR'}",
}
LABELS = {"institution": "Institution", "topic": "Topic", "researcher": "Researcher"}


@dataclass
class Converted:
    """The import files, and what the conversion found wrong (references to nothing)."""

    nodes: list[Path] = field(default_factory=list)
    relationships: list[Path] = field(default_factory=list)
    #: (kind, id, first line) of each reference to a record the input lacks (bzpeer format)
    dangling: list[tuple[str, str, int]] = field(default_factory=list)
    #: records giving a node the id of another kind (the first record of an id keeps it)
    clashes: list[Clash] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    #: the DUPLICATE_CANDIDATE pairs (Parquet), stored after the import
    pairs: Path | None = None


#: the versions of the full records, and the papers' as versions of a node
_FULL = "(SELECT * FROM ok_nodes WHERE NOT partial)"
_PAPERS = "(SELECT 'paper' AS kind, false AS moved, * FROM ok_papers)"


def _typed(name: str, db_type: str, source: str) -> str:
    """A property of a JSON object as the import file column."""
    value = f"json_extract({source}, '$.\"{name}\"')"
    if db_type == "VARCHAR":
        return f"json_extract_string({source}, '$.\"{name}\"')"
    return f"CAST({value} AS {db_type})"


def _blank(
    cols: list[tuple[str, str, str]], source: str, dates: dict[str, str] | None = None
) -> str:
    """The names of the string properties that are empty strings (those of the JSON object
    `source`, and the version dates, property -> column): the import's Parquet reader stores
    none, so a Cypher pass sets them after (cypher/bulk/blank_strings)."""
    checks = [
        f"CASE WHEN json_extract_string({source}, '$.\"{name}\"') = '' THEN '{name}' END"
        for name, _, db_type in cols
        if db_type == "VARCHAR" and name not in DATES
    ] + [f"CASE WHEN {column} = '' THEN '{name}' END" for name, column in (dates or {}).items()]
    if not checks:
        return "CAST([] AS VARCHAR[])"
    return f"list_filter([{', '.join(checks)}], lambda x: x IS NOT NULL)"


@contextmanager
def converting(
    staging: Path,
    out: Path,
    steps: Steps | None = None,
    memory: str = "2GB",
    threads: int = 2,
    check: Callable[[Converted], None] | None = None,
) -> Iterator[Converted]:
    """Reads the staging tables of `stage` and writes the import files into `out`; yields them
    while the duplicate candidate pairs are still being scored beside (ingest/bulk/beside.py),
    and on leaving waits for those: `Converted.pairs`. `check` sees the clashes and references
    to nothing before the long part begins (what it raises ends the conversion)."""
    steps = steps or Steps(log=lambda _: None)
    con = duckdb.connect(str(staging / "work.duckdb"))
    run(con, "settings", memory=memory, threads=threads, spill=staging / "spill")
    done = Converted()
    beside = None
    try:
        with steps.step("convert"):
            with steps.step("convert: read staging"):
                for table, cols in _STAGING.items():
                    files = {"files": f"{staging / table}*.jsonl"}
                    run(con, "read_staging", files, table=table, columns=cols)
            with steps.step("convert: checks"):
                find_clashes(con, done)
                drop_dangling(con, done)
            if check:
                check(done)
            with steps.step("convert: versions"):
                _choose_versions(con)
            with steps.step("convert: links"):
                _links(con)
            with steps.step("convert: derived"):
                _derived(con)
            # from here on, the step's CPU is the process's: the thread beside included
            beside = Beside(con, staging, out, steps)
            with steps.step("convert: relationship files"):
                _relationship_files(con, out, done)
            with steps.step("convert: paper files"):
                _paper_files(con, out, done)
            with steps.step("convert: waiting for name keys"):
                beside.names_keyed()
            with steps.step("convert: node files"):
                _node_files(con, out, done)
            with steps.step("convert: merged ids"):
                done.nodes.append(folded_files(con, out, done.relationships, done.counts))
            with steps.step("convert: integer ids"):
                done.nodes, done.relationships = numbered(
                    con, done.nodes, done.relationships, out / "numbered"
                )
        yield done
        with steps.step("wait for pairs"):
            done.pairs, done.counts["DUPLICATE_CANDIDATE"] = beside.pairs()
    finally:
        if beside is not None:
            beside.stop()
        con.close()


def convert(
    staging: Path, out: Path, steps: Steps | None = None, memory: str = "2GB", threads: int = 2
) -> Converted:
    """The import files of `converting`, the pairs scored."""
    with converting(staging, out, steps, memory, threads) as done:
        pass
    return done


def _choose_versions(con: duckdb.DuckDBPyConnection) -> None:
    """The nodes as the writer leaves them: each record's newest version. What works say of
    their authors, institutions and topics counts from every version the writer wrote (a
    newer one replaces it later): the newest such mention sets `seenDate` and, on a node no
    full record wrote, the properties; a node only a replaced version named is dropped as the
    writer drops it (cypher/ingest/drop_orphans)."""
    run(con, "winners", table="full_w", source=_FULL)
    run(con, "winners", table="paper_w", source=_PAPERS)
    run(con, "written")
    run(con, "seen_partials")
    run(con, "winners", table="partial_w", source="seen_partials")
    for name in ("live", "node_final", "replaced_nodes"):
        run(con, name)


def _links(con: duckdb.DuckDBPyConnection) -> None:
    """AUTHORED, ABOUT, CITES and AFFILIATED_WITH of the versions kept."""
    names = ("authored", "about", "cites", "affiliated", "linked_nodes", "works_affiliations")
    for name in names:
        run(con, name)


def _derived(con: duckdb.DuckDBPyConnection) -> None:
    """COAUTHOR {shared} and RELATED {shared} both ways, WORKS_ON {score}, as the writer keeps
    them (cypher/ingest/coauthor_changes, related_changes, works_on)."""
    for name in ("coauthor", "related", "works_on"):
        run(con, name)


def _props(cols: list[tuple[str, str, str]]) -> str:
    """The typed property columns of the import file, the version dates aside."""
    return ", ".join(f'{_typed(n, t, "props")} AS "{n}:{a}"' for n, a, t in cols if n not in DATES)


def _node_files(con: duckdb.DuckDBPyConnection, out: Path, done: Converted) -> None:
    """The researchers (with their name keys), institutions and topics."""
    for kind, label in LABELS.items():
        cols = columns(kind)
        props = _props(cols)
        parameters: dict[str, object] = {"kind": kind, "delimiter": ARRAY_DELIMITER}
        if kind == "researcher":  # scored in this build (bulk/pairs.py)
            props += ', CAST($scored AS BIGINT) AS "duplicatesScored:long"'
            parameters["scored"] = SCORING_VERSION
        blank = _blank(cols, "props", {d: d for d in DATES})
        path = out / f"{kind}.parquet"
        done.nodes.append(
            copy_parquet(con, "node_file", path, parameters, label=label, props=props, blank=blank)
        )
        done.counts[label] = count_of(con, "count_kind", {"kind": kind})


def _paper_files(con: duckdb.DuckDBPyConnection, out: Path, done: Converted) -> None:
    """The papers, the stubs of works cited but not read, the parts read (no name keys)."""
    cols = columns("paper")
    pieces = {
        "props": _props(cols),
        "blank": _blank(cols, "props", {"updatedDate": "date"}),
        "blank_authorship": _blank(AUTHORED, "props"),
    }
    parameters = {"delimiter": ARRAY_DELIMITER}
    done.nodes.append(copy_parquet(con, "paper_file", out / "paper.parquet", parameters, **pieces))
    done.counts["Paper"] = count_of(con, "count", table="paper_w")
    done.nodes.append(copy_parquet(con, "stub_file", out / "stub.parquet"))
    done.nodes.append(copy_parquet(con, "parts_file", out / "parts.parquet"))


#: the relationship types, each with the table that holds it
_TABLES = {
    "AUTHORED": "authored",
    "ABOUT": "about",
    "CITES": "cites",
    "AFFILIATED_WITH": "affiliated",
    "COAUTHOR": "coauthor",
    "RELATED": "related",
    "WORKS_ON": "works_on",
}


def _relationship_files(con: duckdb.DuckDBPyConnection, out: Path, done: Converted) -> None:
    """The relationship files, one a type (`<type>_file` in sql/bulk)."""
    authored = {"props": _props(AUTHORED), "blank": _blank(AUTHORED, "props")}
    for rel, table in _TABLES.items():
        pieces = authored if rel == "AUTHORED" else {}
        path = out / f"{rel.lower()}.parquet"
        done.relationships.append(copy_parquet(con, f"{rel.lower()}_file", path, **pieces))
        done.counts[rel] = count_of(con, "count", table=table)
