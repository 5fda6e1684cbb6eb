"""Security headers on every response, and the Content-Security-Policy of the HTML pages.

Every response says nosniff, may not be framed, sends no referrer and carries a policy that
allows nothing; the pages (/explorer, GraphiQL) carry `page_policy` instead, which allows the
page's own origin, the exact scripts and stylesheets it links and the hashes of its inline
scripts. `PAGE_SOURCES` is the one place to widen what the pages may load.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.datastructures import MutableHeaders
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: what any page may load besides what `page_policy` finds in its HTML
PAGE_SOURCES: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    # GraphiQL and the explorer set element styles from their scripts
    "style-src": ("'self'", "'unsafe-inline'"),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'", "data:"),
    "connect-src": ("'self'",),
    # the explorer's ForceAtlas2 layout runs in a worker its package makes from a blob: URL
    "worker-src": ("'self'", "blob:"),
    "object-src": ("'none'",),
    "base-uri": ("'none'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
}

#: the policy of every response that is not a page: load nothing, be framed nowhere
NO_CONTENT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"

HEADERS: dict[str, str] = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r"""\bsrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_STYLESHEET = re.compile(r"<link\b[^>]*\brel\s*=\s*[\"']stylesheet[\"'][^>]*>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def page_policy(html: str) -> str:
    """The Content-Security-Policy of a page: `PAGE_SOURCES` plus what its HTML loads."""
    sources = {name: list(values) for name, values in PAGE_SOURCES.items()}
    for attributes, body in _SCRIPT.findall(html):
        linked = _SRC.search(attributes)
        if linked is not None:
            _allow(sources["script-src"], linked.group(1))
        elif body.strip():
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            _allow(sources["script-src"], f"'sha256-{digest}'")
    for link in _STYLESHEET.findall(html):
        href = _HREF.search(link)
        if href is not None:
            _allow(sources["style-src"], href.group(1))
    return "; ".join(f"{name} {' '.join(values)}" for name, values in sources.items())


def page_response(html: str) -> HTMLResponse:
    """An HTML page with the Content-Security-Policy that allows what it loads and no more."""
    return HTMLResponse(html, headers={"content-security-policy": page_policy(html)})


def _allow(sources: list[str], source: str) -> None:
    """Adds an absolute URL or hash; a relative URL is the page's own origin ('self')."""
    if source.startswith(("https://", "'sha256-")) and source not in sources:
        sources.append(source)


class SecurityHeaders:
    """ASGI middleware: `HEADERS` on every response, and `NO_CONTENT_POLICY` unless it has one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
                if "content-security-policy" not in headers:
                    headers["content-security-policy"] = NO_CONTENT_POLICY
            await send(message)

        await self.app(scope, receive, send_with_headers)
