"""Settings: environment over `.env` over defaults, and the local-Neo4j default."""

from __future__ import annotations

from pathlib import Path

import pytest

from bzpeer_graphql.settings import Settings, SettingsError


def test_unset_uri_means_the_local_neo4j() -> None:
    settings = Settings.from_env(environ={}, env_file=None)
    assert settings.neo4j_uri is None
    assert settings.uses_local_neo4j
    assert settings.local_neo4j_port == 7687
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)


def test_environment_wins_over_env_file(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "NEO4J_URI=neo4j://cluster.example:7687\nNEO4J_DATABASE=graph\nBZPEER_PORT=9000\n"
    )
    settings = Settings.from_env(environ={"BZPEER_PORT": "9100"}, env_file=env_file)
    assert settings.neo4j_uri == "neo4j://cluster.example:7687"
    assert settings.neo4j_database == "graph"
    assert settings.port == 9100
    assert not settings.uses_local_neo4j


def test_types_are_converted() -> None:
    settings = Settings.from_env(
        environ={
            "BZPEER_QUERY_TIMEOUT": "2.5",
            "BZPEER_LOAD_SEED": "no",
            "BZPEER_NEO4J_HOME": "/srv/neo4j",
            "BZPEER_MAX_PAGE_SIZE": "50",
        },
        env_file=None,
    )
    assert settings.query_timeout_s == 2.5
    assert settings.load_seed is False
    assert settings.local_neo4j_home == Path("/srv/neo4j")
    assert settings.max_page_size == 50


def test_a_bad_value_names_the_variable() -> None:
    with pytest.raises(SettingsError, match=r"BZPEER_PORT='eighty' is not valid"):
        Settings.from_env(environ={"BZPEER_PORT": "eighty"}, env_file=None)


def test_every_setting_is_documented() -> None:
    rows = Settings.describe()
    names = [name for name, _, _ in rows]
    assert names[:4] == ["NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"]
    assert all(doc for _, _, doc in rows)
    assert len(set(names)) == len(names)
