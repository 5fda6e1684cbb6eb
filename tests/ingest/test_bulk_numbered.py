"""What the bulk build's integer ids and its trimmed network feature must keep (DuckDB only,
no Neo4j): the same nodes and ends under numbers, and the same likeness of every pair."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import duckdb

from bzpeer_graphql.identity.likeness import Reason, _network
from bzpeer_graphql.ingest.bulk.numbered import numbered
from bzpeer_graphql.ingest.bulk.sql import render


def _file(con: duckdb.DuckDBPyConnection, path: Path, query: str) -> Path:
    con.execute(f"COPY ({query}) TO '{path}' (FORMAT parquet)")
    return path


def test_integer_ids_keep_every_node_and_end(tmp_path: Path) -> None:
    con = duckdb.connect()
    nodes = [
        _file(con, tmp_path / "paper.parquet", """SELECT * FROM (VALUES ('W1', 'one'),
              ('W2', 'two')) t("id:ID(Paper)", "title:string")"""),
        _file(con, tmp_path / "stub.parquet",
              """SELECT 'W3' AS "id:ID(Paper)", 'Stub' AS ":LABEL\""""),
        _file(con, tmp_path / "researcher.parquet", """SELECT * FROM (VALUES ('A1'), ('W1'))
              t("id:ID(Researcher)")"""),
        _file(con, tmp_path / "parts.parquet", """SELECT 'works/part_000.gz'
              AS "path:ID(LoadedPart)\""""),
    ]  # fmt: skip
    rels = [
        _file(con, tmp_path / "authored.parquet", """SELECT * FROM (VALUES ('A1', 'W1', 1),
              ('W1', 'W2', 2), ('A9', 'W3', 3)) t(":START_ID(Researcher)", ":END_ID(Paper)",
              "position:long")"""),
        _file(con, tmp_path / "cites.parquet", """SELECT * FROM (VALUES ('W1', 'W3'))
              t(":START_ID(Paper)", ":END_ID(Paper)")"""),
    ]  # fmt: skip
    new_nodes, new_rels = numbered(con, nodes, rels, tmp_path / "numbered")

    def rows(path: Path) -> list[dict[str, Any]]:
        result = con.execute(f"SELECT * FROM read_parquet('{path}')")
        names = [d[0] for d in result.description]
        return [dict(zip(names, row, strict=True)) for row in result.fetchall()]

    assert [p.name for p in new_nodes + new_rels] == [p.name for p in nodes + rels]
    assert not any(p.exists() for p in nodes + rels)  # one copy on disk
    papers = {r["id:string"]: r[":ID(Paper)"] for p in new_nodes[:2] for r in rows(p)}
    people = {r["id:string"]: r[":ID(Researcher)"] for r in rows(new_nodes[2])}
    assert sorted(papers.values()) == [1, 2, 3]  # paper and stub share the space
    assert sorted(people.values()) == [1, 2]  # a space of its own: 'W1' is a person here too
    assert rows(new_nodes[0])[0].keys() == {":ID(Paper)", "id:string", "title:string"}
    assert [r["path:string"] for r in rows(new_nodes[3])] == ["works/part_000.gz"]
    authored = {(r[":START_ID(Researcher)"], r[":END_ID(Paper)"], r["position:long"])
                for r in rows(new_rels[0])}  # fmt: skip
    assert authored == {
        (people["A1"], papers["W1"], 1),
        (people["W1"], papers["W2"], 2),
        (None, papers["W3"], 3),  # no such node: the importer refuses it, as it did 'A9'
    }
    assert [(r[":START_ID(Paper)"], r[":END_ID(Paper)"]) for r in rows(new_rels[1])] == [
        (papers["W1"], papers["W3"])
    ]


def test_an_id_given_twice_keeps_one_number(tmp_path: Path) -> None:
    """Two nodes of one id stay two rows of one number: the importer refuses the second."""
    con = duckdb.connect()
    nodes = [
        _file(con, tmp_path / "paper.parquet", """SELECT 'W1' AS "id:ID(Paper)\""""),
        _file(con, tmp_path / "stub.parquet", """SELECT 'W1' AS "id:ID(Paper)\""""),
    ]
    new_nodes, _ = numbered(con, nodes, [], tmp_path / "numbered")
    found = [con.execute(f"SELECT * FROM read_parquet('{p}')").fetchall() for p in new_nodes]
    assert found == [[(1, "W1")], [(1, "W1")]]


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
