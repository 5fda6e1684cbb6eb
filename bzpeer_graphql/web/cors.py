"""Cross-origin requests: which pages on other origins may read the answers, with which
methods and headers, and which of them may send credentials (cookies) too.

A public read API by default: any origin, with `Authorization` allowed (a bearer token is a
header the page's script sets, not a credential the browser adds), and credentials for none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bzpeer_graphql.errors import Code
from bzpeer_graphql.settings import Settings

#: response headers a page on another origin may read
EXPOSED = "X-Request-Id, Retry-After, WWW-Authenticate, X-Bzpeer-Bookmark"


@dataclass(frozen=True)
class CorsPolicy:
    """The origins, methods and headers allowed (from the BZPEER_CORS_* settings)."""

    any_origin: bool
    origins: frozenset[str]
    credential_origins: frozenset[str]
    methods: tuple[str, ...]
    headers: tuple[str, ...]
    max_age_s: int

    @classmethod
    def from_settings(cls, settings: Settings) -> CorsPolicy:
        origins = settings.cors_origin_list()
        return cls(
            any_origin="*" in origins,
            origins=frozenset(origins) - {"*"},
            credential_origins=frozenset(settings.cors_credential_origin_list()),
            methods=tuple(_listed(settings.cors_methods.upper())),
            headers=tuple(_listed(settings.cors_headers)),
            max_age_s=settings.cors_max_age_s,
        )

    def allows(self, origin: str) -> bool:
        named = origin.lower()
        return self.any_origin or named in self.origins or named in self.credential_origins

    def grant(self, origin: str, headers: MutableHeaders) -> None:
        """The headers that let `origin` read this response."""
        if origin.lower() in self.credential_origins:
            headers["access-control-allow-origin"] = origin
            headers["access-control-allow-credentials"] = "true"
        elif self.any_origin:
            headers["access-control-allow-origin"] = "*"
        else:
            headers["access-control-allow-origin"] = origin
        if headers["access-control-allow-origin"] != "*" or self.credential_origins:
            headers.add_vary_header("Origin")

    def refusal(self, origin: str, method: str, asked: list[str]) -> str | None:
        """Why a preflight is refused, or None when it is allowed."""
        if not self.allows(origin):
            return f"the origin {origin} may not call this API (BZPEER_CORS_ORIGINS)"
        if method.upper() not in self.methods:
            return f"the method {method} is not allowed across origins (BZPEER_CORS_METHODS)"
        allowed = {name.lower() for name in self.headers}
        extra = [name for name in asked if name.lower() not in allowed]
        if extra:
            return f"the header(s) {', '.join(extra)} are not allowed (BZPEER_CORS_HEADERS)"
        return None


class Cors:
    """ASGI middleware: answers preflights (204, or 403 with a coded error) and marks the
    responses to allowed origins as readable by them."""

    def __init__(self, app: ASGIApp, policy: CorsPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        origin = Headers(scope=scope).get("origin") if scope["type"] == "http" else None
        if origin is None:
            await self.app(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        method = request_headers.get("access-control-request-method")
        if scope["method"] == "OPTIONS" and method is not None:
            await self._preflight(origin, method, request_headers, send)
            return

        async def send_granted(message: Message) -> None:
            if message["type"] == "http.response.start" and self.policy.allows(origin):
                headers = MutableHeaders(scope=message)
                self.policy.grant(origin, headers)
                headers["access-control-expose-headers"] = EXPOSED
            await send(message)

        await self.app(scope, receive, send_granted)

    async def _preflight(self, origin: str, method: str, request: Headers, send: Send) -> None:
        asked = _listed(request.get("access-control-request-headers", ""))
        refused = self.policy.refusal(origin, method, asked)
        headers = MutableHeaders()
        if refused is None:
            status, body = 204, b""
            self.policy.grant(origin, headers)
            headers["access-control-allow-methods"] = ", ".join(self.policy.methods)
            headers["access-control-allow-headers"] = ", ".join(self.policy.headers)
            headers["access-control-max-age"] = str(self.policy.max_age_s)
        else:
            status = 403
            error = {"message": refused, "extensions": {"code": Code.FORBIDDEN}}
            body = json.dumps({"errors": [error]}).encode()
            headers["content-type"] = "application/json"
            headers.add_vary_header("Origin")
        headers["content-length"] = str(len(body))
        await send({"type": "http.response.start", "status": status, "headers": headers.raw})
        await send({"type": "http.response.body", "body": body})


def _listed(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]
