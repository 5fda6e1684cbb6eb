"""What the bulk build's integer ids and its trimmed network feature must keep (DuckDB only,
no Neo4j): the same nodes and ends under numbers, and the same likeness of every pair."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import duckdb

from bzpeer_graphql.identity.likeness import Reason, _network
from bzpeer_graphql.ingest.bulk.numbered import import_file
from bzpeer_graphql.ingest.bulk.sql import render, run


def _rows(con: duckdb.DuckDBPyConnection, path: Path) -> list[dict[str, Any]]:
    result = con.execute("SELECT * FROM read_parquet($p)", {"p": str(path)})
    names = [d[0] for d in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def _graph() -> duckdb.DuckDBPyConnection:
    """The tables the import files are written from, as small as they come: two papers read,
    one cited only, two researchers (one of them under a paper's id) and a part read."""
    con = duckdb.connect()
    con.execute("CREATE TABLE paper_w AS SELECT * FROM (VALUES ('W1'), ('W2')) t(id)")
    con.execute(
        "CREATE TABLE cites AS SELECT * FROM (VALUES ('W1', 'W3'), ('W2', 'W1')) t(paper, cited)"
    )
    con.execute("""CREATE TABLE node_final AS SELECT * FROM (VALUES ('researcher', 'A1'),
                   ('researcher', 'W1'), ('topic', 'T1')) t(kind, id)""")
    con.execute("""CREATE TABLE coauthor AS SELECT * FROM (VALUES ('A1', 'W1', 2), ('W1', 'A1', 2),
                   ('A1', 'A9', 1)) t(a, b, shared)""")
    con.execute("""CREATE TABLE raw_parts AS SELECT 'works/part_000.gz' AS path,
                   10 AS size, 'ab' AS sha256""")
    return con


def test_integer_ids_keep_every_node_and_end(tmp_path: Path) -> None:
    con = _graph()
    stubs = _rows(con, import_file(con, "stub_file", tmp_path / "stub.parquet"))
    cites = _rows(con, import_file(con, "cites_file", tmp_path / "cites.parquet"))
    coauthor = _rows(con, import_file(con, "coauthor_file", tmp_path / "coauthor.parquet"))
    parts = _rows(con, import_file(con, "parts_file", tmp_path / "parts.parquet"))
    papers = dict(con.execute('SELECT id, n FROM "ids_Paper"').fetchall())
    people = dict(con.execute('SELECT id, n FROM "ids_Researcher"').fetchall())
    assert sorted(papers) == ["W1", "W2", "W3"] and sorted(papers.values()) == [1, 2, 3]
    assert sorted(people) == ["A1", "W1"]  # a space of its own: 'W1' is a person here too
    assert [(r[":ID(Paper)"], r["id:string"], r[":LABEL"]) for r in stubs] == [
        (papers["W3"], "W3", "Stub")
    ]
    assert sorted((r[":START_ID(Paper)"], r[":END_ID(Paper)"]) for r in cites) == sorted(
        [(papers["W1"], papers["W3"]), (papers["W2"], papers["W1"])]
    )
    assert sorted(
        (r[":START_ID(Researcher)"], r[":END_ID(Researcher)"] or 0, r["shared:long"])
        for r in coauthor
    ) == sorted(
        [
            (people["A1"], people["W1"], 2),
            (people["W1"], people["A1"], 2),
            (people["A1"], 0, 1),  # no such node: empty, and the importer refuses it as 'A9'
        ]
    )
    assert parts[0][":ID(LoadedPart)"] == 1 and parts[0]["path:string"] == "works/part_000.gz"
    assert ":ID(LoadedPart)" in parts[0] and "path:ID(LoadedPart)" not in parts[0]


def test_an_id_given_twice_keeps_one_number() -> None:
    """Two papers of one id share a number: the importer refuses the second node."""
    con = _graph()
    con.execute("INSERT INTO paper_w VALUES ('W2')")
    run(con, "number_ids", space="Paper", source=render("ids_paper"))
    numbers = con.execute('SELECT id, count(*) FROM "ids_Paper" GROUP BY id ORDER BY id')
    assert numbers.fetchall() == [("W1", 1), ("W2", 1), ("W3", 1)]


#: a small collaboration graph (both ways, as COAUTHOR is) and the pairs scored in it
EDGES = [("a", "c"), ("a", "d"), ("b", "c"), ("b", "e"), ("c", "f"), ("d", "f"), ("e", "d"),
         ("f", "g"), ("g", "h"), ("h", "a"), ("x", "y"), ("y", "b")]  # fmt: skip
WANTED = [("a", "b"), ("c", "d"), ("a", "g"), ("e", "x"), ("f", "h")]


def test_the_trimmed_network_scores_every_pair_as_the_whole_one() -> None:
    con = duckdb.connect()
    both = EDGES + [(b, a) for a, b in EDGES]
    con.execute("CREATE TABLE coauthor (a VARCHAR, b VARCHAR)")
    con.executemany("INSERT INTO coauthor VALUES (?, ?)", both)
    con.execute("CREATE TABLE wanted (a VARCHAR, b VARCHAR)")
    con.executemany("INSERT INTO wanted VALUES (?, ?)", WANTED)
    con.execute("CREATE TABLE scored AS SELECT a FROM wanted UNION SELECT b FROM wanted")
    trimmed = dict(con.execute(render("feature_network", keys="scored")).fetchall())
    coauthors = {k: sorted(b for a, b in both if a == k) for k in {a for a, _ in both}}
    whole = {k: sorted({m for c in coauthors[k] for m in coauthors[c]} - {k}) for k in coauthors}
    assert sum(map(len, trimmed.values())) < sum(len(whole[k]) for k in trimmed)

    def reasons(network: dict[str, list[str]], a: str, b: str) -> list[Reason]:
        found: list[Reason] = []
        _network(found, *({"key": k, "coauthors": coauthors[k],
                           "network": network.get(k, [])} for k in (a, b)))  # fmt: skip
        return found

    for a, b in itertools.chain(WANTED, ((b, a) for a, b in WANTED)):
        assert reasons(trimmed, a, b) == reasons(whole, a, b)
    assert any(reasons(whole, a, b) for a, b in WANTED)  # the test compares something
