"""Rate limiting: a token bucket per viewer, or per client address without a token."""

from __future__ import annotations

from dataclasses import replace

import pytest
from starlette.requests import Request

from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.policy.ratelimit import RateLimiter
from bzpeer_graphql.settings import Settings, SettingsError
from bzpeer_graphql.web.addresses import client_address
from tests.helpers import app_client

QUERY = {"query": "{ __typename }"}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_refills_at_the_rate() -> None:
    clock = Clock()
    limiter = RateLimiter(rate=0.5, burst=2, clock=clock)
    assert [limiter.wait("a"), limiter.wait("a")] == [0, 0]
    assert limiter.wait("a") == 2  # one request back every 2 s
    assert limiter.wait("b") == 0  # another client has its own bucket
    clock.now += 1.0
    assert limiter.wait("a") == 1
    clock.now += 1.0
    assert limiter.wait("a") == 0
    assert limiter.wait("a") == 2


def test_rate_zero_means_no_limit() -> None:
    limiter = RateLimiter(rate=0, burst=1)
    assert {limiter.wait("a") for _ in range(1000)} == {0}


async def test_too_many_requests_are_429_with_retry_after(settings: Settings) -> None:
    limited = replace(settings, rate_limit=0.01, rate_burst=2)
    async with app_client(limited) as http:
        statuses = [(await http.post("/graphql", json=QUERY)).status_code for _ in range(2)]
        assert statuses == [200, 200]
        refused = await http.post("/graphql", json=QUERY)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "100"
        assert refused.json() == {
            "data": None,
            "errors": [
                {
                    "message": "too many requests; try again in 100 s",
                    "extensions": {"code": "RATE_LIMITED", "retryAfter": 100},
                }
            ],
        }
        # a signed-in viewer is counted on their own, not by the address they share
        token = mint(limited, "u-rate", "rate")
        headers = {"authorization": f"Bearer {token}"}
        signed_in = await http.post("/graphql", json=QUERY, headers=headers)
        assert signed_in.status_code == 200


async def test_forwarded_addresses_count_only_from_the_proxies_named(settings: Settings) -> None:
    limited = replace(settings, rate_limit=0.01, rate_burst=1)
    spoofed = [
        {"x-forwarded-for": "10.0.0.1"},
        {"x-forwarded-for": "10.0.0.2, 10.9.9.9"},
        {"forwarded": "for=10.0.0.3"},
    ]
    # the in-process client's socket address is 127.0.0.1
    for trusted, statuses in (
        (None, [200, 429, 429]),  # unset: every spoofed address is the same socket's
        ("10.0.0.0/8", [200, 429, 429]),  # the socket is not a proxy named
        ("127.0.0.1", [200, 200, 200]),  # behind a named proxy, its header names the client
    ):
        async with app_client(replace(limited, trust_forwarded_for=trusted)) as http:
            answers = [await http.post("/graphql", json=QUERY, headers=h) for h in spoofed]
            assert [a.status_code for a in answers] == statuses, trusted


def test_the_client_is_the_nearest_address_that_is_not_a_trusted_proxy(
    settings: Settings,
) -> None:
    behind = replace(settings, trust_forwarded_for="127.0.0.1, 10.0.0.0/8")

    def client_of(headers: dict[str, str]) -> str:
        scope = {
            "type": "http",
            "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
            "client": ("127.0.0.1", 5000),
        }
        return client_address(Request(scope), behind)

    # the left part of a chain is the client's to write: only the proxies' own hops count
    assert client_of({"x-forwarded-for": "6.6.6.6, 1.2.3.4, 10.0.0.5"}) == "1.2.3.4"
    assert client_of({"forwarded": 'for=6.6.6.6, for="[2001:db8::1]:443";proto=https'}) == (
        "2001:db8::1"
    )
    assert client_of({"forwarded": "for=1.2.3.4:8080"}) == "1.2.3.4"
    assert client_of({}) == "127.0.0.1"
    with pytest.raises(SettingsError, match="BZPEER_TRUST_FORWARDED_FOR"):
        replace(settings, trust_forwarded_for="true")


def test_a_batch_is_charged_one_request_per_operation() -> None:
    limiter = RateLimiter(rate=0.01, burst=10)
    assert limiter.wait("a", 4) == 0
    assert limiter.wait("a", 6) == 0
    assert limiter.wait("a", 1) == 100


async def test_each_operation_of_a_batch_counts_against_the_rate(settings: Settings) -> None:
    async with app_client(replace(settings, rate_limit=0.01, rate_burst=3)) as http:
        batch = await http.post("/graphql", json=[QUERY, QUERY, QUERY])
        assert batch.status_code == 200
        refused = await http.post("/graphql", json=QUERY)
        assert refused.status_code == 429
        assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
