"""Apps embed the server: mount the ASGI app under a prefix, or run queries in-process."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route

import bzpeer_graphql
from bzpeer_graphql.policy.auth import Viewer
from bzpeer_graphql.settings import Settings

pytestmark = pytest.mark.usefixtures("seeded")


async def test_mounted_under_a_prefix(settings: Settings) -> None:
    api = bzpeer_graphql.create_app(settings)

    async def home(request: object) -> PlainTextResponse:
        return PlainTextResponse("the host app")

    host = Starlette(routes=[Route("/", home), Mount("/research", app=api)])
    transport = httpx.ASGITransport(app=host)
    async with httpx.AsyncClient(transport=transport, base_url="http://host") as client:
        assert (await client.get("/")).text == "the host app"
        assert (await client.get("/research/healthz")).json() == {"status": "ok"}
        answer = await client.post(
            "/research/graphql", json={"query": '{ researcher(id: "gongfan-fang") { name } }'}
        )
    await api.state.runtime.close()
    assert answer.json() == {"data": {"researcher": {"name": "Gongfan Fang"}}}


async def test_execute_in_process(settings: Settings) -> None:
    result = await bzpeer_graphql.execute(
        "query($id: ID!) { researcher(id: $id) { counts { works closeCollaborators } } }",
        {"id": "gongfan-fang"},
        settings=settings,
    )
    bad = await bzpeer_graphql.execute("{ researcher { name } }", settings=settings)
    await bzpeer_graphql.close()
    assert result == {"data": {"researcher": {"counts": {"works": 5, "closeCollaborators": 4}}}}
    assert bad["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_execute_as_a_viewer_the_host_app_signed_in(settings: Settings) -> None:
    follow = """mutation { followResearcher(id: "gongfan-fang") {
      researcher { viewerFollows counts { followers } } } }"""
    anonymous = await bzpeer_graphql.execute(follow, settings=settings)
    viewer = Viewer(id="u-embedded", handle="host-user")
    followed = await bzpeer_graphql.execute(follow, settings=settings, viewer=viewer)
    seen = await bzpeer_graphql.execute(
        "{ viewer { handle follows { totalCount } } }", settings=settings, viewer=viewer
    )
    await bzpeer_graphql.execute(
        'mutation { unfollowResearcher(id: "gongfan-fang") { researcher { id } } }',
        settings=settings,
        viewer=viewer,
    )
    await bzpeer_graphql.close()
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert followed == {
        "data": {
            "followResearcher": {"researcher": {"viewerFollows": True, "counts": {"followers": 1}}}
        }
    }
    assert seen == {"data": {"viewer": {"handle": "host-user", "follows": {"totalCount": 1}}}}
