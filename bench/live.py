"""`python -m bench.live`: how soon a committed change reaches its subscribers, under load.

Against a running server (`--url`, started with `serve --workers N`, whose JWT secret is
`--secret`): `--subscribers` server-sent-event subscriptions (`researcherChanged`, spread over
`--researchers` records) stay open while `--clients` closed-loop clients ask profile queries and
one writer follows and unfollows those records `--rate` times a second for `--duration` seconds
(after `--warmup` untimed ones).
Each change's delay is measured from its event id (the milliseconds at which it was appended to
the change log, right after its commit, on this machine's clock) to the moment a subscriber
read it; the script reports p50/p99/max, and how many of the changes each subscriber should
have seen it did see. Results go to bench/results/<date>-live-<subscribers>[-<label>].json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.settings import Settings

RESULTS = Path(__file__).resolve().parent / "results"
SUBSCRIBE = """subscription($id: ID!) { researcherChanged(id: $id) {
  eventId kind researcher { counts { followers } } } }"""
PROFILE = """query($id: ID!) { researcher(id: $id) { name counts { works followers }
  trust { score } closeCollaborators { researcher { name } sharedWorks } } }"""
FOLLOWS = {
    True: "mutation($id: ID!) { followResearcher(id: $id) { researcher { id } } }",
    False: "mutation($id: ID!) { unfollowResearcher(id: $id) { researcher { id } } }",
}


@dataclass
class Tally:
    """What the run saw."""

    #: seconds from each change's append to its reading, per delivery
    delays: list[float] = field(default_factory=list)
    #: event ids each subscriber read
    seen: dict[int, set[str]] = field(default_factory=dict)
    #: event ids of the changes to each record
    published: dict[str, list[str]] = field(default_factory=dict)
    queries: int = 0
    query_errors: int = 0
    #: the codes of subscriptions refused or ended
    refused: list[str] = field(default_factory=list)


async def subscriber(
    http: httpx.AsyncClient,
    number: int,
    researcher: str,
    token: str,
    tally: Tally,
    ready: asyncio.Event,
) -> None:
    """One graphql-sse subscription, as a viewer of its own (the limits count subscriptions per
    viewer); notes the delay of each change it reads."""
    body = {"query": SUBSCRIBE, "variables": {"id": researcher}}
    headers = {"accept": "text/event-stream", "authorization": f"Bearer {token}"}
    seen = tally.seen.setdefault(number, set())
    async with http.stream("POST", "/graphql", json=body, headers=headers) as stream:
        ready.set()
        async for line in stream.aiter_lines():
            if not line.startswith("data: {"):
                continue
            result = json.loads(line[6:])
            if result.get("errors"):
                tally.refused.append(result["errors"][0]["extensions"]["code"])
                return
            changed = result["data"]["researcherChanged"]
            appended_ms = int(changed["eventId"].split("-")[0])
            tally.delays.append(time.time() - appended_ms / 1000)
            seen.add(changed["eventId"])


async def querying(
    http: httpx.AsyncClient, researchers: list[str], tally: Tally, until: float
) -> None:
    """A closed-loop client asking profiles, one after another."""
    n = 0
    while time.monotonic() < until:
        answer = await http.post(
            "/graphql",
            json={"query": PROFILE, "variables": {"id": researchers[n % len(researchers)]}},
        )
        tally.queries += 1
        tally.query_errors += int(answer.status_code != 200 or "errors" in answer.json())
        n += 1


async def writing(
    http: httpx.AsyncClient,
    token: str,
    researchers: list[str],
    rate: float,
    tally: Tally,
    until: float,
) -> None:
    """Follows and unfollows the records in turn, `rate` times a second."""
    headers = {"authorization": f"Bearer {token}"}
    following: dict[str, bool] = {}
    n = 0
    started = time.monotonic()
    while time.monotonic() < until:
        researcher = researchers[n % len(researchers)]
        follow = not following.get(researcher, False)
        following[researcher] = follow
        answer = await http.post(
            "/graphql",
            json={"query": FOLLOWS[follow], "variables": {"id": researcher}},
            headers=headers,
        )
        assert "errors" not in answer.json(), answer.json()
        tally.published.setdefault(researcher, []).append("")
        n += 1
        pause = started + n / rate - time.monotonic()
        if pause > 0:
            await asyncio.sleep(pause)


async def run(options: argparse.Namespace) -> dict[str, Any]:
    settings = Settings.from_env({"BZPEER_JWT_SECRET": options.secret}, env_file=None)
    token = mint(settings, "u-bench-live", "bench")
    ids = await _researchers(options.url, options.researchers)
    tally = Tally()
    load_before = os.getloadavg()
    limits = httpx.Limits(max_connections=options.subscribers + options.clients + 10)
    timeout = httpx.Timeout(60, read=None)
    async with httpx.AsyncClient(base_url=options.url, limits=limits, timeout=timeout) as http:
        readies = [asyncio.Event() for _ in range(options.subscribers)]
        listening = [
            asyncio.create_task(
                subscriber(
                    http,
                    n,
                    ids[n % len(ids)],
                    mint(settings, f"u-bench-sub-{n}", f"sub{n}"),
                    tally,
                    readies[n],
                )
            )
            for n in range(options.subscribers)
        ]
        for ready in readies:
            await ready.wait()
        if options.warmup > 0:
            # every worker's first requests are slow (caches, plans): run the same load
            # untimed, let its last changes arrive, then count afresh
            until = time.monotonic() + options.warmup
            await asyncio.gather(
                writing(http, token, ids, options.rate, tally, until),
                *(querying(http, ids, tally, until) for _ in range(options.clients)),
            )
            await asyncio.sleep(2.0)
            tally.delays.clear()
            tally.published.clear()
            tally.queries = tally.query_errors = 0
            for seen in tally.seen.values():
                seen.clear()
        until = time.monotonic() + options.duration
        await asyncio.gather(
            writing(http, token, ids, options.rate, tally, until),
            *(querying(http, ids, tally, until) for _ in range(options.clients)),
        )
        # the last changes are on their way: give them a second, then stop listening
        await asyncio.sleep(1.0)
        for task in listening:
            task.cancel()
        await asyncio.gather(*listening, return_exceptions=True)
    expected = sum(
        len(tally.published.get(ids[n % len(ids)], [])) for n in range(options.subscribers)
    )
    delivered = sum(len(seen) for seen in tally.seen.values())
    delays = sorted(tally.delays)
    return {
        "url": options.url,
        "subscribers": options.subscribers,
        "researchers": len(ids),
        "clients": options.clients,
        "rate": options.rate,
        "warmup_s": options.warmup,
        "duration_s": options.duration,
        "changes": sum(len(v) for v in tally.published.values()),
        "deliveries_expected": expected,
        "deliveries": delivered,
        "subscriptions_refused": len(tally.refused),
        "queries": tally.queries,
        "query_errors": tally.query_errors,
        # the machine's 1, 5 and 15 minute load averages when the run started and ended
        "load_average": {"start": list(load_before), "end": list(os.getloadavg())},
        "delay_ms": {
            "p50": round(_quantile(delays, 0.50) * 1000, 1),
            "p99": round(_quantile(delays, 0.99) * 1000, 1),
            "max": round(delays[-1] * 1000, 1) if delays else None,
        },
    }


async def _researchers(url: str, count: int) -> list[str]:
    query = "query($n: Int!) { researchers(first: $n) { edges { node { id } } } }"
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        answer = (
            await http.post("/graphql", json={"query": query, "variables": {"n": count}})
        ).json()
    return [edge["node"]["id"] for edge in answer["data"]["researchers"]["edges"]]


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url", required=True, help="the running server, e.g. http://127.0.0.1:8000"
    )
    parser.add_argument("--secret", required=True, help="its BZPEER_JWT_SECRET (to sign a writer)")
    parser.add_argument("--subscribers", type=int, default=100)
    parser.add_argument("--researchers", type=int, default=10)
    parser.add_argument("--clients", type=int, default=8, help="closed-loop query clients")
    parser.add_argument("--rate", type=float, default=10.0, help="changes per second")
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--warmup", type=float, default=10.0, help="untimed seconds first")
    parser.add_argument(
        "--label", default="", help="added to the results' file name (`-live-<n>-<label>`)"
    )
    options = parser.parse_args()
    result = asyncio.run(run(options))
    print(json.dumps(result, indent=2))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    RESULTS.mkdir(exist_ok=True)
    label = f"-{options.label}" if options.label else ""
    name = f"{stamp}-live-{options.subscribers}{label}.json"
    (RESULTS / name).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
