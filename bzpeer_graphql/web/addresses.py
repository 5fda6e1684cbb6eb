"""Who is asking: the client's address, from the socket or, behind trusted proxies, from
Forwarded or X-Forwarded-For."""

from __future__ import annotations

from ipaddress import ip_address
from typing import Any

from starlette.requests import Request

from bzpeer_graphql.settings import Settings


def client_address(request: Request, settings: Settings) -> str:
    """The client's address: the socket's, or behind a proxy named by
    BZPEER_TRUST_FORWARDED_FOR the nearest address its X-Forwarded-For or Forwarded gives that
    is not itself a trusted proxy."""
    socket = request.client.host if request.client else "unknown"
    trusted = settings.trusted_proxies()
    if not trusted or not _within_networks(socket, trusted):
        return socket
    hops = _forwarded_hops(request)
    for hop in reversed(hops):
        if not _within_networks(hop, trusted):
            return hop
    return hops[0] if hops else socket


def _forwarded_hops(request: Request) -> list[str]:
    """The addresses a proxy appended, first (the original client) to last."""
    forwarded = request.headers.get("forwarded")
    if forwarded:
        hops = []
        for element in forwarded.split(","):
            for pair in element.split(";"):
                name, _, value = pair.strip().partition("=")
                if name.lower() == "for":
                    host = value.strip().strip('"')
                    if host.startswith("["):
                        host = host[1 : host.find("]")]  # [v6]:port
                    elif host.count(":") == 1:
                        host = host.split(":")[0]  # v4:port
                    hops.append(host)
        return hops
    listed = request.headers.get("x-forwarded-for", "")
    return [hop.strip() for hop in listed.split(",") if hop.strip()]


def _within_networks(address: str, networks: tuple[Any, ...]) -> bool:
    try:
        parsed = ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in networks)
