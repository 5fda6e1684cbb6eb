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
from bzpeer_graphql.ingest.bulk.refused import drop_dangling, find_clashes
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


def _winners(source: str) -> str:
    """One row per (kind, id) of `source`: the version the writer keeps. A version without a
    date replaces whatever came before it; among the versions after the last such one, the
    newest date wins, the later read at a tie (see ingest/versions.py `newer`). A version moved
    here from a merged id replaces the record's own only when newer (ingest/routes.py)."""
    return f"""
        SELECT * EXCLUDE (rank, last_undated) FROM (
          SELECT s.*, row_number() OVER (PARTITION BY s.kind, s.id
                   ORDER BY s.date IS NULL, s.date DESC, s.moved, s.seq DESC) AS rank
          FROM (SELECT *, arg_max(CASE WHEN date IS NULL THEN seq END,
                                  CASE WHEN date IS NULL THEN [NOT moved, seq] END)
                            OVER (PARTITION BY kind, id) AS last_undated FROM {source}) s
          WHERE s.seq >= coalesce(s.last_undated, 0)
        ) WHERE rank = 1"""


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


#: the column that names a record's empty strings (absent when it has none)
_BLANK_COLUMN = 'CASE WHEN len(b) > 0 THEN b END AS "bulkBlank:string[]"'


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
    con.execute(f"SET memory_limit = '{memory}'")
    con.execute(f"SET threads = {threads}")
    con.execute(f"SET temp_directory = '{staging / 'spill'}'")
    con.execute("SET preserve_insertion_order = false")
    done = Converted()
    beside = None
    try:
        with steps.step("convert"):
            with steps.step("convert: read staging"):
                for table, cols in _STAGING.items():
                    con.execute(
                        f"CREATE TABLE raw_{table} AS SELECT * FROM read_json("
                        f"'{staging / table}*.jsonl', format = 'newline_delimited', "
                        f"columns = {cols})"
                    )
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


def _written(source: str) -> str:
    """The versions of `source` the writer writes when reading in input order: each that is
    as new as every version read before it (the later replace the earlier)."""
    return f"""
        SELECT kind, id, seq FROM (
          SELECT kind, id, seq, date, max(date) OVER (PARTITION BY kind, id ORDER BY seq
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
          FROM {source})
        WHERE date IS NULL OR before IS NULL OR date >= before"""


def _choose_versions(con: duckdb.DuckDBPyConnection) -> None:
    """The nodes as the writer leaves them: each record's newest version. What works say of
    their authors, institutions and topics counts from every version the writer wrote (a
    newer one replaces it later): the newest such mention sets `seenDate` and, on a node no
    full record wrote, the properties; a node only a replaced version named is dropped as the
    writer drops it (cypher/ingest/drop_orphans)."""
    full = "(SELECT * FROM ok_nodes WHERE NOT partial)"
    papers = "(SELECT 'paper' AS kind, false AS moved, * FROM ok_papers)"
    con.execute(f"CREATE TABLE full_w AS {_winners(full)}")
    con.execute(f"CREATE TABLE paper_w AS {_winners(papers)}")
    con.execute(f"CREATE TABLE written AS {_written(full)} UNION ALL {_written(papers)}")
    con.execute("""
        CREATE VIEW seen_partials AS
        SELECT n.* FROM ok_nodes n
        WHERE n.partial AND (n.owner_kind IS NULL OR EXISTS (
          SELECT 1 FROM written w WHERE w.kind = n.owner_kind AND w.id = n.owner_id
            AND w.seq = n.seq))""")
    con.execute(f"CREATE TABLE partial_w AS {_winners('seen_partials')}")
    con.execute("""
        CREATE TABLE live AS
        SELECT kind, id FROM full_w
        UNION
        SELECT n.kind, n.id FROM ok_nodes n
        WHERE n.partial AND (n.owner_kind IS NULL
          OR EXISTS (SELECT 1 FROM full_w f WHERE f.kind = n.owner_kind AND f.id = n.owner_id
                     AND f.seq = n.seq)
          OR EXISTS (SELECT 1 FROM paper_w p WHERE n.owner_kind = 'paper' AND p.id = n.owner_id
                     AND p.seq = n.seq))""")
    con.execute("""
        CREATE TABLE node_final AS
        SELECT coalesce(f.kind, p.kind) AS kind, coalesce(f.id, p.id) AS id,
               CASE WHEN f.id IS NOT NULL THEN f.props ELSE p.props END AS props,
               f.date AS updatedDate, p.date AS seenDate, f.affiliations AS affiliations
        FROM full_w f FULL JOIN partial_w p ON f.kind = p.kind AND f.id = p.id
        WHERE EXISTS (SELECT 1 FROM live l WHERE l.kind = coalesce(f.kind, p.kind)
                      AND l.id = coalesce(f.id, p.id))""")
    # what only a replaced version named: kept undated, or a person whose ORCID another
    # record holds (the ORCID merge makes the retired id resolve to that person)
    con.execute("""
        INSERT INTO node_final
        SELECT p.kind, p.id, p.props, NULL, p.date, NULL FROM partial_w p
        WHERE NOT EXISTS (SELECT 1 FROM live l WHERE l.kind = p.kind AND l.id = p.id)
          AND (p.date IS NULL OR (p.kind = 'researcher'
            AND json_extract_string(p.props, '$.orcid') IS NOT NULL
            AND EXISTS (SELECT 1 FROM node_final o WHERE o.kind = 'researcher' AND o.id <> p.id
                        AND json_extract_string(o.props, '$.orcid')
                            = json_extract_string(p.props, '$.orcid'))))""")


def _links(con: duckdb.DuckDBPyConnection) -> None:
    """AUTHORED, ABOUT, CITES and AFFILIATED_WITH of the versions kept."""
    con.execute("""
        CREATE TABLE authored AS
        SELECT paper, a.id AS researcher, coalesce(CAST(json_extract(a.props, '$.position')
                 AS BIGINT), i) AS position, a.props AS props
        FROM (SELECT id AS paper,
                     unnest(from_json(authorships, '[{"id": "VARCHAR", "props": "JSON"}]')) AS a,
                     unnest(range(1, CAST(json_array_length(authorships) AS BIGINT) + 1)) AS i
              FROM paper_w)""")
    con.execute("""
        CREATE TABLE about AS
        SELECT id AS paper, t.id AS topic, t.score AS score
        FROM (SELECT id, unnest(topics) AS t FROM paper_w)""")
    con.execute("""
        CREATE TABLE cites AS SELECT id AS paper, unnest(refs) AS cited FROM paper_w""")
    con.execute("""
        CREATE TABLE affiliated AS
        SELECT researcher, institution, arg_max(current, seq) AS current, since, until,
               NULL::VARCHAR AS origin
        FROM ok_affiliations GROUP BY researcher, institution, since, until
        UNION ALL
        SELECT id, a.institution, a.current, a.since, a.until, 'author'
        FROM (SELECT id, unnest(from_json(affiliations, '[{"institution": "VARCHAR",
                "current": "BOOLEAN", "since": "BIGINT", "until": "BIGINT"}]')) AS a
              FROM node_final WHERE kind = 'researcher' AND affiliations IS NOT NULL)""")
    # every id a link names is a node (the writer merges them by id)
    con.execute("""
        INSERT INTO node_final
        SELECT kind, id, NULL, NULL, NULL, NULL FROM (
          SELECT DISTINCT 'researcher' AS kind, researcher AS id FROM authored
          UNION SELECT DISTINCT 'researcher', researcher FROM affiliated
          UNION SELECT DISTINCT 'institution', institution FROM affiliated
          UNION SELECT DISTINCT 'topic', topic FROM about
        ) n WHERE NOT EXISTS (SELECT 1 FROM node_final f WHERE f.kind = n.kind AND f.id = n.id)""")
    # affiliations read off works, for researchers without a record of their own
    con.execute("""
        INSERT INTO affiliated
        SELECT a.researcher, i.institution, false, min(y.year), max(y.year), 'works'
        FROM (SELECT researcher, paper, unnest(CAST(json_extract(props, '$.institutions')
                AS VARCHAR[])) AS institution FROM authored) i
        JOIN authored a ON a.researcher = i.researcher AND a.paper = i.paper
        JOIN (SELECT id, CAST(json_extract(props, '$.year') AS BIGINT) AS year FROM paper_w) y
          ON y.id = a.paper
        WHERE EXISTS (SELECT 1 FROM node_final r WHERE r.kind = 'researcher'
                      AND r.id = a.researcher AND r.updatedDate IS NULL)
          AND EXISTS (SELECT 1 FROM node_final n WHERE n.kind = 'institution'
                      AND n.id = i.institution)
        GROUP BY a.researcher, i.institution""")


def _derived(con: duckdb.DuckDBPyConnection) -> None:
    """COAUTHOR {shared} and RELATED {shared} both ways, WORKS_ON {score}, as the writer keeps
    them (cypher/ingest/coauthor_changes, related_changes, works_on)."""
    con.execute("""
        CREATE TABLE coauthor AS
        WITH a AS (SELECT DISTINCT paper, researcher FROM authored)
        SELECT x.researcher AS a, y.researcher AS b, count(*) AS shared
        FROM a x JOIN a y ON x.paper = y.paper AND x.researcher <> y.researcher
        GROUP BY ALL""")
    con.execute("""
        CREATE TABLE related AS
        WITH t AS (SELECT DISTINCT paper, topic FROM about)
        SELECT x.topic AS a, y.topic AS b, count(*) AS shared
        FROM t x JOIN t y ON x.paper = y.paper AND x.topic <> y.topic
        GROUP BY ALL""")
    con.execute("""
        CREATE TABLE works_on AS
        SELECT a.researcher, t.topic, round(sum(t.score), 9) AS score
        FROM authored a JOIN about t ON a.paper = t.paper
        GROUP BY ALL""")


def _node_files(con: duckdb.DuckDBPyConnection, out: Path, done: Converted) -> None:
    """The researchers (with their name keys), institutions and topics."""
    for kind, label in LABELS.items():
        cols = columns(kind)
        props = [
            f'{_typed(n, t, "props")} AS "{n}:{a}"'
            for n, a, t in cols
            if n not in ("updatedDate", "seenDate")
        ]
        if kind == "researcher":  # scored in this build (bulk/pairs.py)
            props.append(f'CAST({SCORING_VERSION} AS BIGINT) AS "duplicatesScored:long"')
        query = f"""
            SELECT id AS "id:ID({label})", {", ".join(props)},
                   updatedDate AS "updatedDate:string", seenDate AS "seenDate:string",
                   {_BLANK_COLUMN},
                   CASE WHEN len(b) > 0 THEN '{label}{ARRAY_DELIMITER}BlankStrings'
                        ELSE '{label}' END AS ":LABEL"
            FROM (SELECT *, {_blank(cols, "props", {d: d for d in DATES})} AS b
                  FROM node_final WHERE kind = '{kind}')"""
        done.nodes.append(copy_parquet(con, query, out / f"{kind}.parquet"))
        done.counts[label] = count_of(con, f"SELECT count(*) FROM node_final WHERE kind = '{kind}'")


def _paper_files(con: duckdb.DuckDBPyConnection, out: Path, done: Converted) -> None:
    """The papers, the stubs of works cited but not read, the parts read (no name keys)."""
    cols = columns("paper")
    blank_authorship = _blank(AUTHORED, "props")
    props = [
        f'{_typed(n, t, "props")} AS "{n}:{a}"'
        for n, a, t in cols
        if n not in ("updatedDate", "seenDate")
    ]
    query = f"""
        SELECT p.id AS "id:ID(Paper)", {", ".join(props)}, date AS "updatedDate:string",
               {_BLANK_COLUMN},
               concat_ws('{ARRAY_DELIMITER}', 'Paper',
                 CASE WHEN json_extract(props, '$.year') IS NULL
                        OR json_type(json_extract(props, '$.year')) = 'NULL' THEN 'Undated' END,
                 CASE WHEN len(b) > 0 OR p.id IN (SELECT paper FROM authored
                                                  WHERE len({blank_authorship}) > 0)
                      THEN 'BlankStrings' END) AS ":LABEL"
        FROM (SELECT *, {_blank(cols, "props", {"updatedDate": "date"})} AS b FROM paper_w) p"""
    done.nodes.append(copy_parquet(con, query, out / "paper.parquet"))
    done.counts["Paper"] = count_of(con, "SELECT count(*) FROM paper_w")
    query = """
        SELECT DISTINCT cited AS "id:ID(Paper)", 'Stub' AS ":LABEL" FROM cites
        WHERE cited NOT IN (SELECT id FROM paper_w)"""
    done.nodes.append(copy_parquet(con, query, out / "stub.parquet"))
    query = """
        SELECT path AS "path:ID(LoadedPart)", size AS "size:long", sha256,
               strftime(now() AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S') || '+00:00' AS at,
               'LoadedPart' AS ":LABEL" FROM raw_parts"""
    done.nodes.append(copy_parquet(con, query, out / "parts.parquet"))


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
    props = [f'{_typed(n, t, "props")} AS "{n}:{a}"' for n, a, t in AUTHORED]
    files = {
        "AUTHORED": f"""
            SELECT researcher AS ":START_ID(Researcher)", paper AS ":END_ID(Paper)",
                   position AS "position:long", {", ".join(props)}, {_BLANK_COLUMN}
            FROM (SELECT *, {_blank(AUTHORED, "props")} AS b FROM authored)""",
        "ABOUT": """SELECT paper AS ":START_ID(Paper)", topic AS ":END_ID(Topic)",
                   score AS "score:double" FROM about""",
        "CITES": """SELECT paper AS ":START_ID(Paper)", cited AS ":END_ID(Paper)" FROM cites""",
        "AFFILIATED_WITH": """
            SELECT researcher AS ":START_ID(Researcher)", institution AS ":END_ID(Institution)",
                   current AS "current:boolean", since AS "since:long", until AS "until:long",
                   origin FROM affiliated""",
        "COAUTHOR": """SELECT a AS ":START_ID(Researcher)", b AS ":END_ID(Researcher)",
                      shared AS "shared:long" FROM coauthor""",
        "RELATED": """SELECT a AS ":START_ID(Topic)", b AS ":END_ID(Topic)",
                     shared AS "shared:long" FROM related""",
        "WORKS_ON": """SELECT researcher AS ":START_ID(Researcher)", topic AS ":END_ID(Topic)",
                      score AS "score:double" FROM works_on""",
    }
    for rel, query in files.items():
        path = copy_parquet(con, query, out / f"{rel.lower()}.parquet")
        done.relationships.append(path)
        done.counts[rel] = count_of(con, f"SELECT count(*) FROM {_TABLES[rel]}")
