"""Real HTTP (httpx over ASGI) to the web routes the features register, served the way
``pledgebot serve`` serves them."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.routing import Route

from bot.registry import Registry


def web_app(router: Registry, *paths: str) -> Starlette:
    """A web app of the router's registered routes (only ``paths`` when given)."""
    return Starlette(routes=[Route(route.path, route.endpoint, methods=list(route.methods))
                             for path, route in router.web_routes.items()
                             if not paths or path in paths])


def request(app: Starlette, method: str, path: str, *, base_url: str = "http://web",
            **kw: Any) -> httpx.Response:
    """One request to ``app``; ``kw`` as ``httpx.AsyncClient.request`` takes them."""
    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
            return await client.request(method, path, **kw)
    return asyncio.run(call())
