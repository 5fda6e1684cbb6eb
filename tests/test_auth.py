"""Token verification: what identifies a viewer and every way a token is refused."""

from __future__ import annotations

import base64
import json
import stat
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from bzpeer_graphql.errors import Unauthenticated
from bzpeer_graphql.policy.auth import Viewer, local_secret, mint, verify
from bzpeer_graphql.settings import Settings

SECRET = "unit-test-secret-0123456789abcdef0123456789abcdef"
HS = replace(Settings.from_env(environ={}, env_file=None), jwt_secret=SECRET)


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base = {"sub": "u-1", "handle": "ann", "iss": "bzpeer-graphql", "aud": "bzpeer-graphql"}
    return {**base, "iat": now, "exp": now + 600, **overrides}


def bearer(token: str) -> str:
    return f"Bearer {token}"


def refused(header: str, settings: Settings = HS) -> str:
    with pytest.raises(Unauthenticated) as caught:
        verify(header, settings)
    return str(caught.value)


@pytest.fixture(scope="module")
def rsa_keys() -> tuple[str, str]:
    """(private PEM, public PEM) made for this test run."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


def test_no_header_is_an_anonymous_viewer() -> None:
    assert verify(None, HS) is None
    assert verify("", HS) is None


def test_a_minted_token_names_the_viewer_and_their_orcid() -> None:
    token = mint(HS, "u-1", "ann", orcid="https://orcid.org/0000-0002-1825-009x")
    assert verify(bearer(token), HS) == Viewer("u-1", "ann", "0000-0002-1825-009X")


def test_a_token_without_orcid_has_none() -> None:
    assert verify(bearer(jwt.encode(claims(), SECRET, "HS256")), HS) == Viewer("u-1", "ann")


def test_an_expired_token_is_refused() -> None:
    token = jwt.encode(claims(exp=int(time.time()) - 3600), SECRET, "HS256")
    assert refused(bearer(token)) == "the token has expired"


def test_a_token_without_expiry_is_refused() -> None:
    payload = claims()
    del payload["exp"]
    assert refused(bearer(jwt.encode(payload, SECRET, "HS256"))) == "the token is not valid"


def test_a_token_without_subject_is_refused() -> None:
    payload = claims()
    del payload["sub"]
    assert refused(bearer(jwt.encode(payload, SECRET, "HS256"))) == "the token is not valid"


def test_a_wrong_issuer_is_refused() -> None:
    token = jwt.encode(claims(iss="someone-else"), SECRET, "HS256")
    assert refused(bearer(token)) == "the token is not valid"


def test_a_wrong_audience_is_refused() -> None:
    token = jwt.encode(claims(aud="another-api"), SECRET, "HS256")
    assert refused(bearer(token)) == "the token is not valid"


def test_another_secret_is_refused() -> None:
    token = jwt.encode(claims(), "another-secret-0123456789abcdef0123456789", "HS256")
    assert refused(bearer(token)) == "the token is not valid"


def test_a_tampered_payload_is_refused() -> None:
    header, _, signature = jwt.encode(claims(), SECRET, "HS256").split(".")
    forged = base64.urlsafe_b64encode(json.dumps(claims(sub="admin")).encode()).decode()
    assert refused(bearer(f"{header}.{forged.rstrip('=')}.{signature}")) == "the token is not valid"


def test_alg_none_is_refused() -> None:
    token = jwt.encode(claims(), None, algorithm="none")
    assert refused(bearer(token)) == "the token is not valid"


def test_garbage_and_other_schemes_are_refused() -> None:
    assert refused("Bearer not.a.token") == "the token is not valid"
    assert "Bearer" in refused("Basic dXNlcjpwYXNz")
    assert "Bearer" in refused("Bearer ")


def test_rs256_with_the_public_key_as_text_or_file(
    rsa_keys: tuple[str, str], tmp_path: Path
) -> None:
    private, public = rsa_keys
    key_file = tmp_path / "public.pem"
    key_file.write_text(public)
    token = jwt.encode(claims(orcid="0000-0002-1825-0097"), private, "RS256")
    for key in (public, str(key_file)):
        settings = replace(HS, jwt_algorithm="RS256", jwt_public_key=key, jwt_secret=None)
        assert verify(bearer(token), settings) == Viewer("u-1", "ann", "0000-0002-1825-0097")


def test_rs256_refuses_hs256_tokens_signed_with_the_public_key(rsa_keys: tuple[str, str]) -> None:
    _, public = rsa_keys
    settings = replace(HS, jwt_algorithm="RS256", jwt_public_key=public)
    forged = jwt.encode(claims(), SECRET, "HS256")
    assert refused(bearer(forged), settings) == "the token is not valid"


def test_mint_rs256_needs_the_private_key(rsa_keys: tuple[str, str]) -> None:
    private, public = rsa_keys
    settings = replace(HS, jwt_algorithm="RS256", jwt_public_key=public)
    token = mint(settings, "u-2", "bob", private_key=private)
    assert verify(bearer(token), settings) == Viewer("u-2", "bob")


def test_a_server_without_a_key_refuses_tokens() -> None:
    settings = replace(HS, jwt_secret=None, neo4j_uri="bolt://db.example:7687")
    token = jwt.encode(claims(), SECRET, "HS256")
    assert "BZPEER_JWT_SECRET" in refused(bearer(token), settings)


def test_the_local_secret_is_generated_once_and_private(tmp_path: Path) -> None:
    first = local_secret(tmp_path)
    assert local_secret(tmp_path) == first
    assert len(first) >= 32
    assert stat.S_IMODE((tmp_path / "jwt-secret").stat().st_mode) == 0o600


def test_the_curator_role_comes_from_the_roles_claim() -> None:
    curator = verify(bearer(mint(HS, "u-1", "ann", roles=("curator",))), HS)
    assert curator == Viewer("u-1", "ann", None, ("curator",)) and curator is not None
    assert curator.curator is True
    plain = verify(bearer(jwt.encode(claims(roles="curator"), SECRET, "HS256")), HS)
    assert plain is not None and plain.roles == () and plain.curator is False
