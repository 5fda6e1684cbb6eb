"""Rate limiting: a token bucket per viewer, or per client address without a token."""

from __future__ import annotations

from dataclasses import replace

from bzpeer_graphql.auth import mint
from bzpeer_graphql.ratelimit import RateLimiter
from bzpeer_graphql.settings import Settings
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


async def test_forwarded_addresses_count_only_behind_a_trusted_proxy(settings: Settings) -> None:
    limited = replace(settings, rate_limit=0.01, rate_burst=1)
    for trusted, second_status in ((False, 429), (True, 200)):
        async with app_client(replace(limited, trust_forwarded_for=trusted)) as http:
            first = await http.post("/graphql", json=QUERY, headers={"x-forwarded-for": "10.0.0.1"})
            other = await http.post(
                "/graphql", json=QUERY, headers={"x-forwarded-for": "10.0.0.2, 10.9.9.9"}
            )
            assert (first.status_code, other.status_code) == (200, second_status)
