"""`bzpeer-graphql token` mints tokens the server accepts, as a user runs it."""

from __future__ import annotations

import stat
from dataclasses import replace
from pathlib import Path

import httpx

from bzpeer_graphql.policy.auth import Viewer, verify
from bzpeer_graphql.settings import Settings
from tests.conftest import TEST_JWT_SECRET
from tests.helpers import cli_env, data, run_cli


async def test_token_prints_a_token_the_server_accepts(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    env = cli_env(BZPEER_JWT_SECRET=TEST_JWT_SECRET)
    done = run_cli("token", "--user", "u-7", "--handle", "ann", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    token = done.stdout.splitlines()[-1]
    body = await data(client, "{ viewer { user { id handle } orcid } }", token=token)
    assert body == {"viewer": {"user": {"id": "user:u-7", "handle": "ann"}, "orcid": None}}


def test_token_orcid_and_ttl_go_into_the_token(tmp_path: Path) -> None:
    env = cli_env(BZPEER_JWT_SECRET=TEST_JWT_SECRET)
    args = ["token", "--user", "u-8", "--handle", "ada", "--orcid", "0000-0002-1825-0097"]
    done = run_cli(*args, "--ttl", "60", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    settings = replace(Settings.from_env(environ={}, env_file=None), jwt_secret=TEST_JWT_SECRET)
    viewer = verify(f"Bearer {done.stdout.splitlines()[-1]}", settings)
    assert viewer == Viewer("u-8", "ada", "0000-0002-1825-0097")


def test_without_configuration_serve_and_token_share_a_generated_secret(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = cli_env(BZPEER_CACHE_DIR=str(cache))
    done = run_cli("token", "--user", "u-9", "--handle", "bo", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    secret = cache / "jwt-secret"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    local = Settings.from_env(environ={"BZPEER_CACHE_DIR": str(cache)}, env_file=None)
    assert verify(f"Bearer {done.stdout.splitlines()[-1]}", local) == Viewer("u-9", "bo")


def test_token_without_a_key_outside_local_use_fails_in_one_line(tmp_path: Path) -> None:
    env = cli_env(NEO4J_URI="bolt://db.example:7687")
    done = run_cli("token", "--user", "u", "--handle", "h", env=env, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "bzpeer-graphql: this server has no BZPEER_JWT_SECRET to verify tokens with"
    ]
