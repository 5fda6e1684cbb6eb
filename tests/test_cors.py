"""Cross-origin requests: preflights answered 204 (or refused with a coded 403), answers
readable by the origins allowed, credentials only for the origins listed for them."""

from __future__ import annotations

from dataclasses import replace

import httpx

from bzpeer_graphql.settings import Settings
from tests.helpers import app_client

QUERY = {"query": "{ __typename }"}
VITE = "http://localhost:5173"
APP = "https://app.example.org"
ELSEWHERE = "https://elsewhere.example.net"
DEFAULT_HEADERS = (
    "Authorization, Content-Type, Accept, X-Request-Id, X-Bzpeer-Debug, X-Bzpeer-Bookmark, "
    "Apollo-Require-Preflight, X-Apollo-Operation-Name, "
    "Apollographql-Client-Name, Apollographql-Client-Version"
)


def preflight(origin: str, method: str = "POST", headers: str = "content-type") -> dict[str, str]:
    return {
        "origin": origin,
        "access-control-request-method": method,
        "access-control-request-headers": headers,
    }


def cors_of(answer: httpx.Response) -> dict[str, str]:
    return {
        name: value
        for name, value in answer.headers.items()
        if name.startswith("access-control-") or name == "vary"
    }


async def test_by_default_any_origin_may_read_with_a_bearer_token(settings: Settings) -> None:
    async with app_client(settings) as http:
        asked = await http.options(
            "/graphql", headers=preflight(VITE, headers="authorization,content-type")
        )
        assert asked.status_code == 204
        assert asked.content == b""
        assert cors_of(asked) == {
            "access-control-allow-origin": "*",
            "access-control-allow-methods": "GET, POST",
            "access-control-allow-headers": DEFAULT_HEADERS,
            "access-control-max-age": "600",
        }
        answer = await http.post(
            "/graphql", json=QUERY, headers={"origin": VITE, "authorization": "Bearer x.y.z"}
        )
        # refusals are readable too: the page sees the coded 401, not a network error
        assert answer.status_code == 401
        assert cors_of(answer) == {
            "access-control-allow-origin": "*",
            "access-control-expose-headers": (
                "X-Request-Id, Retry-After, WWW-Authenticate, X-Bzpeer-Bookmark"
            ),
        }
        same_origin = await http.post("/graphql", json=QUERY)
        assert cors_of(same_origin) == {}  # no Origin, no CORS headers


async def test_credentials_only_for_the_origins_listed_for_them(settings: Settings) -> None:
    listed = replace(settings, cors_credential_origins=APP)
    async with app_client(listed) as http:
        asked = await http.options("/graphql", headers=preflight(APP))
        assert asked.status_code == 204
        assert cors_of(asked)["access-control-allow-origin"] == APP
        assert cors_of(asked)["access-control-allow-credentials"] == "true"
        assert cors_of(asked)["vary"] == "Origin"
        answer = await http.post("/graphql", json=QUERY, headers={"origin": APP})
        assert answer.json() == {"data": {"__typename": "Query"}}
        assert cors_of(answer)["access-control-allow-origin"] == APP
        assert cors_of(answer)["access-control-allow-credentials"] == "true"
        other = await http.post("/graphql", json=QUERY, headers={"origin": VITE})
        assert cors_of(other)["access-control-allow-origin"] == "*"
        assert "access-control-allow-credentials" not in cors_of(other)
        assert cors_of(other)["vary"] == "Origin"  # the answer differs by origin


async def test_only_the_origins_methods_and_headers_configured(settings: Settings) -> None:
    narrowed = replace(settings, cors_origins=f"{VITE}, {APP}/", cors_methods="POST")
    async with app_client(narrowed) as http:
        allowed = await http.options("/graphql", headers=preflight(VITE))
        assert allowed.status_code == 204
        assert cors_of(allowed) == {
            "access-control-allow-origin": VITE,
            "access-control-allow-methods": "POST",
            "access-control-allow-headers": DEFAULT_HEADERS,
            "access-control-max-age": "600",
            "vary": "Origin",
        }
        refusals = {
            ELSEWHERE: await http.options("/graphql", headers=preflight(ELSEWHERE)),
            "GET": await http.options("/graphql", headers=preflight(APP, method="GET")),
            "X-Evil": await http.options("/graphql", headers=preflight(APP, headers="x-evil")),
        }
        assert {why: answer.status_code for why, answer in refusals.items()} == {
            ELSEWHERE: 403,
            "GET": 403,
            "X-Evil": 403,
        }
        assert [answer.json()["errors"][0] for answer in refusals.values()] == [
            {
                "message": f"the origin {ELSEWHERE} may not call this API (BZPEER_CORS_ORIGINS)",
                "extensions": {"code": "FORBIDDEN"},
            },
            {
                "message": "the method GET is not allowed across origins (BZPEER_CORS_METHODS)",
                "extensions": {"code": "FORBIDDEN"},
            },
            {
                "message": "the header(s) x-evil are not allowed (BZPEER_CORS_HEADERS)",
                "extensions": {"code": "FORBIDDEN"},
            },
        ]
        assert all("access-control-allow-origin" not in a.headers for a in refusals.values())
        unlisted = await http.post("/graphql", json=QUERY, headers={"origin": ELSEWHERE})
        assert "access-control-allow-origin" not in unlisted.headers
        plain_options = await http.options("/graphql")  # no preflight: the endpoint's own 405
        assert plain_options.status_code == 405
