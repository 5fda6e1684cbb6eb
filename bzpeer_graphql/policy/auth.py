"""Who the viewer is: `Authorization: Bearer <JWT>` verified, and tokens minted for local use."""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jwt

from bzpeer_graphql.errors import Unauthenticated
from bzpeer_graphql.settings import Settings, SettingsError

ALGORITHMS = ("HS256", "RS256")
#: seconds of clock difference tolerated on `exp`, `nbf` and `iat`
LEEWAY_S = 30
SECRET_FILE = "jwt-secret"
#: the token role that may merge and split any author record (claim `roles: ["curator"]`)
CURATOR = "curator"


@dataclass(frozen=True)
class Viewer:
    """The signed-in user of a request: the token's `sub`, `handle`, the IdP's `orcid` and the
    token's `roles`."""

    id: str
    handle: str
    orcid: str | None = None
    roles: tuple[str, ...] = ()

    @property
    def curator(self) -> bool:
        """Whether the token carries the curator role."""
        return CURATOR in self.roles


def normalize_orcid(value: str | None) -> str | None:
    """`0000-0002-1825-0097` from any of its spellings (URL or bare), or None."""
    if not value:
        return None
    bare = value.strip().upper()
    for prefix in ("HTTPS://ORCID.ORG/", "HTTP://ORCID.ORG/", "ORCID.ORG/"):
        bare = bare.removeprefix(prefix)
    return bare or None


def verify(header: str | None, settings: Settings) -> Viewer | None:
    """The viewer named by an `Authorization` header; None without one.

    Raises `Unauthenticated` for any header that is not a valid, unexpired Bearer token of ours.
    """
    if header is None or not header.strip():
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("the Authorization header must be `Bearer <token>`")
    try:
        claims = jwt.decode(
            token.strip(),
            _verification_key(settings),
            algorithms=[_algorithm(settings)],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            leeway=LEEWAY_S,
            options={"require": ["exp", "iss", "aud", "sub"]},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("the token has expired") from None
    except jwt.PyJWTError:
        raise Unauthenticated("the token is not valid") from None
    subject = claims["sub"]
    if not isinstance(subject, str) or not subject.strip() or len(subject) > 200:
        raise Unauthenticated("the token's subject is not a user id")
    handle = claims.get("handle") or claims.get("preferred_username") or subject
    orcid = claims.get("orcid")
    roles = claims.get("roles")
    return Viewer(
        id=subject,
        handle=str(handle)[:200],
        orcid=normalize_orcid(orcid) if isinstance(orcid, str) else None,
        roles=tuple(r for r in roles if isinstance(r, str)) if isinstance(roles, list) else (),
    )


def mint(
    settings: Settings,
    user: str,
    handle: str,
    *,
    orcid: str | None = None,
    roles: tuple[str, ...] = (),
    ttl_s: int = 86400,
    private_key: str | None = None,
) -> str:
    """A token this server accepts: HS256 with its secret, RS256 with `private_key`."""
    now = int(time.time())
    claims: dict[str, object] = {
        "sub": user,
        "handle": handle,
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + ttl_s,
    }
    if orcid:
        claims["orcid"] = orcid
    if roles:
        claims["roles"] = list(roles)
    algorithm = _algorithm(settings)
    if algorithm == "RS256":
        if not private_key:
            raise SettingsError("RS256 tokens are signed with a private key: pass --private-key")
        key = _pem(private_key)
    else:
        key = _verification_key(settings)
    return jwt.encode(claims, key, algorithm=algorithm)


def _algorithm(settings: Settings) -> str:
    if settings.jwt_algorithm not in ALGORITHMS:
        raise SettingsError(f"BZPEER_JWT_ALGORITHM must be one of {', '.join(ALGORITHMS)}")
    return settings.jwt_algorithm


@cache
def _verification_key(settings: Settings) -> str:
    """The HS256 secret or the RS256 public key, read once per settings."""
    if _algorithm(settings) == "RS256":
        if not settings.jwt_public_key:
            raise Unauthenticated("this server has no BZPEER_JWT_PUBLIC_KEY to verify tokens with")
        return _pem(settings.jwt_public_key)
    if settings.jwt_secret:
        return settings.jwt_secret
    if settings.uses_local_neo4j:
        return local_secret(settings.cache_dir)
    raise Unauthenticated("this server has no BZPEER_JWT_SECRET to verify tokens with")


def _pem(value: str) -> str:
    """PEM text as given, or read from the file the value names."""
    if value.lstrip().startswith("-----BEGIN"):
        return value
    try:
        return Path(value).expanduser().read_text()
    except OSError as exc:
        raise SettingsError(f"cannot read the key file {value!r}: {exc.strerror}") from None


def local_secret(cache_dir: Path) -> str:
    """The HS256 secret of local use: generated once, kept mode 600 in `cache_dir/jwt-secret`."""
    path = cache_dir / SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first
        else:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(48))
    return path.read_text().strip()
