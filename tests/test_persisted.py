"""Persisted queries: automatic ones by sha256 hash, with a bounded cache, and the allow-list
mode that runs only the operations of a manifest made by `bzpeer-graphql persist`."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from bzpeer_graphql import create_app
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.settings import Settings, SettingsError
from tests.helpers import app_client, cli_env, run_cli

NAME = '{ researcher(id: "gongfan-fang") { name } }'
PAPERS = "{ graphStats { papers } }"
TOPICS = "{ graphStats { topics } }"


def sha(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


def persisted(digest: str, query: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}}
    if query is not None:
        body["query"] = query
    return body


def code_of(answer: httpx.Response) -> tuple[int, str, str]:
    [error] = answer.json()["errors"]
    return answer.status_code, error["extensions"]["code"], error["message"]


async def test_a_hash_stands_for_a_query_sent_once(settings: Settings, seeded: Database) -> None:
    async with app_client(settings) as http:
        unknown = await http.post("/graphql", json=persisted(sha(NAME)))
        # the status and message Apollo clients expect before they send the full text
        assert code_of(unknown) == (200, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound")
        registered = await http.post("/graphql", json=persisted(sha(NAME), NAME))
        assert registered.json() == {"data": {"researcher": {"name": "Gongfan Fang"}}}
        by_hash = await http.post("/graphql", json=persisted(sha(NAME)))
        assert by_hash.json() == {"data": {"researcher": {"name": "Gongfan Fang"}}}
        extensions = json.dumps(persisted(sha(NAME))["extensions"])
        over_get = await http.get("/graphql", params={"extensions": extensions})
        assert over_get.json() == {"data": {"researcher": {"name": "Gongfan Fang"}}}


async def test_a_hash_must_match_its_query(settings: Settings, seeded: Database) -> None:
    async with app_client(settings) as http:
        wrong = await http.post("/graphql", json=persisted(sha(PAPERS), NAME))
        assert code_of(wrong)[:2] == (400, "PERSISTED_QUERY_HASH_MISMATCH")
        # nothing was stored under the hash
        later = await http.post("/graphql", json=persisted(sha(PAPERS)))
        assert code_of(later)[1] == "PERSISTED_QUERY_NOT_FOUND"
        bad = await http.post("/graphql", json={"query": NAME, "extensions": {"persistedQuery": 1}})
        assert code_of(bad)[:2] == (400, "PERSISTED_QUERY_INVALID")


async def test_the_cache_keeps_the_most_recent_queries(
    settings: Settings, seeded: Database
) -> None:
    async with app_client(replace(settings, apq_cache_size=2)) as http:
        for query in (NAME, PAPERS):
            await http.post("/graphql", json=persisted(sha(query), query))
        await http.post("/graphql", json=persisted(sha(NAME)))  # NAME is now the most recent
        await http.post("/graphql", json=persisted(sha(TOPICS), TOPICS))  # evicts PAPERS
        assert "data" in (await http.post("/graphql", json=persisted(sha(NAME)))).json()
        assert "data" in (await http.post("/graphql", json=persisted(sha(TOPICS)))).json()
        gone = await http.post("/graphql", json=persisted(sha(PAPERS)))
        assert code_of(gone)[1] == "PERSISTED_QUERY_NOT_FOUND"


async def test_persisted_queries_can_be_turned_off(settings: Settings, seeded: Database) -> None:
    async with app_client(replace(settings, persisted_queries="off")) as http:
        answer = await http.post("/graphql", json=persisted(sha(NAME), NAME))
        assert code_of(answer) == (
            400,
            "PERSISTED_QUERY_NOT_SUPPORTED",
            "PersistedQueryNotSupported",
        )
        plain = await http.post("/graphql", json={"query": NAME})
        assert plain.json() == {"data": {"researcher": {"name": "Gongfan Fang"}}}


async def test_allowlist_runs_only_registered_operations(
    settings: Settings, seeded: Database, tmp_path: Path
) -> None:
    (tmp_path / "profile.graphql").write_text(NAME)
    (tmp_path / "papers.graphql").write_text(PAPERS)
    made = run_cli("persist", "profile.graphql", "papers.graphql", env=cli_env(), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    manifest = json.loads(made.stdout)
    assert [(o["name"], o["id"]) for o in manifest["operations"]] == [
        ("papers", sha(PAPERS)),
        ("profile", sha(NAME)),
    ]
    (tmp_path / "manifest.json").write_text(made.stdout)
    allowlist = replace(
        settings, persisted_queries="allowlist", persisted_manifest=tmp_path / "manifest.json"
    )
    async with app_client(allowlist) as http:
        by_hash = await http.post("/graphql", json=persisted(sha(NAME)))
        assert by_hash.json() == {"data": {"researcher": {"name": "Gongfan Fang"}}}
        by_text = await http.post("/graphql", json={"query": PAPERS})
        assert by_text.json() == {"data": {"graphStats": {"papers": 17}}}
        for body in ({"query": TOPICS}, persisted(sha(TOPICS), TOPICS), persisted(sha(TOPICS))):
            refused = await http.post("/graphql", json=body)
            assert code_of(refused)[:2] == (403, "PERSISTED_QUERY_NOT_IN_LIST")


def test_allowlist_needs_a_valid_manifest(settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="needs BZPEER_PERSISTED_MANIFEST"):
        replace(settings, persisted_queries="allowlist")
    forged = tmp_path / "forged.json"
    forged.write_text(
        json.dumps(
            {
                "format": "apollo-persisted-query-manifest",
                "version": 1,
                "operations": [{"id": sha(NAME), "name": "x", "body": TOPICS}],
            }
        )
    )
    with pytest.raises(SettingsError, match="not the sha256 of its body"):
        create_app(replace(settings, persisted_queries="allowlist", persisted_manifest=forged))
    bad = run_cli("persist", "nowhere.graphql", env=cli_env(), cwd=tmp_path)
    assert (bad.returncode, bad.stderr) == (
        1,
        "bzpeer-graphql: nowhere.graphql: No such file or directory\n",
    )
