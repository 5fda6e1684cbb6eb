"""The DuckDB pass of a bulk build: newest versions, what works say of their authors, links,
the derived COAUTHOR, RELATED and WORKS_ON, then the node and relationship files of the import."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from bzpeer_graphql.db.shared_papers import RANKED
from bzpeer_graphql.identity.likeness import SCORING_VERSION
from bzpeer_graphql.ingest.bulk.beside import Beside
from bzpeer_graphql.ingest.bulk.columns import (
    ARRAY_DELIMITER,
    AUTHORED,
    DATES,
    columns,
    count_of,
)
from bzpeer_graphql.ingest.bulk.folded import folded_files
from bzpeer_graphql.ingest.bulk.numbered import import_file
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


def _kept(cols: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The properties the JSON object `props` holds: `cols` but the version dates."""
    return [col for col in cols if col[0] not in DATES]


def _parsed(cols: list[tuple[str, str, str]]) -> str:
    """The properties of `props` (`_kept`) as two lists, of JSON values (`pj`) and of texts
    (`ps`): each a single parse of the object, where a path at a time parsed it once per
    property."""
    paths = ", ".join(f"'$.\"{name}\"'" for name, _, _ in _kept(cols))
    return f"json_extract(props, [{paths}]) AS pj, json_extract_string(props, [{paths}]) AS ps"


def _typed(db_type: str, index: int) -> str:
    """The property at `index` of `_parsed` as the import file column."""
    if db_type == "VARCHAR":
        return f"ps[{index}]"
    return f"CAST(pj[{index}] AS {db_type})"


def _blank(cols: list[tuple[str, str, str]], dates: dict[str, str] | None = None) -> str:
    """The names of the string properties that are empty strings (those of `_parsed`, and the
    version dates, property -> column): the import's Parquet reader stores none, so a Cypher
    pass sets them after (cypher/bulk/blank_strings)."""
    checks = [
        f"CASE WHEN ps[{index}] = '' THEN '{name}' END"
        for index, (name, _, db_type) in enumerate(_kept(cols), start=1)
        if db_type == "VARCHAR"
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
                    # read once: the disk is the build's limit (4M works staged 16 GB of them)
                    for path in staging.glob(f"{table}*.jsonl"):
                        path.unlink()
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
    them (cypher/ingest/coauthor_changes, related_changes, works_on), and the topics' ranked
    neighbours as cypher/ingest/rank_topics ranks them."""
    for name in ("coauthor", "related", "works_on"):
        run(con, name)
    run(con, "ranked", {"keep": RANKED})


def _props(cols: list[tuple[str, str, str]]) -> str:
    """The typed property columns of the import file (of `_parsed`), the version dates aside."""
    typed = enumerate(_kept(cols), start=1)
    return ", ".join(f'{_typed(t, k)} AS "{n}:{a}"' for k, (n, a, t) in typed)


def _node_files(con: duckdb.DuckDBPyConnection, out: Path, done: Converted) -> None:
    """The researchers (with their name keys), institutions and topics."""
    for kind, label in LABELS.items():
        cols = columns(kind)
        props = _props(cols)
        parameters: dict[str, object] = {"kind": kind, "delimiter": ARRAY_DELIMITER}
        if kind == "researcher":  # scored in this build (bulk/pairs.py)
            props += ', CAST($scored AS BIGINT) AS "duplicatesScored:long"'
            parameters["scored"] = SCORING_VERSION
        if kind == "topic":  # ranked in this build (sql/bulk/ranked.sql); none: no property
            props += "".join(
                f', (SELECT r.{name} FROM ranked r WHERE r.topic = id) AS "{prop}:string[]"'
                for name, prop in (("papers", "bestPapers"), ("researchers", "bestResearchers"))
            )
        blank = _blank(cols, {d: d for d in DATES})
        pieces = {"label": label, "parsed": _parsed(cols), "props": props, "blank": blank}
        path = out / f"{kind}.parquet"
        done.nodes.append(import_file(con, "node_file", path, parameters, **pieces))
        done.counts[label] = count_of(con, "count_kind", {"kind": kind})


def _paper_files(con: duckdb.DuckDBPyConnection, out: Path, done: Converted) -> None:
    """The papers, the stubs of works cited but not read, the parts read (no name keys)."""
    cols = columns("paper")
    pieces = {
        "props": _props(cols),
        "parsed": _parsed(cols),
        "blank": _blank(cols, {"updatedDate": "date"}),
        "parsed_authorship": _parsed(AUTHORED),
        "blank_authorship": _blank(AUTHORED),
    }
    parameters = {"delimiter": ARRAY_DELIMITER}
    done.nodes.append(import_file(con, "paper_file", out / "paper.parquet", parameters, **pieces))
    done.counts["Paper"] = count_of(con, "count", table="paper_w")
    done.nodes.append(import_file(con, "stub_file", out / "stub.parquet"))
    done.nodes.append(import_file(con, "parts_file", out / "parts.parquet"))


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
    authored = {"props": _props(AUTHORED), "blank": _blank(AUTHORED), "parsed": _parsed(AUTHORED)}
    for rel, table in _TABLES.items():
        pieces = authored if rel == "AUTHORED" else {}
        path = out / f"{rel.lower()}.parquet"
        done.relationships.append(import_file(con, f"{rel.lower()}_file", path, **pieces))
        done.counts[rel] = count_of(con, "count", table=table)
